import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the desk and the API need to mind a counter nobody is minding and to keep a no-show
 * honest (docs/domain.md, counter sessions): the office's settings for the no-show wait, the
 * offline pause and the shift-end close; when a session's desk last answered, when its pause
 * began and the words that go with it; and the words on each session event (a pause's own
 * words, a supervisor's reason for a remote pause or close).
 */
export class CounterCare1764750000000 implements MigrationInterface {
  name = 'CounterCare1764750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE offices
        ADD COLUMN no_show_after_minutes integer NOT NULL DEFAULT 2 CHECK (no_show_after_minutes BETWEEN 0 AND 60),
        ADD COLUMN offline_after_minutes integer NOT NULL DEFAULT 5 CHECK (offline_after_minutes BETWEEN 1 AND 240),
        ADD COLUMN shift_end_grace_minutes integer NOT NULL DEFAULT 30 CHECK (shift_end_grace_minutes BETWEEN 0 AND 720)`);
    await db.query(`
      ALTER TABLE counter_sessions
        ADD COLUMN last_seen_at timestamptz,
        ADD COLUMN paused_at timestamptz,
        ADD COLUMN pause_note text`);
    // Sessions open before this migration count as seen when they opened.
    await db.query(`UPDATE counter_sessions SET last_seen_at = opened_at WHERE state <> 'closed'`);
    await db.query(`ALTER TABLE counter_session_events ADD COLUMN note text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE counter_session_events DROP COLUMN note`);
    await db.query(`ALTER TABLE counter_sessions DROP COLUMN pause_note, DROP COLUMN paused_at, DROP COLUMN last_seen_at`);
    await db.query(`ALTER TABLE offices DROP COLUMN shift_end_grace_minutes, DROP COLUMN offline_after_minutes, DROP COLUMN no_show_after_minutes`);
  }
}
