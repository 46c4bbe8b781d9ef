import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Booking reminders (issue 18):
 * - `offices.reminder_hour`: the office-local hour of the day-before reminder (default 16:00);
 * - `outbox.once_key`: an event that must be written at most once carries a key, and the
 *   unique index makes a second write insert nothing, whichever instance's scan tries it
 *   (`reminder:<kind>:<booking>:<slot start>`: a rescheduled booking is reminded of its new slot);
 * - `bookings_booked_slot`: the reminder scan's read of the bookings ahead.
 */
export class NotificationReminders1765190000000 implements MigrationInterface {
  name = 'NotificationReminders1765190000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE offices ADD COLUMN reminder_hour integer NOT NULL DEFAULT 16 CHECK (reminder_hour BETWEEN 0 AND 23)`);
    await db.query(`ALTER TABLE outbox ADD COLUMN once_key text`);
    await db.query(`CREATE UNIQUE INDEX outbox_once ON outbox (once_key) WHERE once_key IS NOT NULL`);
    // The reminder scan's read: an office's bookings still booked, by slot (bounded by the next two days).
    await db.query(`CREATE INDEX bookings_booked_slot ON bookings (office_id, slot_starts_at) WHERE status = 'booked'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX bookings_booked_slot`);
    await db.query(`DROP INDEX outbox_once`);
    await db.query(`ALTER TABLE outbox DROP COLUMN once_key`);
    await db.query(`ALTER TABLE offices DROP COLUMN reminder_hour`);
  }
}
