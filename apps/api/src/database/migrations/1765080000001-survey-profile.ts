import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the SKM questionnaire (PermenPANRB 14/2017; issue 19): the respondent's optional
 * profile (jenis kelamin, usia as a band, pendidikan, pekerjaan, in libs/domain skm.ts's
 * categories) and the optional saran/masukan. Responses before stay without them.
 */
export class SurveyProfile1765080000001 implements MigrationInterface {
  name = 'SurveyProfile1765080000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE satisfaction_surveys
        ADD COLUMN gender text CHECK (gender IN ('laki_laki', 'perempuan')),
        ADD COLUMN age_band text CHECK (age_band IN ('lt20', '20_29', '30_39', '40_49', '50_59', 'gte60')),
        ADD COLUMN education text CHECK (education IN ('sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3')),
        ADD COLUMN occupation text CHECK (occupation IN ('pns', 'tni', 'polri', 'swasta', 'wirausaha', 'lainnya')),
        ADD COLUMN suggestion text CHECK (char_length(suggestion) BETWEEN 1 AND 1000)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE satisfaction_surveys DROP COLUMN gender, DROP COLUMN age_band, DROP COLUMN education, DROP COLUMN occupation, DROP COLUMN suggestion`);
  }
}
