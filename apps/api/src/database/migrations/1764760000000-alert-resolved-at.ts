import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An alert whose condition has ended (the ticket was called, the counter opened) is marked
 * resolved by the next scan, so the supervisor sees how long it lasted instead of a stale
 * "belum dibuka". The partial index keeps the scan's look-up of unresolved alerts small.
 */
export class AlertResolvedAt1764760000000 implements MigrationInterface {
  name = 'AlertResolvedAt1764760000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE supervision_alerts ADD COLUMN resolved_at timestamptz`);
    await db.query(`CREATE INDEX supervision_alerts_unresolved ON supervision_alerts (office_id) WHERE resolved_at IS NULL AND acknowledged_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX supervision_alerts_unresolved`);
    await db.query(`ALTER TABLE supervision_alerts DROP COLUMN resolved_at`);
  }
}
