-- The SQL of admin-counters.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- ofOffice
SELECT c.id, c.office_id, c.agency_id, c.number, c.name, c.priority_only, c.active, c.schedule,
     (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
FROM counters c WHERE c.office_id = $1 ORDER BY c.number;

-- byId
SELECT c.id, c.office_id, c.agency_id, c.number, c.name, c.priority_only, c.active, c.schedule,
     (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
FROM counters c WHERE c.id = $1;

-- lock
SELECT office_id FROM counters WHERE id = $1 FOR UPDATE;

-- insert
INSERT INTO counters (office_id, number, name, priority_only, schedule, active, scheduled_since, agency_id)
VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5::jsonb <> '[]'::jsonb THEN $7::timestamptz END, $8) RETURNING id;

-- update
UPDATE counters SET number = $2, name = $3, priority_only = $4, schedule = $5, active = $6,
scheduled_since = COALESCE(scheduled_since, CASE WHEN $5::jsonb <> '[]'::jsonb THEN $7::timestamptz END), agency_id = $8 WHERE id = $1;

-- openSessionState
SELECT state FROM counter_sessions WHERE counter_id = $1 AND state <> 'closed';

-- servicesOfOffice
SELECT id FROM services WHERE office_id = $1 AND id = ANY($2::uuid[]);

-- dropOtherServices
DELETE FROM counter_services WHERE counter_id = $1 AND NOT (service_id = ANY($2::uuid[]));

-- addServices
INSERT INTO counter_services (counter_id, service_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING;

-- numberTakenBy
SELECT name FROM counters WHERE office_id = $1 AND number = $2 AND id IS DISTINCT FROM $3::uuid;
