-- The SQL of bookings.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- context
SELECT o.id AS office_id, o.slug, o.name AS office_name, o.address, o.time_zone, o.opening_hours, o.bookings_per_person, o.anonymous_issue,
       (SELECT coalesce(json_agg(json_build_object('day', d.day::text, 'kind', d.kind, 'name', d.name)), '[]')
        FROM office_days d
        WHERE d.office_id = o.id AND d.day BETWEEN ($2::timestamptz AT TIME ZONE o.time_zone)::date - 1 AND ($2::timestamptz AT TIME ZONE o.time_zone)::date + 401) AS own_days,
       (SELECT coalesce(json_agg(json_build_object('from', c.starts_at, 'to', c.ends_at, 'reason', c.reason)), '[]')
        FROM office_closures c WHERE c.office_id = o.id AND c.ends_at > $2::timestamptz) AS closures,
       (SELECT coalesce(json_agg(json_build_object('service_id', s.id, 'service_code', s.code, 'service_name', s.name, 'service_active', s.active,
                  'max_wait_minutes', s.max_wait_minutes, 'daily_quota', s.daily_quota, 'requirements', s.requirements,
                  'booking_settings', s.booking_settings, 'counters', (SELECT coalesce(json_agg(json_build_object('schedule', c.schedule,
                    'service_ids', (SELECT json_agg(cs2.service_id) FROM counter_services cs2 WHERE cs2.counter_id = c.id))), '[]')
                  FROM counters c JOIN counter_services cs ON cs.counter_id = c.id AND cs.service_id = s.id WHERE c.active)) ORDER BY s.sort_order, s.code), '[]')
        FROM services s WHERE s.office_id = o.id AND ($3::uuid IS NULL OR s.id = $3::uuid)) AS services
FROM offices o WHERE o.slug = $1;

-- contextById
SELECT o.id AS office_id, o.slug, o.name AS office_name, o.address, o.time_zone, o.opening_hours, o.bookings_per_person, o.anonymous_issue,
       (SELECT coalesce(json_agg(json_build_object('day', d.day::text, 'kind', d.kind, 'name', d.name)), '[]')
        FROM office_days d
        WHERE d.office_id = o.id AND d.day BETWEEN ($2::timestamptz AT TIME ZONE o.time_zone)::date - 1 AND ($2::timestamptz AT TIME ZONE o.time_zone)::date + 401) AS own_days,
       (SELECT coalesce(json_agg(json_build_object('from', c.starts_at, 'to', c.ends_at, 'reason', c.reason)), '[]')
        FROM office_closures c WHERE c.office_id = o.id AND c.ends_at > $2::timestamptz) AS closures,
       (SELECT coalesce(json_agg(json_build_object('service_id', s.id, 'service_code', s.code, 'service_name', s.name, 'service_active', s.active,
                  'max_wait_minutes', s.max_wait_minutes, 'daily_quota', s.daily_quota, 'requirements', s.requirements,
                  'booking_settings', s.booking_settings, 'counters', (SELECT coalesce(json_agg(json_build_object('schedule', c.schedule,
                    'service_ids', (SELECT json_agg(cs2.service_id) FROM counter_services cs2 WHERE cs2.counter_id = c.id))), '[]')
                  FROM counters c JOIN counter_services cs ON cs.counter_id = c.id AND cs.service_id = s.id WHERE c.active)) ORDER BY s.sort_order, s.code), '[]')
        FROM services s WHERE s.office_id = o.id AND ($3::uuid IS NULL OR s.id = $3::uuid)) AS services
FROM offices o WHERE o.id = $1;

-- booked
SELECT service_day::text AS service_day, sum(booked)::int AS booked,
jsonb_object_agg((extract(epoch FROM slot_starts_at) * 1000)::bigint::text, booked) AS slots FROM booking_slots WHERE service_id = $1 AND service_day BETWEEN $2::date AND $3::date GROUP BY service_day;

-- book
WITH existing AS (
  SELECT code FROM bookings WHERE office_id = $9 AND idempotency_key = $14 AND idempotency_client = $15
), shown AS (
  -- The day's slots as last committed, read without a lock: a day or slot already full is refused here, so the
  -- crowd that comes after the last seat never queues on a slot row's lock (the upsert below decides the rest).
  SELECT coalesce(sum(d.booked), 0)::int AS booked, coalesce(max(d.booked) FILTER (WHERE d.slot_starts_at = $6::timestamptz), 0) AS in_slot
  FROM booking_slots d WHERE d.service_id = $1 AND d.service_day = $2::date
), holder AS (
  SELECT CASE WHEN $4::text IS NULL THEN NULL ELSE (SELECT min(k) FROM generate_series(1, $3::int) k
   WHERE NOT EXISTS (SELECT 1 FROM bookings h WHERE h.service_id = $1 AND h.service_day = $2::date AND h.phone = $4::text
                     AND h.status <> 'cancelled' AND h.phone_place = k AND h.id IS DISTINCT FROM NULL::uuid)) END AS phone_place,
         (SELECT min(k) FROM generate_series(1, $3::int) k
   WHERE NOT EXISTS (SELECT 1 FROM bookings h WHERE h.service_id = $1 AND h.service_day = $2::date AND h.client_key = $5::text
                     AND h.status <> 'cancelled' AND h.client_place = k AND h.id IS DISTINCT FROM NULL::uuid)) AS client_place
), seat AS (
  INSERT INTO booking_slots AS d (service_id, service_day, slot_starts_at, booked)
  SELECT $1, $2::date, $6::timestamptz, 1 FROM holder
  WHERE NOT EXISTS (SELECT 1 FROM existing) AND holder.client_place IS NOT NULL AND ($4::text IS NULL OR holder.phone_place IS NOT NULL) AND $7::int >= 1 AND $8::int >= 1
    AND (SELECT booked FROM shown) < $7::int AND (SELECT in_slot FROM shown) < $8::int
  ON CONFLICT (service_id, service_day, slot_starts_at) DO UPDATE SET booked = d.booked + 1 WHERE d.booked < $8::int
  RETURNING d.booked
), booking AS (
  INSERT INTO bookings (office_id, service_id, code, reference, service_day, slot_starts_at, slot_ends_at, status, name, phone, phone_place,
                        client_key, client_place, idempotency_key, idempotency_client, created_at)
  SELECT $9, $1, $10, $11, $2::date, $6::timestamptz, $12, 'booked', $13, $4::text, holder.phone_place, $5::text, holder.client_place, $14, $15, $16
  FROM seat, holder
  RETURNING id
), notice AS (
  -- The outbox row (notifications/outbox.repository.ts), only when someone in the office wants booking.created.
  INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
  SELECT $9, 'booking.created', $17::int, 'booking:' || booking.id, jsonb_build_object(
           'booking', jsonb_build_object('id', booking.id, 'reference', $11::text, 'code', $10::text, 'day', $2::date::text,
                                         'startsAt', $6::timestamptz, 'endsAt', $12::timestamptz),
           'office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone), 'service', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name), 'link', '/b/' || $10::text,
           'contact', CASE WHEN $13::text IS NULL AND $4::text IS NULL THEN NULL ELSE jsonb_build_object('name', $13::text, 'phone', $4::text) END), $16
  FROM booking JOIN offices o ON o.id = $9 JOIN services s ON s.id = $1
  WHERE (EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = $9 AND w.enabled AND 'booking.created' = ANY(w.events))
    OR ('booking.created' IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = $9
    AND ('booking:' || booking.id IS NULL OR p.ticket_id = (CASE WHEN 'booking:' || booking.id LIKE 'ticket:%' THEN substr('booking:' || booking.id, 8)::uuid END) OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = (CASE WHEN 'booking:' || booking.id LIKE 'ticket:%' THEN substr('booking:' || booking.id, 8)::uuid END))))))
  RETURNING id, office_id, type, subject_key, occurred_at
), fanout AS (
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
  FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
)
SELECT (SELECT id FROM booking) AS id, (SELECT code FROM existing) AS existing, holder.client_place IS NOT NULL AND ($4::text IS NULL OR holder.phone_place IS NOT NULL) AS holder_free,
       shown.booked AS day_booked, shown.in_slot AS slot_booked
FROM holder, shown;

-- dayRow
SELECT service_day::text AS service_day, sum(booked)::int AS booked,
jsonb_object_agg((extract(epoch FROM slot_starts_at) * 1000)::bigint::text, booked) AS slots FROM booking_slots WHERE service_id = $1 AND service_day = $2::date GROUP BY service_day;

-- serviceOfReference
SELECT service_id FROM bookings WHERE office_id = $1 AND service_day = $2::date AND reference = $3;

-- bookedOn
SELECT coalesce(sum(booked), 0)::int AS booked FROM booking_slots WHERE service_id = $1 AND service_day = $2::date;

-- byIdempotencyKey
SELECT code FROM bookings WHERE office_id = $1 AND idempotency_key = $2 AND idempotency_client = $3;

-- byCode
SELECT b.id, b.office_id, b.service_id, b.code, b.reference, b.service_day::text AS service_day, b.slot_starts_at, b.slot_ends_at,
b.status, b.name, b.phone, b.reschedule_count, b.ticket_id, (SELECT t.tracking_code FROM tickets t WHERE t.id = b.ticket_id) AS ticket_tracking_code FROM bookings b WHERE b.code = $1;

-- lockByCode
SELECT b.id, b.office_id, b.service_id, b.code, b.reference, b.service_day::text AS service_day, b.slot_starts_at, b.slot_ends_at,
b.status, b.name, b.phone, b.reschedule_count, b.ticket_id, (SELECT t.tracking_code FROM tickets t WHERE t.id = b.ticket_id) AS ticket_tracking_code FROM bookings b WHERE b.code = $1 FOR UPDATE;

-- lockByReference
SELECT b.id, b.office_id, b.service_id, b.code, b.reference, b.service_day::text AS service_day, b.slot_starts_at, b.slot_ends_at,
b.status, b.name, b.phone, b.reschedule_count, b.ticket_id, (SELECT t.tracking_code FROM tickets t WHERE t.id = b.ticket_id) AS ticket_tracking_code FROM bookings b WHERE b.office_id = $1 AND b.service_day = $2::date AND b.reference = $3 FOR UPDATE;

-- ensureDay
INSERT INTO booking_days (service_id, service_day) VALUES ($1, $2::date) ON CONFLICT DO NOTHING;

-- lockDays
SELECT service_day FROM booking_days WHERE service_id = $1 AND service_day = ANY($2::date[]) ORDER BY service_day FOR UPDATE;

-- releaseSeat
UPDATE booking_slots SET booked = booked - 1 WHERE service_id = $1 AND service_day = $2::date AND slot_starts_at = $3;

-- takeSeat
WITH day AS (SELECT coalesce(sum(booked), 0) AS booked FROM booking_slots WHERE service_id = $1 AND service_day = $2::date)
INSERT INTO booking_slots AS d (service_id, service_day, slot_starts_at, booked)
SELECT $1, $2::date, $3::timestamptz, 1 FROM day WHERE day.booked < $4::int AND $5::int >= 1
ON CONFLICT (service_id, service_day, slot_starts_at) DO UPDATE SET booked = d.booked + 1 WHERE d.booked < $5::int
RETURNING d.booked;

-- reschedule
UPDATE bookings b SET slot_starts_at = $4, slot_ends_at = $5, service_day = $2::date, reschedule_count = b.reschedule_count + 1,
       phone_place = CASE WHEN b.phone IS NULL THEN NULL WHEN b.service_day = $2::date THEN b.phone_place ELSE (SELECT min(k) FROM generate_series(1, $3::int) k
   WHERE NOT EXISTS (SELECT 1 FROM bookings h WHERE h.service_id = $1 AND h.service_day = $2::date AND h.phone = b.phone
                     AND h.status <> 'cancelled' AND h.phone_place = k AND h.id IS DISTINCT FROM b.id)) END,
       client_place = CASE WHEN b.service_day = $2::date THEN b.client_place ELSE (SELECT min(k) FROM generate_series(1, $3::int) k
   WHERE NOT EXISTS (SELECT 1 FROM bookings h WHERE h.service_id = $1 AND h.service_day = $2::date AND h.client_key = b.client_key
                     AND h.status <> 'cancelled' AND h.client_place = k AND h.id IS DISTINCT FROM b.id)) END
WHERE b.id = $6 AND b.service_id = $1
RETURNING b.phone_place, b.client_place, b.phone;

-- cancel
UPDATE bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1;

-- checkedIn
UPDATE bookings SET status = 'checked_in', checked_in_at = $2, late = $3, ticket_id = $4 WHERE id = $1;

-- mostBookedAhead
SELECT coalesce(max(booked), 0)::int AS most FROM booking_slots WHERE service_id = $1 AND service_day >= $2::date;

-- serviceForAdmin
SELECT s.id, s.office_id, s.booking_settings FROM services s WHERE s.id = $1;

-- seatCounters
SELECT s.service_time_minutes, (SELECT coalesce(json_agg(json_build_object('schedule', c.schedule,
  'service_ids', (SELECT json_agg(cs2.service_id) FROM counter_services cs2 WHERE cs2.counter_id = c.id))), '[]')
FROM counters c JOIN counter_services cs ON cs.counter_id = c.id AND cs.service_id = s.id WHERE c.active) AS counters FROM services s WHERE s.id = $1;

-- writeSettings
UPDATE services SET booking_settings = $2 WHERE id = $1;

-- writePerPerson
UPDATE offices SET bookings_per_person = $2 WHERE id = $1;

-- perPerson
SELECT bookings_per_person FROM offices WHERE id = $1;
