import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook claim takes each endpoint's due deliveries in its own turn (at most a few in
 * flight per endpoint, so a slow one holds only its own): one index range per endpoint, in
 * the order they are sent, instead of every due delivery of every endpoint read once per
 * endpoint.
 */
export class WebhookDeliveriesEndpointDue1765195000000 implements MigrationInterface {
  name = 'WebhookDeliveriesEndpointDue1765195000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX webhook_deliveries_endpoint_due ON webhook_deliveries (endpoint_id, next_attempt_at, id) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_deliveries_endpoint_due`);
  }
}
