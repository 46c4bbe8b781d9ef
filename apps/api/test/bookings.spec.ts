import { randomBytes } from 'node:crypto';
import type { BookingAvailabilityView, BookingView, OfficeSnapshot } from '@loket/domain';
import { AVAILABILITY_MAX_AGE_MS, AvailabilityCache } from '../src/bookings/availability-cache.js';
import { BookingsRepository } from '../src/bookings/bookings.repository.js';
import { DatabaseUnavailableException } from '../src/common/database-unavailable.js';
import { bookingSettings, createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { backgroundSettled, queriesDuring } from './support/query-log.js';
import { onPostgres, useTestApp } from './support/test-app.js';

// The test app starts on Monday 30 November 2026, 08:00 in Jakarta. The office is open
// Monday to Friday 08:00–12:00: eight 30-minute slots a day.
const WED_0900 = '2026-12-02T02:00:00.000Z';
const WED_0930 = '2026-12-02T02:30:00.000Z';
const WED_1000 = '2026-12-02T03:00:00.000Z';
const SAT_0900 = '2026-12-05T02:00:00.000Z';
const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }));
const SETTINGS = bookingSettings({ seatsPerSlot: 2 });

/** Runs `count` attempts with at most `inFlight` open at once (one test client cannot open 2,000 sockets at one instant). */
async function many<T>(count: number, inFlight: number, attempt: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await attempt(index);
      }
    }),
  );
  return results;
}

describe(`booking a slot on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const t = useTestApp();
  let office: OfficeFixture;
  let admin: string;

  const clientHeaders = (client = randomBytes(12).toString('hex'), extra: Record<string, string> = {}) => ({ 'x-loket-client': client, ...extra });
  const book = (body: Record<string, unknown>, headers: Record<string, string> = clientHeaders()) =>
    t.api.post<BookingView>(`/offices/${office.slug}/bookings`, { serviceId: office.services.A, ...body }, undefined, headers);
  const seatsLeft = async (startsAt: string, serviceId = office.services.A) => {
    const view = (await t.api.get<BookingAvailabilityView>(`/offices/${office.slug}/services/${serviceId}/availability`)).body;
    return view.days.flatMap((day) => day.slots).find((slot) => slot.startsAt === startsAt)?.left;
  };
  const setUp = async (settings: Partial<typeof SETTINGS> = {}, dailyQuota: number | null = null) => {
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, { services: [{ code: 'A', maxWaitMinutes: 30, dailyQuota }], counters: [{ number: 1, services: ['A'] }] });
    await t.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [office.id, JSON.stringify(HOURS)]);
    admin ??= (await createStaff(t, 'admin')).token;
    const reply = await t.api.send('PUT', `/admin/services/${office.services.A}/booking`, { body: { ...SETTINGS, ...settings }, token: admin });
    expect(reply.status).toBe(200);
  };

  beforeEach(() => setUp());

  it('lists the open days’ slots, books one with a code and a short reference, and shows it by its code', async () => {
    const availability = (await t.api.get<BookingAvailabilityView>(`/offices/${office.slug}/services/${office.services.A}/availability`)).body;
    expect(availability.days.map((day) => day.day)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
    ]);
    expect(availability.days.find((day) => day.day === '2026-12-05')!.slots).toEqual([]);
    expect(availability.days.find((day) => day.day === '2026-12-02')!.slots).toHaveLength(8);

    const reply = await book({ startsAt: WED_0900, name: 'Siti', phone: '0812-3456-7890' });

    expect(reply.status).toBe(201);
    expect(reply.body.code).toMatch(/^[23456789A-HJKMNP-Z]{5}(-[23456789A-HJKMNP-Z]{5}){3}$/);
    expect(reply.body.reference).toMatch(/^BK-[23456789A-HJKMNP-Z]{4}$/);
    expect(reply.body).toMatchObject({ phase: 'booked', slotStartsAt: WED_0900, name: 'Siti', phoneHint: '…7890', canReschedule: true, canCancel: true });
    expect(JSON.stringify(reply.body)).not.toContain('81234567890');
    expect((await t.api.get<BookingView>(`/bookings/${reply.body.code}`)).body).toEqual(reply.body);
    expect(await seatsLeft(WED_0900)).toBe(1);
  });

  it('refuses a full slot with slot_full and writes nothing more', async () => {
    expect((await book({ startsAt: WED_0900 })).status).toBe(201);
    expect((await book({ startsAt: WED_0900 })).status).toBe(201);

    const refused = await book({ startsAt: WED_0900 });

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'slot_full' });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM bookings WHERE service_id = $1`, [office.services.A]);
    expect(count).toBe(2);
    expect(await seatsLeft(WED_0900)).toBe(0);
  });

  it('refuses day_full once the day’s share after the walk-ins’ is booked', async () => {
    // A quota of 4 keeps 2 for walk-ins: two bookings on the day, in any slots.
    await setUp({}, 4);
    expect((await book({ startsAt: WED_0900 })).status).toBe(201);
    expect((await book({ startsAt: WED_0930 })).status).toBe(201);
    const refused = await book({ startsAt: WED_1000 });
    expect(refused).toMatchObject({ status: 409, body: { code: 'day_full' } });
  });

  it('limits active bookings per phone number and per client, but not per address', async () => {
    expect((await book({ startsAt: WED_0900, phone: '081234567890' })).status).toBe(201);
    const samePhone = await book({ startsAt: WED_1000, phone: '+62 812 3456 7890' });
    expect(samePhone).toMatchObject({ status: 409, body: { code: 'booking_limit' } });

    const client = randomBytes(12).toString('hex');
    expect((await book({ startsAt: WED_0930 }, clientHeaders(client))).status).toBe(201);
    expect(await book({ startsAt: WED_1000 }, clientHeaders(client))).toMatchObject({ status: 409, body: { code: 'booking_limit' } });

    // Many phones behind one office NAT (one address, one browser) each book.
    const natted = { 'x-forwarded-for': '10.9.9.9', 'user-agent': 'Same Browser' };
    expect((await book({ startsAt: WED_1000 }, clientHeaders(undefined, natted))).status).toBe(201);
    expect((await book({ startsAt: WED_1000 }, clientHeaders(undefined, natted))).status).toBe(201);
  });

  it('books once for a double tap with one Idempotency-Key', async () => {
    const headers = clientHeaders(undefined, { 'idempotency-key': 'tap-1', 'x-forwarded-for': '10.1.1.1' });
    const replies = await Promise.all(Array.from({ length: 10 }, () => book({ startsAt: WED_0900 }, headers)));

    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(201));
    expect(new Set(replies.map((reply) => reply.body.code)).size).toBe(1);
    expect(await seatsLeft(WED_0900)).toBe(1);
  });

  it('answers bad input with a stable code and changes nothing', async () => {
    expect(await book({ startsAt: WED_0900, phone: '12345' })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await book({ startsAt: SAT_0900 })).toMatchObject({ status: 409, body: { code: 'slot_unavailable' } });
    expect(await book({ startsAt: '2026-11-30T00:30:00.000Z' })).toMatchObject({ status: 409, body: { code: 'slot_unavailable' } });
    expect(await book({ startsAt: '2026-11-30T01:00:00.000Z' })).toMatchObject({ status: 409, body: { code: 'booking_closed' } });
    expect(await book({ startsAt: '2026-12-09T02:00:00.000Z' })).toMatchObject({ status: 409, body: { code: 'booking_closed' } });
    expect(await book({ startsAt: 'soon' })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await t.api.get('/bookings/ABCDE-FGHJK-MNPQR-STUVW')).toMatchObject({ status: 404, body: { code: 'booking_not_found' } });
    expect(await t.api.get('/bookings/nope')).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM bookings WHERE service_id = $1`, [office.services.A]);
    expect(count).toBe(0);
  });

  it('reschedules once, frees the old seat, and refuses a second reschedule and a late one', async () => {
    const { code } = (await book({ startsAt: WED_0900 })).body;

    const moved = await t.api.post<BookingView>(`/bookings/${code}/reschedule`, { startsAt: WED_1000 });

    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ slotStartsAt: WED_1000, rescheduled: true, canReschedule: false, canCancel: true });
    expect(await seatsLeft(WED_0900)).toBe(2);
    expect(await seatsLeft(WED_1000)).toBe(1);
    expect(await t.api.post(`/bookings/${code}/reschedule`, { startsAt: WED_0930 })).toMatchObject({ status: 409, body: { code: 'reschedule_used' } });

    const other = (await book({ startsAt: WED_0900 })).body;
    t.clock.set('2026-12-01T17:00:00.000Z'); // Wednesday 00:00: the day before is over
    expect(await t.api.post(`/bookings/${other.code}/reschedule`, { startsAt: WED_0930 })).toMatchObject({ status: 409, body: { code: 'past_cutoff' } });
    expect(await t.api.post(`/bookings/${other.code}/cancel`)).toMatchObject({ status: 409, body: { code: 'past_cutoff' } });
  });

  it('refuses to move a booking into a full slot and leaves it where it was', async () => {
    const { code } = (await book({ startsAt: WED_0900 })).body;
    await book({ startsAt: WED_1000 });
    await book({ startsAt: WED_1000 });

    expect(await t.api.post(`/bookings/${code}/reschedule`, { startsAt: WED_1000 })).toMatchObject({ status: 409, body: { code: 'slot_full' } });
    expect((await t.api.get<BookingView>(`/bookings/${code}`)).body).toMatchObject({ slotStartsAt: WED_0900, canReschedule: true });
    expect(await seatsLeft(WED_0900)).toBe(1);
  });

  it('cancels, freeing the seat at once, and refuses a second cancel', async () => {
    const { code } = (await book({ startsAt: WED_0900 })).body;
    expect(await t.api.post(`/bookings/${code}/cancel`)).toMatchObject({ status: 200, body: { phase: 'cancelled', canCancel: false } });
    expect(await seatsLeft(WED_0900)).toBe(2);
    expect(await t.api.post(`/bookings/${code}/cancel`)).toMatchObject({ status: 409, body: { code: 'booking_cancelled' } });
  });

  it('checks in at the kiosk by reference: a ticket due at the slot plus the grace, on the board like any other', async () => {
    const booked = (await book({ startsAt: WED_0900 })).body;
    t.clock.set('2026-12-02T01:40:00.000Z'); // 08:40, twenty minutes early

    const reply = await t.api.post(`/offices/${office.slug}/bookings/check-in`, { reference: booked.reference.toLowerCase().replace('-', ' ') });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ reference: booked.reference, late: false, ticket: { status: 'waiting', dueAt: '2026-12-02T02:10:00.000Z' } });
    expect(reply.body.ticket.trackingCode).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
    const board = (await t.api.get<OfficeSnapshot>(`/offices/${office.slug}/board`)).body;
    expect(board.waiting.map((ticket) => ticket.id)).toContain(reply.body.ticket.id);
    expect((await t.api.get<BookingView>(`/bookings/${booked.code}`)).body).toMatchObject({
      phase: 'checked_in',
      ticketTrackingCode: reply.body.ticket.trackingCode,
    });

    const again = await t.api.post(`/offices/${office.slug}/bookings/check-in`, { reference: booked.reference });
    expect(again).toMatchObject({ status: 409, body: { code: 'already_checked_in' } });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM tickets WHERE office_id = $1`, [office.id]);
    expect(count).toBe(1);
  });

  it('makes a late arrival a walk-in, and lets a counter check in by reference', async () => {
    const late = (await book({ startsAt: WED_0900 })).body;
    const onTime = (await book({ startsAt: WED_1000 })).body;
    t.clock.set('2026-12-02T02:20:00.000Z'); // 09:20, past the 15 minutes' tolerance

    const reply = await t.api.post(`/staff/offices/${office.id}/bookings/check-in`, { reference: late.reference }, office.officers[1].token);
    expect(reply).toMatchObject({ status: 200, body: { late: true, ticket: { dueAt: '2026-12-02T02:50:00.000Z' } } });

    const outsider = await t.api.post(`/staff/offices/${office.id}/bookings/check-in`, { reference: onTime.reference }, office.outsider.token);
    expect(outsider).toMatchObject({ status: 403, body: { code: 'not_your_office' } });
    expect(await t.api.post(`/offices/${office.slug}/bookings/check-in`, { reference: 'BK-2222' })).toMatchObject({
      status: 404,
      body: { code: 'booking_not_found' },
    });
    expect(await t.api.post(`/offices/${office.slug}/bookings/check-in`, { reference: 'hello' })).toMatchObject({
      status: 400,
      body: { code: 'validation_failed' },
    });
  });

  it('refuses seats per slot below what a slot ahead holds', async () => {
    await book({ startsAt: WED_0900 });
    await book({ startsAt: WED_0900 });
    const reply = await t.api.send('PUT', `/admin/services/${office.services.A}/booking`, { body: { ...SETTINGS, seatsPerSlot: 1 }, token: admin });
    expect(reply).toMatchObject({ status: 409, body: { code: 'seats_below_booked' } });
    expect((await t.api.send('PUT', `/admin/services/${office.services.A}/booking`, { body: { ...SETTINGS, slotMinutes: 0 }, token: admin })).status).toBe(400);
  });

  it('gives a slot during its counter’s planned break fewer seats: none while no counter serving the service is there', async () => {
    // Loket 1, the only counter serving A, breaks 09:00–09:30 on weekdays.
    const schedule = HOURS.map((day) => ({ ...day, breaks: [{ from: '09:00', to: '09:30' }] }));
    await t.db.query('UPDATE counters SET schedule = $2 WHERE id = $1', [office.counters[1], JSON.stringify(schedule)]);
    const wednesday = (await t.api.get<BookingAvailabilityView>(`/offices/${office.slug}/services/${office.services.A}/availability`)).body.days.find(
      (day) => day.day === '2026-12-02',
    )!;
    expect(wednesday.slots.find((slot) => slot.startsAt === WED_0900)).toMatchObject({ seats: 0, left: 0 });
    expect(wednesday.slots.find((slot) => slot.startsAt === WED_0930)).toMatchObject({ seats: 2, left: 2 });
    // Seven slots of two seats: the day takes 14.
    expect(wednesday.left).toBe(14);

    expect(await book({ startsAt: WED_0900 })).toMatchObject({ status: 409, body: { code: 'slot_full' } });
    expect((await book({ startsAt: WED_0930 })).status).toBe(201);
    const moved = await book({ startsAt: WED_1000 });
    expect(moved.status).toBe(201);
    // Nor may a booking be moved into the break.
    const reply = await t.api.send('POST', `/bookings/${moved.body.code}/reschedule`, { body: { startsAt: WED_0900 } });
    expect(reply).toMatchObject({ status: 409, body: { code: 'slot_full' } });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM bookings WHERE service_id = $1 AND slot_starts_at = $2`, [
      office.services.A,
      WED_0900,
    ]);
    expect(count).toBe(0);
  });

  it('suggests the seats per slot from the counters serving the service and its time, shown as the seats until they are set', async () => {
    // Loket 1 serves A alone, 10 minutes a citizen: 3 calls a 30-minute slot, half kept for walk-ins: 1.
    const set = await t.api.send('GET', `/admin/services/${office.services.A}/booking`, { token: admin });
    expect(set).toMatchObject({ status: 200, body: { seatsPerSlot: 2, suggestedSeatsPerSlot: 1 } });

    const other = await createOffice(t, {
      services: [{ code: 'A' }, { code: 'B' }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A', 'B'] },
      ],
    });
    // Loket 1 gives A 3 calls, loket 2 half of its 3: 4.5, half for walk-ins: 2.
    const unset = await t.api.send('GET', `/admin/services/${other.services.A}/booking`, { token: admin });
    expect(unset).toMatchObject({ status: 200, body: { enabled: false, seatsPerSlot: 2, suggestedSeatsPerSlot: 2 } });
    const none = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    expect((await t.api.send('GET', `/admin/services/${none.services.A}/booking`, { token: admin })).body).toMatchObject({
      suggestedSeatsPerSlot: 0,
      seatsPerSlot: 1,
    });
  });

  it('serves a crowd of viewers their availability from one read, and shows a booking made here at once without another', async () => {
    const repository = t.app.get(BookingsRepository);
    t.app.get(AvailabilityCache).maxAgeMs = 60_000;
    const original = repository.booked.bind(repository);
    let reads = 0;
    repository.booked = (...args) => {
      reads += 1;
      return original(...args);
    };
    try {
      const views = await Promise.all(Array.from({ length: 50 }, () => seatsLeft(WED_0900)));
      expect(views).toEqual(Array(50).fill(2));
      expect(reads).toBe(1);
      expect((await book({ startsAt: WED_0900 })).status).toBe(201);
      expect(await seatsLeft(WED_0900)).toBe(1);
      expect(reads).toBe(1);
      // The view taken off in place is the one a read gives.
      const patched = (await t.api.get<BookingAvailabilityView>(`/offices/${office.slug}/services/${office.services.A}/availability`)).body;
      t.app.get(AvailabilityCache).maxAgeMs = 0;
      const read = (await t.api.get<BookingAvailabilityView>(`/offices/${office.slug}/services/${office.services.A}/availability`)).body;
      expect(reads).toBe(2);
      expect({ ...patched, at: null }).toEqual({ ...read, at: null });
    } finally {
      repository.booked = original;
      t.app.get(AvailabilityCache).maxAgeMs = AVAILABILITY_MAX_AGE_MS;
    }
  });

  it('answers ?day= with that day alone, as the whole view shows it, and refuses a malformed or out-of-range day with 400 invalid_day', async () => {
    const path = `/offices/${office.slug}/services/${office.services.A}/availability`;
    expect((await book({ startsAt: WED_0930 })).status).toBe(201);
    const whole = await fetch(`${t.url}/api/v1${path}`);
    const day = await fetch(`${t.url}/api/v1${path}?day=2026-12-02`);
    expect([whole.status, day.status]).toEqual([200, 200]);
    const [wholeText, dayText] = [await whole.text(), await day.text()];
    const [wholeView, dayView] = [JSON.parse(wholeText) as BookingAvailabilityView, JSON.parse(dayText) as BookingAvailabilityView];
    expect(dayView.serviceId).toBe(office.services.A);
    expect(dayView.days).toEqual([wholeView.days.find((entry) => entry.day === '2026-12-02')]);
    expect(dayView.days[0].slots.find((slot) => slot.startsAt === WED_0930)).toMatchObject({ left: 1 });
    // Eight days in the whole view, one here.
    expect(dayText.length * 4).toBeLessThan(wholeText.length);
    // A closed day is a day of the range: it shows no slots.
    expect((await t.api.get<BookingAvailabilityView>(`${path}?day=2026-12-05`)).body.days).toEqual([expect.objectContaining({ day: '2026-12-05', slots: [] })]);

    for (const query of ['2026-12-32', '2026-2-01', 'tomorrow', '', '2026-11-29', '2026-12-08', '2026-12-01&day=2026-12-02']) {
      const refused = await t.api.get(`${path}?day=${query}`);
      expect([query, refused.status, refused.body.code]).toEqual([query, 400, 'invalid_day']);
    }
    expect((await t.api.get(`${path}?day=2026-12-08`)).body.details).toEqual({ from: '2026-11-30', to: '2026-12-07' });
  });

  it('keeps each day’s view apart: a crowd on a day costs one read, a booking made here shows on it at once, a slot it shows full is refused there', async () => {
    const repository = t.app.get(BookingsRepository);
    const cache = t.app.get(AvailabilityCache);
    cache.maxAgeMs = 60_000;
    const original = repository.booked.bind(repository);
    let reads = 0;
    repository.booked = (...args) => {
      reads += 1;
      return original(...args);
    };
    const dayLeft = async (startsAt: string) =>
      (await t.api.get<BookingAvailabilityView>(`/offices/${office.slug}/services/${office.services.A}/availability?day=2026-12-02`)).body.days[0].slots.find(
        (slot) => slot.startsAt === startsAt,
      )?.left;
    try {
      expect(await Promise.all(Array.from({ length: 30 }, () => dayLeft(WED_0900)))).toEqual(Array(30).fill(2));
      expect(reads).toBe(1);
      expect(await seatsLeft(WED_0900)).toBe(2);
      expect(reads).toBe(2);
      expect((await book({ startsAt: WED_0900 })).status).toBe(201);
      expect([await dayLeft(WED_0900), await seatsLeft(WED_0900), reads]).toEqual([1, 1, 2]);
      expect((await book({ startsAt: WED_0900 })).status).toBe(201);
      // Only the day's view kept: the slot it shows full is refused without a statement.
      cache.changed(office.services.A);
      expect(await dayLeft(WED_0900)).toBe(0);
      await backgroundSettled(t);
      const seen = await queriesDuring(t, async () => expect((await book({ startsAt: WED_0900 })).body).toMatchObject({ code: 'slot_full' }));
      expect(seen).toEqual([]);
    } finally {
      repository.booked = original;
      cache.maxAgeMs = AVAILABILITY_MAX_AGE_MS;
    }
  });

  it('serves the last view read while the database cannot answer, and reads again once it can', async () => {
    const repository = t.app.get(BookingsRepository);
    const original = repository.booked.bind(repository);
    expect(await seatsLeft(WED_0900)).toBe(2);
    t.app.get(AvailabilityCache).maxAgeMs = 0;
    repository.booked = () => Promise.reject(new DatabaseUnavailableException());
    try {
      const views = await Promise.all(Array.from({ length: 5 }, () => seatsLeft(WED_0900)));
      expect(views).toEqual(Array(5).fill(2));
      repository.booked = original;
      expect((await book({ startsAt: WED_0900 })).status).toBe(201);
      expect(await seatsLeft(WED_0900)).toBe(1);
    } finally {
      repository.booked = original;
      t.app.get(AvailabilityCache).maxAgeMs = AVAILABILITY_MAX_AGE_MS;
    }
  });

  it('takes each booking made here off the kept view exactly as a read would show it, the day’s cap too', async () => {
    // A quota of 6 keeps 3 for walk-ins: three bookings on the day, two seats a slot.
    await setUp({}, 6);
    t.app.get(AvailabilityCache).maxAgeMs = 60_000;
    const view = async () => (await t.api.get<BookingAvailabilityView>(`/offices/${office.slug}/services/${office.services.A}/availability`)).body;
    try {
      await view();
      for (const startsAt of [WED_0900, WED_0900, WED_1000]) {
        expect((await book({ startsAt })).status).toBe(201);
        const kept = await view();
        t.app.get(AvailabilityCache).maxAgeMs = 0;
        const read = await view();
        t.app.get(AvailabilityCache).maxAgeMs = 60_000;
        expect({ ...kept, at: null }).toEqual({ ...read, at: null });
      }
      expect((await view()).days.find((day) => day.day === '2026-12-02')).toMatchObject({ left: 0 });
    } finally {
      t.app.get(AvailabilityCache).maxAgeMs = AVAILABILITY_MAX_AGE_MS;
    }
  });

  it('gives 2,000 concurrent attempts for 100 seats exactly 100 bookings, every refusal a 409 slot_full', async () => {
    await setUp({ seatsPerSlot: 100 });

    const replies = await many(2000, 200, () => book({ startsAt: WED_0900 }));

    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    expect(replies.filter((reply) => reply.status !== 201).every((reply) => reply.status === 409 && reply.body.code === 'slot_full')).toBe(true);
    const [{ count, codes }] = await t.db.query(`SELECT count(*)::int AS count, count(DISTINCT code)::int AS codes FROM bookings WHERE service_id = $1`, [
      office.services.A,
    ]);
    expect({ count, codes }).toEqual({ count: 100, codes: 100 });
    expect(await seatsLeft(WED_0900)).toBe(0);
  }, 300_000);

  it('never books a day past its cap when attempts spread over every slot at once', async () => {
    // 8 slots × 20 seats, but a quota of 100 keeps 50 for walk-ins: 50 bookings in all.
    await setUp({ seatsPerSlot: 20 }, 100);
    const starts = Array.from({ length: 8 }, (_, i) => new Date(Date.parse('2026-12-02T01:00:00.000Z') + i * 30 * 60_000).toISOString());

    const replies = await many(400, 200, (i) => book({ startsAt: starts[i % 8] }));

    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(50);
    const perSlot = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM bookings WHERE service_id = $1 GROUP BY slot_starts_at`, [
      office.services.A,
    ]);
    expect(perSlot.every((row) => row.n <= 20)).toBe(true);
    expect(replies.filter((reply) => reply.status === 409).every((reply) => ['slot_full', 'day_full'].includes(reply.body.code))).toBe(true);
  }, 120_000);
});
