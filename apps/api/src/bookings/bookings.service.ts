import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import {
  closureDuring,
  BOOKING_CLIENT_PATTERN,
  BOOKING_REFERENCE_ALPHABET,
  type BookingAvailabilityView,
  type BookingCheckInView,
  type BookingOfficeView,
  type BookingSettings,
  type BookingSettingsView,
  type BookingView,
  type DaySeats,
  DEFAULT_BOOKING_SETTINGS,
  NotificationType,
  type OfficeCalendar,
  RuleError,
  type StaffView,
  TicketEventType,
  type TrackedTicketView,
  assertCancellable,
  assertIssuable,
  assertIssuingOpen,
  assertReschedulable,
  assertSlotBookable,
  bookingDayView,
  bookingPhase,
  bookingSettingsProblems,
  changeCutoff,
  checkIn,
  daySeats,
  horizonDays,
  invalidField,
  isProductDay,
  normaliseBookingReference,
  normalisePhone,
  serviceDay,
  slotCountersOn,
  suggestedSeatsPerSlot,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { kioskTokenHash } from '../kiosks/kiosk-token.js';
import { officeCalendar } from '../offices/office-views.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { toTicketView } from '../tickets/ticket-views.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import { type IssuingClient, TicketsService, idempotencyClient } from '../tickets/tickets.service.js';
import { newTrackingCode } from '../tickets/tracking-code.js';
import { AvailabilityCache } from './availability-cache.js';
import { BookingContextCache } from './booking-context-cache.js';
import {
  type BookingContextRow,
  type BookingRow,
  type BookingServiceRow,
  type BookResult,
  BookingsRepository,
  isCodeTaken,
  isDuplicateBookingKey,
  isPlaceTaken,
  type NewBooking,
  slotKey,
} from './bookings.repository.js';

/** Who books: the address and browser, and the id the booking page keeps (BOOKING_CLIENT_HEADER). */
export interface BookingClient extends IssuingClient {
  clientId: string | null;
}

export interface BookRequest {
  serviceId: string;
  startsAt: string;
  name?: string | null;
  phone?: string | null;
}

/** A service's settings: what the admin stored over the domain's defaults. */
export function bookingSettingsOf(row: Pick<BookingServiceRow, 'booking_settings'>): BookingSettings {
  return { ...DEFAULT_BOOKING_SETTINGS, ...(row.booking_settings as Partial<BookingSettings>) };
}

/**
 * Whom the per-client limit counts a booking against: the id the booking page keeps when it
 * sends one (phones behind one NAT address are then apart), else the address and browser,
 * hashed as idempotency keys' clients are.
 */
export function bookingClientKey(client: BookingClient): string {
  if (client.clientId !== null && BOOKING_CLIENT_PATTERN.test(client.clientId)) return `client:${client.clientId}`;
  return idempotencyClient(null, client);
}

/** A short reference to read aloud (`BK-7Q4M`): unique per office and day, the only place it is looked up. */
function newReference(): string {
  const letters: string[] = [];
  const below = 256 - (256 % BOOKING_REFERENCE_ALPHABET.length);
  while (letters.length < 4) {
    for (const byte of randomBytes(8))
      if (byte < below && letters.length < 4) letters.push(BOOKING_REFERENCE_ALPHABET[byte % BOOKING_REFERENCE_ALPHABET.length]);
  }
  return `BK-${letters.join('')}`;
}

const calendarOf = (context: BookingContextRow): OfficeCalendar =>
  officeCalendar({ timeZone: context.time_zone, openingHours: context.opening_hours }, { own_days: context.own_days, closures: context.closures });

/** A service's seats on a day: each slot's, fewer during its counters' planned breaks, and the day's cap (`daySeats`). */
const seatsOn = (calendar: OfficeCalendar, service: BookingServiceRow, settings: BookingSettings, day: string): DaySeats =>
  daySeats(
    calendar,
    settings,
    service.daily_quota,
    day,
    service.service_id,
    slotCountersOn(
      service.counters.map((counter) => ({ serviceIds: counter.service_ids, schedule: counter.schedule })),
      calendar,
      day,
    ),
  );

/**
 * Booking a slot (issue 17): availability, booking, the booking page, reschedule and cancel,
 * and the check-in that makes a booking a ticket in the one queue. The domain decides
 * (`libs/domain/src/booking.ts`); the seat is taken in one atomic statement
 * (`BookingsRepository.book`).
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly db: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly tickets: TicketsRepository,
    private readonly ticketViews: TicketsService,
    private readonly publisher: OfficeEventsPublisher,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly availabilityCache: AvailabilityCache,
    private readonly outbox: OutboxRepository,
    private readonly contextCache: BookingContextCache,
  ) {}

  private async context(slug: string, serviceId: string | null): Promise<BookingContextRow> {
    const context = await this.bookings.context(slug, this.clock.now(), serviceId);
    if (!context) throw new RuleError('not_found', `No office with the slug "${slug}"`);
    return context;
  }

  private service(context: BookingContextRow, serviceId: string): BookingServiceRow {
    const service = context.services.find((candidate) => candidate.service_id === serviceId);
    if (!service) throw new RuleError('not_found', `No service with the id "${serviceId}" in ${context.office_name}`);
    return service;
  }

  /** The booking page's first step: the office and its services that take bookings. */
  async office(slug: string): Promise<BookingOfficeView> {
    const context = await this.context(slug, null);
    return {
      officeSlug: context.slug,
      officeName: context.office_name,
      officeAddress: context.address,
      officeTimeZone: context.time_zone,
      services: context.services
        .filter((service) => service.service_active && bookingSettingsOf(service).enabled)
        .map((service) => ({ id: service.service_id, code: service.service_code, name: service.service_name, requirements: service.requirements })),
    };
  }

  /**
   * Seats left per slot, for each day from today to the service's horizon, or for `day` alone
   * (what a booking page showing that day needs: a twentieth of the whole in a rush), as JSON
   * (from the cache, kept per day asked and written once per change: `AvailabilityCache.json`).
   * A day that is not a calendar day, or lies outside today to the horizon, is 400 `invalid_day`.
   */
  async availabilityJson(slug: string, serviceId: string, day: string | null = null): Promise<string> {
    if (day !== null && !isProductDay(day)) throw new RuleError('invalid_day', `day must be a day of the calendar written YYYY-MM-DD, not "${day}"`);
    return this.availabilityCache.json(slug, serviceId, day, () => this.readAvailability(slug, serviceId, day));
  }

  private async readAvailability(slug: string, serviceId: string, only: string | null): Promise<BookingAvailabilityView> {
    const now = this.clock.now();
    const context = await this.keptContext(slug, serviceId);
    const service = this.service(context, serviceId);
    const settings = bookingSettingsOf(service);
    if (!settings.enabled || !service.service_active) throw new RuleError('booking_closed', `${service.service_name} takes no bookings`);
    const horizon = horizonDays(now.getTime(), settings, context.time_zone);
    if (only !== null && !horizon.includes(only)) {
      throw new RuleError('invalid_day', `${service.service_name} takes bookings from ${horizon[0]} to ${horizon[horizon.length - 1]}, not on ${only}`, {
        from: horizon[0],
        to: horizon[horizon.length - 1],
      });
    }
    const days = only === null ? horizon : [only];
    const rows = await this.bookings.booked(serviceId, days[0], days[days.length - 1]);
    const calendar = calendarOf(context);
    return {
      serviceId,
      serviceName: service.service_name,
      at: now.toISOString(),
      days: days.map((day) => {
        const row = rows.find((candidate) => candidate.service_day === day);
        const bySlot = new Map(Object.entries(row?.slots ?? {}).map(([key, count]) => [Number(key), count]));
        return bookingDayView(
          calendar,
          settings,
          service.daily_quota,
          day,
          { total: row?.booked ?? 0, bySlot },
          now.getTime(),
          seatsOn(calendar, service, settings, day),
        );
      }),
    };
  }

  /**
   * The context of a booking attempt or an availability read, kept for a moment
   * (`BookingContextCache`): a rush's attempts do not each read the office, its calendar and the service.
   */
  private async keptContext(slug: string, serviceId: string): Promise<BookingContextRow> {
    const context = await this.contextCache.read(slug, serviceId, () => this.bookings.context(slug, this.clock.now(), serviceId));
    if (!context) throw new RuleError('not_found', `No office with the slug "${slug}"`);
    return context;
  }

  /**
   * Books a slot; the same Idempotency-Key from the same client answers with the same booking
   * (found by the booking statement itself, or, when the request is refused before it, looked up).
   */
  async book(slug: string, request: BookRequest, idempotencyKey: string | null, client: BookingClient): Promise<BookingView> {
    const now = this.clock.now();
    const context = await this.keptContext(slug, request.serviceId);
    await this.limiter.consume('bookAddress', `${client.address}|${context.slug}`);
    const keyClient = idempotencyKey ? idempotencyClient(null, client) : null;
    const earlier = async () => (idempotencyKey && keyClient ? this.bookings.codeByIdempotencyKey(context.office_id, idempotencyKey, keyClient) : null);
    let service: BookingServiceRow;
    let phone: string | null;
    let slot: { startsAt: number; endsAt: number };
    let day: string;
    let seats: DaySeats;
    try {
      service = this.service(context, request.serviceId);
      const settings = bookingSettingsOf(service);
      if (!service.service_active) throw new RuleError('booking_closed', `${service.service_name} takes no bookings`);
      phone = request.phone ? normalisePhone(request.phone) : null;
      if (request.phone && phone === null) throw invalidField('phone', 'phone must be an Indonesian phone number, such as 0812 3456 7890');
      const calendar = calendarOf(context);
      const startsAt = Date.parse(request.startsAt);
      slot = assertSlotBookable(calendar, settings, startsAt, now.getTime());
      day = serviceDay(startsAt, context.time_zone);
      seats = seatsOn(calendar, service, settings, day);
    } catch (error) {
      // A repeated request whose booking was made before (its slot has begun since, say) answers with that booking.
      const existing = error instanceof RuleError ? await earlier() : null;
      if (existing) return this.view(existing);
      throw error;
    }
    const dayCap = seats.cap;
    const slotSeatCount = seats.seatsOf(slot);
    // A slot or day this instance knows full is refused without the booking statement: after the last seat the crowd costs no write.
    const full = this.availabilityCache.knownFull(slug, service.service_id, day, slot.startsAt);
    if (full !== null) {
      const twin = await earlier();
      if (twin) return this.view(twin);
      throw full === 'day_full' ? dayFull(day, service) : slotFull(slot.startsAt, slotSeatCount);
    }
    for (let attempt = 0; ; attempt += 1) {
      const code = newTrackingCode();
      const reference = newReference();
      const name = request.name?.trim() || null;
      try {
        const result = await this.takeSeat(seats, {
          officeId: context.office_id,
          serviceId: service.service_id,
          serviceDay: day,
          perPerson: context.bookings_per_person,
          phone,
          clientKey: bookingClientKey(client),
          slotStartsAt: new Date(slot.startsAt),
          slotEndsAt: new Date(slot.endsAt),
          dayCap,
          seatsPerSlot: slotSeatCount,
          code,
          reference,
          name,
          idempotencyKey,
          idempotencyClient: keyClient,
          now,
        });
        if (result.existing !== null) return this.view(result.existing);
        if (result.id !== null) {
          this.availabilityCache.taken(service.service_id, day, slot.startsAt);
          // The booking as written, without reading it back: after the commit nothing may fail a confirmed booking's answer.
          return this.toView(
            {
              id: result.id,
              office_id: context.office_id,
              service_id: service.service_id,
              code,
              reference,
              service_day: day,
              slot_starts_at: new Date(slot.startsAt),
              slot_ends_at: new Date(slot.endsAt),
              status: 'booked',
              name,
              phone,
              reschedule_count: 0,
              ticket_id: null,
              ticket_tracking_code: null,
            },
            context,
          );
        }
        // A double tap's twin may have won the seat (or the client's place) a moment ago: answer with its booking.
        const twin = await earlier();
        if (twin) return this.view(twin);
        throw await this.refusal(result.holderFree, result.shown, service, day, slot.startsAt, dayCap, slotSeatCount, context.bookings_per_person);
      } catch (error) {
        if (isDuplicateBookingKey(error) || isPlaceTaken(error)) {
          const existing = await earlier();
          if (existing) return this.view(existing);
        }
        if (isPlaceTaken(error)) throw limitReached(context.bookings_per_person);
        if (isCodeTaken(error) && attempt < 5) continue;
        throw error;
      }
    }
  }

  /**
   * The booking statement, alone where the day's cap cannot bind (the slots' seats add up to it
   * at most): the slot's own row decides, and bookings of other slots go on beside it. Where the
   * cap is below them (a daily quota with a walk-ins' share), the day's row is locked first, so
   * the day's count the statement reads holds every booking before it (one day at a time).
   */
  private takeSeat(seats: DaySeats, booking: NewBooking): Promise<BookResult> {
    if (seats.cap >= seats.total) return this.bookings.book(booking);
    return this.db.transaction(async (tx) => {
      await this.bookings.lockDays(tx, booking.serviceId, [booking.serviceDay]);
      return this.bookings.book(booking, tx);
    });
  }

  /**
   * Why no seat was taken: the holder's limit, the day's cap, or the slot's seats; from the counts
   * the booking statement read when they already said full, else (a race lost under the lock) read again.
   */
  private async refusal(
    holderFree: boolean,
    shown: { booked: number; inSlot: number },
    service: BookingServiceRow,
    day: string,
    startsAt: number,
    dayCap: number,
    seats: number,
    perPerson: number,
  ): Promise<RuleError> {
    if (!holderFree) return limitReached(perPerson);
    if (shown.booked >= dayCap) return dayFull(day, service);
    if (shown.inSlot >= seats) return slotFull(startsAt, shown.inSlot);
    const row = await this.bookings.dayRow(service.service_id, day);
    if ((row?.booked ?? 0) >= dayCap) return dayFull(day, service);
    return slotFull(startsAt, row?.slots[slotKey(startsAt)] ?? 0);
  }

  /** The booking page `/b/:code`. */
  async view(code: string): Promise<BookingView> {
    const booking = await this.bookings.byCode(code);
    if (!booking) throw new RuleError('booking_not_found', 'No booking with this code');
    const context = await this.bookings.contextById(null, booking.office_id, this.clock.now(), booking.service_id);
    return this.toView(booking, context!);
  }

  private toView(booking: BookingRow, context: BookingContextRow): BookingView {
    const now = this.clock.now().getTime();
    const service = context.services[0];
    const settings = bookingSettingsOf(service);
    const state = stateOf(booking);
    const cutoff = changeCutoff(state.slotStartsAt, settings, context.time_zone);
    const changeable = bookingPhase(state, now) === 'booked' && now < cutoff;
    return {
      code: booking.code,
      reference: booking.reference,
      phase: bookingPhase(state, now),
      officeSlug: context.slug,
      officeName: context.office_name,
      officeAddress: context.address,
      officeTimeZone: context.time_zone,
      officeOpeningHours: context.opening_hours,
      serviceId: service.service_id,
      serviceName: service.service_name,
      requirements: service.requirements,
      slotStartsAt: booking.slot_starts_at.toISOString(),
      slotEndsAt: booking.slot_ends_at.toISOString(),
      name: booking.name,
      phoneHint: booking.phone ? `…${booking.phone.slice(-4)}` : null,
      rescheduled: booking.reschedule_count > 0,
      changeUntil: new Date(cutoff).toISOString(),
      canReschedule: changeable && booking.reschedule_count === 0,
      canCancel: changeable,
      ticketTrackingCode: booking.ticket_tracking_code,
      closure: closureDuring(calendarOf(context), booking.slot_starts_at.getTime(), booking.slot_ends_at.getTime()),
    };
  }

  /**
   * Moves a booking to another slot, once: the old seat freed and the new one taken in one
   * transaction, with both day rows locked in day order first, so it either moves whole or not at all.
   */
  async reschedule(code: string, startsAtText: string): Promise<BookingView> {
    const now = this.clock.now();
    const found = await this.bookings.byCode(code);
    if (!found) throw new RuleError('booking_not_found', 'No booking with this code');
    const context = (await this.bookings.contextById(null, found.office_id, now, found.service_id))!;
    const service = context.services[0];
    const settings = bookingSettingsOf(service);
    const calendar = calendarOf(context);
    const startsAt = Date.parse(startsAtText);
    const day = serviceDay(startsAt, context.time_zone);
    const seats = seatsOn(calendar, service, settings, day);
    const dayCap = seats.cap;
    await this.db.transaction(async (tx) => {
      const booking = (await this.bookings.lockByCode(tx, code))!;
      assertReschedulable(stateOf(booking), settings, context.time_zone, now.getTime(), startsAt);
      const slot = assertSlotBookable(calendar, settings, startsAt, now.getTime());
      await this.bookings.lockDays(tx, booking.service_id, [booking.service_day, day]);
      await this.bookings.releaseSeat(tx, booking.service_id, booking.service_day, booking.slot_starts_at);
      if (!(await this.bookings.takeSeat(tx, booking.service_id, day, new Date(slot.startsAt), dayCap, seats.seatsOf(slot)))) {
        throw (await this.bookings.bookedOn(tx, booking.service_id, day)) >= dayCap
          ? new RuleError('day_full', `${day} is fully booked`, { day })
          : new RuleError('slot_full', 'This slot is full');
      }
      try {
        if (!(await this.bookings.reschedule(tx, booking, day, context.bookings_per_person, new Date(slot.startsAt), new Date(slot.endsAt)))) {
          throw limitReached(context.bookings_per_person);
        }
      } catch (error) {
        throw isPlaceTaken(error) ? limitReached(context.bookings_per_person) : error;
      }
      await this.outbox.bookingNotice(tx, booking.id, NotificationType.bookingRescheduled, now);
    });
    this.availabilityCache.changed(found.service_id);
    return this.view(code);
  }

  /** Cancels a booking before the cut-off; its seat is free at once. */
  async cancel(code: string): Promise<BookingView> {
    const now = this.clock.now();
    const found = await this.bookings.byCode(code);
    if (!found) throw new RuleError('booking_not_found', 'No booking with this code');
    const context = (await this.bookings.contextById(null, found.office_id, now, found.service_id))!;
    const settings = bookingSettingsOf(context.services[0]);
    await this.db.transaction(async (tx) => {
      const booking = (await this.bookings.lockByCode(tx, code))!;
      assertCancellable(stateOf(booking), settings, context.time_zone, now.getTime());
      await this.bookings.cancel(tx, booking.id, now);
      await this.bookings.releaseSeat(tx, booking.service_id, booking.service_day, booking.slot_starts_at);
      await this.outbox.bookingNotice(tx, booking.id, NotificationType.bookingCancelled, now);
    });
    this.availabilityCache.changed(found.service_id);
    return this.view(code);
  }

  /** Check-in at a kiosk, by the short reference: the kiosk is allowed as for issuing a ticket. */
  async checkInAtKiosk(slug: string, referenceText: string, client: BookingClient): Promise<BookingCheckInView<TrackedTicketView>> {
    const context = await this.context(slug, null);
    return this.checkIn(context, referenceText, { kind: 'kiosk', client });
  }

  /** Check-in at a counter by staff of the office. */
  async checkInAtDesk(officeId: string, referenceText: string, staff: StaffView): Promise<BookingCheckInView<TrackedTicketView>> {
    assertOfficeAccess(staff, officeId);
    const context = await this.bookings.contextById(null, officeId, this.clock.now(), null);
    if (!context) throw new RuleError('not_found', `No office with the id "${officeId}"`);
    return this.checkIn(context, referenceText, { kind: 'staff', staff });
  }

  /**
   * The booking becomes a ticket through the ticket's own issue statement, in one transaction
   * with the booking's new status: due at its slot plus the grace, or as a walk-in when late
   * (`checkIn` of the domain). The ticket is then like any other: same lifecycle, board, reports.
   */
  private async checkIn(
    context: BookingContextRow,
    referenceText: string,
    by: { kind: 'kiosk'; client: BookingClient } | { kind: 'staff'; staff: StaffView },
  ): Promise<BookingCheckInView<TrackedTicketView>> {
    const now = this.clock.now();
    const reference = normaliseBookingReference(referenceText);
    if (!reference) throw invalidField('reference', 'reference must look like BK-7Q4M');
    const today = serviceDay(now, context.time_zone);
    const serviceId = await this.bookings.serviceOfReference(context.office_id, today, reference);
    if (serviceId === null) throw new RuleError('booking_not_found', `No booking ${reference} for today in ${context.office_name}`);
    const issuing = await this.tickets.issueContext(
      context.slug,
      serviceId,
      by.kind === 'kiosk' && by.client.kioskToken !== null ? kioskTokenHash(by.client.kioskToken) : null,
      now,
    );
    if (!issuing || issuing.service_id === null) throw new RuleError('booking_not_found', `No booking ${reference} for today`);
    if (by.kind === 'kiosk') {
      if (by.client.kioskToken !== null && !issuing.kiosk_id) throw new RuleError('kiosk_not_paired', `This kiosk is not paired with ${issuing.name}`);
      if (by.client.kioskToken === null && !issuing.anonymous_issue) throw new RuleError('anonymous_issue_off', `${issuing.name} checks in at its kiosks only`);
    }
    const service = context.services.find((candidate) => candidate.service_id === issuing.service_id)!;
    const settings = bookingSettingsOf(service);
    // The office must be open to serve the citizen; the issuing cut-off is for walk-ins, not a booked slot.
    assertIssuingOpen(calendarOf(context), now.getTime(), 0);
    assertIssuable({ name: issuing.service_name!, active: issuing.service_active!, countersServing: issuing.counters_serving ?? 0 });
    const trackingCode = newTrackingCode();
    const result = await this.db.transaction(async (tx) => {
      const booking = await this.bookings.lockByReference(tx, context.office_id, today, reference);
      if (!booking) throw new RuleError('booking_not_found', `No booking ${reference} for today`);
      const decided = checkIn(
        { ...stateOf(booking), officeId: booking.office_id },
        { officeId: context.office_id, timeZone: context.time_zone },
        settings,
        issuing.max_wait_minutes!,
        now.getTime(),
      );
      const dueAt = new Date(decided.dueAt);
      const issued = (await this.tickets.issue(
        {
          officeId: context.office_id,
          serviceId: issuing.service_id!,
          serviceCode: issuing.service_code!,
          serviceDay: today,
          // The booking holds its seat already: the walk-ins' quota does not refuse it.
          dailyQuota: null,
          priority: null,
          issuedAt: now,
          dueAt,
          trackingCode,
          idempotencyKey: null,
          idempotencyClient: null,
          eventType: TicketEventType.issued,
          payload: { priority: null, booking: booking.reference, late: decided.late, by: by.kind },
        },
        tx,
      ))!;
      await this.bookings.checkedIn(tx, booking.id, now, decided.late, issued.id);
      return { issued, dueAt, late: decided.late, reference: booking.reference };
    });
    const ticket = toTicketView({
      id: result.issued.id,
      office_id: context.office_id,
      issued_code: issuing.service_code!,
      number: result.issued.number,
      service_id: issuing.service_id!,
      service_code: issuing.service_code!,
      priority: null,
      status: 'waiting',
      issued_at: now,
      due_at: result.dueAt,
      issue_order: result.issued.issue_order,
      counter_id: null,
      counter_number: null,
      counter_name: null,
      called_at: null,
      started_at: null,
      finished_at: null,
      recall_count: 0,
    });
    this.publisher.publish(context.office_id, {
      seq: Number(result.issued.seq),
      at: now.toISOString(),
      kind: 'ticket',
      type: TicketEventType.issued,
      ticket,
      call: null,
      fromServiceId: null,
    });
    return { reference: result.reference, late: result.late, ticket: await this.ticketViews.track(trackingCode) };
  }

  /**
   * A service's booking settings, for the admin screen, with the seats per slot its counters
   * suggest; a service whose seats were never set shows the suggestion as its seats.
   */
  async settings(serviceId: string, staff: StaffView): Promise<BookingSettingsView> {
    const service = await this.bookings.serviceForAdmin(serviceId);
    if (!service) throw new RuleError('not_found', `No service with the id "${serviceId}"`);
    assertOfficeAccess(staff, service.office_id);
    const settings = bookingSettingsOf(service);
    const input = (await this.bookings.seatCounters(serviceId))!;
    const counters = input.counters.map((counter) => ({ serviceIds: counter.service_ids }));
    const suggested = suggestedSeatsPerSlot(serviceId, input.service_time_minutes, counters, settings);
    return {
      ...settings,
      seatsPerSlot: 'seatsPerSlot' in service.booking_settings ? settings.seatsPerSlot : Math.max(1, suggested),
      bookingsPerPerson: (await this.bookings.perPerson(service.office_id))!,
      suggestedSeatsPerSlot: suggested,
    };
  }

  /**
   * Sets a service's booking settings (the whole set) and the office's limit per person.
   * Seats per slot may not go below the most booked in a slot still ahead (409 seats_below_booked).
   */
  async updateSettings(serviceId: string, next: BookingSettings & { bookingsPerPerson?: number }, staff: StaffView): Promise<BookingSettingsView> {
    const service = await this.bookings.serviceForAdmin(serviceId);
    if (!service) throw new RuleError('not_found', `No service with the id "${serviceId}"`);
    assertOfficeAccess(staff, service.office_id);
    if (staff.role !== 'admin') throw new RuleError('forbidden', 'Only an admin changes booking settings');
    const { bookingsPerPerson, ...settings } = next;
    const problems = bookingSettingsProblems(settings);
    if (problems.length > 0) throw new RuleError('validation_failed', 'The booking settings are not valid', problems);
    const context = (await this.bookings.contextById(null, service.office_id, this.clock.now(), serviceId))!;
    const most = await this.bookings.mostBookedAhead(serviceId, serviceDay(this.clock.now(), context.time_zone));
    if (settings.seatsPerSlot < most) {
      throw new RuleError('seats_below_booked', `A slot ahead has ${most} bookings already`, [
        { field: 'seatsPerSlot', problems: [`must be at least ${most}`] },
      ]);
    }
    await this.bookings.writeSettings(serviceId, settings);
    if (bookingsPerPerson !== undefined) await this.bookings.writePerPerson(service.office_id, bookingsPerPerson);
    this.availabilityCache.changed(serviceId);
    this.contextCache.changed(service.office_id);
    return this.settings(serviceId, staff);
  }
}

function stateOf(booking: BookingRow) {
  return {
    status: booking.status,
    slotStartsAt: booking.slot_starts_at.getTime(),
    slotEndsAt: booking.slot_ends_at.getTime(),
    rescheduleCount: booking.reschedule_count,
  };
}

const dayFull = (day: string, service: BookingServiceRow) => new RuleError('day_full', `${day} is fully booked for ${service.service_name}`, { day });

/** `seen`: the bookings the slot held as last read. */
const slotFull = (startsAt: number, seen: number) =>
  new RuleError('slot_full', 'This slot is full', { startsAt: new Date(startsAt).toISOString(), left: 0, seen });

function limitReached(perPerson: number): RuleError {
  return new RuleError('booking_limit', `One phone number or device may hold ${perPerson} active booking(s) per service and day`, { perPerson });
}
