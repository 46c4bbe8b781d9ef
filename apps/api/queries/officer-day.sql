-- The SQL of officer-day.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- timeZone
SELECT time_zone FROM offices WHERE id = ANY($1::uuid[]) ORDER BY name LIMIT 1;

-- officesWorked
SELECT c.office_id FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id
WHERE cn.staff_id = $1 AND cn.opened_at >= $2 AND cn.opened_at < $3
UNION
SELECT office_id FROM ticket_events WHERE actor_staff_id = $1 AND at >= $2 AND at < $3;

-- services
SELECT id, max_wait_minutes, service_time_minutes FROM services WHERE office_id = ANY($1::uuid[]);

-- ticketEvents
SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id
FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
WHERE t.office_id = ANY($1::uuid[]) AND t.service_day = $2::date ORDER BY e.id;

-- countersHeld
SELECT c.id, c.name, c.schedule, c.scheduled_since, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
FROM counters c
WHERE c.id IN (SELECT counter_id FROM counter_sessions WHERE staff_id = $1 AND opened_at >= $2 AND opened_at < $3)
ORDER BY c.number;

-- sessionEvents
SELECT ev.session_id, cn.counter_id, cn.staff_id, ev.type, ev.at, ev.reason
FROM counter_session_events ev JOIN counter_sessions cn ON cn.id = ev.session_id
WHERE cn.counter_id = ANY($1::uuid[]) AND cn.opened_at >= $2 AND cn.opened_at < $3 ORDER BY ev.id;

-- ownAnswers
SELECT r.kind, r.method, a.answer FROM checklist_answers a JOIN checklist_responses r ON r.id = a.response_id
WHERE r.subject_staff_id = $1 AND r.filed_at >= $2 AND r.filed_at < $3 AND r.method <> 'observed' AND NOT EXISTS (SELECT 1 FROM checklist_responses superseding WHERE superseding.supersedes_id = r.id);

-- ownInteractions
SELECT r.method, r.outcome FROM checklist_responses r
WHERE r.subject_staff_id = $1 AND r.kind = 'interaction' AND r.method <> 'observed' AND r.filed_at >= $2 AND r.filed_at < $3 AND NOT EXISTS (SELECT 1 FROM checklist_responses superseding WHERE superseding.supersedes_id = r.id);
