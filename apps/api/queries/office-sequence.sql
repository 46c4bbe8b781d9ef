-- The SQL of office-sequence.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- next
WITH bumped AS (UPDATE offices SET seq = seq + 1 WHERE id = $1 RETURNING seq) SELECT seq FROM bumped;
