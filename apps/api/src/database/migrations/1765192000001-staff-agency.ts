import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff member may be confined to one agency of their office (issue 20): an agency
 * supervisor, or an officer of that agency, acts on its counters only. Null, as every
 * existing account is: the whole office. An agency with staff confined to it is not deleted
 * (`agency_has_staff`), so the reference never dangles.
 */
export class StaffAgency1765192000001 implements MigrationInterface {
  name = 'StaffAgency1765192000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff ADD COLUMN agency_id uuid REFERENCES agencies(id)`);
    await db.query(`CREATE INDEX staff_agency ON staff (agency_id) WHERE agency_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff DROP COLUMN agency_id`);
  }
}
