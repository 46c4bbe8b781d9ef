import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Times are timestamptz (UTC); ids are uuid from gen_random_uuid(),
 * built into PostgreSQL 13+ and PGlite, so no extension is created.
 */
export class InitialSchema1764316800000 implements MigrationInterface {
  name = 'InitialSchema1764316800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE offices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        time_zone text NOT NULL,
        opening_hours jsonb NOT NULL DEFAULT '[]',
        priority_max_wait_minutes integer NOT NULL DEFAULT 10 CHECK (priority_max_wait_minutes > 0),
        -- The realtime sequence: bumped by every state change in the office, in the same transaction.
        seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        code text NOT NULL CHECK (code ~ '^[A-Z]{1,2}$'),
        name text NOT NULL,
        max_wait_minutes integer NOT NULL CHECK (max_wait_minutes > 0),
        service_time_minutes integer NOT NULL CHECK (service_time_minutes > 0),
        cost_rupiah integer NOT NULL DEFAULT 0 CHECK (cost_rupiah >= 0),
        requirements jsonb NOT NULL DEFAULT '[]',
        completion_time text NOT NULL DEFAULT '',
        daily_quota integer CHECK (daily_quota IS NULL OR daily_quota > 0),
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        UNIQUE (office_id, code)
      )`);
    await db.query(`
      CREATE TABLE counters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        number integer NOT NULL CHECK (number > 0),
        name text NOT NULL,
        priority_only boolean NOT NULL DEFAULT false,
        schedule jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        UNIQUE (office_id, number)
      )`);
    await db.query(`
      CREATE TABLE counter_services (
        counter_id uuid NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
        service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
        PRIMARY KEY (counter_id, service_id)
      )`);
    await db.query(`
      CREATE TABLE staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        name text NOT NULL,
        nip text,
        role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE staff_offices (
        staff_id uuid NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        PRIMARY KEY (staff_id, office_id)
      )`);
    await db.query(`
      CREATE TABLE counter_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        counter_id uuid NOT NULL REFERENCES counters(id),
        staff_id uuid NOT NULL REFERENCES staff(id),
        state text NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
        pause_reason text,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    // One open session per counter and per officer: the database refuses a second one.
    await db.query(`CREATE UNIQUE INDEX counter_sessions_one_per_counter ON counter_sessions (counter_id) WHERE state <> 'closed'`);
    await db.query(`CREATE UNIQUE INDEX counter_sessions_one_per_staff ON counter_sessions (staff_id) WHERE state <> 'closed'`);
    await db.query(`
      CREATE TABLE counter_session_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES counter_sessions(id),
        counter_id uuid NOT NULL REFERENCES counters(id),
        type text NOT NULL CHECK (type IN ('opened', 'paused', 'resumed', 'closed')),
        at timestamptz NOT NULL,
        actor_staff_id uuid REFERENCES staff(id),
        reason text,
        seq bigint NOT NULL
      )`);
    await db.query(`
      CREATE TABLE ticket_number_counters (
        service_id uuid NOT NULL REFERENCES services(id),
        service_day date NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (service_id, service_day)
      )`);
    await db.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Increasing in issue order: breaks ties of issued_at the way people queued.
        issue_order bigint GENERATED ALWAYS AS IDENTITY,
        office_id uuid NOT NULL REFERENCES offices(id),
        service_id uuid NOT NULL REFERENCES services(id),
        -- The service and day the number was drawn from: a transferred ticket keeps its number.
        issued_service_id uuid NOT NULL REFERENCES services(id),
        service_day date NOT NULL,
        number integer NOT NULL,
        -- The service code when issued: the number people hold (A-007) never changes with an edit.
        issued_code text NOT NULL,
        priority text CHECK (priority IN ('disabilitas', 'lanjut_usia', 'ibu_hamil', 'anak_balita', 'korban_bencana')),
        status text NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
        issued_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        counter_id uuid REFERENCES counters(id),
        staff_id uuid REFERENCES staff(id),
        called_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        recall_count integer NOT NULL DEFAULT 0,
        tracking_code text NOT NULL UNIQUE,
        idempotency_key text,
        UNIQUE (issued_service_id, service_day, number),
        UNIQUE (office_id, idempotency_key)
      )`);
    // Call-next reads waiting tickets of one office in due order; keep that an index scan.
    await db.query(`CREATE INDEX tickets_waiting_due ON tickets (office_id, due_at, issued_at, issue_order) WHERE status = 'waiting'`);
    await db.query(`CREATE INDEX tickets_at_counter ON tickets (counter_id) WHERE status IN ('called', 'serving')`);
    await db.query(`CREATE INDEX tickets_office_day ON tickets (office_id, service_day)`);
    await db.query(`
      CREATE TABLE ticket_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        type text NOT NULL,
        at timestamptz NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'system')),
        actor_staff_id uuid REFERENCES staff(id),
        counter_id uuid REFERENCES counters(id),
        service_id uuid NOT NULL REFERENCES services(id),
        payload jsonb NOT NULL DEFAULT '{}',
        seq bigint NOT NULL
      )`);
    await db.query(`CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id)`);
    await db.query(`CREATE INDEX ticket_events_office_at ON ticket_events (office_id, at)`);
    // Events are append-only: the database refuses to change or remove one.
    await db.query(`
      CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    await db.query(`CREATE TRIGGER ticket_events_append_only BEFORE UPDATE OR DELETE ON ticket_events FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
    await db.query(`CREATE TRIGGER counter_session_events_append_only BEFORE UPDATE OR DELETE ON counter_session_events FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['ticket_events', 'tickets', 'ticket_number_counters', 'counter_session_events', 'counter_sessions', 'staff_offices', 'staff', 'counter_services', 'counters', 'services', 'offices']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP FUNCTION refuse_event_change()`);
  }
}
