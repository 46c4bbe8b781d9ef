import type { CannotServeTodayDetails, TrackedTicketView } from '@loket/domain';
import { createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));

describe('kuota dinamis: no ticket the forecast says cannot be served before closing (issue 16)', () => {
  const t = useTestApp();
  let office: OfficeFixture;
  let admin: string;

  beforeAll(async () => {
    office = await createOffice(t, {
      services: [{ code: 'A', maxWaitMinutes: 120, serviceTimeMinutes: 30 }],
      counters: [{ number: 1, services: ['A'] }],
    });
    await t.db.query(`UPDATE offices SET opening_hours = $2 WHERE id = $1`, [office.id, JSON.stringify(HOURS)]);
    admin = (await createStaff(t, 'admin', [office.id])).token;
  });

  const issue = (priority?: string) => t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A, ...(priority ? { priority } : {}) });
  const setDynamic = async (on: boolean) => {
    const reply = await t.api.send('PATCH', `/admin/services/${office.services.A}`, { body: { dynamicQuota: on }, token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ dynamicQuota: on });
  };

  it('is off by default, and the admin turns it on per service', async () => {
    const listed = await t.api.get(`/admin/offices/${office.id}/services`, admin);
    expect(listed.body).toEqual([expect.objectContaining({ code: 'A', dynamicQuota: false })]);
    await setDynamic(true);
    const bad = await t.api.send('PATCH', `/admin/services/${office.services.A}`, { body: { dynamicQuota: 'ya' }, token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed' });
  });

  it('refuses with 409 cannot_serve_today once the forecast ends past closing, draws no number, and takes a priority ticket due sooner', async () => {
    t.clock.set('2026-12-07T06:30:00.000Z'); // Monday 13:30 WIB: 90 minutes to closing, cut-off at 14:30
    expect((await t.api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
    // One counter, 30 minutes a citizen plus the walk-up: called at once and at 31 minutes, both done by 15:00.
    expect((await issue()).status).toBe(201);
    expect((await issue()).status).toBe(201);
    // The third would be called at about 62 minutes and done at 14:02 + 30 = 15:02 in the plain play; as the replays' median,
    // called at 72 minutes and done at 15:12: past closing either way.
    const refused = await issue();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'cannot_serve_today' });
    const details = refused.body.details as CannotServeTodayDetails;
    expect(details).toEqual({
      closesAt: '2026-12-07T08:00:00.000Z',
      estimatedWaitMinutes: 72,
      expectedDoneAt: '2026-12-07T08:12:00.000Z',
      // Booking offered from the next opening: Tuesday 08:00 WIB.
      opensAt: '2026-12-08T01:00:00.000Z',
    });
    expect(details.estimatedWaitMinutes).toBeGreaterThanOrEqual(60);
    expect(Date.parse(details.expectedDoneAt)).toBeGreaterThan(Date.parse(details.closesAt));

    // A priority ticket is due in 10 minutes, before both regular ones: it is called first, in time.
    const priority = await issue('lanjut_usia');
    expect(priority.status).toBe(201);
    expect((priority.body as TrackedTicketView).number).toBe('A-003');

    // Turned off, the same ticket is issued, and the refusal drew no number.
    await setDynamic(false);
    const issued = await issue();
    expect(issued.status).toBe(201);
    expect((issued.body as TrackedTicketView).number).toBe('A-004');
  });

  it('refuses nothing in a 24-hour office, which has no closing to be late for', async () => {
    await setDynamic(true);
    await t.db.query(`UPDATE offices SET opening_hours = '[]' WHERE id = $1`, [office.id]);
    expect((await issue()).status).toBe(201);
    await t.db.query(`UPDATE offices SET opening_hours = $2 WHERE id = $1`, [office.id, JSON.stringify(HOURS)]);
  });
});
