-- The SQL of notification-settings.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- read
SELECT near_ahead, near_minutes, reminder_hour FROM offices WHERE id = $1;

-- lock
SELECT near_ahead, near_minutes, reminder_hour FROM offices WHERE id = $1 FOR NO KEY UPDATE;

-- update
UPDATE offices SET near_ahead = $2, near_minutes = $3, reminder_hour = $4 WHERE id = $1;
