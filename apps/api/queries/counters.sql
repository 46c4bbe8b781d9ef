-- The SQL of counters.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- lock
SELECT id, office_id, number, name, priority_only FROM counters WHERE id = $1 AND active FOR UPDATE;

-- state
SELECT cn.id AS session_id, cn.state, cn.staff_id AS session_staff_id,
       COALESCE((SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id), '{}') AS service_ids,
       held.issued_code AS held_code, held.number AS held_number, held.status AS held_status
FROM counters c
LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
LEFT JOIN LATERAL (SELECT t.issued_code, t.number, t.status FROM tickets t WHERE t.counter_id = c.id AND t.status IN ('called', 'serving') LIMIT 1) held ON true
WHERE c.id = $1;

-- lockOfficer
SELECT id FROM staff WHERE id = $1 FOR NO KEY UPDATE;

-- officer
SELECT s.active, s.role, EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = s.id AND so.office_id = $2) AS in_office,
       (SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id WHERE cn.staff_id = s.id AND cn.state <> 'closed') AS elsewhere
FROM staff s WHERE s.id = $1;

-- openSession
INSERT INTO counter_sessions (counter_id, staff_id, state, opened_at) VALUES ($1, $2, 'open', $3) RETURNING id;

-- pauseSession
UPDATE counter_sessions SET state = 'paused', pause_reason = $2 WHERE id = $1;

-- resumeSession
UPDATE counter_sessions SET state = 'open', pause_reason = NULL WHERE id = $1;

-- closeSession
UPDATE counter_sessions SET state = 'closed', pause_reason = NULL, closed_at = $2 WHERE id = $1;

-- recordEvent
INSERT INTO counter_session_events (session_id, counter_id, type, at, actor_staff_id, reason, seq) VALUES ($1, $2, $3, $4, $5, $6, $7);

-- staffing
SELECT c.id,
       (SELECT array_agg(s.code ORDER BY s.sort_order, s.code) FROM counter_services cs JOIN services s ON s.id = cs.service_id WHERE cs.counter_id = c.id) AS codes,
       cn.staff_id, st.name AS staff_name
FROM counters c
LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
LEFT JOIN staff st ON st.id = cn.staff_id
WHERE c.office_id = $1;

-- queueCounter
SELECT c.id, c.office_id, c.priority_only, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
FROM counters c WHERE c.id = $1 AND c.active;

-- queue
SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id WHERE t.office_id = $1 AND t.status = 'waiting' AND t.service_id = ANY($2::uuid[]);
