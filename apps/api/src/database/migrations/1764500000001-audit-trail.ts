import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail of admin changes: who changed what, when, in which office (and at which
 * counter when the change is about one), with the row before and after. Append-only like
 * the events: the database itself refuses an UPDATE or DELETE. Staff actions on tickets and
 * counters are already recorded with actor and counter in ticket_events and
 * counter_session_events; GET /audit reads the three together.
 */
export class AuditTrail1764500000001 implements MigrationInterface {
  name = 'AuditTrail1764500000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_staff_id uuid NOT NULL REFERENCES staff(id),
        office_id uuid REFERENCES offices(id),
        counter_id uuid REFERENCES counters(id),
        action text NOT NULL CHECK (action ~ '^[a-z_]+\\.[a-z_]+$'),
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        subject_label text,
        before jsonb,
        after jsonb
      )`);
    await db.query(`CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_log_office_at ON audit_log (office_id, at DESC)`);
    await db.query(`CREATE INDEX audit_log_actor_at ON audit_log (actor_staff_id, at DESC)`);
    await db.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
    // The trail's other sources, read by actor and time.
    await db.query(`CREATE INDEX ticket_events_actor_at ON ticket_events (actor_staff_id, at) WHERE actor_staff_id IS NOT NULL`);
    await db.query(`CREATE INDEX counter_session_events_at ON counter_session_events (at)`);
    // A NIP belongs to one person.
    await db.query(`CREATE UNIQUE INDEX staff_nip_unique ON staff (nip) WHERE nip IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX staff_nip_unique`);
    await db.query(`DROP INDEX counter_session_events_at`);
    await db.query(`DROP INDEX ticket_events_actor_at`);
    await db.query(`DROP TABLE audit_log`);
  }
}
