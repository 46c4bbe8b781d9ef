import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The moment a checklist response counts at (issue 14): its own `at`, except a correction,
 * which counts when the record it corrects was first saved. A correction saved at 00:01 of an
 * interaction saved at 23:59 belongs to the day before, in every report and figure, which all
 * select by `filed_at`; `at` stays the moment the row was written, for the audit trail.
 * Existing rows are filled once here: the append-only trigger is lifted for that one update.
 */
export class ChecklistFiledAt1764920000000 implements MigrationInterface {
  name = 'ChecklistFiledAt1764920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE checklist_responses ADD COLUMN filed_at timestamptz`);
    await db.query(`ALTER TABLE checklist_responses DISABLE TRIGGER checklist_responses_append_only`);
    await db.query(`
      UPDATE checklist_responses r SET filed_at = CASE WHEN r.supersedes_id IS NULL THEN r.at ELSE (
        SELECT min(first.at) FROM checklist_responses first
        WHERE first.ticket_id = r.ticket_id AND first.kind = 'interaction' AND first.method <> 'observed') END`);
    await db.query(`ALTER TABLE checklist_responses ENABLE TRIGGER checklist_responses_append_only`);
    await db.query(`ALTER TABLE checklist_responses ALTER COLUMN filed_at SET NOT NULL`);
    await db.query(`CREATE INDEX checklist_responses_office_filed ON checklist_responses (office_id, filed_at)`);
    await db.query(`CREATE INDEX checklist_responses_subject_filed ON checklist_responses (subject_staff_id, filed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX checklist_responses_subject_filed`);
    await db.query(`DROP INDEX checklist_responses_office_filed`);
    await db.query(`ALTER TABLE checklist_responses DROP COLUMN filed_at`);
  }
}
