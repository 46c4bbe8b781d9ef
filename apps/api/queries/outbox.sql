-- The SQL of outbox.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- bookingNotice
WITH notice AS (
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT b.office_id, $2, $3, 'booking:' || b.id, jsonb_build_object(
    'booking', jsonb_build_object('id', b.id, 'reference', b.reference, 'code', b.code, 'day', b.service_day::text,
                                  'startsAt', b.slot_starts_at, 'endsAt', b.slot_ends_at),
    'office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone),
    'service', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name),
    'link', '/b/' || b.code,
    'contact', CASE WHEN b.name IS NULL AND b.phone IS NULL THEN NULL ELSE jsonb_build_object('name', b.name, 'phone', b.phone) END), $4
  FROM bookings b JOIN offices o ON o.id = b.office_id JOIN services s ON s.id = b.service_id
  WHERE b.id = $1 AND (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = b.office_id AND w.enabled AND $2::text = ANY(w.events))
    OR ($2::text IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = b.office_id
    AND ('booking:' || b.id IS NULL OR p.ticket_id = (CASE WHEN 'booking:' || b.id LIKE 'ticket:%' THEN substr('booking:' || b.id, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN 'booking:' || b.id LIKE 'ticket:%' THEN substr('booking:' || b.id, 8)::uuid END))))))
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
SELECT count(*)::int AS written FROM notice;

-- nearNotices
WITH chosen AS (
  SELECT x.id, x.ahead, x.estimate FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, ahead int, estimate int)
), notice AS (
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT t.office_id, 'ticket.near', $3, 'ticket:' || t.id,
         jsonb_build_object(
    'ticket', jsonb_build_object('id', t.id, 'number', t.issued_code || '-' || lpad(t.number::text, greatest(3, length(t.number::text)), '0'), 'trackingCode', t.tracking_code, 'recallCount', t.recall_count),
    'office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone),
    'service', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name),
    'counter', CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object('id', c.id, 'number', c.number, 'name', c.name) END,
    'ahead', NULL, 'estimatedWaitMinutes', NULL,
    'link', '/t/' || t.tracking_code,
    'contact', CASE WHEN b.name IS NULL AND b.phone IS NULL THEN NULL ELSE jsonb_build_object('name', b.name, 'phone', b.phone) END) || jsonb_build_object('ahead', chosen.ahead, 'estimatedWaitMinutes', chosen.estimate), $4
  FROM chosen JOIN tickets t ON t.id = chosen.id AND t.status = 'waiting' AND t.office_id = $1
  JOIN offices o ON o.id = t.office_id JOIN services s ON s.id = t.service_id
  LEFT JOIN counters c ON false LEFT JOIN bookings b ON b.ticket_id = t.id
  WHERE (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = t.office_id AND w.enabled AND 'ticket.near' = ANY(w.events))
    OR ('ticket.near' IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = t.office_id
    AND ('ticket:' || t.id IS NULL OR p.ticket_id = (CASE WHEN 'ticket:' || t.id LIKE 'ticket:%' THEN substr('ticket:' || t.id, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN 'ticket:' || t.id LIKE 'ticket:%' THEN substr('ticket:' || t.id, 8)::uuid END))))))
  ON CONFLICT DO NOTHING
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
SELECT count(*)::int AS written FROM notice;

-- reminderNotices
WITH chosen AS (
  SELECT x.id, x.kind FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, kind text)
), notice AS (
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at, once_key)
  SELECT b.office_id, 'booking.reminder', $2, 'booking:' || b.id, jsonb_build_object(
    'booking', jsonb_build_object('id', b.id, 'reference', b.reference, 'code', b.code, 'day', b.service_day::text,
                                  'startsAt', b.slot_starts_at, 'endsAt', b.slot_ends_at),
    'office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone),
    'service', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name),
    'link', '/b/' || b.code,
    'contact', CASE WHEN b.name IS NULL AND b.phone IS NULL THEN NULL ELSE jsonb_build_object('name', b.name, 'phone', b.phone) END) || jsonb_build_object('reminder', chosen.kind), $3,
         'reminder:' || chosen.kind || ':' || b.id || ':' || floor(extract(epoch FROM b.slot_starts_at))::bigint
  FROM chosen JOIN bookings b ON b.id = chosen.id AND b.status = 'booked'
  JOIN offices o ON o.id = b.office_id JOIN services s ON s.id = b.service_id
  WHERE (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = b.office_id AND w.enabled AND 'booking.reminder' = ANY(w.events))
    OR ('booking.reminder' IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = b.office_id
    AND ('booking:' || b.id IS NULL OR p.ticket_id = (CASE WHEN 'booking:' || b.id LIKE 'ticket:%' THEN substr('booking:' || b.id, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN 'booking:' || b.id LIKE 'ticket:%' THEN substr('booking:' || b.id, 8)::uuid END))))))
  ON CONFLICT DO NOTHING
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
SELECT count(*)::int AS written FROM notice;

-- reminderCandidates
SELECT b.id, b.service_day::text AS day, b.slot_starts_at, b.created_at, o.reminder_hour, o.time_zone
FROM bookings b JOIN offices o ON o.id = b.office_id
WHERE b.office_id IN (SELECT w.office_id FROM webhook_endpoints w WHERE w.enabled AND 'booking.reminder' = ANY(w.events))
  AND ($2::uuid IS NULL OR b.office_id = $2)
  AND b.status = 'booked' AND b.slot_starts_at > $1 AND b.slot_starts_at <= $1 + interval '2 days'
  AND NOT EXISTS (SELECT 1 FROM outbox n WHERE n.once_key = 'reminder:' || 'hour_before' || ':' || b.id || ':' || floor(extract(epoch FROM b.slot_starts_at))::bigint)
ORDER BY b.slot_starts_at
LIMIT 2000;

-- complaintNotice
WITH notice AS (
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT k.office_id, 'complaint.updated', $2, 'complaint:' || k.id,
         jsonb_build_object(
           'office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone),
           'complaint', jsonb_build_object('id', k.id, 'number', k.number::text, 'status', k.status, 'code', k.code, 'publicReply', k.public_reply),
           'link', '/pengaduan/' || k.code,
           'contact', CASE WHEN k.contact_name IS NULL AND k.contact IS NULL THEN NULL ELSE jsonb_build_object('name', k.contact_name, 'phone', k.contact) END),
         $3
  FROM complaints k JOIN offices o ON o.id = k.office_id
  WHERE k.id = $1 AND (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = k.office_id AND w.enabled AND 'complaint.updated' = ANY(w.events))
    OR ('complaint.updated' IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = k.office_id
    AND ('complaint:' || k.id IS NULL OR p.ticket_id = (CASE WHEN 'complaint:' || k.id LIKE 'ticket:%' THEN substr('complaint:' || k.id, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN 'complaint:' || k.id LIKE 'ticket:%' THEN substr('complaint:' || k.id, 8)::uuid END))))))
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
SELECT count(*)::int AS written FROM notice;

-- nearOffices
SELECT o.id, o.slug, o.near_ahead, o.near_minutes FROM offices o
WHERE (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = o.id AND w.enabled AND 'ticket.near' = ANY(w.events))
    OR ('ticket.near' IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = o.id
    AND (NULL IS NULL OR p.ticket_id = (CASE WHEN NULL LIKE 'ticket:%' THEN substr(NULL, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN NULL LIKE 'ticket:%' THEN substr(NULL, 8)::uuid END))))));

-- nearCandidates
SELECT q.id, q.service_id, q.priority, q.ahead FROM (
  SELECT t.id, t.service_id, t.priority,
         (row_number() OVER (PARTITION BY t.service_id ORDER BY t.due_at, t.issued_at, t.issue_order) - 1)::int AS ahead
  FROM tickets t WHERE t.office_id = $1 AND t.status = 'waiting') q
WHERE NOT EXISTS (SELECT 1 FROM outbox n WHERE n.subject_key = 'ticket:' || q.id AND n.type = 'ticket.near')
ORDER BY q.ahead
LIMIT 500;
