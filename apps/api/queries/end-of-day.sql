-- The SQL of end-of-day.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- waitingCount
SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND status = 'waiting' AND service_day <= $2::date
AND ($3::uuid IS NULL OR service_id IN (SELECT id FROM services WHERE agency_id = $3::uuid));

-- lockWaiting
SELECT id FROM tickets WHERE office_id = $1 AND status = 'waiting' AND service_day <= $2::date ORDER BY issue_order FOR NO KEY UPDATE;

-- close
UPDATE tickets SET status = 'closed_end_of_day' WHERE id = ANY($1::uuid[]) AND status = 'waiting';

-- views
SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id WHERE t.id = ANY($1::uuid[]) ORDER BY t.issue_order;

-- officesWithWaiting
SELECT DISTINCT office_id FROM tickets WHERE status = 'waiting';
