import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SKM education categories as the PermenPANRB 14/2017 questionnaire prints them (SD, SMP,
 * SMA, S1, S2, S3; see libs/domain skm.ts): 'd4_s1' becomes 's1' (a D4 is at the level of an
 * S1), 'd1_d3' stays as Loket's one addition. Responses given before stay readable.
 */
export class SkmEducationAsTheQuestionnaire1765170000000 implements MigrationInterface {
  name = 'SkmEducationAsTheQuestionnaire1765170000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE satisfaction_surveys DROP CONSTRAINT satisfaction_surveys_education_check`);
    await db.query(`UPDATE satisfaction_surveys SET education = 's1' WHERE education = 'd4_s1'`);
    await db.query(
      `ALTER TABLE satisfaction_surveys ADD CONSTRAINT satisfaction_surveys_education_check CHECK (education IN ('sd', 'smp', 'sma', 'd1_d3', 's1', 's2', 's3'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE satisfaction_surveys DROP CONSTRAINT satisfaction_surveys_education_check`);
    await db.query(`UPDATE satisfaction_surveys SET education = 'd4_s1' WHERE education = 's1'`);
    await db.query(
      `ALTER TABLE satisfaction_surveys ADD CONSTRAINT satisfaction_surveys_education_check CHECK (education IN ('sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3'))`,
    );
  }
}
