-- The SQL of push-deliveries.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- officesWanting
SELECT DISTINCT office_id FROM push_subscriptions;

-- claim
WITH due AS (
  SELECT d.id FROM push_deliveries d
  WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
  ORDER BY d.next_attempt_at, d.id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE push_deliveries d SET leased_until = $2, attempts = d.attempts + 1 FROM due WHERE d.id = due.id
  RETURNING d.id, d.outbox_id, d.subscription_id, d.attempts
)
SELECT c.id, c.attempts, o.type, o.data, o.occurred_at, s.endpoint, s.p256dh, s.auth, s.language, t.id AS ticket_id, t.status AS ticket_status
FROM claimed c JOIN outbox o ON o.id = c.outbox_id JOIN push_subscriptions s ON s.id = c.subscription_id
JOIN tickets t ON t.id = substr(o.subject_key, 8)::uuid;

-- record
UPDATE push_deliveries d
SET status = x.status, next_attempt_at = coalesce(x.next, d.next_attempt_at), leased_until = NULL, last_status = x.last_status,
    finished_at = CASE WHEN x.status = 'pending' THEN NULL ELSE $2::timestamptz END
FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, status text, next timestamptz, last_status int)
WHERE d.id = x.id;
