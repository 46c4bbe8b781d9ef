import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web push subscriptions (issue 18): a browser's push endpoint and keys, for one ticket (by
 * its tracking code) or one booking (by its code, and so the ticket it becomes at check-in).
 * One per browser per ticket or booking: the endpoint names the browser, and subscribing
 * again replaces its keys and language. A subscription lasts as long as what it is for
 * (PushSubscriptionsRepository.pruneExpired); a 404/410 from the push service deletes it.
 */
export class PushSubscriptions1765150000000 implements MigrationInterface {
  name = 'PushSubscriptions1765150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets(id) ON DELETE CASCADE,
        booking_id uuid REFERENCES bookings(id) ON DELETE CASCADE,
        endpoint text NOT NULL CHECK (length(endpoint) <= 2000),
        p256dh text NOT NULL,
        auth text NOT NULL,
        language text NOT NULL CHECK (language IN ('id', 'en')),
        created_at timestamptz NOT NULL,
        CHECK ((ticket_id IS NULL) <> (booking_id IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX push_subscriptions_ticket ON push_subscriptions (ticket_id, endpoint) WHERE ticket_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX push_subscriptions_booking ON push_subscriptions (booking_id, endpoint) WHERE booking_id IS NOT NULL`);
    // Whether an office has anyone to tell at all (the outbox's "does anyone want it" probe).
    await db.query(`CREATE INDEX push_subscriptions_office ON push_subscriptions (office_id)`);
    // Sending finds a checked-in booking's subscriptions from its ticket.
    await db.query(`CREATE INDEX bookings_ticket ON bookings (ticket_id) WHERE ticket_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX bookings_ticket`);
    await db.query(`DROP TABLE push_subscriptions`);
  }
}
