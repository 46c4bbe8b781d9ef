-- The SQL of offices.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- calendar
SELECT
  (SELECT coalesce(json_agg(json_build_object('day', d.day::text, 'kind', d.kind, 'name', d.name)), '[]')
   FROM office_days d
   WHERE d.office_id = o.id AND d.day BETWEEN ($2::timestamptz AT TIME ZONE o.time_zone)::date - 1 AND ($2::timestamptz AT TIME ZONE o.time_zone)::date + 401) AS own_days,
  (SELECT coalesce(json_agg(json_build_object('from', c.starts_at, 'to', c.ends_at, 'reason', c.reason)), '[]')
   FROM office_closures c WHERE c.office_id = o.id AND c.ends_at > $2::timestamptz) AS closures
FROM offices o WHERE o.id = $1;

-- insert
INSERT INTO offices (slug, name, time_zone, opening_hours, priority_max_wait_minutes, no_show_after_minutes, offline_after_minutes, shift_end_grace_minutes, address, city, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id;

-- update
UPDATE offices SET slug = $2, name = $3, time_zone = $4, opening_hours = $5, priority_max_wait_minutes = $6,
no_show_after_minutes = $7, offline_after_minutes = $8, shift_end_grace_minutes = $9, address = $10, city = $11 WHERE id = $1;

-- slugTaken
SELECT id FROM offices WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid;

-- services
SELECT s.id, s.agency_id, s.code, s.name, s.active, s.max_wait_minutes, s.service_time_minutes, s.cost_rupiah,
       s.requirements, s.completion_time, s.daily_quota, s.issue_cutoff_minutes,
       (SELECT count(*)::int FROM tickets t WHERE t.office_id = s.office_id AND t.service_id = s.id AND t.status = 'waiting') AS waiting_count,
       (SELECT count(*)::int FROM counter_services cs JOIN counter_sessions cn ON cn.counter_id = cs.counter_id AND cn.state = 'open'
         WHERE cs.service_id = s.id) AS counters_open,
       (SELECT count(*)::int FROM counter_services cs WHERE cs.service_id = s.id AND (SELECT c.active FROM counters c WHERE c.id = cs.counter_id)) AS counters_serving,
       COALESCE((SELECT n.last_number FROM ticket_number_counters n WHERE n.service_id = s.id AND n.service_day = $2), 0) AS issued_today
FROM services s
WHERE s.office_id = $1
ORDER BY s.sort_order, s.code;

-- recentCalls
SELECT e.ticket_id, t.issued_code, t.number, e.service_id, e.counter_id, c.number AS counter_number,
       c.name AS counter_name, e.at, e.type
FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id JOIN counters c ON c.id = e.counter_id
WHERE e.office_id = $1 AND e.type IN ('called', 'recalled') AND t.status <> 'waiting'
  AND NOT EXISTS (SELECT 1 FROM ticket_events later
    WHERE later.ticket_id = e.ticket_id AND later.id > e.id AND later.type IN ('called', 'recalled'))
ORDER BY e.id DESC LIMIT 10;

-- counters
SELECT c.id, c.agency_id, c.number, c.name, c.priority_only,
       (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
       cn.state, cn.pause_reason, cn.pause_note, cn.paused_at, cn.id AS session_id
FROM counters c
LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
WHERE c.office_id = $1 AND c.active
ORDER BY c.number;

-- counter
SELECT c.id, c.agency_id, c.number, c.name, c.priority_only,
       (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
       cn.state, cn.pause_reason, cn.pause_note, cn.paused_at, cn.id AS session_id
FROM counters c
LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
WHERE c.office_id = $1 AND c.active AND c.id = $2;

-- agencies
SELECT id, office_id, name, short_name, color, sort_order FROM agencies WHERE office_id = $1 ORDER BY sort_order, created_at, id;

-- zones
SELECT z.id, z.office_id, z.name, z.slug, z.sort_order,
       ARRAY(SELECT za.agency_id FROM zone_agencies za JOIN agencies a ON a.id = za.agency_id
         WHERE za.zone_id = z.id ORDER BY a.sort_order, a.created_at, a.id) AS agency_ids,
       ARRAY(SELECT zc.counter_id FROM zone_counters zc JOIN counters c ON c.id = zc.counter_id
         WHERE zc.zone_id = z.id ORDER BY c.number) AS counter_ids
FROM zones z WHERE z.office_id = $1 ORDER BY z.sort_order, lower(z.name), z.id;

-- waiting
SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id WHERE t.office_id = $1 AND t.status = 'waiting' ORDER BY t.due_at, t.issued_at, t.issue_order;

-- atCounters
SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id WHERE t.office_id = $1 AND t.status IN ('called', 'serving');

-- atCounter
SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
       t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
       t.called_at, t.started_at, t.finished_at, t.recall_count
FROM tickets t
JOIN services s ON s.id = t.service_id
LEFT JOIN counters c ON c.id = t.counter_id WHERE t.office_id = $1 AND t.status IN ('called', 'serving') AND t.counter_id = $2;
