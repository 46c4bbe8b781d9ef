-- The SQL of skm.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- responses
SELECT ss.service_id, ss.u1, ss.u2, ss.u3, ss.u4, ss.u5, ss.u6, ss.u7, ss.u8, ss.u9,
     ss.gender, ss.age_band, ss.education, ss.occupation, ss.suggestion, ss.submitted_at, ss.channel
FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id
WHERE ss.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR ss.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid))
ORDER BY ss.submitted_at DESC;

-- served
SELECT service_id, count(*)::int AS served FROM tickets
WHERE office_id = $1 AND status = 'done' AND service_day BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid))
GROUP BY service_id;
