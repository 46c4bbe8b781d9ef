-- The SQL of regional.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- offices
SELECT id, slug, time_zone FROM offices WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name, id;

-- watchedOffices
SELECT DISTINCT so.office_id FROM staff_offices so JOIN staff s ON s.id = so.staff_id
WHERE s.role = 'regional' AND s.active;

-- openAlertCounts
SELECT office_id, count(*)::int AS open FROM supervision_alerts
WHERE office_id = ANY($1::uuid[]) AND resolved_at IS NULL AND acknowledged_at IS NULL GROUP BY office_id;

-- officeSurveyTotals
SELECT ss.office_id, count(*)::int AS responses,
  coalesce(sum(ss.u1), 0)::int AS u1_sum, count(ss.u1)::int AS u1_count,
  coalesce(sum(ss.u2), 0)::int AS u2_sum, count(ss.u2)::int AS u2_count,
  coalesce(sum(ss.u3), 0)::int AS u3_sum, count(ss.u3)::int AS u3_count,
  coalesce(sum(ss.u4), 0)::int AS u4_sum, count(ss.u4)::int AS u4_count,
  coalesce(sum(ss.u5), 0)::int AS u5_sum, count(ss.u5)::int AS u5_count,
  coalesce(sum(ss.u6), 0)::int AS u6_sum, count(ss.u6)::int AS u6_count,
  coalesce(sum(ss.u7), 0)::int AS u7_sum, count(ss.u7)::int AS u7_count,
  coalesce(sum(ss.u8), 0)::int AS u8_sum, count(ss.u8)::int AS u8_count,
  coalesce(sum(ss.u9), 0)::int AS u9_sum, count(ss.u9)::int AS u9_count
FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id
WHERE ss.office_id = ANY($1::uuid[]) AND t.service_day BETWEEN $2::date AND $3::date
GROUP BY ss.office_id;
