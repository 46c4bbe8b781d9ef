import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kiosks paired to their office (a token shown once, kept only as its SHA-256), and the
 * office's choice whether anonymous clients (phones, web pages) may take tickets at all.
 * Existing offices keep taking them, limited per address, until an admin turns it off.
 */
export class KioskDevices1764730000000 implements MigrationInterface {
  name = 'KioskDevices1764730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE offices ADD COLUMN anonymous_issue boolean NOT NULL DEFAULT true`);
    await db.query(`CREATE TABLE kiosk_devices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid NOT NULL REFERENCES offices(id),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`);
    await db.query(`CREATE INDEX kiosk_devices_office ON kiosk_devices (office_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE kiosk_devices`);
    await db.query(`ALTER TABLE offices DROP COLUMN anonymous_issue`);
  }
}
