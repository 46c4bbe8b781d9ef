import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the wait forecast and a ticket's place read on every issue and tracking request,
 * kept index scans as the day's tickets and the months of history grow: the place among
 * the waiting tickets of one service, the latest services of a service today, when a
 * counter's pause began, and whether it has opened today.
 */
export class ForecastIndexes1764600000000 implements MigrationInterface {
  name = 'ForecastIndexes1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX tickets_waiting_service_due ON tickets (service_id, due_at, issued_at, issue_order) WHERE status = 'waiting'`);
    await db.query(`CREATE INDEX tickets_done_service_day ON tickets (service_id, service_day, finished_at DESC) WHERE status = 'done'`);
    await db.query(`CREATE INDEX counter_session_events_session ON counter_session_events (session_id, id)`);
    await db.query(`CREATE INDEX counter_sessions_counter_opened ON counter_sessions (counter_id, opened_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX counter_sessions_counter_opened`);
    await db.query(`DROP INDEX counter_session_events_session`);
    await db.query(`DROP INDEX tickets_done_service_day`);
    await db.query(`DROP INDEX tickets_waiting_service_due`);
  }
}
