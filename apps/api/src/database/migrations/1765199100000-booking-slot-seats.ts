import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A seat counter per slot (issue 17, the rush). Until now every booking of a service and day
 * raised the counts of one `booking_days` row, so the whole day's bookings were decided one
 * after another on that row's lock, each holding it through its commit: the rush measured 23
 * confirms a second. `booking_slots` keeps one row per service, day and slot, and a booking
 * takes its seat with one conditional upsert of its slot's row only (`booked < seats`), so
 * bookings for different slots no longer wait for each other. The day's total is the sum of
 * its slots' rows. `booking_days` keeps one row per service and day as the lock for the two
 * cases that need the whole day: a day whose cap is below its slots' seats added up (a daily
 * quota with a walk-ins' share), and a reschedule (BookingsRepository).
 * The counts move from `booking_days.slots` (keyed by the slot's start in epoch ms) as they are.
 */
export class BookingSlotSeats1765199100000 implements MigrationInterface {
  name = 'BookingSlotSeats1765199100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE booking_slots (
        service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
        service_day date NOT NULL,
        slot_starts_at timestamptz NOT NULL,
        booked integer NOT NULL CHECK (booked >= 0),
        PRIMARY KEY (service_id, service_day, slot_starts_at)
      )`);
    await db.query(`
      INSERT INTO booking_slots (service_id, service_day, slot_starts_at, booked)
      SELECT d.service_id, d.service_day, to_timestamp(e.key::bigint / 1000.0), e.value::int
      FROM booking_days d, jsonb_each_text(d.slots) e WHERE e.value::int > 0`);
    await db.query(`ALTER TABLE booking_days DROP COLUMN booked, DROP COLUMN slots`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE booking_days ADD COLUMN booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0), ADD COLUMN slots jsonb NOT NULL DEFAULT '{}'`);
    await db.query(`
      INSERT INTO booking_days (service_id, service_day, booked, slots)
      SELECT service_id, service_day, sum(booked)::int,
             jsonb_object_agg((extract(epoch FROM slot_starts_at) * 1000)::bigint::text, booked)
      FROM booking_slots GROUP BY service_id, service_day
      ON CONFLICT (service_id, service_day) DO UPDATE SET booked = EXCLUDED.booked, slots = EXCLUDED.slots`);
    await db.query(`ALTER TABLE booking_days ALTER COLUMN booked DROP DEFAULT, ALTER COLUMN slots DROP DEFAULT`);
    await db.query(`DROP TABLE booking_slots`);
  }
}
