import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kuota dinamis (issue 16): a per-service option. When on, a new ticket is refused with 409
 * `cannot_serve_today` once the forecast says it would not be served before the office closes
 * (libs/domain `assertCanServeToday`). Off by default: an office turns it on per service.
 */
export class ServiceDynamicQuota1765193000000 implements MigrationInterface {
  name = 'ServiceDynamicQuota1765193000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE services ADD COLUMN dynamic_quota boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE services DROP COLUMN dynamic_quota`);
  }
}
