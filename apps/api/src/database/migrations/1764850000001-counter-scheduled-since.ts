import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a counter got its first schedule (issue 14, item 5): Loket 7 added at 08:08 with an
 * 08:00 schedule was "late" the moment it existed. Punctuality and the late-opening alert
 * count from this instant on that day. Counters that exist already keep NULL: they are
 * measured by their schedule on every day, as before.
 */
export class CounterScheduledSince1764850000001 implements MigrationInterface {
  name = 'CounterScheduledSince1764850000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE counters ADD COLUMN scheduled_since timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE counters DROP COLUMN scheduled_since`);
  }
}
