-- The SQL of admin-services.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- ofOffice
SELECT id, office_id, code, name, active, sort_order, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, issue_cutoff_minutes FROM services WHERE office_id = $1 ORDER BY sort_order, code;

-- byId
SELECT id, office_id, code, name, active, sort_order, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, issue_cutoff_minutes FROM services WHERE id = $1;

-- nextSortOrder
SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM services WHERE office_id = $1;

-- insert
INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, active, sort_order, issue_cutoff_minutes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id;

-- update
UPDATE services SET code = $2, name = $3, max_wait_minutes = $4, service_time_minutes = $5, cost_rupiah = $6, requirements = $7,
completion_time = $8, daily_quota = $9, active = $10, sort_order = $11, issue_cutoff_minutes = $12 WHERE id = $1;

-- codeTakenBy
SELECT name FROM services WHERE office_id = $1 AND code = $2 AND id IS DISTINCT FROM $3::uuid;
