import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['ticket_events', 'counter_session_events', 'checklist_responses', 'checklist_answers', 'audit_log'];

/**
 * The append-only tables refused UPDATE and DELETE row by row, but TRUNCATE fires no row
 * trigger: one statement could empty the audit trail. A statement trigger refuses it too
 * (also when a TRUNCATE … CASCADE of another table would reach them). The role the
 * application runs as should not hold TRUNCATE at all (docs/operations.md); this holds
 * even for the owner.
 */
export class RefuseTruncate1764720000000 implements MigrationInterface {
  name = 'RefuseTruncate1764720000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY) {
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY) await db.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
  }
}
