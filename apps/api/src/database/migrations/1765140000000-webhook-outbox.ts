import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications to the world outside (issue 18), from a transactional outbox:
 * - `outbox`: one row per notification event, written in the transaction of the change that
 *   caused it (a ticket's event statement, a booking's), only when some consumer of the office
 *   wants that event, so an office without webhooks pays one index probe and no row;
 * - `webhook_endpoints`: an office's receivers, each with its own secret (and the one before
 *   a rotation, still signed with until `previous_secret_until`);
 * - `webhook_deliveries`: one per event and endpoint, fanned out in the same statement as the
 *   outbox row; the dispatcher claims due ones with `FOR UPDATE SKIP LOCKED` and a lease.
 * The offices' `ticket.near` settings: N tickets ahead or a forecast under M minutes.
 */
export class WebhookOutbox1765140000000 implements MigrationInterface {
  name = 'WebhookOutbox1765140000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE offices
      ADD COLUMN near_ahead integer NOT NULL DEFAULT 3 CHECK (near_ahead BETWEEN 0 AND 50),
      ADD COLUMN near_minutes integer NOT NULL DEFAULT 10 CHECK (near_minutes BETWEEN 0 AND 240)`);
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        description text NOT NULL DEFAULT '',
        secret text NOT NULL,
        previous_secret text,
        previous_secret_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // The hot path's probe: does this office have an enabled endpoint wanting this event?
    await db.query(`CREATE INDEX webhook_endpoints_office_enabled ON webhook_endpoints (office_id) WHERE enabled`);
    await db.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        type text NOT NULL,
        version integer NOT NULL,
        subject_key text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    // "Sent once per ticket": a second near for the same ticket inserts nothing.
    await db.query(`CREATE UNIQUE INDEX outbox_near_once ON outbox (subject_key) WHERE type = 'ticket.near'`);
    await db.query(`CREATE INDEX outbox_occurred ON outbox (occurred_at)`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        outbox_id bigint NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        subject_key text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        first_due_at timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        leased_until timestamptz,
        last_attempt_at timestamptz,
        last_status integer,
        last_error text,
        last_response text,
        finished_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    // Per-subject order: a delivery waits while an earlier one of its ticket (or booking) to the same endpoint is pending.
    await db.query(`CREATE INDEX webhook_deliveries_subject ON webhook_deliveries (endpoint_id, subject_key, id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id DESC)`);
    await db.query(`CREATE INDEX webhook_deliveries_outbox ON webhook_deliveries (outbox_id)`);
    // The supervisor's "webhook failing" alert.
    await db.query(`ALTER TABLE supervision_alerts DROP CONSTRAINT supervision_alerts_kind_check`);
    await db.query(`
      ALTER TABLE supervision_alerts ADD CONSTRAINT supervision_alerts_kind_check
        CHECK (kind IN ('max_wait', 'priority_wait', 'late_opening', 'slow_service', 'idle_while_waiting', 'complaint_overdue', 'webhook_failing'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM supervision_alerts WHERE kind = 'webhook_failing'`);
    await db.query(`ALTER TABLE supervision_alerts DROP CONSTRAINT supervision_alerts_kind_check`);
    await db.query(`
      ALTER TABLE supervision_alerts ADD CONSTRAINT supervision_alerts_kind_check
        CHECK (kind IN ('max_wait', 'priority_wait', 'late_opening', 'slow_service', 'idle_while_waiting', 'complaint_overdue'))`);
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP TABLE webhook_endpoints`);
    await db.query(`ALTER TABLE offices DROP COLUMN near_ahead, DROP COLUMN near_minutes`);
  }
}
