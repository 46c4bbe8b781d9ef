import type { MigrationInterface, QueryRunner } from 'typeorm';

const TEXTS = [
  'product',
  'complaint_handling',
  'facilities',
  'executor_competence',
  'internal_supervision',
  'service_guarantee',
  'safety_guarantee',
  'performance_evaluation',
];

/**
 * What the office must publish (issue 19). The services table held three of the 14
 * components of the service standard (requirements, completion time, cost); it gains the
 * other eleven, empty until an admin fills them in. Each office's maklumat pelayanan
 * (UU 25/2009 Pasal 22) is a row per version: a new text or signature is a new version,
 * and the old ones stay, append-only like the audit trail.
 */
export class ServiceStandardAndMaklumat1765030000000 implements MigrationInterface {
  name = 'ServiceStandardAndMaklumat1765030000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE services
        ADD COLUMN procedure jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(procedure) = 'array'),
        ADD COLUMN legal_basis jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(legal_basis) = 'array'),
        ${TEXTS.map((column) => `ADD COLUMN ${column} text NOT NULL DEFAULT '' CHECK (char_length(${column}) <= 2000)`).join(',\n        ')},
        ADD COLUMN executor_count integer CHECK (executor_count BETWEEN 1 AND 10000)`);
    await db.query(`
      CREATE TABLE office_maklumat (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        version integer NOT NULL CHECK (version >= 1),
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 3000),
        signer_name text NOT NULL CHECK (char_length(signer_name) BETWEEN 1 AND 120),
        signer_position text NOT NULL CHECK (char_length(signer_position) BETWEEN 1 AND 120),
        signed_on date NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid REFERENCES staff(id),
        UNIQUE (office_id, version)
      )`);
    await db.query(`CREATE TRIGGER office_maklumat_append_only BEFORE UPDATE OR DELETE ON office_maklumat FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
    await db.query(`CREATE TRIGGER office_maklumat_no_truncate BEFORE TRUNCATE ON office_maklumat FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE office_maklumat`);
    await db.query(`
      ALTER TABLE services
        DROP COLUMN procedure, DROP COLUMN legal_basis, DROP COLUMN executor_count,
        ${TEXTS.map((column) => `DROP COLUMN ${column}`).join(', ')}`);
  }
}
