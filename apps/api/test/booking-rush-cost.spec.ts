import { AVAILABILITY_MAX_AGE_MS, AvailabilityCache } from '../src/bookings/availability-cache.js';
import { BookingContextCache } from '../src/bookings/booking-context-cache.js';
import { bookingSettings, createOffice, createStaff } from './support/fixtures.js';
import { queriesDuring } from './support/query-log.js';
import { onPostgres, useTestApp } from './support/test-app.js';

// Monday 30 November 2026, 07:00 in Jakarta; the office is open 08:00–18:00: twenty half-hour slots.
const MON_0700 = '2026-11-30T00:00:00.000Z';
const HOURS = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '08:00', closes: '18:00' }));
const SEATS = 2;

/**
 * What one booking costs in the rush (issue 17), counted rather than timed: the statements the
 * API sends for a confirmed booking, for a refusal once the day is full, and for an
 * availability read, as the rush bench's phones make them. The rush's target is far off
 * (31.5 confirms/s against 1,000); these counts say where each attempt's work goes.
 */
describe(`what a booking costs on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  // No alert scan after an event (none on its timer in tests: quiet-timers.ts): its statements would land in the counted windows.
  process.env.SUPERVISION_REACT_MS = '0';
  const t = useTestApp();

  it('counts the statements of a confirmation, a refusal when the day is full, and an availability read', async () => {
    t.clock.set(MON_0700);
    const office = await createOffice(t, { services: [{ code: 'A', maxWaitMinutes: 60, serviceTimeMinutes: 10 }], counters: [{ number: 1, services: ['A'] }] });
    await t.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [office.id, JSON.stringify(HOURS)]);
    const admin = (await createStaff(t, 'admin')).token;
    const settings = bookingSettings({ seatsPerSlot: SEATS, walkInSharePercent: 0, horizonDays: 14, opensDaysBefore: 14 });
    expect((await t.api.send('PUT', `/admin/services/${office.services.A}/booking`, { body: settings, token: admin })).status).toBe(200);
    const path = `/offices/${office.slug}/services/${office.services.A}/availability`;
    let n = 0;
    const book = async (startsAt: string) => {
      n += 1;
      return t.api.post(`/offices/${office.slug}/bookings`, { serviceId: office.services.A, startsAt }, undefined, {
        'x-loket-client': `rush-cost-client-${n}-abcdef`,
        'idempotency-key': `rush-cost-key-${n}`,
      });
    };
    // The office's context and the seats are kept a second (BookingContextCache, AvailabilityCache); held longer here, so the counts do not hang on the machine's speed.
    t.app.get(BookingContextCache).maxAgeMs = 600_000;
    t.app.get(AvailabilityCache).maxAgeMs = 600_000;
    const slots = ((await t.api.get<{ days: { slots: { startsAt: string }[] }[] }>(path)).body.days[0].slots ?? []).map((slot) => slot.startsAt);
    expect(slots).toHaveLength(20);

    const perConfirm: number[] = [];
    const cpu: number[] = [];
    for (const startsAt of slots) {
      for (let seat = 0; seat < SEATS; seat += 1) {
        const before = process.cpuUsage();
        const seen = await queriesDuring(t, async () => expect((await book(startsAt)).status).toBe(201));
        const used = process.cpuUsage(before);
        perConfirm.push(seen.length);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    // The day full in the seats this instance keeps: only the key is looked up (a double tap's twin may have won).
    const known = await queriesDuring(t, async () => expect((await book(slots[3])).body).toMatchObject({ code: 'day_full' }));
    // Full, but no seats kept here (the crowd of another instance, say): the booking statement refuses it.
    t.app.get(AvailabilityCache).changed(office.services.A);
    const refusal = await queriesDuring(t, async () => expect((await book(slots[3])).body).toMatchObject({ code: 'day_full' }));
    t.app.get(AvailabilityCache).maxAgeMs = AVAILABILITY_MAX_AGE_MS;
    // The availability once its cached view is older than a second: one read of the database.
    const read = await queriesDuring(t, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await t.api.get(path)).status).toBe(200);
    });
    const cached = await queriesDuring(t, async () => expect((await t.api.get(path)).status).toBe(200));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    console.log(
      `booking cost on ${onPostgres ? 'PostgreSQL' : 'PGlite'}: ${mean(perConfirm)} statements per confirmation, ` +
        `process CPU ${mean(cpu).toFixed(2)} ms per confirmation (the test's client and the API together${onPostgres ? '' : ', with PGlite'}); ` +
        `${known.length} statements per day_full refusal known here, ${refusal.length} when not; availability: ${read.length} when stale, ${cached.length} when cached`,
    );
    // The booking statement alone: the office and its calendar are kept, the idempotency key is looked up by the statement itself.
    expect(perConfirm.every((count) => count === 1)).toBe(true);
    expect(known).toHaveLength(1);
    // The booking statement, then the key again (a double tap's twin may have won); the reason comes from the booking statement's own read.
    expect(refusal).toHaveLength(2);
    expect(refusal.some((query) => query.includes('FROM booking_slots WHERE service_id = $1 AND service_day = $2::date') && !query.includes('WITH'))).toBe(
      false,
    );
    expect(cached).toHaveLength(0);

    if (onPostgres) {
      t.app.get(AvailabilityCache).changed(office.services.A);
      // A full day refuses without a slot row's lock (or the day row's): a crowd after the last seat does not queue behind a booking in progress.
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query('SELECT 1 FROM booking_slots WHERE service_id = $1 FOR UPDATE', [office.services.A]);
        await holder.query(
          'INSERT INTO booking_days (service_id, service_day) SELECT $1, service_day FROM booking_slots WHERE service_id = $1 ON CONFLICT DO NOTHING',
          [office.services.A],
        );
        await holder.query('SELECT 1 FROM booking_days WHERE service_id = $1 FOR UPDATE', [office.services.A]);
        let timer: NodeJS.Timeout | undefined;
        const answer = await Promise.race([book(slots[5]), new Promise<'waited'>((resolve) => (timer = setTimeout(() => resolve('waited'), 5_000)))]);
        clearTimeout(timer);
        expect(answer === 'waited' ? answer : answer.body).toMatchObject({ code: 'day_full' });
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
    }
  }, 120_000);
});
