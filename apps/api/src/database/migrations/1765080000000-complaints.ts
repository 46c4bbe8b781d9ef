import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints (pengaduan, UU 25/2009 Pasal 36 ff.; issue 19). A complaint carries its response
 * deadline, fixed when it is filed from the office calendar then (libs/domain complaints.ts).
 * Its number is per office, drawn from complaint_numbers, so it never waits for the office
 * row every ticket change locks. The office gains its response deadline in working days and
 * its SP4N-LAPOR! channel; a supervisor alert may now be about an overdue complaint.
 */
export class Complaints1765080000000 implements MigrationInterface {
  name = 'Complaints1765080000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE offices
        ADD COLUMN complaint_response_days integer NOT NULL DEFAULT 5 CHECK (complaint_response_days BETWEEN 1 AND 60),
        ADD COLUMN lapor_channel text NOT NULL DEFAULT '' CHECK (char_length(lapor_channel) <= 200)`);
    await db.query(`CREATE TABLE complaint_numbers (office_id uuid PRIMARY KEY REFERENCES offices(id) ON DELETE CASCADE, last integer NOT NULL)`);
    await db.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        number integer NOT NULL,
        code text NOT NULL UNIQUE,
        service_id uuid REFERENCES services(id) ON DELETE SET NULL,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        channel text NOT NULL CHECK (channel IN ('ticket_page', 'web', 'counter')),
        category text NOT NULL CHECK (category IN ('pelayanan', 'petugas', 'biaya', 'persyaratan', 'waktu', 'sarana', 'lainnya')),
        description text NOT NULL CHECK (char_length(description) BETWEEN 10 AND 2000),
        contact_name text CHECK (char_length(contact_name) BETWEEN 1 AND 80),
        contact text CHECK (char_length(contact) BETWEEN 1 AND 120),
        status text NOT NULL DEFAULT 'diterima' CHECK (status IN ('diterima', 'diproses', 'selesai', 'ditolak')),
        rejection_reason text CHECK (char_length(rejection_reason) BETWEEN 1 AND 500),
        public_reply text CHECK (char_length(public_reply) BETWEEN 1 AND 2000),
        replied_at timestamptz,
        assigned_staff_id uuid REFERENCES staff(id),
        recorded_by_staff_id uuid REFERENCES staff(id),
        filed_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        closed_at timestamptz,
        lapor_number text CHECK (char_length(lapor_number) BETWEEN 1 AND 40),
        lapor_handed_at timestamptz,
        UNIQUE (office_id, number),
        CHECK ((status IN ('selesai', 'ditolak')) = (closed_at IS NOT NULL)),
        CHECK (status <> 'ditolak' OR rejection_reason IS NOT NULL),
        CHECK ((lapor_number IS NULL) = (lapor_handed_at IS NULL))
      )`);
    await db.query(`CREATE INDEX complaints_office_filed ON complaints (office_id, filed_at)`);
    await db.query(`CREATE INDEX complaints_open_due ON complaints (office_id, due_at) WHERE closed_at IS NULL`);
    await db.query(`
      CREATE TABLE complaint_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        staff_id uuid NOT NULL REFERENCES staff(id),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX complaint_notes_complaint ON complaint_notes (complaint_id, created_at)`);
    await db.query(`ALTER TABLE supervision_alerts DROP CONSTRAINT supervision_alerts_kind_check`);
    await db.query(`
      ALTER TABLE supervision_alerts ADD CONSTRAINT supervision_alerts_kind_check
        CHECK (kind IN ('max_wait', 'priority_wait', 'late_opening', 'slow_service', 'idle_while_waiting', 'complaint_overdue'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM supervision_alerts WHERE kind = 'complaint_overdue'`);
    await db.query(`ALTER TABLE supervision_alerts DROP CONSTRAINT supervision_alerts_kind_check`);
    await db.query(`
      ALTER TABLE supervision_alerts ADD CONSTRAINT supervision_alerts_kind_check
        CHECK (kind IN ('max_wait', 'priority_wait', 'late_opening', 'slow_service', 'idle_while_waiting'))`);
    await db.query(`DROP TABLE complaint_notes`);
    await db.query(`DROP TABLE complaints`);
    await db.query(`DROP TABLE complaint_numbers`);
    await db.query(`ALTER TABLE offices DROP COLUMN complaint_response_days, DROP COLUMN lapor_channel`);
  }
}
