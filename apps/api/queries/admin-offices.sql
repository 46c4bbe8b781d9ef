-- The SQL of admin-offices.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- insert
INSERT INTO offices (slug, name, time_zone, opening_hours, priority_max_wait_minutes, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id;

-- update
UPDATE offices SET slug = $2, name = $3, time_zone = $4, opening_hours = $5, priority_max_wait_minutes = $6 WHERE id = $1;

-- slugTaken
SELECT id FROM offices WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid;
