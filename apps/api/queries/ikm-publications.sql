-- The SQL of ikm-publications.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- insert
INSERT INTO ikm_publications (office_id, preset, period_from, period_to, ikm, grade, responses, served, sample_size, plan, published_at, published_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id;

-- latest
SELECT p.id, p.preset, to_char(p.period_from, 'YYYY-MM-DD') AS period_from, to_char(p.period_to, 'YYYY-MM-DD') AS period_to,
  p.ikm::float8 AS ikm, p.grade, p.responses, p.served, p.sample_size, p.plan, p.published_at,
  to_char(p.published_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS published_on,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('item', g.item, 'status', g.status, 'on', to_char(g.status_on, 'YYYY-MM-DD'), 'note', g.note) ORDER BY g.id), '[]')
     FROM ikm_plan_progress g WHERE g.publication_id = p.id) AS progress
FROM offices o JOIN ikm_publications p ON p.office_id = o.id
WHERE o.slug = $1
ORDER BY p.published_at DESC, p.id DESC LIMIT 1;

-- insertProgress
INSERT INTO ikm_plan_progress (publication_id, item, status, status_on, note, recorded_at, recorded_by)
VALUES ($1, $2, $3, $4, $5, $6, $7);
