import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each SKM response came in (issue 19): the phone ticket page, or a counter's survey
 * terminal for citizens without a smartphone, so a supervisor can see how many came from
 * each. Every response before came from a phone.
 */
export class SurveyChannel1765170000001 implements MigrationInterface {
  name = 'SurveyChannel1765170000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE satisfaction_surveys ADD COLUMN channel text NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'terminal'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE satisfaction_surveys DROP COLUMN channel`);
  }
}
