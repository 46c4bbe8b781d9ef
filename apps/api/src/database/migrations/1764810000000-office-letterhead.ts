import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office's letterhead (issue 14, items 10 and 12): its street address, printed on the
 * ticket slip, and the place its letters are signed in, printed above the report's signature
 * block ("Kota Harapan, 30 November 2026"). Empty until an admin fills them in.
 */
export class OfficeLetterhead1764810000000 implements MigrationInterface {
  name = 'OfficeLetterhead1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE offices
        ADD COLUMN address text NOT NULL DEFAULT '' CHECK (char_length(address) <= 200),
        ADD COLUMN city text NOT NULL DEFAULT '' CHECK (char_length(city) <= 60)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE offices DROP COLUMN city, DROP COLUMN address`);
  }
}
