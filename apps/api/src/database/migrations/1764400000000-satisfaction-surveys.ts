import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The satisfaction survey (SKM, PermenPANRB 14/2017): one response per ticket, nine
 * scores 1–4. Office, service, counter and officer are copied from the ticket when it is
 * answered, so reports group responses without joining through a ticket that may later move.
 */
export class SatisfactionSurveys1764400000000 implements MigrationInterface {
  name = 'SatisfactionSurveys1764400000000';

  async up(db: QueryRunner): Promise<void> {
    const scores = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']
      .map((column) => `${column} smallint NOT NULL CHECK (${column} BETWEEN 1 AND 4)`)
      .join(',\n        ');
    await db.query(`
      CREATE TABLE satisfaction_surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL UNIQUE REFERENCES tickets(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        service_id uuid NOT NULL REFERENCES services(id),
        counter_id uuid REFERENCES counters(id),
        staff_id uuid REFERENCES staff(id),
        ${scores},
        submitted_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX satisfaction_surveys_office_time ON satisfaction_surveys (office_id, submitted_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE satisfaction_surveys`);
  }
}
