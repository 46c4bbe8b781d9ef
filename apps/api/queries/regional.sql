-- The SQL of regional.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- offices
SELECT id, slug, time_zone FROM offices WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name, id;

-- watchedOffices
SELECT DISTINCT so.office_id FROM staff_offices so JOIN staff s ON s.id = so.staff_id
WHERE s.role = 'regional' AND s.active;

-- openAlertCounts
SELECT office_id, count(*)::int AS open FROM supervision_alerts
WHERE office_id = ANY($1::uuid[]) AND resolved_at IS NULL AND acknowledged_at IS NULL GROUP BY office_id;
