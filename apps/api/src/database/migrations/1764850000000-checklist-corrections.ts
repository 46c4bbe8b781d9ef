import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An officer corrects a saved interaction checklist within minutes (issue 14, item 9). The
 * responses stay append-only: the correction is a new row naming the one it supersedes, and
 * every figure reads only responses nothing supersedes. The unique index lets a response be
 * superseded once, and serves those readers' look-up.
 */
export class ChecklistCorrections1764850000000 implements MigrationInterface {
  name = 'ChecklistCorrections1764850000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE checklist_responses ADD COLUMN supersedes_id uuid REFERENCES checklist_responses(id)`);
    await db.query(`CREATE UNIQUE INDEX checklist_responses_supersedes ON checklist_responses (supersedes_id) WHERE supersedes_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX checklist_responses_supersedes`);
    await db.query(`ALTER TABLE checklist_responses DROP COLUMN supersedes_id`);
  }
}
