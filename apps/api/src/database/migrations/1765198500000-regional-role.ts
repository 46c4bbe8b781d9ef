import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The regional role (issue 20): a regional head oversees the offices assigned to them
 * (`staff_offices`, as any staff member's offices) on the regional dashboard, and acts on
 * none of them. The role's check gains `regional`; a regional head is confined to no agency.
 * Existing rows are untouched: every one passes both checks already.
 */
export class RegionalRole1765198500000 implements MigrationInterface {
  name = 'RegionalRole1765198500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff DROP CONSTRAINT staff_role_check`);
    await db.query(`ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('officer', 'supervisor', 'admin', 'regional'))`);
    await db.query(`ALTER TABLE staff ADD CONSTRAINT staff_regional_no_agency CHECK (role <> 'regional' OR agency_id IS NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff DROP CONSTRAINT staff_regional_no_agency`);
    await db.query(`ALTER TABLE staff DROP CONSTRAINT staff_role_check`);
    await db.query(`ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('officer', 'supervisor', 'admin'))`);
  }
}
