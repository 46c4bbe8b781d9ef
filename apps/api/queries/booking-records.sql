-- The SQL of booking-records.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- records
SELECT b.service_id, b.service_day::text AS day, b.slot_starts_at, b.slot_ends_at, b.status, coalesce(b.late, false) AS late,
  (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = b.ticket_id AND e.type = 'called') AS called_at,
  (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = b.ticket_id AND e.type IN ('cancelled', 'closed_end_of_day')) AS left_at
FROM bookings b
WHERE b.office_id = $1 AND b.service_day BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR b.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid))
ORDER BY b.service_day, b.slot_starts_at, b.created_at;

-- services
SELECT s.id, s.code, s.name FROM services s
WHERE s.office_id = $1 AND ($4::uuid IS NULL OR s.id IN (SELECT id FROM services WHERE agency_id = $4::uuid))
  AND ((s.booking_settings ->> 'enabled')::boolean IS TRUE
       OR EXISTS (SELECT 1 FROM bookings b WHERE b.office_id = $1 AND b.service_id = s.id AND b.service_day BETWEEN $2::date AND $3::date))
ORDER BY s.sort_order, s.code;
