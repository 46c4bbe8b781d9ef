-- The SQL of kiosk-devices.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- ofOffice
SELECT id, office_id, name, created_at, revoked_at FROM kiosk_devices WHERE office_id = $1 ORDER BY created_at, id;

-- insert
INSERT INTO kiosk_devices (office_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)
RETURNING id, office_id, name, created_at, revoked_at;

-- byId
SELECT id, office_id, name, created_at, revoked_at FROM kiosk_devices WHERE id = $1;

-- revoke
UPDATE kiosk_devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL;

-- anonymousIssue
SELECT anonymous_issue FROM offices WHERE id = $1;

-- setAnonymousIssue
UPDATE offices SET anonymous_issue = $2 WHERE id = $1;
