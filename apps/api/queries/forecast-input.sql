-- The SQL of forecast-input.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- waiting
SELECT id, service_id, issued_at, due_at, issue_order, priority FROM tickets WHERE office_id = $1 AND status = 'waiting';

-- counters
SELECT c.priority_only, c.schedule,
       (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
       cn.state, cn.pause_reason,
       (SELECT e.at FROM counter_session_events e WHERE e.session_id = cn.id AND e.type = 'paused' ORDER BY e.id DESC LIMIT 1) AS paused_at,
       EXISTS (SELECT 1 FROM counter_sessions s WHERE s.counter_id = c.id AND s.opened_at >= $2) AS opened_today,
       t.service_id AS current_service_id, t.called_at, t.started_at
FROM counters c
LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
LEFT JOIN tickets t ON t.counter_id = c.id AND t.status IN ('called', 'serving')
WHERE c.office_id = $1 AND c.active
ORDER BY c.number;

-- services
SELECT s.id, s.max_wait_minutes, s.service_time_minutes, s.issue_cutoff_minutes,
       (SELECT array_agg(extract(epoch FROM r.finished_at - r.started_at) / 60) FROM (
          SELECT t.finished_at, t.started_at FROM tickets t
          WHERE t.service_id = s.id AND t.service_day = $2 AND t.status = 'done' AND t.started_at IS NOT NULL
          ORDER BY t.finished_at DESC LIMIT 20) r) AS recent_minutes
FROM services s WHERE s.office_id = $1 AND s.active
ORDER BY s.sort_order, s.code;

-- arrivals
SELECT issued_service_id AS service_id, priority IS NOT NULL AS priority, count(*)::int AS count,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.ticket_id = t.id))::int AS walk_ins
FROM tickets t WHERE office_id = $1 AND service_day = $2 AND issued_at >= $3 AND issued_at <= $4
GROUP BY 1, 2;

-- calls
SELECT count(*) FILTER (WHERE type = 'called')::int AS calls,
       (count(*) FILTER (WHERE type = 'no_show') - count(*) FILTER (WHERE type IN ('no_show_undone', 'reinstated')))::int AS no_shows
FROM ticket_events WHERE office_id = $1 AND at >= $2 AND at <= $3;

-- arrivalHistory
SELECT issued_service_id AS service_id, priority IS NOT NULL AS priority,
       floor(extract(epoch FROM (issued_at AT TIME ZONE $3)::time) / 60 / $4)::int AS slot, count(*)::int AS count
FROM tickets t WHERE office_id = $1 AND service_day = ANY($2::date[]) AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.ticket_id = t.id)
GROUP BY 1, 2, 3;

-- historyDays
SELECT count(DISTINCT service_day)::int AS days FROM tickets WHERE office_id = $1 AND service_day = ANY($2::date[]);

-- bookings
SELECT b.id, b.service_id, b.slot_starts_at, s.booking_settings
FROM bookings b JOIN services s ON s.id = b.service_id
WHERE b.office_id = $1 AND b.service_day = $2::date AND b.status = 'booked' AND b.slot_ends_at > $3 AND s.active;
