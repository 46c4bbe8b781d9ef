-- The SQL of admin-zones.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- byId
SELECT z.id, z.office_id, z.name, z.slug, z.sort_order,
       ARRAY(SELECT za.agency_id FROM zone_agencies za JOIN agencies a ON a.id = za.agency_id
         WHERE za.zone_id = z.id ORDER BY a.sort_order, a.created_at, a.id) AS agency_ids,
       ARRAY(SELECT zc.counter_id FROM zone_counters zc JOIN counters c ON c.id = zc.counter_id
         WHERE zc.zone_id = z.id ORDER BY c.number) AS counter_ids
FROM zones z WHERE z.id = $1;

-- officeOf
SELECT office_id FROM zones WHERE id = $1;

-- lock
SELECT office_id FROM zones WHERE id = $1 FOR UPDATE;

-- insert
INSERT INTO zones (office_id, name, slug, sort_order, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id;

-- update
UPDATE zones SET name = $2, slug = $3, sort_order = $4 WHERE id = $1;

-- delete
DELETE FROM zones WHERE id = $1;

-- nextSortOrder
SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM zones WHERE office_id = $1;

-- nameTakenBy
SELECT name FROM zones WHERE office_id = $1 AND (lower(name) = lower($2) OR slug = $3) AND id IS DISTINCT FROM $4::uuid LIMIT 1;

-- officeMembers
SELECT ARRAY(SELECT id FROM agencies WHERE office_id = $1) AS agency_ids, ARRAY(SELECT id FROM counters WHERE office_id = $1) AS counter_ids;

-- clearAgencies
DELETE FROM zone_agencies WHERE zone_id = $1;

-- clearCounters
DELETE FROM zone_counters WHERE zone_id = $1;

-- addAgencies
INSERT INTO zone_agencies (zone_id, office_id, agency_id) SELECT $1, $2, unnest($3::uuid[]);

-- addCounters
INSERT INTO zone_counters (zone_id, office_id, counter_id) SELECT $1, $2, unnest($3::uuid[]);
