-- The SQL of metrics.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- queues
SELECT o.slug AS office, s.code AS service,
       coalesce(w.waiting, 0) AS waiting,
       (SELECT count(*) FROM tickets t WHERE t.service_id = s.id AND t.status = 'waiting' AND t.due_at < $1)::int AS overdue
FROM services s
JOIN offices o ON o.id = s.office_id
LEFT JOIN service_waiting w ON w.service_id = s.id
WHERE s.active;

-- sessions
SELECT o.slug AS office, cs.state, count(*)::int AS count
FROM counter_sessions cs
JOIN counters c ON c.id = cs.counter_id
JOIN offices o ON o.id = c.office_id
WHERE cs.state <> 'closed'
GROUP BY o.slug, cs.state;

-- offices
SELECT slug AS office FROM offices;
