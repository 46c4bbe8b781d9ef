-- The SQL of surveys.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- lockTicket
SELECT id, office_id, service_id, counter_id, staff_id, status FROM tickets WHERE tracking_code = $1 FOR NO KEY UPDATE;

-- lockTerminalTicket
SELECT t.id, t.office_id, t.service_id, t.counter_id, t.staff_id, t.status, t.tracking_code, t.finished_at, c.number AS counter_number, k.id AS kiosk_id
FROM offices o
JOIN tickets t ON t.office_id = o.id AND t.id = $2
LEFT JOIN counters c ON c.id = t.counter_id
LEFT JOIN kiosk_devices k ON k.office_id = o.id AND k.token_hash = $3 AND k.revoked_at IS NULL
WHERE o.slug = $1
FOR NO KEY UPDATE OF t;

-- insert
INSERT INTO satisfaction_surveys (ticket_id, office_id, service_id, counter_id, staff_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at,
                                   gender, age_band, education, occupation, suggestion, channel)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
ON CONFLICT (ticket_id) DO NOTHING RETURNING id;
