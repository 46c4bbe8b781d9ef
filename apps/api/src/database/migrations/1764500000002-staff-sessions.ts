import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ends a staff member's sessions without a session table: every token carries the
 * staff row's token_version, and the guard refuses a token whose version is behind.
 * Changing a password, an admin reset and deactivation bump it (see SessionRevoker).
 */
export class StaffSessions1764500000002 implements MigrationInterface {
  name = 'StaffSessions1764500000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff DROP COLUMN token_version`);
  }
}
