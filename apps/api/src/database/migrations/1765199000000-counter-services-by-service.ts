import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counters that serve a service, asked by the service: every ticket issued (how many
 * active counters serve it, `TicketsRepository.issueContext`), every office snapshot (counters
 * open and serving per service), the booking slots, and deleting a service (ON DELETE
 * CASCADE). The primary key leads with the counter, so each of these read the whole table,
 * which grows with every counter of every office in the database.
 */
export class CounterServicesByService1765199000000 implements MigrationInterface {
  name = 'CounterServicesByService1765199000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX counter_services_service ON counter_services (service_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX counter_services_service`);
  }
}
