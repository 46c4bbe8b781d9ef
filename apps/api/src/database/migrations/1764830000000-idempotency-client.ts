import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key belongs to the client that sent it (a paired kiosk, or an anonymous
 * client's address and browser): the same key from anyone else is another key, so it can
 * never be presented to read someone's tracking code. Tickets issued before this keep no
 * client and are never replayed again.
 */
export class IdempotencyClient1764830000000 implements MigrationInterface {
  name = 'IdempotencyClient1764830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets ADD COLUMN idempotency_client text`);
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_office_id_idempotency_key_key`);
    await db.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_idempotency_key_client UNIQUE (office_id, idempotency_client, idempotency_key)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_idempotency_key_client`);
    await db.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_office_id_idempotency_key_key UNIQUE (office_id, idempotency_key)`);
    await db.query(`ALTER TABLE tickets DROP COLUMN idempotency_client`);
  }
}
