-- The SQL of reports.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- office
SELECT id, slug, name, address, city, time_zone FROM offices WHERE slug = $1;

-- services
SELECT id, code, name, max_wait_minutes, service_time_minutes FROM services WHERE office_id = $1 AND ($2::uuid IS NULL OR id IN (SELECT id FROM services WHERE agency_id = $2::uuid))
ORDER BY sort_order, code;

-- counters
SELECT c.id, c.number, c.name, c.schedule, c.scheduled_since, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
FROM counters c WHERE c.office_id = $1 AND ($2::uuid IS NULL OR c.id IN (SELECT id FROM counters WHERE agency_id = $2::uuid)) ORDER BY c.number;

-- ticketEvents
SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id, t.priority IS NOT NULL AS priority
FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date
AND ($4::uuid IS NULL OR e.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid) OR e.counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid)) ORDER BY e.id;

-- sessionEvents
SELECT ev.session_id, cn.counter_id, cn.staff_id, ev.type, ev.at, ev.reason
FROM counter_session_events ev JOIN counter_sessions cn ON cn.id = ev.session_id JOIN counters c ON c.id = cn.counter_id
WHERE c.office_id = $1 AND cn.opened_at >= $2 AND cn.opened_at < $3 AND ($4::uuid IS NULL OR c.id IN (SELECT id FROM counters WHERE agency_id = $4::uuid)) ORDER BY ev.id;

-- answers
SELECT r.kind, r.method, a.answer, t.service_id, r.counter_id, r.subject_staff_id AS staff_id
FROM checklist_answers a JOIN checklist_responses r ON r.id = a.response_id LEFT JOIN tickets t ON t.id = r.ticket_id
WHERE r.office_id = $1 AND r.filed_at >= $2 AND r.filed_at < $3 AND NOT EXISTS (SELECT 1 FROM checklist_responses superseding WHERE superseding.supersedes_id = r.id) AND ($4::uuid IS NULL OR t.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid) OR r.counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid));

-- surveys
SELECT ss.u1, ss.u2, ss.u3, ss.u4, ss.u5, ss.u6, ss.u7, ss.u8, ss.u9, ss.service_id, ss.counter_id, ss.staff_id
FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id
WHERE ss.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR ss.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid) OR ss.counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid));

-- officers
SELECT id, name, nip FROM staff WHERE id = ANY($1::uuid[]) ORDER BY name;

-- outcomeCounts
WITH ev AS (
  SELECT e.ticket_id, e.type,
         CASE WHEN e.type = 'transferred' THEN (e.payload->>'fromServiceId')::uuid ELSE e.service_id END AS service_id,
         CASE WHEN e.type = 'issued' THEN NULL ELSE e.counter_id END AS counter_id,
         CASE WHEN e.type = 'issued' THEN NULL ELSE e.actor_staff_id END AS staff_id,
         lead(e.type) OVER (PARTITION BY e.ticket_id, e.type IN ('no_show', 'no_show_undone', 'reinstated') ORDER BY e.at, e.id) AS next_type
  FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date
    AND ($4::uuid IS NULL OR e.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid) OR e.counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid)) AND e.type IN ('issued', 'finished', 'no_show', 'no_show_undone', 'reinstated', 'cancelled', 'transferred', 'closed_end_of_day'))
SELECT CASE WHEN GROUPING(service_id) = 0 THEN 'services' WHEN GROUPING(counter_id) = 0 THEN 'counters'
                   WHEN GROUPING(staff_id) = 0 THEN 'officers' ELSE 'total' END AS dimension, COALESCE(CASE WHEN GROUPING(service_id) = 0 THEN service_id WHEN GROUPING(counter_id) = 0 THEN counter_id ELSE staff_id END::text, '') AS key,
       count(DISTINCT ticket_id) FILTER (WHERE type = 'issued')::int AS issued,
       count(DISTINCT ticket_id) FILTER (WHERE type = 'finished')::int AS served,
       count(DISTINCT ticket_id) FILTER (WHERE type = 'no_show' AND NOT coalesce(next_type IN ('no_show_undone', 'reinstated'), false))::int AS no_shows,
       count(DISTINCT ticket_id) FILTER (WHERE type = 'cancelled')::int AS cancelled,
       count(DISTINCT ticket_id) FILTER (WHERE type = 'transferred')::int AS transferred,
       count(DISTINCT ticket_id) FILTER (WHERE type = 'closed_end_of_day')::int AS closed_end_of_day
FROM ev GROUP BY GROUPING SETS ((service_id), (counter_id), (staff_id), ());

-- waitingFigures
WITH ev AS (
  SELECT e.id, e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id, t.priority IS NOT NULL AS priority,
         count(*) FILTER (WHERE e.type IN ('issued', 'transferred'))
           OVER (PARTITION BY e.ticket_id ORDER BY e.at, e.id ROWS UNBOUNDED PRECEDING) AS segment
  FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date
    AND ($4::uuid IS NULL OR e.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid) OR e.counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid))),
opening AS (SELECT ticket_id, segment, at AS from_at, service_id, priority FROM ev WHERE type IN ('issued', 'transferred')),
first_call AS (
  SELECT DISTINCT ON (ticket_id, segment) ticket_id, segment, at AS to_at, counter_id, actor_staff_id AS staff_id
  FROM ev WHERE type = 'called' AND segment > 0 ORDER BY ticket_id, segment, at, id),
waits AS (
  SELECT o.service_id, c.counter_id, c.staff_id,
         CASE WHEN o.priority THEN LEAST(s.max_wait_minutes, f.priority_max_wait_minutes) ELSE s.max_wait_minutes END AS max_wait_minutes,
         extract(epoch FROM c.to_at - o.from_at)::float8 / 60 AS minutes
  FROM opening o JOIN first_call c ON c.ticket_id = o.ticket_id AND c.segment = o.segment JOIN services s ON s.id = o.service_id
  JOIN offices f ON f.id = s.office_id)
SELECT CASE WHEN GROUPING(service_id) = 0 THEN 'services' WHEN GROUPING(counter_id) = 0 THEN 'counters'
                   WHEN GROUPING(staff_id) = 0 THEN 'officers' ELSE 'total' END AS dimension, COALESCE(CASE WHEN GROUPING(service_id) = 0 THEN service_id WHEN GROUPING(counter_id) = 0 THEN counter_id ELSE staff_id END::text, '') AS key,
       count(*)::int AS measured,
       avg(minutes) AS average,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90,
       count(*) FILTER (WHERE minutes <= max_wait_minutes)::int AS within
FROM waits GROUP BY GROUPING SETS ((service_id), (counter_id), (staff_id), ());
