-- The SQL of admin-calendar.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- ownDays
SELECT day::text AS day, kind, name FROM office_days WHERE office_id = $1 ORDER BY day;

-- closures
SELECT id, starts_at, ends_at, reason FROM office_closures WHERE office_id = $1 AND ends_at > $2 ORDER BY starts_at;

-- insertDay
INSERT INTO office_days (office_id, day, kind, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6);

-- insertClosure
INSERT INTO office_closures (office_id, starts_at, ends_at, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id;

-- deleteDay
WITH removed AS (DELETE FROM office_days WHERE office_id = $1 AND day = $2::date RETURNING day, kind, name)
SELECT day::text AS day, kind, name FROM removed;

-- closureForUpdate
SELECT id, starts_at, ends_at, reason FROM office_closures WHERE office_id = $1 AND id = $2 FOR UPDATE;

-- endClosure
UPDATE office_closures SET ends_at = $3 WHERE office_id = $1 AND id = $2;

-- deleteClosure
DELETE FROM office_closures WHERE office_id = $1 AND id = $2;

-- waiting
SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND status = 'waiting';

-- bookingsIn
SELECT count(*)::int AS n FROM bookings WHERE office_id = $1 AND status = 'booked' AND slot_starts_at < $3 AND slot_ends_at > $2;

-- closedNotices
WITH hit AS (
  SELECT 'ticket:' || t.id AS subject_key, s.id AS service_id, '/t/' || t.tracking_code AS link,
         jsonb_build_object('id', t.id, 'number', t.issued_code || '-' || lpad(t.number::text, greatest(3, length(t.number::text)), '0'), 'trackingCode', t.tracking_code) AS ticket,
         NULL::jsonb AS booking, b.name, b.phone
  FROM tickets t JOIN services s ON s.id = t.service_id LEFT JOIN bookings b ON b.ticket_id = t.id
  WHERE $7::boolean AND t.office_id = $1 AND t.status = 'waiting'
  UNION ALL
  SELECT 'booking:' || b.id, b.service_id, '/b/' || b.code, NULL::jsonb,
         jsonb_build_object('id', b.id, 'reference', b.reference, 'code', b.code, 'day', b.service_day::text, 'startsAt', b.slot_starts_at, 'endsAt', b.slot_ends_at),
         b.name, b.phone
  FROM bookings b WHERE b.office_id = $1 AND b.status = 'booked' AND b.slot_starts_at < $3 AND b.slot_ends_at > $2
), notice AS (
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT o.id, 'office.closed_unexpectedly', $5, hit.subject_key,
         jsonb_build_object('office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone), 'from', $8::text, 'to', $9::text, 'reason', $4::text,
                            'service', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name), 'ticket', hit.ticket, 'booking', hit.booking, 'link', hit.link,
                            'contact', CASE WHEN hit.name IS NULL AND hit.phone IS NULL THEN NULL ELSE jsonb_build_object('name', hit.name, 'phone', hit.phone) END),
         $6
  FROM hit JOIN offices o ON o.id = $1 JOIN services s ON s.id = hit.service_id
  WHERE (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = o.id AND w.enabled AND 'office.closed_unexpectedly' = ANY(w.events))
    OR ('office.closed_unexpectedly' IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = o.id
    AND (hit.subject_key IS NULL OR p.ticket_id = (CASE WHEN hit.subject_key LIKE 'ticket:%' THEN substr(hit.subject_key, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN hit.subject_key LIKE 'ticket:%' THEN substr(hit.subject_key, 8)::uuid END))))))
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
SELECT count(*)::int AS written FROM notice;
