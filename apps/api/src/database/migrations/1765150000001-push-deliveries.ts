import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web push from the transactional outbox (issue 18). A `ticket.near`, `ticket.called` or
 * `ticket.recalled` row written to `outbox` (in the transaction of the change that caused it)
 * fans out, by the trigger below and so in that same transaction, into one `push_deliveries`
 * row per browser subscribed to the ticket or to the booking it came from: a crash between
 * COMMIT and the send loses nothing, a rollback sends nothing, and a browser that subscribes
 * later is not told of what happened before. PushDispatcher claims due rows with
 * `FOR UPDATE SKIP LOCKED` and a lease, as the webhook dispatcher does.
 *
 * A trigger rather than a CTE in each outbox statement: the outbox is written from several
 * statements (issue, each ticket event, near, bookings), and the push fan-out belongs with the
 * outbox row whichever statement wrote it.
 */
export class PushDeliveries1765150000001 implements MigrationInterface {
  name = 'PushDeliveries1765150000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE push_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        outbox_id bigint NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        leased_until timestamptz,
        last_status integer,
        finished_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (outbox_id, subscription_id)
      )`);
    await db.query(`CREATE INDEX push_deliveries_due ON push_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX push_deliveries_subscription ON push_deliveries (subscription_id)`);
    await db.query(`
      CREATE FUNCTION push_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ticket uuid;
      BEGIN
        IF NEW.type NOT IN ('ticket.near', 'ticket.called', 'ticket.recalled') OR NEW.subject_key NOT LIKE 'ticket:%' THEN
          RETURN NULL;
        END IF;
        ticket := substr(NEW.subject_key, 8)::uuid;
        -- One per browser: a phone subscribed on both the booking and the ticket page is told once.
        INSERT INTO push_deliveries (outbox_id, subscription_id, next_attempt_at, created_at)
        SELECT DISTINCT ON (s.endpoint) NEW.id, s.id, NEW.occurred_at, NEW.occurred_at
        FROM push_subscriptions s
        WHERE s.ticket_id = ticket OR s.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = ticket)
        ORDER BY s.endpoint, s.created_at DESC;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER outbox_push_fan_out AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION push_fan_out()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER outbox_push_fan_out ON outbox`);
    await db.query(`DROP FUNCTION push_fan_out()`);
    await db.query(`DROP TABLE push_deliveries`);
  }
}
