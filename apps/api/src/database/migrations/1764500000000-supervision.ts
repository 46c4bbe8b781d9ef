import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervisor alerts. Kept in the database so they survive a restart and are shared by
 * every API instance; `UNIQUE (office_id, subject_key)` makes raising idempotent, so two
 * instances scanning at once raise an alert once. An alert stays listed until a supervisor
 * acknowledges it (who and when are kept on the row).
 */
export class Supervision1764500000000 implements MigrationInterface {
  name = 'Supervision1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE supervision_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('max_wait', 'priority_wait', 'late_opening', 'slow_service', 'idle_while_waiting')),
        subject_key text NOT NULL,
        subject text NOT NULL,
        service_id uuid REFERENCES services(id) ON DELETE CASCADE,
        counter_id uuid REFERENCES counters(id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets(id),
        since timestamptz NOT NULL,
        raised_at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        acknowledged_at timestamptz,
        acknowledged_by_staff_id uuid REFERENCES staff(id),
        UNIQUE (office_id, subject_key),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by_staff_id IS NULL))
      )`);
    await db.query(`CREATE INDEX supervision_alerts_open ON supervision_alerts (office_id, raised_at) WHERE acknowledged_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE supervision_alerts`);
  }
}
