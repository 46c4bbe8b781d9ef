-- The SQL of compliance.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- serviceChanges
SELECT subject_id AS service_id, action, at, before, after FROM audit_log
WHERE office_id = $1 AND subject_type = 'service' AND action IN ('service.created', 'service.updated')
ORDER BY at, id;

-- priorityTickets
SELECT t.priority, t.status, t.issued_at, s.max_wait_minutes,
  (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'called') AS first_called_at
FROM tickets t JOIN services s ON s.id = t.issued_service_id
WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date AND t.priority IS NOT NULL
  AND ($4::uuid IS NULL OR t.issued_service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid));

-- office
SELECT id, slug, name, address, city, time_zone, lapor_channel, complaint_response_days, priority_max_wait_minutes FROM offices WHERE slug = $1;
