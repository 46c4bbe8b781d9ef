-- The SQL of admin-agencies.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- byId
SELECT id, office_id, name, short_name, color, sort_order FROM agencies WHERE id = $1;

-- lock
SELECT office_id FROM agencies WHERE id = $1 FOR UPDATE;

-- officeOf
SELECT office_id FROM agencies WHERE id = $1;

-- insert
INSERT INTO agencies (office_id, name, short_name, color, sort_order, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id;

-- update
UPDATE agencies SET name = $2, short_name = $3, color = $4, sort_order = $5 WHERE id = $1;

-- delete
DELETE FROM agencies WHERE id = $1;

-- nextSortOrder
SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM agencies WHERE office_id = $1;

-- holdings
SELECT (SELECT count(*)::int FROM services s WHERE s.agency_id = a.id) AS services,
       (SELECT count(*)::int FROM counters c WHERE c.agency_id = a.id) AS counters,
       (SELECT count(*)::int FROM staff st WHERE st.agency_id = a.id) AS staff,
       (SELECT count(*)::int FROM agencies o WHERE o.office_id = a.office_id) AS agencies_in_office
FROM agencies a WHERE a.id = $1;

-- shortNameTakenBy
SELECT name FROM agencies WHERE office_id = $1 AND lower(short_name) = lower($2) AND id IS DISTINCT FROM $3::uuid;

-- ofOfficeById
SELECT id FROM agencies WHERE office_id = $1 AND id = $2;

-- openCounter
SELECT c.name, cn.state FROM counters c JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed' WHERE c.id = $1;

-- openCountersServing
SELECT c.name, cn.state FROM counter_services cs JOIN counters c ON c.id = cs.counter_id
JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed' WHERE cs.service_id = $1 ORDER BY c.number;
