import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per checklist template, raised by the database on every change to its items, so
 * an API instance may keep the template in memory and have the answers' insert check, in the
 * same statement, that it still stands (ChecklistsService): a set-up edit made on any instance
 * is seen by the next answer saved, without reading the items each time.
 */
export class ChecklistTemplateVersion1765120000000 implements MigrationInterface {
  name = 'ChecklistTemplateVersion1765120000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE checklist_templates ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await db.query(`
      CREATE FUNCTION checklist_template_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE checklist_templates SET version = version + 1 WHERE id = COALESCE(NEW.template_id, OLD.template_id);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER checklist_items_touch_template AFTER INSERT OR UPDATE OR DELETE ON checklist_items FOR EACH ROW EXECUTE FUNCTION checklist_template_touch()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER checklist_items_touch_template ON checklist_items`);
    await db.query(`DROP FUNCTION checklist_template_touch()`);
    await db.query(`ALTER TABLE checklist_templates DROP COLUMN version`);
  }
}
