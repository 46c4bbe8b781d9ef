-- The SQL of staff.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- activeById
SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.password_hash, s.token_version,
       array_remove(array_agg(so.office_id), NULL) AS office_ids
FROM staff s LEFT JOIN staff_offices so ON so.staff_id = s.id
WHERE s.active AND s.id = $1
GROUP BY s.id;

-- activeByUsername
SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.password_hash, s.token_version,
       array_remove(array_agg(so.office_id), NULL) AS office_ids
FROM staff s LEFT JOIN staff_offices so ON so.staff_id = s.id
WHERE s.active AND s.username = $1
GROUP BY s.id;

-- activePasswordHash
SELECT password_hash FROM staff WHERE id = $1 AND active;

-- changePassword
WITH changed AS (UPDATE staff SET password_hash = $2, token_version = token_version + 1 WHERE id = $1 AND active AND password_hash = $3 RETURNING token_version)
SELECT token_version FROM changed;

-- endSessions
WITH bumped AS (UPDATE staff SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version) SELECT token_version FROM bumped;

-- adminById
SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.active, s.created_at,
     (SELECT array_agg(so.office_id ORDER BY so.office_id) FROM staff_offices so WHERE so.staff_id = s.id) AS office_ids
FROM staff s WHERE s.id = $1;

-- adminAll
SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.active, s.created_at,
     (SELECT array_agg(so.office_id ORDER BY so.office_id) FROM staff_offices so WHERE so.staff_id = s.id) AS office_ids
FROM staff s ORDER BY s.name, s.username;

-- adminInOffices
SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.active, s.created_at,
     (SELECT array_agg(so.office_id ORDER BY so.office_id) FROM staff_offices so WHERE so.staff_id = s.id) AS office_ids
FROM staff s WHERE EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = s.id AND so.office_id = ANY($1::uuid[])) ORDER BY s.name, s.username;

-- insert
INSERT INTO staff (username, name, nip, role, password_hash, created_at, agency_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id;

-- update
UPDATE staff SET name = $2, nip = $3, role = $4, agency_id = $5 WHERE id = $1;

-- agencyOffice
SELECT office_id FROM agencies WHERE id = $1;

-- setPasswordHash
UPDATE staff SET password_hash = $2 WHERE id = $1;

-- setActive
UPDATE staff SET active = $2 WHERE id = $1;

-- lockActiveAdmins
SELECT id FROM staff WHERE role = 'admin' AND active ORDER BY id FOR UPDATE;

-- lock
SELECT id FROM staff WHERE id = $1 FOR NO KEY UPDATE;

-- openCounterOf
SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id WHERE cn.staff_id = $1 AND cn.state <> 'closed';

-- openCounterOutside
SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id
WHERE cn.staff_id = $1 AND cn.state <> 'closed' AND NOT (c.office_id = ANY($2::uuid[]));

-- existingOffices
SELECT id FROM offices WHERE id = ANY($1::uuid[]);

-- usernameTaken
SELECT 1 FROM staff WHERE username = $1;

-- nipTaken
SELECT 1 FROM staff WHERE nip = $1 AND id IS DISTINCT FROM $2::uuid;

-- dropOtherOffices
DELETE FROM staff_offices WHERE staff_id = $1 AND NOT (office_id = ANY($2::uuid[]));

-- addOffices
INSERT INTO staff_offices (staff_id, office_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING;
