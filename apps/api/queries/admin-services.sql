-- The SQL of admin-services.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- ofOffice
SELECT id, office_id, agency_id, code, name, active, sort_order, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, issue_cutoff_minutes, dynamic_quota, procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision, executor_count, service_guarantee, safety_guarantee, performance_evaluation FROM services WHERE office_id = $1 ORDER BY sort_order, code;

-- byId
SELECT id, office_id, agency_id, code, name, active, sort_order, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, issue_cutoff_minutes, dynamic_quota, procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision, executor_count, service_guarantee, safety_guarantee, performance_evaluation FROM services WHERE id = $1;

-- nextSortOrder
SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM services WHERE office_id = $1;

-- insert
INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, active, sort_order, issue_cutoff_minutes,
                      procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision, executor_count, service_guarantee, safety_guarantee, performance_evaluation, dynamic_quota, agency_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25) RETURNING id;

-- update
UPDATE services SET code = $2, name = $3, max_wait_minutes = $4, service_time_minutes = $5, cost_rupiah = $6, requirements = $7,
completion_time = $8, daily_quota = $9, active = $10, sort_order = $11, issue_cutoff_minutes = $12,
procedure = $13, product = $14, complaint_handling = $15, legal_basis = $16, facilities = $17, executor_competence = $18,
internal_supervision = $19, executor_count = $20, service_guarantee = $21, safety_guarantee = $22, performance_evaluation = $23,
dynamic_quota = $24, agency_id = COALESCE($25::uuid, agency_id) WHERE id = $1;

-- cutoffs
SELECT code, issue_cutoff_minutes AS "issueCutoffMinutes" FROM services WHERE office_id = $1 ORDER BY sort_order, code;

-- codeTakenBy
SELECT name FROM services WHERE office_id = $1 AND code = $2 AND id IS DISTINCT FROM $3::uuid;
