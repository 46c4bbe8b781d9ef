-- The SQL of complaints.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- office
SELECT id, slug, name, time_zone, opening_hours, complaint_response_days, lapor_channel FROM offices WHERE slug = $1;

-- services
SELECT id, code, name FROM services WHERE office_id = $1 AND (active OR $2) ORDER BY code;

-- serviceInOffice
SELECT id FROM services WHERE id = $1 AND office_id = $2;

-- ticketByCode
SELECT t.id, t.office_id, t.service_id, o.slug AS office_slug FROM tickets t JOIN offices o ON o.id = t.office_id WHERE t.tracking_code = $1;

-- ticketById
SELECT t.id, t.office_id, t.service_id, o.slug AS office_slug FROM tickets t JOIN offices o ON o.id = t.office_id WHERE t.id = $1;

-- officeOf
SELECT k.office_id, s.agency_id FROM complaints k LEFT JOIN services s ON s.id = k.service_id WHERE k.id = $1;

-- insert
WITH drawn AS (
  INSERT INTO complaint_numbers (office_id, last) VALUES ($1, 1)
  ON CONFLICT (office_id) DO UPDATE SET last = complaint_numbers.last + 1 RETURNING last)
INSERT INTO complaints (office_id, number, code, service_id, ticket_id, channel, category, description, contact_name, contact,
                        recorded_by_staff_id, filed_at, due_at)
SELECT $1, drawn.last, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM drawn RETURNING id;

-- publicByCode
SELECT k.code, o.name AS office_name, o.slug AS office_slug, o.lapor_channel, o.time_zone, s.name AS service_name, k.category, k.description,
  k.status, k.filed_at, k.due_at, k.rejection_reason, k.public_reply, k.replied_at, k.closed_at, k.lapor_number
FROM complaints k JOIN offices o ON o.id = k.office_id LEFT JOIN services s ON s.id = k.service_id
WHERE k.code = $1;

-- list
SELECT k.id, k.number, k.service_id, s.name AS service_name, t.issued_code, t.number AS ticket_number, k.channel, k.category,
     k.description, k.contact_name, k.contact, k.status, k.filed_at, k.due_at, k.rejection_reason, k.public_reply, k.replied_at, k.closed_at,
     k.assigned_staff_id, a.name AS assigned_name, k.recorded_by_staff_id, r.name AS recorded_name, k.lapor_number, k.lapor_handed_at
FROM complaints k
LEFT JOIN services s ON s.id = k.service_id
LEFT JOIN tickets t ON t.id = k.ticket_id
LEFT JOIN staff a ON a.id = k.assigned_staff_id
LEFT JOIN staff r ON r.id = k.recorded_by_staff_id
     WHERE k.office_id = $1 AND ($4::uuid IS NULL OR k.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid))
       AND ($2::text IS NULL OR k.status = $2 OR ($2 = 'open' AND k.closed_at IS NULL) OR ($2 = 'overdue' AND k.closed_at IS NULL AND k.due_at < $3))
     ORDER BY k.closed_at IS NULL DESC, k.due_at, k.number LIMIT 500;

-- byId
SELECT k.id, k.number, k.service_id, s.name AS service_name, t.issued_code, t.number AS ticket_number, k.channel, k.category,
     k.description, k.contact_name, k.contact, k.status, k.filed_at, k.due_at, k.rejection_reason, k.public_reply, k.replied_at, k.closed_at,
     k.assigned_staff_id, a.name AS assigned_name, k.recorded_by_staff_id, r.name AS recorded_name, k.lapor_number, k.lapor_handed_at
FROM complaints k
LEFT JOIN services s ON s.id = k.service_id
LEFT JOIN tickets t ON t.id = k.ticket_id
LEFT JOIN staff a ON a.id = k.assigned_staff_id
LEFT JOIN staff r ON r.id = k.recorded_by_staff_id WHERE k.id = $1;

-- notes
SELECT n.id, n.complaint_id, n.body, n.created_at, n.staff_id, st.name AS staff_name
FROM complaint_notes n JOIN staff st ON st.id = n.staff_id WHERE n.complaint_id = ANY($1::uuid[]) ORDER BY n.created_at, n.id;

-- lock
SELECT k.id, k.office_id, k.number, k.status, k.public_reply, k.assigned_staff_id, k.lapor_number, s.agency_id
FROM complaints k LEFT JOIN services s ON s.id = k.service_id WHERE k.id = $1 FOR UPDATE OF k;

-- setStatus
UPDATE complaints SET status = $2, rejection_reason = coalesce($3, rejection_reason),
closed_at = CASE WHEN $2 IN ('selesai', 'ditolak') THEN $4::timestamptz ELSE NULL END WHERE id = $1;

-- setReply
UPDATE complaints SET public_reply = $2, replied_at = $3 WHERE id = $1;

-- assign
UPDATE complaints SET assigned_staff_id = $2 WHERE id = $1;

-- staffOfOffice
SELECT st.id FROM staff st JOIN staff_offices so ON so.staff_id = st.id WHERE st.id = $1 AND so.office_id = $2 AND st.active;

-- addNote
INSERT INTO complaint_notes (complaint_id, staff_id, body, created_at) VALUES ($1, $2, $3, $4);

-- handToLapor
UPDATE complaints SET lapor_number = $2, lapor_handed_at = $3 WHERE id = $1;

-- settings
UPDATE offices SET complaint_response_days = $2, lapor_channel = $3 WHERE id = $1;

-- facts
SELECT k.service_id, k.status, k.filed_at, k.due_at, k.closed_at FROM complaints k JOIN offices o ON o.id = k.office_id
WHERE k.office_id = $1 AND (k.filed_at AT TIME ZONE o.time_zone)::date BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR k.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid));

-- exportRows
SELECT k.id, k.number, k.service_id, s.name AS service_name, t.issued_code, t.number AS ticket_number, k.channel, k.category,
     k.description, k.contact_name, k.contact, k.status, k.filed_at, k.due_at, k.rejection_reason, k.public_reply, k.replied_at, k.closed_at,
     k.assigned_staff_id, a.name AS assigned_name, k.recorded_by_staff_id, r.name AS recorded_name, k.lapor_number, k.lapor_handed_at
FROM complaints k
LEFT JOIN services s ON s.id = k.service_id
LEFT JOIN tickets t ON t.id = k.ticket_id
LEFT JOIN staff a ON a.id = k.assigned_staff_id
LEFT JOIN staff r ON r.id = k.recorded_by_staff_id JOIN offices o ON o.id = k.office_id
     WHERE k.office_id = $1 AND (k.filed_at AT TIME ZONE o.time_zone)::date BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR k.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid))
     ORDER BY k.number;
