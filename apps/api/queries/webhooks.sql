-- The SQL of webhooks.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- list
SELECT e.id, e.office_id, e.url, e.events, e.enabled, e.description, e.created_at, e.updated_at, e.previous_secret_until,
(SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending') AS pending,
(SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed') AS failed FROM webhook_endpoints e WHERE e.office_id = $1 ORDER BY e.created_at, e.id;

-- byId
SELECT e.id, e.office_id, e.url, e.events, e.enabled, e.description, e.created_at, e.updated_at, e.previous_secret_until,
(SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending') AS pending,
(SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed') AS failed FROM webhook_endpoints e WHERE e.id = $1 AND e.office_id = $2;

-- create
INSERT INTO webhook_endpoints (office_id, url, events, enabled, description, secret, created_at, updated_at)
VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $7) RETURNING id;

-- update
UPDATE webhook_endpoints SET url = $3, events = $4::text[], enabled = $5, description = $6, updated_at = $7
WHERE id = $1 AND office_id = $2 RETURNING id;

-- rotate
UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = $4, secret = $3, updated_at = $5
WHERE id = $1 AND office_id = $2 RETURNING id;

-- remove
DELETE FROM webhook_endpoints WHERE id = $1 AND office_id = $2 RETURNING id;

-- lock
SELECT url, events, enabled, description, previous_secret_until FROM webhook_endpoints WHERE id = $1 AND office_id = $2 FOR UPDATE;

-- deliveries
SELECT d.id::text AS id, d.endpoint_id, o.event_id, o.type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status,
       d.last_error, d.last_response, d.finished_at, d.created_at, o.occurred_at
FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.id DESC LIMIT $3;

-- sendTest
WITH endpoint AS (
  SELECT e.id, e.office_id, jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone) AS office FROM webhook_endpoints e JOIN offices o ON o.id = e.office_id WHERE e.id = $1 AND e.office_id = $2
), notice AS (
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT endpoint.office_id, 'webhook.test', $3, 'test:' || endpoint.id,
         jsonb_build_object('office', endpoint.office, 'endpointId', endpoint.id, 'message', $4::text), $5
  FROM endpoint
  RETURNING id, subject_key, occurred_at
)
INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
SELECT notice.id, $1, notice.subject_key, $5, $5, $5 FROM notice
RETURNING id::text AS id;

-- replay
UPDATE webhook_deliveries d SET status = 'pending', attempts = 0, first_due_at = $3, next_attempt_at = $3, leased_until = NULL, finished_at = NULL
FROM webhook_endpoints e
WHERE d.id = $1::bigint AND e.id = d.endpoint_id AND e.id = $2 AND d.status = 'failed'
RETURNING d.id::text AS id;

-- deliveryStatus
SELECT d.status FROM webhook_deliveries d WHERE d.id = $1::bigint AND d.endpoint_id = $2;

-- officesWanting
SELECT office_id FROM webhook_endpoints WHERE enabled UNION SELECT office_id FROM push_subscriptions;

-- claim
WITH room AS (
  SELECT w.id, $6 - coalesce(($5::jsonb ->> w.id::text)::int, 0) AS free
  FROM webhook_endpoints w
  WHERE w.enabled AND ($4::uuid IS NULL OR w.office_id = $4) AND $6 - coalesce(($5::jsonb ->> w.id::text)::int, 0) > 0
), locked AS (
  SELECT x.id, room.id AS endpoint_id, x.next_attempt_at, room.free FROM room CROSS JOIN LATERAL (
    SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
    WHERE d.endpoint_id = room.id AND d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                      WHERE p.endpoint_id = d.endpoint_id AND p.subject_key = d.subject_key AND p.status = 'pending' AND p.id < d.id)
    ORDER BY d.next_attempt_at, d.id
    LIMIT $6
    FOR UPDATE SKIP LOCKED
  ) x
), due AS (
  SELECT l.id FROM (SELECT id, free, next_attempt_at, row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at, id) AS turn FROM locked) l
  WHERE l.turn <= l.free
  ORDER BY l.turn, l.next_attempt_at, l.id
  LIMIT $3
), claimed AS (
  UPDATE webhook_deliveries d SET leased_until = $2, attempts = d.attempts + 1, last_attempt_at = $1
  FROM due WHERE d.id = due.id
  RETURNING d.id, d.outbox_id, d.endpoint_id, d.attempts, d.first_due_at
)
SELECT claimed.id::text AS id, claimed.attempts, claimed.first_due_at, o.event_id, o.type, o.version, o.data, o.occurred_at,
       w.id AS endpoint_id, w.office_id, w.url, w.secret, w.previous_secret, w.previous_secret_until,
       CASE WHEN o.type = 'ticket.near'
            THEN EXISTS (SELECT 1 FROM tickets t WHERE t.id = substr(o.subject_key, 8)::uuid AND t.status <> 'waiting')
            ELSE false END AS stale
FROM claimed JOIN outbox o ON o.id = claimed.outbox_id JOIN webhook_endpoints w ON w.id = claimed.endpoint_id
ORDER BY claimed.id;

-- record
UPDATE webhook_deliveries d
SET status = r.status, leased_until = NULL, next_attempt_at = coalesce(r.next_attempt_at, d.next_attempt_at),
    last_status = r.last_status, last_error = r.last_error, last_response = r.last_response, finished_at = r.finished_at
FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, status text, next_attempt_at timestamptz, last_status int, last_error text, last_response text, finished_at timestamptz)
WHERE d.id = r.id AND d.status = 'pending';

-- prune
WITH old AS (DELETE FROM webhook_deliveries WHERE created_at < $1 AND status <> 'pending' RETURNING id)
, gone AS (DELETE FROM outbox o WHERE o.occurred_at < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_id = o.id AND d.status = 'pending') RETURNING id)
SELECT (SELECT count(*) FROM old)::int AS deliveries, (SELECT count(*) FROM gone)::int AS events;
