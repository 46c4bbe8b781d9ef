import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Booking a slot (issue 17). `bookings` holds each booking; `booking_days` one row per
 * service and day with the count booked that day and per slot (`slots`, keyed by the slot's
 * start in epoch ms): the row the booking statement locks, so the seat check and the insert are
 * one atomic statement (BookingsRepository.book). Each service's settings are a JSON object over
 * the domain's defaults (`DEFAULT_BOOKING_SETTINGS`); the office sets how many active bookings
 * one phone number, and one client, may hold per service and day.
 *
 * The per-person limit is held by the database too: an active booking takes a numbered place
 * 1…limit for its phone and for its client, unique among the active bookings of the service
 * and day, so two requests from one phone racing for the last place cannot both win.
 */
export class Bookings1765090000000 implements MigrationInterface {
  name = 'Bookings1765090000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE services ADD COLUMN booking_settings jsonb NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE offices ADD COLUMN bookings_per_person integer NOT NULL DEFAULT 1 CHECK (bookings_per_person BETWEEN 1 AND 20)`);
    await db.query(`
      CREATE TABLE booking_days (
        service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
        service_day date NOT NULL,
        booked integer NOT NULL CHECK (booked >= 0),
        slots jsonb NOT NULL,
        PRIMARY KEY (service_id, service_day)
      )`);
    await db.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
        code text NOT NULL UNIQUE,
        reference text NOT NULL,
        service_day date NOT NULL,
        slot_starts_at timestamptz NOT NULL,
        slot_ends_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled')),
        name text,
        phone text,
        phone_place integer,
        client_key text NOT NULL,
        client_place integer NOT NULL,
        reschedule_count integer NOT NULL DEFAULT 0 CHECK (reschedule_count BETWEEN 0 AND 1),
        idempotency_key text,
        idempotency_client text,
        created_at timestamptz NOT NULL,
        cancelled_at timestamptz,
        checked_in_at timestamptz,
        late boolean,
        ticket_id uuid REFERENCES tickets(id),
        CHECK (slot_ends_at > slot_starts_at),
        CONSTRAINT bookings_reference_key UNIQUE (office_id, service_day, reference),
        CONSTRAINT bookings_idempotency_key_client UNIQUE (office_id, idempotency_key, idempotency_client)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX bookings_phone_place ON bookings (service_id, service_day, phone, phone_place) WHERE status <> 'cancelled' AND phone IS NOT NULL`,
    );
    await db.query(`CREATE UNIQUE INDEX bookings_client_place ON bookings (service_id, service_day, client_key, client_place) WHERE status <> 'cancelled'`);
    await db.query(`CREATE INDEX bookings_service_slot ON bookings (service_id, slot_starts_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bookings`);
    await db.query(`DROP TABLE booking_days`);
    await db.query(`ALTER TABLE offices DROP COLUMN bookings_per_person`);
    await db.query(`ALTER TABLE services DROP COLUMN booking_settings`);
  }
}
