-- The SQL of counters.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- lock
SELECT id, office_id, agency_id, number, name, priority_only FROM counters WHERE id = $1 AND active FOR UPDATE;

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
INSERT INTO counter_sessions (counter_id, staff_id, state, opened_at, last_seen_at) VALUES ($1, $2, 'open', $3, $3) RETURNING id;

-- pauseSession
UPDATE counter_sessions SET state = 'paused', pause_reason = $2, pause_note = $3, paused_at = $4 WHERE id = $1;

-- resumeSession
UPDATE counter_sessions SET state = 'open', pause_reason = NULL, pause_note = NULL, paused_at = NULL, last_seen_at = $2 WHERE id = $1;

-- closeSession
UPDATE counter_sessions SET state = 'closed', pause_reason = NULL, pause_note = NULL, paused_at = NULL, closed_at = $2 WHERE id = $1;

-- recordEvent
WITH bumped AS (UPDATE offices SET seq = seq + 1 WHERE id = $8 RETURNING seq)
INSERT INTO counter_session_events (session_id, counter_id, type, at, actor_staff_id, reason, note, seq)
SELECT $1, $2, $3, $4, $5, $6, $7, bumped.seq FROM bumped
RETURNING seq;

-- heartbeat
WITH seen AS (UPDATE counter_sessions SET last_seen_at = $3 WHERE counter_id = $1 AND staff_id = $2 AND state <> 'closed' RETURNING state)
SELECT state FROM seen;

-- upkeepSessions
SELECT cn.id AS session_id, cn.counter_id, cn.state, cn.opened_at, COALESCE(cn.last_seen_at, cn.opened_at) AS last_seen_at,
       CASE WHEN jsonb_array_length(c.schedule) > 0 THEN c.schedule ELSE o.opening_hours END AS schedule,
       o.time_zone, o.offline_after_minutes, o.shift_end_grace_minutes,
       EXISTS (SELECT 1 FROM tickets t WHERE t.counter_id = cn.counter_id AND t.status IN ('called', 'serving')) AS busy
FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id JOIN offices o ON o.id = c.office_id
WHERE cn.state <> 'closed' AND ($1::uuid IS NULL OR cn.counter_id = $1::uuid);

-- noShows
SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id WHERE t.office_id = $1 AND t.status = 'no_show' AND t.service_day = $2::date AND t.service_id = ANY($3::uuid[])
ORDER BY t.finished_at DESC;

-- officeOfCounter
SELECT o.time_zone FROM counters c JOIN offices o ON o.id = c.office_id WHERE c.id = $1;

-- lastEvent
SELECT e.type, e.at, e.reason, e.note, cn.staff_id AS session_staff_id, a.id AS actor_id, a.name AS actor_name, a.role AS actor_role
FROM (SELECT id, staff_id FROM counter_sessions WHERE counter_id = $1 ORDER BY opened_at DESC LIMIT 1) cn
JOIN LATERAL (SELECT x.type, x.at, x.reason, x.note, x.actor_staff_id FROM counter_session_events x WHERE x.session_id = cn.id ORDER BY x.id DESC LIMIT 1) e ON true
LEFT JOIN staff a ON a.id = e.actor_staff_id;

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
