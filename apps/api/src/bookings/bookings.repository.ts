import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type BookingStatus, type CounterScheduleDay, NOTIFICATION_VERSION, type OfficeOwnDay, type OpeningHours } from '@loket/domain';
import { OFFICE_JSON, SERVICE_JSON, fanOutSql, outboxWantedSql } from '../notifications/outbox.repository.js';

/** The office's calendar rows for the domain (as `TICKETS_SQL.issueContext` reads them): own days ahead, closures not yet over. */
const CALENDAR_COLUMNS = `
         (SELECT coalesce(json_agg(json_build_object('day', d.day::text, 'kind', d.kind, 'name', d.name)), '[]')
          FROM office_days d
          WHERE d.office_id = o.id AND d.day BETWEEN ($2::timestamptz AT TIME ZONE o.time_zone)::date - 1 AND ($2::timestamptz AT TIME ZONE o.time_zone)::date + 401) AS own_days,
         (SELECT coalesce(json_agg(json_build_object('from', c.starts_at, 'to', c.ends_at, 'reason', c.reason)), '[]')
          FROM office_closures c WHERE c.office_id = o.id AND c.ends_at > $2::timestamptz) AS closures`;

/** The active counters that serve service `s`, each with its weekly schedule and every service it serves: a slot's seats follow them (`slotSeats`). */
const SERVICE_COUNTERS = `(SELECT coalesce(json_agg(json_build_object('schedule', c.schedule,
                      'service_ids', (SELECT json_agg(cs2.service_id) FROM counter_services cs2 WHERE cs2.counter_id = c.id))), '[]')
                    FROM counters c JOIN counter_services cs ON cs.counter_id = c.id AND cs.service_id = s.id WHERE c.active)`;

/** A day's counts from its slots' rows of `booking_slots`: the day's total, and each slot's keyed by its start in epoch ms (`slotKey`). */
const DAY_COUNTS = `service_day::text AS service_day, sum(booked)::int AS booked,
         jsonb_object_agg((extract(epoch FROM slot_starts_at) * 1000)::bigint::text, booked) AS slots FROM booking_slots`;

const OFFICE_COLUMNS = `o.id AS office_id, o.slug, o.name AS office_name, o.address, o.time_zone, o.opening_hours, o.bookings_per_person, o.anonymous_issue`;

const BOOKING_COLUMNS = `b.id, b.office_id, b.service_id, b.code, b.reference, b.service_day::text AS service_day, b.slot_starts_at, b.slot_ends_at,
         b.status, b.name, b.phone, b.reschedule_count, b.ticket_id, (SELECT t.tracking_code FROM tickets t WHERE t.id = b.ticket_id) AS ticket_tracking_code`;

/**
 * The smallest free place 1…limit among the active bookings of one holder (a phone number or
 * a client) for a service and day; null when all are taken. `$1` service, `$2` day, `$3` limit.
 */
const place = (column: 'phone' | 'client_key', value: string, exceptId: string) => `(SELECT min(k) FROM generate_series(1, $3::int) k
     WHERE NOT EXISTS (SELECT 1 FROM bookings h WHERE h.service_id = $1 AND h.service_day = $2::date AND h.${column} = ${value}
                       AND h.status <> 'cancelled' AND h.${column === 'phone' ? 'phone_place' : 'client_place'} = k AND h.id IS DISTINCT FROM ${exceptId}))`;

export const BOOKINGS_SQL = {
  // The office, one service and the calendar in one round trip. $1 slug, $2 now, $3 service id (null: every service).
  context: `SELECT ${OFFICE_COLUMNS}, ${CALENDAR_COLUMNS},
         (SELECT coalesce(json_agg(json_build_object('service_id', s.id, 'service_code', s.code, 'service_name', s.name, 'service_active', s.active,
                    'max_wait_minutes', s.max_wait_minutes, 'daily_quota', s.daily_quota, 'requirements', s.requirements,
                    'booking_settings', s.booking_settings, 'counters', ${SERVICE_COUNTERS}) ORDER BY s.sort_order, s.code), '[]')
          FROM services s WHERE s.office_id = o.id AND ($3::uuid IS NULL OR s.id = $3::uuid)) AS services
  FROM offices o WHERE o.slug = $1`,
  contextById: `SELECT ${OFFICE_COLUMNS}, ${CALENDAR_COLUMNS},
         (SELECT coalesce(json_agg(json_build_object('service_id', s.id, 'service_code', s.code, 'service_name', s.name, 'service_active', s.active,
                    'max_wait_minutes', s.max_wait_minutes, 'daily_quota', s.daily_quota, 'requirements', s.requirements,
                    'booking_settings', s.booking_settings, 'counters', ${SERVICE_COUNTERS}) ORDER BY s.sort_order, s.code), '[]')
          FROM services s WHERE s.office_id = o.id AND ($3::uuid IS NULL OR s.id = $3::uuid)) AS services
  FROM offices o WHERE o.id = $1`,
  // How many are booked per day, and per slot (keyed by the slot's start in epoch ms), for a service over a span of days.
  booked: `SELECT ${DAY_COUNTS} WHERE service_id = $1 AND service_day BETWEEN $2::date AND $3::date GROUP BY service_day`,
  /*
   * A booking in one statement: a booking already made with the idempotency key (answered
   * instead, nothing written), the slot's and the day's counts as last committed (unlocked: a
   * full slot or day stops here), the holder's places (phone and client, each 1…limit), then
   * the slot's row of `booking_slots` raised by one only while it is under the slot's seats,
   * then the booking, only when the seat was taken. The upsert locks the one row of the slot,
   * and ON CONFLICT DO UPDATE checks its WHERE on the row's latest version, so two bookings
   * racing for a slot's last seat are decided one after the other and the loser inserts
   * nothing, while bookings for other slots go on beside them. The day's cap is checked on the
   * counts as read: where it is below the slots' seats added up the caller runs this after
   * locking the day's row (`lockDays`), so the read sees every booking of the day before it.
   * $1 service, $2 day, $3 limit per person, $4 phone, $5 client key, $6 slot start,
   * $7 day cap, $8 seats of the slot, $9 office, $10 code, $11 reference, $12 slot end,
   * $13 name, $14 idempotency key, $15 idempotency client, $16 now, $17 the booking.created version.
   */
  book: `WITH existing AS (
    SELECT code FROM bookings WHERE office_id = $9 AND idempotency_key = $14 AND idempotency_client = $15
  ), shown AS (
    -- The day's slots as last committed, read without a lock: a day or slot already full is refused here, so the
    -- crowd that comes after the last seat never queues on a slot row's lock (the upsert below decides the rest).
    SELECT coalesce(sum(d.booked), 0)::int AS booked, coalesce(max(d.booked) FILTER (WHERE d.slot_starts_at = $6::timestamptz), 0) AS in_slot
    FROM booking_slots d WHERE d.service_id = $1 AND d.service_day = $2::date
  ), holder AS (
    SELECT CASE WHEN $4::text IS NULL THEN NULL ELSE ${place('phone', '$4::text', 'NULL::uuid')} END AS phone_place,
           ${place('client_key', '$5::text', 'NULL::uuid')} AS client_place
  ), seat AS (
    INSERT INTO booking_slots AS d (service_id, service_day, slot_starts_at, booked)
    SELECT $1, $2::date, $6::timestamptz, 1 FROM holder
    WHERE NOT EXISTS (SELECT 1 FROM existing) AND holder.client_place IS NOT NULL AND ($4::text IS NULL OR holder.phone_place IS NOT NULL) AND $7::int >= 1 AND $8::int >= 1
      AND (SELECT booked FROM shown) < $7::int AND (SELECT in_slot FROM shown) < $8::int
    ON CONFLICT (service_id, service_day, slot_starts_at) DO UPDATE SET booked = d.booked + 1 WHERE d.booked < $8::int
    RETURNING d.booked
  ), booking AS (
    INSERT INTO bookings (office_id, service_id, code, reference, service_day, slot_starts_at, slot_ends_at, status, name, phone, phone_place,
                          client_key, client_place, idempotency_key, idempotency_client, created_at)
    SELECT $9, $1, $10, $11, $2::date, $6::timestamptz, $12, 'booked', $13, $4::text, holder.phone_place, $5::text, holder.client_place, $14, $15, $16
    FROM seat, holder
    RETURNING id
  ), notice AS (
    -- The outbox row (notifications/outbox.repository.ts), only when someone in the office wants booking.created.
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT $9, 'booking.created', $17::int, 'booking:' || booking.id, jsonb_build_object(
             'booking', jsonb_build_object('id', booking.id, 'reference', $11::text, 'code', $10::text, 'day', $2::date::text,
                                           'startsAt', $6::timestamptz, 'endsAt', $12::timestamptz),
             'office', ${OFFICE_JSON}, 'service', ${SERVICE_JSON}, 'link', '/b/' || $10::text,
             'contact', CASE WHEN $13::text IS NULL AND $4::text IS NULL THEN NULL ELSE jsonb_build_object('name', $13::text, 'phone', $4::text) END), $16
    FROM booking JOIN offices o ON o.id = $9 JOIN services s ON s.id = $1
    WHERE ${outboxWantedSql('$9', "'booking.created'", "'booking:' || booking.id")}
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  SELECT (SELECT id FROM booking) AS id, (SELECT code FROM existing) AS existing, holder.client_place IS NOT NULL AND ($4::text IS NULL OR holder.phone_place IS NOT NULL) AS holder_free,
         shown.booked AS day_booked, shown.in_slot AS slot_booked
  FROM holder, shown`,
  // Why a seat was refused: the day's counts as they are now (the message only; the refusal itself was atomic).
  dayRow: `SELECT ${DAY_COUNTS} WHERE service_id = $1 AND service_day = $2::date GROUP BY service_day`,
  // Read without a lock before the check-in's transaction: which service's issuing context to read.
  serviceOfReference: 'SELECT service_id FROM bookings WHERE office_id = $1 AND service_day = $2::date AND reference = $3',
  bookedOn: 'SELECT coalesce(sum(booked), 0)::int AS booked FROM booking_slots WHERE service_id = $1 AND service_day = $2::date',
  byIdempotencyKey: 'SELECT code FROM bookings WHERE office_id = $1 AND idempotency_key = $2 AND idempotency_client = $3',
  byCode: `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.code = $1`,
  lockByCode: `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.code = $1 FOR UPDATE`,
  lockByReference: `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.office_id = $1 AND b.service_day = $2::date AND b.reference = $3 FOR UPDATE`,
  // Creates a day's lock row (a reschedule's days, a capped day's booking), so the rows can be locked in day order.
  ensureDay: `INSERT INTO booking_days (service_id, service_day) VALUES ($1, $2::date) ON CONFLICT DO NOTHING`,
  lockDays: `SELECT service_day FROM booking_days WHERE service_id = $1 AND service_day = ANY($2::date[]) ORDER BY service_day FOR UPDATE`,
  releaseSeat: `UPDATE booking_slots SET booked = booked - 1 WHERE service_id = $1 AND service_day = $2::date AND slot_starts_at = $3`,
  // $1 service, $2 day, $3 slot start, $4 day cap, $5 seats: the slot's row raised while under both (the day's row is locked already).
  takeSeat: `WITH day AS (SELECT coalesce(sum(booked), 0) AS booked FROM booking_slots WHERE service_id = $1 AND service_day = $2::date)
  INSERT INTO booking_slots AS d (service_id, service_day, slot_starts_at, booked)
  SELECT $1, $2::date, $3::timestamptz, 1 FROM day WHERE day.booked < $4::int AND $5::int >= 1
  ON CONFLICT (service_id, service_day, slot_starts_at) DO UPDATE SET booked = d.booked + 1 WHERE d.booked < $5::int
  RETURNING d.booked`,
  // Moves the booking; on another day it takes new places for its holder there ($3 the limit).
  reschedule: `UPDATE bookings b SET slot_starts_at = $4, slot_ends_at = $5, service_day = $2::date, reschedule_count = b.reschedule_count + 1,
         phone_place = CASE WHEN b.phone IS NULL THEN NULL WHEN b.service_day = $2::date THEN b.phone_place ELSE ${place('phone', 'b.phone', 'b.id')} END,
         client_place = CASE WHEN b.service_day = $2::date THEN b.client_place ELSE ${place('client_key', 'b.client_key', 'b.id')} END
  WHERE b.id = $6 AND b.service_id = $1
  RETURNING b.phone_place, b.client_place, b.phone`,
  cancel: `UPDATE bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`,
  checkedIn: `UPDATE bookings SET status = 'checked_in', checked_in_at = $2, late = $3, ticket_id = $4 WHERE id = $1`,
  // The most booked in any slot of a day not yet over: seats per slot may not go below it.
  mostBookedAhead: `SELECT coalesce(max(booked), 0)::int AS most FROM booking_slots WHERE service_id = $1 AND service_day >= $2::date`,
  serviceForAdmin: 'SELECT s.id, s.office_id, s.booking_settings FROM services s WHERE s.id = $1',
  // What the suggested seats per slot are made of: the service's standard time and the active counters that serve it.
  seatCounters: `SELECT s.service_time_minutes, ${SERVICE_COUNTERS} AS counters FROM services s WHERE s.id = $1`,
  writeSettings: 'UPDATE services SET booking_settings = $2 WHERE id = $1',
  writePerPerson: 'UPDATE offices SET bookings_per_person = $2 WHERE id = $1',
  perPerson: 'SELECT bookings_per_person FROM offices WHERE id = $1',
} as const;

/** A counter that serves a service: its weekly schedule and every service it serves. */
export interface ServiceCounterRow {
  schedule: CounterScheduleDay[];
  service_ids: string[];
}

/** A service's standard time, and the active counters that serve it. */
export interface SeatCountersRow {
  service_time_minutes: number;
  counters: ServiceCounterRow[];
}

export interface BookingServiceRow {
  service_id: string;
  service_code: string;
  service_name: string;
  service_active: boolean;
  max_wait_minutes: number;
  daily_quota: number | null;
  requirements: string[];
  booking_settings: Record<string, unknown>;
  /** The active counters that serve it (`SERVICE_COUNTERS`). */
  counters: ServiceCounterRow[];
}

export interface BookingContextRow {
  office_id: string;
  slug: string;
  office_name: string;
  address: string;
  time_zone: string;
  opening_hours: OpeningHours[];
  bookings_per_person: number;
  anonymous_issue: boolean;
  own_days: OfficeOwnDay[];
  closures: { from: string; to: string; reason: string }[];
  services: BookingServiceRow[];
}

export interface BookedDayRow {
  service_day: string;
  booked: number;
  slots: Record<string, number>;
}

export interface BookingRow {
  id: string;
  office_id: string;
  service_id: string;
  code: string;
  reference: string;
  service_day: string;
  slot_starts_at: Date;
  slot_ends_at: Date;
  status: BookingStatus;
  name: string | null;
  phone: string | null;
  reschedule_count: number;
  ticket_id: string | null;
  ticket_tracking_code: string | null;
}

export interface NewBooking {
  officeId: string;
  serviceId: string;
  serviceDay: string;
  perPerson: number;
  phone: string | null;
  clientKey: string;
  slotStartsAt: Date;
  slotEndsAt: Date;
  dayCap: number;
  seatsPerSlot: number;
  code: string;
  reference: string;
  name: string | null;
  idempotencyKey: string | null;
  idempotencyClient: string | null;
  now: Date;
}

/** What the booking statement answers (`BookingsRepository.book`). */
export interface BookResult {
  id: string | null;
  existing: string | null;
  holderFree: boolean;
  shown: { booked: number; inSlot: number };
}

/** A slot's key in the day's counts: its start in epoch ms. */
export const slotKey = (startsAt: Date | number): string => String(typeof startsAt === 'number' ? startsAt : startsAt.getTime());

/** Bookings and the per-slot seat counts. Methods that take `tx` run inside the caller's transaction. */
@Injectable()
export class BookingsRepository {
  constructor(private readonly db: DataSource) {}

  async context(officeSlug: string, now: Date, serviceId: string | null): Promise<BookingContextRow | undefined> {
    const [row] = await this.db.query<BookingContextRow[]>(BOOKINGS_SQL.context, [officeSlug, now, serviceId]);
    return row;
  }

  async contextById(tx: EntityManager | null, officeId: string, now: Date, serviceId: string | null): Promise<BookingContextRow | undefined> {
    const [row] = await (tx ?? this.db).query<BookingContextRow[]>(BOOKINGS_SQL.contextById, [officeId, now, serviceId]);
    return row;
  }

  async booked(serviceId: string, fromDay: string, toDay: string): Promise<BookedDayRow[]> {
    return this.db.query<BookedDayRow[]>(BOOKINGS_SQL.booked, [serviceId, fromDay, toDay]);
  }

  async dayRow(serviceId: string, day: string): Promise<BookedDayRow | undefined> {
    const [row] = await this.db.query<BookedDayRow[]>(BOOKINGS_SQL.dayRow, [serviceId, day]);
    return row;
  }

  /**
   * Books a seat in one statement (`BOOKINGS_SQL.book`): the id of the new booking, or null
   * with `existing`, the code of the booking the idempotency key made before, or null
   * with `holderFree` false when the phone or the client holds its limit already, or null with
   * `holderFree` true when the slot or the day is full; `shown`, the day's and the slot's counts
   * as the statement first read them, unlocked (a refusal's reason). Two requests of one holder racing for its
   * last place fail on the unique place (`isPlaceTaken`); a repeated idempotency key on its own
   * (`isDuplicateBookingKey`).
   */
  async book(booking: NewBooking, tx: EntityManager | null = null): Promise<BookResult> {
    const [row] = await (tx ?? this.db).query<{ id: string | null; existing: string | null; holder_free: boolean; day_booked: number; slot_booked: number }[]>(
      BOOKINGS_SQL.book,
      [
        booking.serviceId,
        booking.serviceDay,
        booking.perPerson,
        booking.phone,
        booking.clientKey,
        booking.slotStartsAt,
        booking.dayCap,
        booking.seatsPerSlot,
        booking.officeId,
        booking.code,
        booking.reference,
        booking.slotEndsAt,
        booking.name,
        booking.idempotencyKey,
        booking.idempotencyClient,
        booking.now,
        NOTIFICATION_VERSION['booking.created'],
      ],
    );
    return {
      id: row.id,
      existing: row.existing,
      holderFree: row.holder_free,
      shown: { booked: Number(row.day_booked), inSlot: Number(row.slot_booked) },
    };
  }

  async serviceOfReference(officeId: string, day: string, reference: string): Promise<string | null> {
    const [row] = await this.db.query<{ service_id: string }[]>(BOOKINGS_SQL.serviceOfReference, [officeId, day, reference]);
    return row?.service_id ?? null;
  }

  async bookedOn(tx: EntityManager, serviceId: string, day: string): Promise<number> {
    const [row] = await tx.query<{ booked: number }[]>(BOOKINGS_SQL.bookedOn, [serviceId, day]);
    return row?.booked ?? 0;
  }

  async codeByIdempotencyKey(officeId: string, key: string, client: string): Promise<string | null> {
    const [row] = await this.db.query<{ code: string }[]>(BOOKINGS_SQL.byIdempotencyKey, [officeId, key, client]);
    return row?.code ?? null;
  }

  async byCode(code: string): Promise<BookingRow | undefined> {
    const [row] = await this.db.query<BookingRow[]>(BOOKINGS_SQL.byCode, [code]);
    return row;
  }

  async lockByCode(tx: EntityManager, code: string): Promise<BookingRow | undefined> {
    const [row] = await tx.query<BookingRow[]>(BOOKINGS_SQL.lockByCode, [code]);
    return row;
  }

  async lockByReference(tx: EntityManager, officeId: string, day: string, reference: string): Promise<BookingRow | undefined> {
    const [row] = await tx.query<BookingRow[]>(BOOKINGS_SQL.lockByReference, [officeId, day, reference]);
    return row;
  }

  /** Locks the day rows of a service (creating the ones missing) in day order, so two moves across the same days never deadlock. */
  async lockDays(tx: EntityManager, serviceId: string, days: string[]): Promise<void> {
    const sorted = [...new Set(days)].sort();
    for (const day of sorted) await tx.query(BOOKINGS_SQL.ensureDay, [serviceId, day]);
    await tx.query(BOOKINGS_SQL.lockDays, [serviceId, sorted]);
  }

  async releaseSeat(tx: EntityManager, serviceId: string, day: string, slotStartsAt: Date): Promise<void> {
    await tx.query(BOOKINGS_SQL.releaseSeat, [serviceId, day, slotStartsAt]);
  }

  /** Takes a seat of a slot on a day whose row the caller has locked; false when the slot or the day is full. */
  async takeSeat(tx: EntityManager, serviceId: string, day: string, slotStartsAt: Date, dayCap: number, seats: number): Promise<boolean> {
    const rows = await tx.query<{ booked: number }[]>(BOOKINGS_SQL.takeSeat, [serviceId, day, slotStartsAt, dayCap, seats]);
    return rows.length > 0;
  }

  /** Moves a booking; false when its holder has no place left on the new day. */
  async reschedule(tx: EntityManager, booking: BookingRow, day: string, perPerson: number, startsAt: Date, endsAt: Date): Promise<boolean> {
    const [[row]] = await tx.query<[{ phone_place: number | null; client_place: number | null; phone: string | null }[], number]>(BOOKINGS_SQL.reschedule, [
      booking.service_id,
      day,
      perPerson,
      startsAt,
      endsAt,
      booking.id,
    ]);
    return row.client_place !== null && (row.phone === null || row.phone_place !== null);
  }

  async cancel(tx: EntityManager, bookingId: string, now: Date): Promise<void> {
    await tx.query(BOOKINGS_SQL.cancel, [bookingId, now]);
  }

  async checkedIn(tx: EntityManager, bookingId: string, now: Date, late: boolean, ticketId: string): Promise<void> {
    await tx.query(BOOKINGS_SQL.checkedIn, [bookingId, now, late, ticketId]);
  }

  async mostBookedAhead(serviceId: string, fromDay: string): Promise<number> {
    const [row] = await this.db.query<{ most: number }[]>(BOOKINGS_SQL.mostBookedAhead, [serviceId, fromDay]);
    return row.most;
  }

  async serviceForAdmin(serviceId: string): Promise<{ id: string; office_id: string; booking_settings: Record<string, unknown> } | undefined> {
    const [row] = await this.db.query<{ id: string; office_id: string; booking_settings: Record<string, unknown> }[]>(BOOKINGS_SQL.serviceForAdmin, [
      serviceId,
    ]);
    return row;
  }

  async seatCounters(serviceId: string): Promise<SeatCountersRow | undefined> {
    const [row] = await this.db.query<SeatCountersRow[]>(BOOKINGS_SQL.seatCounters, [serviceId]);
    return row;
  }

  async writeSettings(serviceId: string, settings: Record<string, unknown>): Promise<void> {
    await this.db.query(BOOKINGS_SQL.writeSettings, [serviceId, JSON.stringify(settings)]);
  }

  async writePerPerson(officeId: string, perPerson: number): Promise<void> {
    await this.db.query(BOOKINGS_SQL.writePerPerson, [officeId, perPerson]);
  }

  async perPerson(officeId: string): Promise<number | undefined> {
    const [row] = await this.db.query<{ bookings_per_person: number }[]>(BOOKINGS_SQL.perPerson, [officeId]);
    return row?.bookings_per_person;
  }
}

function constraintOf(error: unknown): string | null {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' ? (driverError.constraint ?? null) : null;
}

/** Two bookings with one idempotency key raced, and this one lost on the unique key. */
export const isDuplicateBookingKey = (error: unknown): boolean => constraintOf(error) === 'bookings_idempotency_key_client';
/** Two bookings of one phone or client raced for its last place, and this one lost. */
export const isPlaceTaken = (error: unknown): boolean => ['bookings_phone_place', 'bookings_client_place'].includes(constraintOf(error) ?? '');
/** A new code or reference met one already given (a chance in many millions): drawn again. */
export const isCodeTaken = (error: unknown): boolean => ['bookings_code_key', 'bookings_reference_key'].includes(constraintOf(error) ?? '');
