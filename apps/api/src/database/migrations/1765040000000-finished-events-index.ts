import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert timer asks every 15 seconds which offices finished a service in the last day
 * (`SUPERVISION_SQL.officesToScan`). `ticket_events_office_at` leads with the office, so
 * that question read every event ever recorded, a table that grows by the year. This
 * partial index holds the finished events by time only: the question reads one day of them.
 * Only one event in four or so is a finish, so each insert pays little.
 */
export class FinishedEventsIndex1765040000000 implements MigrationInterface {
  name = 'FinishedEventsIndex1765040000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX ticket_events_finished_at ON ticket_events (at) WHERE type = 'finished'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ticket_events_finished_at`);
  }
}
