-- The SQL of standards.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- publishedServices
SELECT id, code, name, requirements, completion_time, cost_rupiah, max_wait_minutes,
     procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision,
     executor_count, service_guarantee, safety_guarantee, performance_evaluation
FROM services WHERE office_id = $1 AND active ORDER BY sort_order, code;

-- maklumatVersions
SELECT m.version, m.text, m.signer_name, m.signer_position, to_char(m.signed_on, 'YYYY-MM-DD') AS signed_on, m.recorded_at,
      s.id AS recorded_by_id, s.name AS recorded_by_name
 FROM office_maklumat m LEFT JOIN staff s ON s.id = m.recorded_by
WHERE m.office_id = $1 ORDER BY m.version DESC LIMIT $2;

-- latestVersion
SELECT max(version)::int AS version FROM office_maklumat WHERE office_id = $1;

-- insertMaklumat
INSERT INTO office_maklumat (office_id, version, text, signer_name, signer_position, signed_on, recorded_at, recorded_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);
