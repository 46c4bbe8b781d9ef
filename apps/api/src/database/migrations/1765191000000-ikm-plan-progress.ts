import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress of the follow-up plan of a published IKM (issue 19): a supervisor records where
 * each item stands (belum, berjalan, selesai), from which day, with a short note. Each update
 * is a row, append-only like the maklumat: the latest per item is the current status, and
 * the rows before it are the history an assessor may ask for.
 */
export class IkmPlanProgress1765191000000 implements MigrationInterface {
  name = 'IkmPlanProgress1765191000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE ikm_plan_progress (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      publication_id uuid NOT NULL REFERENCES ikm_publications(id),
      item smallint NOT NULL CHECK (item BETWEEN 0 AND 9),
      status text NOT NULL CHECK (status IN ('belum', 'berjalan', 'selesai')),
      status_on date NOT NULL,
      note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 300),
      recorded_at timestamptz NOT NULL,
      recorded_by uuid NOT NULL REFERENCES staff(id)
    )`);
    await db.query(`CREATE INDEX ikm_plan_progress_latest ON ikm_plan_progress (publication_id, item, id)`);
    await db.query(`CREATE TRIGGER ikm_plan_progress_append_only BEFORE UPDATE OR DELETE ON ikm_plan_progress FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
    await db.query(`CREATE TRIGGER ikm_plan_progress_no_truncate BEFORE TRUNCATE ON ikm_plan_progress FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ikm_plan_progress`);
  }
}
