import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Etiquette checklists: one template per office and kind (shift start, interaction) with
 * its items, and the answers given per counter session or per ticket. Offices without
 * templates get the default ones when first asked (see ChecklistsService), so this
 * migration only builds the tables.
 */
export class Checklists1764400000001 implements MigrationInterface {
  name = 'Checklists1764400000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE checklist_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('shift_start', 'interaction')),
        UNIQUE (office_id, kind)
      )`);
    await db.query(`
      CREATE TABLE checklist_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        template_id uuid NOT NULL REFERENCES checklist_templates(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,60}$'),
        label text NOT NULL,
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        UNIQUE (template_id, code)
      )`);
    await db.query(`
      CREATE TABLE checklist_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        template_id uuid NOT NULL REFERENCES checklist_templates(id),
        kind text NOT NULL CHECK (kind IN ('shift_start', 'interaction')),
        session_id uuid REFERENCES counter_sessions(id),
        ticket_id uuid REFERENCES tickets(id),
        counter_id uuid REFERENCES counters(id),
        -- The officer the checklist is about, and who answered it (the same, unless observed).
        subject_staff_id uuid NOT NULL REFERENCES staff(id),
        answered_by_staff_id uuid NOT NULL REFERENCES staff(id),
        method text NOT NULL CHECK (method IN ('self', 'one_key', 'observed')),
        outcome text CHECK (outcome IN ('selesai', 'perlu_berkas_tambahan', 'dirujuk', 'lainnya')),
        note text,
        at timestamptz NOT NULL,
        CHECK ((kind = 'shift_start' AND session_id IS NOT NULL) OR (kind = 'interaction' AND ticket_id IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE checklist_answers (
        response_id uuid NOT NULL REFERENCES checklist_responses(id),
        item_id uuid NOT NULL REFERENCES checklist_items(id),
        item_code text NOT NULL,
        answer text NOT NULL CHECK (answer IN ('checked', 'not_checked', 'not_applicable')),
        PRIMARY KEY (response_id, item_id)
      )`);
    await db.query(`CREATE INDEX checklist_responses_subject_at ON checklist_responses (subject_staff_id, at)`);
    await db.query(`CREATE INDEX checklist_responses_office_at ON checklist_responses (office_id, at)`);
    await db.query(`CREATE INDEX checklist_responses_ticket ON checklist_responses (ticket_id) WHERE ticket_id IS NOT NULL`);
    // Answers are a record of what was said: like events, never changed afterwards.
    await db.query(`CREATE TRIGGER checklist_responses_append_only BEFORE UPDATE OR DELETE ON checklist_responses FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
    await db.query(`CREATE TRIGGER checklist_answers_append_only BEFORE UPDATE OR DELETE ON checklist_answers FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['checklist_answers', 'checklist_responses', 'checklist_items', 'checklist_templates']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
