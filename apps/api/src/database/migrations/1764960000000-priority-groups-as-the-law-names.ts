import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The priority groups as UU 25/2009 Pasal 29 (Penjelasan) names them (issue 19): "wanita hamil"
 * (was ibu_hamil), "anak-anak" (was anak_balita, narrower than the law), and korban bencana
 * split into bencana alam and bencana sosial. Tickets already stored are renamed; a ticket of
 * the old single disaster group becomes korban_bencana_alam, the meaning the kiosk's "Korban
 * bencana" tile was read with. The issued events keep their payload as it was written (they are
 * append-only history); nothing reads a priority from them.
 */
export class PriorityGroupsAsTheLawNames1764960000000 implements MigrationInterface {
  name = 'PriorityGroupsAsTheLawNames1764960000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_priority_check`);
    await db.query(`
      UPDATE tickets SET priority = CASE priority
        WHEN 'ibu_hamil' THEN 'wanita_hamil'
        WHEN 'anak_balita' THEN 'anak_anak'
        WHEN 'korban_bencana' THEN 'korban_bencana_alam' END
      WHERE priority IN ('ibu_hamil', 'anak_balita', 'korban_bencana')`);
    await db.query(`
      ALTER TABLE tickets ADD CONSTRAINT tickets_priority_check CHECK (priority IN
        ('disabilitas', 'lanjut_usia', 'wanita_hamil', 'anak_anak', 'korban_bencana_alam', 'korban_bencana_sosial'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_priority_check`);
    await db.query(`
      UPDATE tickets SET priority = CASE priority
        WHEN 'wanita_hamil' THEN 'ibu_hamil'
        WHEN 'anak_anak' THEN 'anak_balita'
        ELSE 'korban_bencana' END
      WHERE priority IN ('wanita_hamil', 'anak_anak', 'korban_bencana_alam', 'korban_bencana_sosial')`);
    await db.query(`
      ALTER TABLE tickets ADD CONSTRAINT tickets_priority_check CHECK (priority IN
        ('disabilitas', 'lanjut_usia', 'ibu_hamil', 'anak_balita', 'korban_bencana'))`);
  }
}
