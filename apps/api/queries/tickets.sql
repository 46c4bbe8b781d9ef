-- The SQL of tickets.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- issueContext
SELECT o.id, o.slug, o.name, o.address, o.time_zone, o.opening_hours, o.priority_max_wait_minutes, o.seq, o.anonymous_issue,
       (SELECT k.id FROM kiosk_devices k WHERE k.office_id = o.id AND k.token_hash = $3 AND k.revoked_at IS NULL) AS kiosk_id,
       s.id AS service_id, s.code AS service_code, s.name AS service_name, s.max_wait_minutes, s.daily_quota, s.active AS service_active,
       -- The active counters serving it (domain countersServingFor over a snapshot's counters; test/repositories/counters-open-sql.spec.ts)
       (SELECT count(*)::int FROM counter_services cs WHERE cs.service_id = s.id AND (SELECT c.active FROM counters c WHERE c.id = cs.counter_id)) AS counters_serving,
       s.issue_cutoff_minutes, s.dynamic_quota,
       -- The calendar the domain's issuingStatus needs: own days from yesterday on (a year and
       -- more ahead, the reach of "opens next") and the closures not yet over.
       (SELECT coalesce(json_agg(json_build_object('day', d.day::text, 'kind', d.kind, 'name', d.name)), '[]')
        FROM office_days d
        WHERE d.office_id = o.id AND d.day BETWEEN ($4::timestamptz AT TIME ZONE o.time_zone)::date - 1 AND ($4::timestamptz AT TIME ZONE o.time_zone)::date + 401) AS own_days,
       (SELECT coalesce(json_agg(json_build_object('from', c.starts_at, 'to', c.ends_at, 'reason', c.reason)), '[]')
        FROM office_closures c WHERE c.office_id = o.id AND c.ends_at > $4::timestamptz) AS closures
FROM offices o LEFT JOIN services s ON s.office_id = o.id AND s.id = $2
WHERE o.slug = $1;

-- issue
WITH num AS (
  INSERT INTO ticket_number_counters AS n (service_id, service_day, last_number) VALUES ($1, $2, 1)
  ON CONFLICT (service_id, service_day) DO UPDATE SET last_number = n.last_number + 1
    WHERE $3::int IS NULL OR n.last_number < $3::int
  RETURNING last_number
), ticket AS (
  INSERT INTO tickets (office_id, service_id, issued_service_id, issued_code, service_day, number, priority, status,
                       issued_at, due_at, tracking_code, idempotency_key, idempotency_client)
  SELECT $4, $1, $1, $5, $2, num.last_number, $6, 'waiting', $7, $8, $9, $10, $13 FROM num
  RETURNING id, issue_order, number
), bumped AS (
  UPDATE offices SET seq = seq + 1 WHERE id = $4 AND EXISTS (SELECT 1 FROM ticket) RETURNING seq
), event AS (
  INSERT INTO ticket_events (ticket_id, office_id, type, at, actor_kind, service_id, payload, seq)
  SELECT ticket.id, $4, $11, $7, 'citizen', $1, $12, bumped.seq FROM ticket, bumped
  RETURNING seq
), notice AS (
  -- The outbox row (notifications/outbox.repository.ts), only when someone in the office wants ticket.issued.
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT $4, 'ticket.issued', $14, 'ticket:' || ticket.id, jsonb_build_object(
           'ticket', jsonb_build_object('id', ticket.id, 'number', $5::text || '-' || lpad(ticket.number::text, greatest(3, length(ticket.number::text)), '0'), 'trackingCode', $9::text, 'recallCount', 0),
           'office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone), 'service', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name), 'counter', NULL,
           -- As the final SELECT counts it: the service's waiting count less those behind it.
           'ahead', greatest(coalesce((SELECT sw.waiting FROM service_waiting sw WHERE sw.service_id = $1), 0)
                      - (SELECT count(*)::int FROM tickets w
                         WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) > ($8, $7, ticket.issue_order)), 0),
           'estimatedWaitMinutes', NULL, 'link', '/t/' || $9::text, 'contact', NULL), $7
  FROM ticket JOIN offices o ON o.id = $4 JOIN services s ON s.id = $1
  WHERE (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = $4 AND w.enabled AND 'ticket.issued' = ANY(w.events))
    OR ('ticket.issued' IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = $4
    AND ('ticket:' || ticket.id IS NULL OR p.ticket_id = (CASE WHEN 'ticket:' || ticket.id LIKE 'ticket:%' THEN substr('ticket:' || ticket.id, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN 'ticket:' || ticket.id LIKE 'ticket:%' THEN substr('ticket:' || ticket.id, 8)::uuid END))))))
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
-- The tickets ahead of it (its place - 1): the service's waiting count less those behind it in call
-- order, not the queue counted through (migration 1765180000000). The statement sees neither its
-- own new row nor the count it will raise at COMMIT; a new ticket joins at or near the end.
SELECT ticket.id, ticket.issue_order, ticket.number, event.seq,
       greatest(coalesce((SELECT sw.waiting FROM service_waiting sw WHERE sw.service_id = $1), 0)
         - (SELECT count(*)::int FROM tickets w
            WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) > ($8, $7, ticket.issue_order)), 0) AS ahead
FROM ticket, event;

-- byIdempotencyKey
SELECT id FROM tickets WHERE office_id = $1 AND idempotency_key = $2 AND idempotency_client = $3;

-- byTrackingCode
SELECT id FROM tickets WHERE tracking_code = $1;

-- trackingCode
SELECT t.id, t.office_id, o.slug AS office_slug FROM tickets t JOIN offices o ON o.id = t.office_id WHERE t.tracking_code = $1;

-- claimPlan
SET LOCAL enable_sort = off;

-- claimNext
SELECT id, office_id, status, service_id, due_at, counter_id, staff_id, called_at, started_at, finished_at, recall_count, priority, issued_at, service_day::text AS service_day, tracking_code FROM tickets
WHERE office_id = $1 AND status = 'waiting' AND service_id = ANY($2::uuid[])
ORDER BY due_at, issued_at, issue_order
LIMIT 1
FOR NO KEY UPDATE SKIP LOCKED;

-- claimNextPriority
SELECT id, office_id, status, service_id, due_at, counter_id, staff_id, called_at, started_at, finished_at, recall_count, priority, issued_at, service_day::text AS service_day, tracking_code FROM tickets
WHERE office_id = $1 AND status = 'waiting' AND service_id = ANY($2::uuid[]) AND priority IS NOT NULL
ORDER BY due_at, issued_at, issue_order
LIMIT 1
FOR NO KEY UPDATE SKIP LOCKED;

-- lock
SELECT id, office_id, status, service_id, due_at, counter_id, staff_id, called_at, started_at, finished_at, recall_count, priority, issued_at, service_day::text AS service_day, tracking_code,
       (SELECT c.agency_id FROM counters c WHERE c.id = tickets.counter_id) AS counter_agency_id,
       (SELECT s.agency_id FROM services s WHERE s.id = tickets.service_id) AS service_agency_id
FROM tickets WHERE id = $1 FOR NO KEY UPDATE;

-- writeState
UPDATE tickets
SET status = $2, service_id = $3, due_at = $4, counter_id = $5, staff_id = $6, called_at = $7, started_at = $8, finished_at = $9, recall_count = $10
WHERE id = $1;

-- view
SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id WHERE t.id = $1;

-- tracked
SELECT v.*, t.tracking_code, s.name AS service_name,
       EXISTS (SELECT 1 FROM satisfaction_surveys ss WHERE ss.ticket_id = v.id) AS survey_submitted
FROM (SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id
      WHERE t.id = $1) v JOIN tickets t ON t.id = v.id JOIN services s ON s.id = v.service_id;

-- placeAhead
SELECT count(*)::int AS ahead FROM tickets w
WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) < ($2, $3, $4);

-- recordEvent
WITH bumped AS (UPDATE offices SET seq = seq + 1 WHERE id = $2 RETURNING seq
), event AS (
  INSERT INTO ticket_events (ticket_id, office_id, type, at, actor_kind, actor_staff_id, counter_id, service_id, payload, seq)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, bumped.seq FROM bumped
  RETURNING seq
), notice AS (
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT $2, $10::text, $11::int, 'ticket:' || t.id, jsonb_build_object(
    'ticket', jsonb_build_object('id', t.id, 'number', t.issued_code || '-' || lpad(t.number::text, greatest(3, length(t.number::text)), '0'), 'trackingCode', t.tracking_code, 'recallCount', t.recall_count),
    'office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone),
    'service', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name),
    'counter', CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object('id', c.id, 'number', c.number, 'name', c.name) END,
    'ahead', NULL, 'estimatedWaitMinutes', NULL,
    'link', '/t/' || t.tracking_code,
    'contact', CASE WHEN b.name IS NULL AND b.phone IS NULL THEN NULL ELSE jsonb_build_object('name', b.name, 'phone', b.phone) END), $4
  FROM tickets t JOIN offices o ON o.id = t.office_id JOIN services s ON s.id = t.service_id
  LEFT JOIN counters c ON c.id = $7 LEFT JOIN bookings b ON b.ticket_id = t.id
  WHERE $10::text IS NOT NULL AND t.id = $1 AND (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = $2 AND w.enabled AND $10::text = ANY(w.events))
    OR ($10::text IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = $2
    AND ('ticket:' || t.id IS NULL OR p.ticket_id = (CASE WHEN 'ticket:' || t.id LIKE 'ticket:%' THEN substr('ticket:' || t.id, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN 'ticket:' || t.id LIKE 'ticket:%' THEN substr('ticket:' || t.id, 8)::uuid END))))))
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
SELECT seq FROM event;

-- transferTarget
SELECT s.id, s.name, s.active, s.max_wait_minutes, o.priority_max_wait_minutes
FROM services s JOIN offices o ON o.id = s.office_id WHERE s.id = $1 AND s.office_id = $2;

-- officeTimeZone
SELECT time_zone FROM offices WHERE id = $1;

-- noShowAfterMinutes
SELECT no_show_after_minutes FROM offices WHERE id = $1;

-- counterOf
SELECT counter_id FROM tickets WHERE id = $1;
