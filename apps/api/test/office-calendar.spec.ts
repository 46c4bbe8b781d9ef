import type { AdminCalendarView, OfficeSnapshot } from '@loket/domain';
import { createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));

describe('no ticket while the office is closed (issue 16)', () => {
  const t = useTestApp();
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    await t.db.query(`UPDATE offices SET opening_hours = $2 WHERE id = $1`, [office.id, JSON.stringify(HOURS)]);
  });

  const issue = () => t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
  const waiting = async () => ((await t.api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot).waiting.length;

  it('on Saturday night refuses with 409 office_closed and the Monday opening, drawing no number', async () => {
    t.clock.set('2026-12-05T15:00:00.000Z'); // Saturday 22:00 WIB
    const reply = await issue();
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      code: 'office_closed',
      details: { opensAt: '2026-12-07T01:00:00.000Z', reason: 'outside_hours', reasonText: null },
    });
    expect(await waiting()).toBe(0);
  });

  it('tells the board, before any tap, that the office is closed, why and until when', async () => {
    t.clock.set('2026-12-05T15:00:00.000Z'); // Saturday 22:00 WIB
    const board = async () => ((await t.api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot).calendar;
    expect(await board()).toEqual({
      open: false,
      closesAt: null,
      opensAt: '2026-12-07T01:00:00.000Z',
      reason: 'outside_hours',
      reasonText: null,
      holidayToday: null,
      closureToday: null,
    });
    t.clock.set('2026-12-25T02:00:00.000Z'); // Christmas, a Friday, 09:00 WIB
    expect(await board()).toEqual({
      open: false,
      closesAt: null,
      opensAt: '2026-12-28T01:00:00.000Z',
      reason: 'holiday',
      reasonText: 'Kelahiran Yesus Kristus',
      holidayToday: 'Kelahiran Yesus Kristus',
      closureToday: { startsAt: '2026-12-24T17:00:00.000Z', endsAt: '2026-12-25T17:00:00.000Z', reason: 'Kelahiran Yesus Kristus' },
    });
    t.clock.set('2026-12-07T02:00:00.000Z'); // Monday 09:00 WIB
    expect(await board()).toMatchObject({ open: true, closesAt: '2026-12-07T08:00:00.000Z' });
  });

  it('on cuti bersama refuses naming the day, and opens after the Christmas weekend', async () => {
    t.clock.set('2026-12-24T02:00:00.000Z'); // Thursday 09:00 WIB
    const reply = await issue();
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      code: 'office_closed',
      details: { opensAt: '2026-12-28T01:00:00.000Z', reason: 'holiday', reasonText: 'Cuti bersama Kelahiran Yesus Kristus' },
    });
  });

  it('stops at the service cut-off before closing, and issues again once the cut-off is shorter', async () => {
    t.clock.set('2026-12-07T07:40:00.000Z'); // Monday 14:40 WIB, 20 minutes before closing
    const refused = await issue();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'office_closed', details: { opensAt: '2026-12-08T01:00:00.000Z', reason: 'cutoff' } });
    await t.db.query(`UPDATE services SET issue_cutoff_minutes = 10 WHERE id = $1`, [office.services.A]);
    expect((await issue()).status).toBe(201);
    await t.db.query(`UPDATE services SET issue_cutoff_minutes = 30 WHERE id = $1`, [office.services.A]);
  });

  it('during a closure refuses with its reason and opens when it ends', async () => {
    await t.db.query(`INSERT INTO office_closures (office_id, starts_at, ends_at, reason, created_at) VALUES ($1, $2, $3, $4, $2)`, [
      office.id,
      '2026-12-08T03:00:00.000Z',
      '2026-12-08T04:30:00.000Z',
      'Gangguan jaringan, layanan dihentikan sementara',
    ]);
    t.clock.set('2026-12-08T03:30:00.000Z'); // Tuesday 10:30 WIB
    const reply = await issue();
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      code: 'office_closed',
      details: { opensAt: '2026-12-08T04:30:00.000Z', reason: 'closure', reasonText: 'Gangguan jaringan, layanan dihentikan sementara' },
    });
    t.clock.set('2026-12-08T04:30:00.000Z');
    expect((await issue()).status).toBe(201);
  });

  it("issues on a national holiday the office marked open, and refuses on the office's own holiday", async () => {
    await t.db.query(
      `INSERT INTO office_days (office_id, day, kind, name, created_at) VALUES ($1, '2026-12-24', 'open', 'Tetap buka', now()), ($1, '2026-12-29', 'holiday', 'Hari jadi kota', now())`,
      [office.id],
    );
    t.clock.set('2026-12-24T02:00:00.000Z');
    expect((await issue()).status).toBe(201);
    t.clock.set('2026-12-29T02:00:00.000Z');
    const reply = await issue();
    expect(reply.body).toMatchObject({
      code: 'office_closed',
      details: { reason: 'holiday', reasonText: 'Hari jadi kota', opensAt: '2026-12-30T01:00:00.000Z' },
    });
  });
});

describe('the admin keeps the office calendar, and bad input changes nothing (issue 16)', () => {
  const t = useTestApp();
  let office: OfficeFixture;
  let admin: string;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    await t.db.query(`UPDATE offices SET opening_hours = $2 WHERE id = $1`, [office.id, JSON.stringify(HOURS)]);
    admin = (await createStaff(t, 'admin', [office.id])).token;
  });

  const calendar = async () => (await t.api.get(`/admin/offices/${office.id}/calendar`, admin)).body as AdminCalendarView;
  const issue = () => t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });

  it('adds an own holiday once, refuses it twice, and marks a seeded day open', async () => {
    t.clock.set('2026-12-07T02:00:00.000Z');
    const added = await t.api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-12-29', kind: 'holiday', name: 'Hari jadi kota' }, admin);
    expect(added.status).toBe(201);
    const twice = await t.api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-12-29', kind: 'holiday', name: 'Lagi' }, admin);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'holiday_exists' });
    const national = await t.api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-12-25', kind: 'holiday', name: 'Natal' }, admin);
    expect(national.body).toMatchObject({ code: 'holiday_exists' });
    const openPlain = await t.api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-12-30', kind: 'open', name: 'Buka' }, admin);
    expect(openPlain.status).toBe(400);
    expect((await t.api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-12-24', kind: 'open', name: 'Tetap buka' }, admin)).status).toBe(201);
    expect((await calendar()).ownDays).toEqual([
      { day: '2026-12-24', kind: 'open', name: 'Tetap buka' },
      { day: '2026-12-29', kind: 'holiday', name: 'Hari jadi kota' },
    ]);
    t.clock.set('2026-12-24T02:00:00.000Z');
    expect((await issue()).status).toBe(201);
  });

  it('refuses a closure in the past, asks to confirm with tickets waiting, and then closes now with its reason', async () => {
    t.clock.set('2026-12-08T03:00:00.000Z'); // Tuesday 10:00 WIB
    const past = await t.api.post(
      `/admin/offices/${office.id}/calendar/closures`,
      { startsAt: '2026-12-08T01:00:00.000Z', endsAt: '2026-12-08T02:00:00.000Z', reason: 'Lampau' },
      admin,
    );
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ code: 'closure_in_past' });
    expect((await issue()).status).toBe(201);
    const body = { endsAt: '2026-12-08T05:00:00.000Z', reason: 'Gangguan jaringan, layanan dihentikan sementara' };
    const unconfirmed = await t.api.post(`/admin/offices/${office.id}/calendar/closures`, body, admin);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body).toMatchObject({ code: 'closure_needs_confirmation', details: { waiting: expect.any(Number) } });
    expect((await calendar()).closures).toEqual([]);
    expect(((await t.api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot).calendar.open).toBe(true);
    const closed = await t.api.post(`/admin/offices/${office.id}/calendar/closures`, { ...body, confirm: true }, admin);
    expect(closed.status).toBe(201);
    expect((closed.body as AdminCalendarView).closures).toEqual([
      { id: expect.any(String), startsAt: '2026-12-08T03:00:00.000Z', ...{ endsAt: body.endsAt, reason: body.reason } },
    ]);
    const refused = await issue();
    expect(refused.body).toMatchObject({ code: 'office_closed', details: { reason: 'closure', reasonText: body.reason, opensAt: body.endsAt } });
    // The change moved the office's number on: the cached board snapshot is read again at once.
    const board = (await t.api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot;
    expect(board.calendar).toMatchObject({ open: false, reason: 'closure', reasonText: body.reason, opensAt: body.endsAt });
  });

  it('refuses a day that is not on the calendar (31 February) with 400, not a database error', async () => {
    const impossible = await t.api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-02-31', kind: 'holiday', name: 'Tidak ada' }, admin);
    expect(impossible.status).toBe(400);
    expect(impossible.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'day' }] });
  });

  const auditActions = async () =>
    (await t.db.query<{ action: string }[]>(`SELECT action FROM audit_log WHERE office_id = $1 ORDER BY id`, [office.id])).map((row) => row.action);

  it('takes an own day off under its own audit action, and refuses a day not there or not a date', async () => {
    t.clock.set('2026-12-07T02:00:00.000Z');
    const before = (await calendar()).ownDays;
    const removed = await t.api.send('DELETE', `/admin/offices/${office.id}/calendar/days/2026-12-29`, { token: admin });
    expect(removed.status).toBe(200);
    expect((removed.body as AdminCalendarView).ownDays).toEqual(before.filter((entry) => entry.day !== '2026-12-29'));
    const [last] = await t.db.query<{ action: string; before: unknown; after: unknown }[]>(
      `SELECT action, before, after FROM audit_log WHERE office_id = $1 ORDER BY id DESC LIMIT 1`,
      [office.id],
    );
    expect(last).toEqual({ action: 'calendar.day_removed', before: { ownDay: { day: '2026-12-29', kind: 'holiday', name: 'Hari jadi kota' } }, after: null });
    const count = (await auditActions()).length;
    const again = await t.api.send('DELETE', `/admin/offices/${office.id}/calendar/days/2026-12-29`, { token: admin });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'not_found' });
    for (const day of ['2026-02-31', '29-12-2026', '2126-01-01']) {
      const bad = await t.api.send('DELETE', `/admin/offices/${office.id}/calendar/days/${day}`, { token: admin });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'validation_failed' });
    }
    expect(await auditActions()).toHaveLength(count);
    // Adding and removing are their own actions, not a change of the office's settings.
    expect(await auditActions()).toEqual(expect.arrayContaining(['calendar.day_added', 'calendar.day_removed', 'calendar.closure_added']));
    expect(await auditActions()).not.toContain('office.updated');
  });

  it('ends a closure early so the office issues again, calls off a planned one, and refuses ending one over', async () => {
    t.clock.set('2026-12-10T03:00:00.000Z'); // Thursday 10:00 WIB
    const closeNow = { endsAt: '2026-12-10T06:00:00.000Z', reason: 'Listrik padam', confirm: true };
    const planned = { startsAt: '2026-12-11T02:00:00.000Z', endsAt: '2026-12-11T04:00:00.000Z', reason: 'Rapat kerja', confirm: true };
    expect((await t.api.post(`/admin/offices/${office.id}/calendar/closures`, closeNow, admin)).status).toBe(201);
    const { closures } = (await t.api.post(`/admin/offices/${office.id}/calendar/closures`, planned, admin)).body as AdminCalendarView;
    const [now, later] = closures.filter((closure) => closure.startsAt >= '2026-12-10');
    expect((await issue()).body).toMatchObject({ code: 'office_closed', details: { reason: 'closure' } });

    t.clock.set('2026-12-10T03:30:00.000Z');
    const ended = await t.api.post(`/admin/offices/${office.id}/calendar/closures/${now.id}/end`, {}, admin);
    expect(ended.status).toBe(200);
    expect((ended.body as AdminCalendarView).closures.map((closure) => closure.id)).toEqual([later.id]);
    expect((await issue()).status).toBe(201);
    const [row] = await t.db.query<{ ends_at: Date }[]>(`SELECT ends_at FROM office_closures WHERE id = $1`, [now.id]);
    expect(row.ends_at.toISOString()).toBe('2026-12-10T03:30:00.000Z');

    const over = await t.api.post(`/admin/offices/${office.id}/calendar/closures/${now.id}/end`, {}, admin);
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'closure_over' });

    const calledOff = await t.api.post(`/admin/offices/${office.id}/calendar/closures/${later.id}/end`, {}, admin);
    expect(calledOff.status).toBe(200);
    expect((calledOff.body as AdminCalendarView).closures).toEqual([]);
    expect((await t.db.query(`SELECT id FROM office_closures WHERE id = $1`, [later.id])).length).toBe(0);
    expect((await auditActions()).filter((action) => action === 'calendar.closure_ended')).toHaveLength(2);

    const unknown = await t.api.post(`/admin/offices/${office.id}/calendar/closures/00000000-0000-4000-8000-000000000000/end`, {}, admin);
    expect(unknown.status).toBe(404);
    const malformed = await t.api.post(`/admin/offices/${office.id}/calendar/closures/not-a-uuid/end`, {}, admin);
    expect(malformed.status).toBe(400);
  });

  it('asks to confirm only a closure that begins today, when citizens wait: one planned for a later day strands nobody', async () => {
    t.clock.set('2026-12-15T03:00:00.000Z'); // Tuesday 10:00 WIB
    expect((await issue()).status).toBe(201);
    const later = { startsAt: '2026-12-16T02:00:00.000Z', endsAt: '2026-12-16T03:00:00.000Z', reason: 'Rapat kerja besok' };
    expect((await t.api.post(`/admin/offices/${office.id}/calendar/closures`, later, admin)).status).toBe(201);
    const thisAfternoon = { startsAt: '2026-12-15T07:00:00.000Z', endsAt: '2026-12-15T08:00:00.000Z', reason: 'Rapat kerja sore ini' };
    const today = await t.api.post(`/admin/offices/${office.id}/calendar/closures`, thisAfternoon, admin);
    expect(today.status).toBe(409);
    expect(today.body).toMatchObject({ code: 'closure_needs_confirmation' });
  });

  it('keeps a cut-off per service and refuses one as long as the opening day', async () => {
    const tooLong = await t.api.send('PATCH', `/admin/services/${office.services.A}`, { body: { issueCutoffMinutes: 420 }, token: admin });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'cutoff_too_long' });
    const set = await t.api.send('PATCH', `/admin/services/${office.services.A}`, { body: { issueCutoffMinutes: 45 }, token: admin });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ issueCutoffMinutes: 45 });
    t.clock.set('2026-12-09T07:20:00.000Z'); // Wednesday 14:20 WIB: inside 45 minutes of closing
    expect((await issue()).body).toMatchObject({ code: 'office_closed', details: { reason: 'cutoff' } });
  });

  it('checks new opening hours against every cut-off, changing nothing when one would not fit, and applies a shorter day from the change on', async () => {
    const hours = async () => ((await t.api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot).office.openingHours;
    const patch = (openingHours: unknown) => t.api.send('PATCH', `/admin/offices/${office.id}`, { body: { openingHours }, token: admin });
    // Service A keeps a 45-minute cut-off (the test above): a 40-minute day could never issue.
    const tooShort = await patch([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '08:40' })));
    expect(tooShort.status).toBe(400);
    expect(tooShort.body).toMatchObject({ code: 'cutoff_too_long', details: [{ field: 'openingHours' }] });
    expect(tooShort.body.message).toContain('A (45 min)');
    expect(await hours()).toEqual(HOURS);

    t.clock.set('2026-12-10T03:30:00.000Z'); // Thursday 10:30 WIB
    expect((await issue()).status).toBe(201);
    // Closing at 11:00 from now on: 10:30 is within the 45-minute cut-off, so the very next ticket is refused.
    const shorter = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '11:00' }));
    expect((await patch(shorter)).status).toBe(200);
    expect((await issue()).body).toMatchObject({ code: 'office_closed', details: { reason: 'cutoff', opensAt: '2026-12-11T01:00:00.000Z' } });
    const tile = ((await t.api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot).services[0];
    expect(tile.issuingUntil).toBe('2026-12-10T03:15:00.000Z');
    expect((await patch(HOURS)).status).toBe(200);
  });
});
