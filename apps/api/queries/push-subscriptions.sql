-- The SQL of push-subscriptions.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- ticketByTrackingCode
SELECT t.id, t.office_id, t.status, t.issued_at FROM tickets t WHERE t.tracking_code = $1;

-- bookingByCode
SELECT b.id, b.office_id, b.status, b.slot_ends_at, t.status AS ticket_status, t.issued_at AS ticket_issued_at
FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id WHERE b.code = $1;

-- subscribeTicket
INSERT INTO push_subscriptions (ticket_id, endpoint, p256dh, auth, language, created_at, office_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (ticket_id, endpoint) WHERE ticket_id IS NOT NULL DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language;

-- subscribeBooking
INSERT INTO push_subscriptions (booking_id, endpoint, p256dh, auth, language, created_at, office_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (booking_id, endpoint) WHERE booking_id IS NOT NULL DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language;

-- removeEndpoint
DELETE FROM push_subscriptions WHERE endpoint = $1;

-- pruneExpired
DELETE FROM push_subscriptions s WHERE s.id IN (
SELECT x.id FROM push_subscriptions x
LEFT JOIN tickets t ON t.id = x.ticket_id
LEFT JOIN bookings b ON b.id = x.booking_id
LEFT JOIN tickets bt ON bt.id = b.ticket_id
WHERE t.issued_at < $1 OR b.status = 'cancelled' OR coalesce(bt.issued_at, b.slot_ends_at) < $1);
