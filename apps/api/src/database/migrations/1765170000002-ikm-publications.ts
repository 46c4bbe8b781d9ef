import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A period's IKM as the office published it, with its follow-up plan (rencana tindak lanjut;
 * PermenPANRB 14/2017, issue 19). The figures are kept as they were when published, so what
 * the board showed stays what it was even if late responses come in; a new publication for
 * the same period is a new row, the latest is the one shown.
 */
export class IkmPublications1765170000002 implements MigrationInterface {
  name = 'IkmPublications1765170000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE ikm_publications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid NOT NULL REFERENCES offices(id),
      preset text NOT NULL CHECK (preset IN ('semester', 'year', 'custom')),
      period_from date NOT NULL,
      period_to date NOT NULL CHECK (period_to >= period_from),
      ikm numeric(5, 2) NOT NULL CHECK (ikm BETWEEN 25 AND 100),
      grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
      responses integer NOT NULL CHECK (responses > 0),
      served integer NOT NULL CHECK (served >= 0),
      sample_size integer NOT NULL CHECK (sample_size >= 0),
      plan jsonb NOT NULL,
      published_at timestamptz NOT NULL,
      published_by uuid NOT NULL REFERENCES staff(id)
    )`);
    await db.query(`CREATE INDEX ikm_publications_office_latest ON ikm_publications (office_id, published_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ikm_publications`);
  }
}
