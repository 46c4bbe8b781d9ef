import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office's calendar (issue 16): its own days (a local holiday, or a seeded national
 * holiday it opens on; the national list itself ships as data in libs/domain, never a
 * table), its closures with the reason citizens are shown, and each service's issuing
 * cut-off before closing. One own day per office and day: entering it twice is refused.
 */
export class OfficeCalendar1764950000000 implements MigrationInterface {
  name = 'OfficeCalendar1764950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE office_days (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        day date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('holiday', 'open')),
        name text NOT NULL,
        created_by uuid REFERENCES staff(id),
        created_at timestamptz NOT NULL,
        CONSTRAINT office_days_office_day_key UNIQUE (office_id, day)
      )`);
    await db.query(`
      CREATE TABLE office_closures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason text NOT NULL,
        created_by uuid REFERENCES staff(id),
        created_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at)
      )`);
    await db.query(`CREATE INDEX office_closures_office_ends ON office_closures (office_id, ends_at)`);
    await db.query(`ALTER TABLE services ADD COLUMN issue_cutoff_minutes integer NOT NULL DEFAULT 30 CHECK (issue_cutoff_minutes >= 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE services DROP COLUMN issue_cutoff_minutes`);
    await db.query(`DROP TABLE office_closures`);
    await db.query(`DROP TABLE office_days`);
  }
}
