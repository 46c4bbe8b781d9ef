import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';
import { EndOfDayService } from '../src/tickets/end-of-day.service.js';

/**
 * The end-of-day step (issue 16): tickets still waiting when the office's day is over are
 * closed with the status closed_end_of_day, by a supervisor who confirms how many or by the
 * sweep at closing time plus the grace; audited, and counted by the reports.
 */
describe('the end-of-day step', () => {
  process.env.COUNTER_SWEEP_SECONDS = '0';
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));
  // Monday 30 November 2026, 14:00 in Jakarta (UTC+7).
  const MONDAY_1400 = '2026-11-30T07:00:00.000Z';

  beforeEach(async () => {
    t.clock.set(MONDAY_1400);
    office = await createOffice(t, { services: [{ code: 'A', maxWaitMinutes: 60, serviceTimeMinutes: 10 }], counters: [{ number: 1, services: ['A'] }] });
    await t.db.query(`UPDATE offices SET opening_hours = $2 WHERE id = $1`, [office.id, JSON.stringify(HOURS)]);
  });

  const issue = async () => (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body as { id: string; trackingCode: string };
  const statuses = async () =>
    (await t.db.query<{ status: string }[]>(`SELECT status FROM tickets WHERE office_id = $1 ORDER BY issue_order`, [office.id])).map((row) => row.status);
  const view = async () => (await api.get(`/offices/${office.slug}/end-of-day`, office.supervisor.token)).body;
  const close = (waiting: number, token = office.supervisor.token) => api.post(`/offices/${office.slug}/end-of-day`, { waiting }, token);

  it('is refused while the office is open or for another count, then closes what waits, says why on the phone, audits and reports it', async () => {
    const tickets = [await issue(), await issue(), await issue()];
    await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token);
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token)).status).toBe(200);

    expect(await view()).toEqual({ waiting: 2, dayEndedAt: null, automaticAt: null, canClose: false });
    const early = await close(2);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'day_not_over', details: { closesAt: '2026-11-30T08:00:00.000Z' } });
    expect((await close(2, office.officers[1].token)).status).toBe(403);

    t.clock.advanceMinutes(65);
    expect(await view()).toEqual({ waiting: 2, dayEndedAt: '2026-11-30T08:00:00.000Z', automaticAt: '2026-11-30T08:30:00.000Z', canClose: true });
    const stale = await close(1);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'end_of_day_count_changed', details: { waiting: 2 } });
    expect(await statuses()).toEqual(['called', 'waiting', 'waiting']);

    const done = await close(2);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ closed: 2, ticketNumbers: ['A-002', 'A-003'] });
    expect(await statuses()).toEqual(['called', 'closed_end_of_day', 'closed_end_of_day']);
    expect((await api.get(`/tickets/track/${tickets[1].trackingCode}`)).body).toMatchObject({ status: 'closed_end_of_day', placeInQueue: null });
    expect(await view()).toMatchObject({ waiting: 0, canClose: false });
    // The service's waiting count the issue statement reads (migration 1765180000000) went down with them.
    expect(await t.db.query(`SELECT waiting FROM service_waiting WHERE service_id = $1`, [office.services.A])).toEqual([{ waiting: 0 }]);

    const [audit] = await t.db.query(`SELECT action, actor_staff_id, after FROM audit_log WHERE office_id = $1 AND action = 'office.day_closed'`, [office.id]);
    expect(audit).toMatchObject({ actor_staff_id: office.supervisor.id, after: { closed: 2, tickets: ['A-002', 'A-003'] } });
    const events = await t.db.query(`SELECT actor_kind, actor_staff_id FROM ticket_events WHERE office_id = $1 AND type = 'closed_end_of_day'`, [office.id]);
    expect(events).toEqual([
      { actor_kind: 'staff', actor_staff_id: office.supervisor.id },
      { actor_kind: 'staff', actor_staff_id: office.supervisor.id },
    ]);
    const report = (await api.get(`/offices/${office.slug}/reports?from=2026-11-30&to=2026-11-30`, office.supervisor.token)).body;
    expect(report.total.counts).toMatchObject({ issued: 3, closedEndOfDay: 2, cancelled: 0 });
  });

  it('tells an agency supervisor how many of their agency wait, and the office supervisor the whole office', async () => {
    const [samsat] = await t.db.query<{ id: string }[]>(`INSERT INTO agencies (office_id, name, short_name) VALUES ($1, 'Samsat', 'Samsat') RETURNING id`, [
      office.id,
    ]);
    const [service] = await t.db.query<{ id: string }[]>(
      `INSERT INTO services (office_id, agency_id, code, name, max_wait_minutes, service_time_minutes) VALUES ($1, $2, 'S', 'Pajak Kendaraan', 30, 10) RETURNING id`,
      [office.id, samsat.id],
    );
    // Counter 1 serves it too (a counter may serve another agency's service): it can be issued.
    await t.db.query('INSERT INTO counter_services (counter_id, service_id) VALUES ($1, $2)', [office.counters[1], service.id]);
    const [supervisor] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at, agency_id) VALUES ($1, 'Supervisor Samsat', 'supervisor', 'no-login', $2, $3) RETURNING id`,
      [`spv-samsat-${office.slug}`, t.clock.now(), samsat.id],
    );
    await t.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [supervisor.id, office.id]);
    const token = await t.jwt.signAsync({ sub: supervisor.id, role: 'supervisor' });
    await issue();
    await issue();
    expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: service.id })).status).toBe(201);

    expect(await view()).toMatchObject({ waiting: 3 });
    expect((await api.get(`/offices/${office.slug}/end-of-day`, token)).body).toMatchObject({ waiting: 1 });
  });

  it('gives each service of the snapshot the time it stops issuing today: its cut-off before closing', async () => {
    const board = async () => (await api.get(`/offices/${office.slug}/board`)).body as { services: { issuingUntil: string | null }[] };
    // 15:00 closing less the default 30 minutes.
    expect((await board()).services[0].issuingUntil).toBe('2026-11-30T07:30:00.000Z');
    await t.db.query(`UPDATE services SET issue_cutoff_minutes = 60 WHERE id = $1`, [office.services.A]);
    t.clock.advanceMinutes(1);
    expect((await board()).services[0].issuingUntil).toBe('2026-11-30T07:00:00.000Z');
    t.clock.set('2026-11-30T09:00:00.000Z'); // 16:00, closed: nothing to stop
    expect((await board()).services[0].issuingUntil).toBeNull();
  });

  it('runs by itself at closing time plus the grace, and closes a ticket of an earlier day at once', async () => {
    const sweep = t.app.get(EndOfDayService);
    // The sweep answers how many it closed in every office. On PostgreSQL the test database is
    // shared with other suites, whose offices' earlier days it closes too: this office's tickets
    // say what it did here.
    await issue();
    await issue();
    t.clock.set('2026-11-30T08:29:00.000Z'); // 15:29
    await sweep.sweep();
    expect(await statuses()).toEqual(['waiting', 'waiting']);
    t.clock.set('2026-11-30T08:30:00.000Z'); // 15:30
    expect(await sweep.sweep()).toBeGreaterThanOrEqual(2);
    expect(await statuses()).toEqual(['closed_end_of_day', 'closed_end_of_day']);
    expect(await t.db.query(`SELECT DISTINCT actor_kind FROM ticket_events WHERE office_id = $1 AND type = 'closed_end_of_day'`, [office.id])).toEqual([
      { actor_kind: 'system' },
    ]);

    // A ticket left from Monday (the sweep did not run: the server was down) is closed on Tuesday before opening.
    t.clock.set(MONDAY_1400);
    await issue();
    t.clock.set('2026-12-01T00:00:00.000Z'); // Tuesday 07:00
    expect(await sweep.sweep()).toBeGreaterThanOrEqual(1);
    expect(await statuses()).toEqual(['closed_end_of_day', 'closed_end_of_day', 'closed_end_of_day']);
  });
});
