import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type ClientToServerEvents,
  type RegionalOfficeRow,
  type RegionalSnapshot,
  RegionalClientEvent,
  RegionalServerEvent,
  type ServerToClientEvents,
  StaffClientEvent,
  type SupervisionSnapshot,
  type SurveyAnswers,
  satisfactionIndex,
} from '@loket/domain';
import { RegionalRows, regionalComputations } from '../src/regional/regional-rows.js';
import { AlertsService } from '../src/supervision/alerts.service.js';
import { supervisionReloads } from '../src/supervision/supervision-live-state.js';
import { createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function connect(url: string, token: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, { transports: ['websocket'], reconnection: false, auth: { token } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('the regional dashboard (issue 20)', () => {
  // Each event's row at once, and no timer: the test awaits them (`RegionalRows.settled`).
  process.env.REGIONAL_REFRESH_MS = '0';
  process.env.REGIONAL_TICK_MS = '0';
  const t = useTestApp();
  const api = t.api;
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  const spec = {
    services: [{ code: 'A', maxWaitMinutes: 20 }, { code: 'B' }],
    counters: [
      { number: 1, services: ['A', 'B'] },
      { number: 2, services: ['A'] },
    ],
  };

  it('is assigned its offices by an admin, and refused an agency', async () => {
    const [north, south] = await Promise.all([createOffice(t, spec), createOffice(t, spec)]);
    const admin = await createStaff(t, 'admin');
    const body = {
      username: `wilayah-${north.slug}`,
      name: 'Kepala Wilayah',
      role: 'regional',
      officeIds: [north.id, south.id],
      password: 'rahasia-wilayah-1',
    };
    const created = await api.post('/admin/staff', body, admin.token);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'regional', officeIds: expect.arrayContaining([north.id, south.id]) });
    const [agency] = await t.db.query<{ id: string }[]>('SELECT id FROM agencies WHERE office_id = $1', [north.id]);
    const confined = await api.send('PATCH', `/admin/staff/${created.body.id}`, { body: { agencyId: agency.id }, token: admin.token });
    expect(confined.status).toBe(400);
    expect(confined.body.details).toEqual([{ field: 'agencyId', problems: [expect.stringContaining('regional')] }]);
    // With no office a regional head oversees nothing: refused like any non-admin's.
    const none = await api.post('/admin/staff', { ...body, username: `wilayah-kosong-${north.slug}`, officeIds: [] }, admin.token);
    expect(none.status).toBe(400);
  });

  it('lists exactly the regional head’s offices, failing first, and refuses an office outside the set', async () => {
    const [calm, busy, outside] = await Promise.all([createOffice(t, spec), createOffice(t, spec), createOffice(t, spec)]);
    const regional = await createStaff(t, 'regional', [calm.id, busy.id]);
    // Busy: counter 1 open, two waiting for A (maximum 20 minutes), the first for 25 minutes.
    expect((await api.post(`/counters/${busy.counters[1]}/open`, {}, busy.officers[1].token)).status).toBe(200);
    await api.post(`/offices/${busy.slug}/tickets`, { serviceId: busy.services.A });
    t.clock.advanceMinutes(25);
    await api.post(`/offices/${busy.slug}/tickets`, { serviceId: busy.services.A });
    // The alert scan raises what the rules say (a wait past its maximum; counter 1 idle while people wait).
    await t.app.get(AlertsService).scanOffice(busy.slug);
    await t.app.get(AlertsService).settled();
    await t.app.get(RegionalRows).settled();

    const dashboard = await api.get('/regional/offices', regional.token);
    expect(dashboard.status).toBe(200);
    const snapshot = dashboard.body as RegionalSnapshot;
    expect(snapshot.rows.map((row) => row.office.id)).toEqual([busy.id, calm.id]);
    expect(snapshot.rows[0]).toMatchObject({
      office: { slug: busy.slug },
      waitingNow: 2,
      longestWait: { serviceCode: 'A', minutes: 25, maxWaitMinutes: 20 },
      countersOpen: 1,
      failing: ['over_max_wait', 'open_alerts'],
    });
    const [alerts] = await t.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM supervision_alerts WHERE office_id = $1 AND resolved_at IS NULL AND acknowledged_at IS NULL',
      [busy.id],
    );
    expect(alerts.n).toBeGreaterThan(0);
    expect(snapshot.rows[0].openAlerts).toBe(alerts.n);
    expect(snapshot.rows[1]).toMatchObject({ waitingNow: 0, longestWait: null, openAlerts: 0, failing: [] });
    expect(snapshot.period.from).toMatch(/^\d{4}-(01|07)-01$/);

    const one = await api.get(`/regional/offices/${busy.slug}`, regional.token);
    expect(one.status).toBe(200);
    expect((one.body as RegionalOfficeRow).waitingNow).toBe(2);
    const refused = await api.get(`/regional/offices/${outside.slug}`, regional.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_your_office');
  });

  it('moves an office’s row with that office’s events only, from the state kept in memory', async () => {
    const [north, south] = await Promise.all([createOffice(t, spec), createOffice(t, spec)]);
    const regional = await createStaff(t, 'regional', [north.id, south.id]);
    const socket = await connect(t.url, regional.token);
    sockets.push(socket);
    const rows: RegionalOfficeRow[] = [];
    socket.on(RegionalServerEvent.office, (row) => rows.push(row));
    const ack = await new Promise<Ack<RegionalSnapshot>>((resolve) => socket.emit(RegionalClientEvent.subscribe, {}, resolve));
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.rows.map((row) => row.office.id).sort()).toEqual([north.id, south.id].sort());
    const before = ack.data.rows.find((row) => row.office.id === north.id)!;

    const reloads = { ...supervisionReloads() };
    const computed = regionalComputations.event;
    expect((await api.post(`/counters/${north.counters[1]}/open`, {}, north.officers[1].token)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await api.post(`/offices/${north.slug}/tickets`, { serviceId: north.services.B })).status).toBe(201);
    await t.app.get(RegionalRows).settled();
    // The last row sent has seen every event: counter 1 open, three waiting.
    await waitFor(() => rows.some((row) => row.office.id === north.id && row.waitingNow === 3));
    const latest = rows.filter((row) => row.office.id === north.id).at(-1)!;
    expect(latest).toMatchObject({ waitingNow: 3, countersOpen: 1 });
    expect(latest.seq).toBeGreaterThan(before.seq);
    // South had no event: no row of it was computed or sent.
    expect(rows.filter((row) => row.office.id === south.id)).toEqual([]);
    expect(regionalComputations.event - computed).toBeLessThanOrEqual(4);
    expect(regionalComputations.event - computed).toBeGreaterThan(0);
    // The rows came from the state kept: no office was read again (a counter opening reads only who staffs the counters).
    const after = supervisionReloads();
    expect({ ...after, staffing: 0 }).toEqual({ ...reloads, staffing: 0 });
  });

  it('moves a row with the clock on the tick, from the state kept, and sends only rows that changed', async () => {
    const office = await createOffice(t, spec);
    const regional = await createStaff(t, 'regional', [office.id]);
    const socket = await connect(t.url, regional.token);
    sockets.push(socket);
    const rows: RegionalOfficeRow[] = [];
    socket.on(RegionalServerEvent.office, (row) => rows.push(row));
    const subscribe = () => new Promise<Ack<RegionalSnapshot>>((resolve) => socket.emit(RegionalClientEvent.subscribe, {}, resolve));
    expect((await subscribe()).ok).toBe(true);
    expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).status).toBe(201);
    await t.app.get(RegionalRows).settled();
    await waitFor(() => rows.some((row) => row.waitingNow === 1));
    expect(rows.at(-1)!.failing).toEqual([]);

    // 21 minutes on, with no event: past A's maximum of 20.
    t.clock.advanceMinutes(21);
    const reloads = { ...supervisionReloads() };
    rows.length = 0;
    t.app.get(RegionalRows).tick();
    // A round trip on the socket: whatever the tick sent has arrived.
    await subscribe();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ waitingNow: 1, longestWait: { serviceCode: 'A', minutes: 21, maxWaitMinutes: 20 }, failing: ['over_max_wait'] });
    expect(supervisionReloads()).toEqual(reloads);
    // The same moment again: nothing changed, nothing sent.
    rows.length = 0;
    t.app.get(RegionalRows).tick();
    await subscribe();
    expect(rows).toEqual([]);
  });

  it('gives an office the IKM of all its agencies’ answers, from the one query the building manager’s rows read', async () => {
    const office = await createOffice(t, spec);
    const regional = await createStaff(t, 'regional', [office.id]);
    // B moves to a second agency of the building, so the office's answers come from two.
    const [samsat] = await t.db.query<{ id: string }[]>(
      `INSERT INTO agencies (office_id, name, short_name, sort_order) VALUES ($1, 'Samsat', 'Samsat', 1) RETURNING id`,
      [office.id],
    );
    await t.db.query('UPDATE services SET agency_id = $1 WHERE id = $2', [samsat.id, office.services.B]);
    const officer = office.officers[1].token;
    expect((await api.post(`/counters/${office.counters[1]}/open`, {}, officer)).status).toBe(200);
    const answers: SurveyAnswers[] = [
      { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 },
      { u1: 3, u2: 3, u3: 4, u4: 4, u5: 4, u6: 3, u7: 4, u8: 3, u9: 2 },
      { u1: 2, u2: 2, u3: 2, u4: 3, u5: 2, u6: 2, u7: 3, u8: 2, u9: 2 },
    ];
    for (const [i, code] of (['A', 'A', 'B'] as const).entries()) {
      const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code] })).body;
      expect((await api.post(`/counters/${office.counters[1]}/call-next`, {}, officer)).body.id).toBe(ticket.id);
      expect((await api.post(`/tickets/${ticket.id}/start`, {}, officer)).status).toBe(200);
      expect((await api.post(`/tickets/${ticket.id}/finish`, {}, officer)).status).toBe(200);
      expect((await api.post(`/tickets/track/${ticket.trackingCode}/survey`, answers[i])).status).toBe(201);
    }

    const row = (await api.get(`/regional/offices/${office.slug}`, regional.token)).body as RegionalOfficeRow;
    expect(row.ikm).toEqual(satisfactionIndex(answers));
    // The building manager's rows: the same answers, one agency's each.
    const building = (await api.get(`/offices/${office.slug}/supervision`, office.supervisor.token)).body as SupervisionSnapshot;
    const byAgency = new Map(building.building?.agencies.map((agency) => [agency.agencyId, agency.totals.responses]));
    expect(byAgency.get(samsat.id)).toBe(1);
    expect([...byAgency.values()].sort()).toEqual([1, 2]);
  });

  it('lets a regional head read the supervisor’s view of their offices and act on none of them', async () => {
    const [own, other] = await Promise.all([createOffice(t, spec), createOffice(t, spec)]);
    const regional = await createStaff(t, 'regional', [own.id]);
    expect((await api.get(`/offices/${own.slug}/supervision`, regional.token)).status).toBe(200);
    expect((await api.get(`/offices/${other.slug}/supervision`, regional.token)).status).toBe(403);
    const socket = await connect(t.url, regional.token);
    sockets.push(socket);
    const ack = await new Promise<Ack<SupervisionSnapshot>>((resolve) => socket.emit(StaffClientEvent.subscribe, { officeSlug: own.slug }, resolve));
    expect(ack.ok).toBe(true);
    const elsewhere = await new Promise<Ack<SupervisionSnapshot>>((resolve) => socket.emit(StaffClientEvent.subscribe, { officeSlug: other.slug }, resolve));
    expect(elsewhere).toMatchObject({ ok: false, error: { statusCode: 403, code: 'not_your_office' } });
    // Acting: opening a counter, ending the day, observing, taking a ticket's call: each refused by role.
    const refusals = await Promise.all([
      api.post(`/counters/${own.counters[1]}/open`, {}, regional.token),
      api.post(`/offices/${own.slug}/end-of-day`, { waiting: 0 }, regional.token),
      api.post(`/offices/${own.slug}/supervision/observations`, { counterId: own.counters[1], answers: [] }, regional.token),
      api.get(`/offices/${own.slug}/counters`, regional.token),
    ]);
    expect(refusals.map((reply) => [reply.status, reply.body.code])).toEqual(Array.from({ length: 4 }, () => [403, 'forbidden']));
    // Their own account is theirs.
    expect((await api.get('/auth/me', regional.token)).body).toMatchObject({ role: 'regional', officeIds: [own.id] });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
