-- The SQL of metrics.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- queues
SELECT o.slug AS office, s.code AS service,
       count(t.id)::int AS waiting,
       (count(t.id) FILTER (WHERE t.due_at < $1))::int AS overdue
FROM services s
JOIN offices o ON o.id = s.office_id
LEFT JOIN tickets t ON t.service_id = s.id AND t.status = 'waiting'
WHERE s.active
GROUP BY o.slug, s.code;

-- sessions
SELECT o.slug AS office, cs.state, count(*)::int AS count
FROM counter_sessions cs
JOIN counters c ON c.id = cs.counter_id
JOIN offices o ON o.id = c.office_id
WHERE cs.state <> 'closed'
GROUP BY o.slug, cs.state;

-- offices
SELECT slug AS office FROM offices;
