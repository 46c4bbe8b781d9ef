import type { BookingView } from '@loket/domain';
import { bookingSettings, createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { onPostgres, useTestApp } from './support/test-app.js';

// Monday 30 November 2026 in Jakarta (UTC+7); the office is open 08:00–12:00.
const MON_0800 = '2026-11-30T01:00:00.000Z';
const MON_0900 = '2026-11-30T02:00:00.000Z';
const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }));
const SETTINGS = bookingSettings();

/**
 * Issue 17: today's bookings are known future arrivals for the wait forecast, so a walk-in's
 * estimate counts the booked citizens who will be due before it.
 */
describe(`the wait forecast with today’s bookings on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;

  beforeEach(async () => {
    t.clock.set(MON_0800);
    // Walk-ins may wait two hours: a booking for 09:00 (due 09:10) comes before one issued at 08:00 (due 10:00).
    office = await createOffice(t, { services: [{ code: 'A', maxWaitMinutes: 120, serviceTimeMinutes: 10 }], counters: [{ number: 1, services: ['A'] }] });
    await t.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [office.id, JSON.stringify(HOURS)]);
    const admin = (await createStaff(t, 'admin')).token;
    expect((await api.send('PUT', `/admin/services/${office.services.A}/booking`, { body: SETTINGS, token: admin })).status).toBe(200);
  });

  const issue = async () => (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body as { trackingCode: string };
  const wait = async (ticket: { trackingCode: string }) => (await api.get(`/tickets/track/${ticket.trackingCode}`)).body.estimatedWaitMinutes as number;
  const book = async (n: number) =>
    (
      await api.post(`/offices/${office.slug}/bookings`, { serviceId: office.services.A, startsAt: MON_0900 }, undefined, {
        'x-loket-client': `forecast-client-${n}-abcdef`,
      })
    ).body as BookingView;

  it('puts booked citizens due sooner ahead of a walk-in, counts a checked-in one once, and leaves earlier walk-ins alone', async () => {
    const walkIns = [];
    for (let n = 0; n < 6; n += 1) walkIns.push(await issue());
    // Half an hour on (no arrivals in the last half hour to foresee), the counter opens: eleven minutes a citizen, so 22 and
    // 55 minutes for the third and the sixth in the plain play; the point is the replays' median, 20 and 52.
    t.clock.advanceMinutes(31);
    expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
    expect(await wait(walkIns[2])).toBe(20);
    expect(await wait(walkIns[5])).toBe(52);

    // Three book the 09:00 slot (due 09:10, before the walk-ins' 10:00).
    const booked = [await book(1), await book(2), await book(3)];
    expect(booked.every((b) => b.phase === 'booked')).toBe(true);
    // The forecast reads the office again when its events move on: a walk-in issued now (due last) does that.
    await issue();

    // The third walk-in is called at 08:53 in the plain play, before the booked citizens come; from 09:04 they go first (the
    // sixth: 55 + 3 × 11). As the replays' median the third is 23, where some replays call it after them, and the sixth 92.
    expect(await wait(walkIns[2])).toBe(23);
    expect(await wait(walkIns[5])).toBe(92);

    // One checks in early: now a waiting ticket due 09:10, no longer a booking to come. Counted once.
    const checkedIn = await api.post(`/staff/offices/${office.id}/bookings/check-in`, { reference: booked[0].reference }, office.officers[1].token);
    expect(checkedIn.status).toBe(200);
    expect(await wait(walkIns[5])).toBe(92);
  });
});
