-- The SQL of table-statistics.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- stale
SELECT relname AS name FROM pg_stat_user_tables
WHERE schemaname = 'public' AND n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)
ORDER BY n_mod_since_analyze DESC;

-- autovacuum
SELECT current_setting('autovacuum') = 'on' AS on;
