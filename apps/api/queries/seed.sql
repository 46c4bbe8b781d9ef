-- The SQL of seed.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- lockOffices
LOCK TABLE offices IN EXCLUSIVE MODE;

-- countOffices
SELECT count(*)::int AS count FROM offices;

-- insertOffice
INSERT INTO offices (slug, name, time_zone, opening_hours, address, city, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id;

-- insertService
INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, sort_order,
                              procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision, executor_count,
                              service_guarantee, safety_guarantee, performance_evaluation)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id;

-- insertMaklumat
INSERT INTO office_maklumat (office_id, version, text, signer_name, signer_position, signed_on, recorded_at) VALUES ($1, 1, $2, $3, $4, $5, $6);

-- insertCounter
INSERT INTO counters (office_id, number, name, priority_only, schedule) VALUES ($1, $2, $3, $4, $5) RETURNING id;

-- addCounterService
INSERT INTO counter_services (counter_id, service_id) VALUES ($1, $2);

-- upsertStaff
INSERT INTO staff (username, name, nip, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (username) DO UPDATE SET username = EXCLUDED.username RETURNING id;

-- addStaffOffice
INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2) ON CONFLICT DO NOTHING;
