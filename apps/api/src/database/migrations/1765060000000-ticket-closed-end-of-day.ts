import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: a ticket still waiting when the office's day is over is closed by the end-of-day
 * step with a status that says why (`closed_end_of_day`, libs/domain end-of-day.ts), not left
 * waiting into the next day. The status check gains it; the sweep asks which offices still
 * have waiting tickets, which the partial index `tickets_waiting_due` already answers.
 */
export class TicketClosedEndOfDay1765060000000 implements MigrationInterface {
  name = 'TicketClosedEndOfDay1765060000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_status_check`);
    await db.query(
      `ALTER TABLE tickets ADD CONSTRAINT tickets_status_check CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'closed_end_of_day'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_status_check`);
    await db.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_status_check CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'))`);
  }
}
