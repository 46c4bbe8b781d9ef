-- The SQL of admin-calendar.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- ownDays
SELECT day::text AS day, kind, name FROM office_days WHERE office_id = $1 ORDER BY day;

-- closures
SELECT id, starts_at, ends_at, reason FROM office_closures WHERE office_id = $1 AND ends_at > $2 ORDER BY starts_at;

-- insertDay
INSERT INTO office_days (office_id, day, kind, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6);

-- insertClosure
INSERT INTO office_closures (office_id, starts_at, ends_at, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id;

-- deleteDay
WITH removed AS (DELETE FROM office_days WHERE office_id = $1 AND day = $2::date RETURNING day, kind, name)
SELECT day::text AS day, kind, name FROM removed;

-- closureForUpdate
SELECT id, starts_at, ends_at, reason FROM office_closures WHERE office_id = $1 AND id = $2 FOR UPDATE;

-- endClosure
UPDATE office_closures SET ends_at = $3 WHERE office_id = $1 AND id = $2;

-- deleteClosure
DELETE FROM office_closures WHERE office_id = $1 AND id = $2;

-- waiting
SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND status = 'waiting';
