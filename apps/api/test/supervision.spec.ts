import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type AlertView,
  ClientEvent,
  type ClientToServerEvents,
  type OfficeEvent,
  type OfficeSnapshot,
  ServerEvent,
  type ServerToClientEvents,
  StaffClientEvent,
  StaffServerEvent,
  type SupervisionSnapshot,
} from '@loket/domain';
import { AlertsService } from '../src/supervision/alerts.service.js';
import { SupervisionLiveState } from '../src/supervision/supervision-live-state.js';
import { SupervisionStateLoader } from '../src/supervision/supervision-state.loader.js';
import { type OfficeFixture, createOffice, createStaff } from './support/fixtures.js';
import { client } from './support/http.js';
import { onPostgres, startTestApp, useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const INTERACTION = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'];
const answers = (answer = 'checked') => INTERACTION.map((code) => ({ code, answer }));

describe('supervision: live figures, alerts, charts and observation', () => {
  // These tests scan when they choose, at the manual clock's time (the timer is off in tests: quiet-timers.ts),
  // and the scans events start are not spaced out, so `settled()` waits for no gap (but see below).
  process.env.SUPERVISION_REACT_MS = '0';
  const t = useTestApp();
  const api = t.api;
  let alerts: AlertsService;
  let office: OfficeFixture;
  let admin: string;
  let foreignSupervisor: string;
  const sockets: ClientSocket[] = [];

  beforeAll(() => {
    alerts = t.app.get(AlertsService);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  beforeEach(async () => {
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, {
      services: [
        { code: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10 },
        { code: 'B', maxWaitMinutes: 60, serviceTimeMinutes: 10 },
      ],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['B'] },
      ],
    });
    admin = (await createStaff(t, 'admin')).token;
    const [other] = await t.db.query<{ id: string }[]>('SELECT office_id AS id FROM staff_offices WHERE staff_id = $1', [office.outsider.id]);
    foreignSupervisor = (await createStaff(t, 'supervisor', [other.id])).token;
  });

  const supervisor = () => office.supervisor.token;
  const officer = (n: number) => office.officers[n].token;
  const issue = async (code: string, priority?: string) =>
    (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code], ...(priority ? { priority } : {}) })).body;
  const open = (n: number) => api.post(`/counters/${office.counters[n]}/open`, undefined, officer(n));
  const snapshot = async (token = supervisor()) => (await api.get<SupervisionSnapshot>(`/offices/${office.slug}/supervision`, token)).body;
  const openAlerts = async () => (await api.get<AlertView[]>(`/offices/${office.slug}/supervision/alerts`, supervisor())).body;

  const connect = async (token?: string): Promise<ClientSocket> => {
    const socket: ClientSocket = io(t.url, { transports: ['websocket'], reconnection: false, auth: token ? { token } : {} });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const supervise = (socket: ClientSocket, slug = office.slug) =>
    new Promise<Ack<SupervisionSnapshot>>((resolve) => socket.emit(StaffClientEvent.subscribe, { officeSlug: slug }, resolve));

  describe('who may see it', () => {
    const endpoints = () =>
      [
        ['GET', `/offices/${office.slug}/supervision`, undefined],
        ['GET', `/offices/${office.slug}/supervision/alerts`, undefined],
        ['GET', `/offices/${office.slug}/supervision/charts`, undefined],
        ['POST', `/offices/${office.slug}/supervision/observations`, { counterId: office.counters[1], answers: answers() }],
        ['POST', `/supervision/alerts/00000000-0000-4000-8000-000000000000/acknowledge`, undefined],
      ] as const;

    it('refuses every endpoint without a login (401) and to an officer (403)', async () => {
      for (const [method, path, body] of endpoints()) {
        expect([method, path, (await api.send(method, path, { body })).status]).toEqual([method, path, 401]);
        expect([method, path, (await api.send(method, path, { body, token: officer(1) })).status]).toEqual([method, path, 403]);
      }
    });

    it('refuses a supervisor of another office (403), and lets an admin in', async () => {
      for (const [method, path, body] of endpoints().slice(0, 4)) {
        expect([method, path, (await api.send(method, path, { body, token: foreignSupervisor })).status]).toEqual([method, path, 403]);
      }
      expect((await api.get(`/offices/${office.slug}/supervision`, admin)).status).toBe(200);
      expect((await api.get(`/offices/${office.slug}/supervision/alerts`, admin)).status).toBe(200);
    });

    it('refuses acknowledging another office’s alert (403) and an unknown one (404)', async () => {
      await issue('A');
      t.clock.advanceMinutes(31);
      await alerts.scan();
      const [alert] = await openAlerts();

      expect((await api.post(`/supervision/alerts/${alert.id}/acknowledge`, undefined, foreignSupervisor)).status).toBe(403);
      expect((await api.post(`/supervision/alerts/00000000-0000-4000-8000-000000000000/acknowledge`, undefined, supervisor())).status).toBe(404);
      expect((await api.post(`/supervision/alerts/not-a-uuid/acknowledge`, undefined, supervisor())).body).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
      });
    });
  });

  describe('live figures', () => {
    it('computes per service and per counter from today’s events', async () => {
      await open(1);
      const first = await issue('A');
      await issue('A');
      t.clock.advanceMinutes(12);
      await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1));
      await api.post(`/tickets/${first.id}/start`, undefined, officer(1));
      t.clock.advanceMinutes(8);

      const view = await snapshot();

      const a = view.figures.services.find((s) => s.code === 'A')!;
      // A-001 is expected to take 4 more minutes (40% of the standard once it runs long), then A-002 the walk-up and 10: 15 in
      // the plain play. The point is the replays' median, 12: A-001 may get up any moment, and a skewed 10-minute service
      // takes less as often as not.
      expect(a).toMatchObject({
        waitingNow: 1,
        longestWaitMinutes: 20,
        averageWaitMinutes: 12,
        withinStandardShare: 1,
        countersOpen: 1,
        estimatedWaitMinutes: 12,
      });
      const one = view.figures.counters.find((c) => c.number === 1)!;
      expect(one).toMatchObject({ state: 'open', staffId: office.officers[1].id, currentStandardMinutes: 10 });
      expect(one.currentTicket?.id).toBe(first.id);
      expect(one.currentSince).toBe(Date.parse('2026-11-30T01:12:00.000Z'));
      // Open from 08:00, a ticket waiting from 08:00, called at 08:12: 12 minutes idle while people waited.
      expect(one.idleWhileWaitingMinutes).toBe(12);
      expect(view.office.seq).toBeGreaterThan(0);
      expect(view.ticketEvents.every((e) => typeof e.at === 'number')).toBe(true);
    });
  });

  describe('alerts', () => {
    it('raises a ticket past its maximum wait once, even when scans run at the same time', async () => {
      const ticket = await issue('A');
      t.clock.advanceMinutes(30);
      expect(await alerts.scanOffice(office.slug)).toEqual([]);
      t.clock.advanceMinutes(1);

      await Promise.all([alerts.scanOffice(office.slug), alerts.scanOffice(office.slug), alerts.scan()]);

      const list = await openAlerts();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        kind: 'max_wait',
        ticketId: ticket.id,
        subject: 'A-001',
        serviceId: office.services.A,
        since: '2026-11-30T01:30:00.000Z',
        acknowledgedAt: null,
      });
      const [{ count }] = await t.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM supervision_alerts WHERE office_id = $1', [office.id]);
      expect(count).toBe(1);
    });

    it('raises a priority ticket past the priority maximum, and a counter idle while people wait', async () => {
      await open(1);
      await issue('A', 'lanjut_usia');
      t.clock.advanceMinutes(11);

      await alerts.scan();

      expect((await openAlerts()).map((a) => a.kind).sort()).toEqual(['idle_while_waiting', 'priority_wait']);
    });

    it('raises a counter not open after its scheduled opening and the grace', async () => {
      await t.db.query(`UPDATE counters SET schedule = '[{"weekday":1,"opens":"08:00","closes":"15:00"}]' WHERE id = $1`, [office.counters[2]]);
      t.clock.set('2026-11-30T01:05:00.000Z');
      await alerts.scan();
      expect(await openAlerts()).toEqual([]);

      t.clock.set('2026-11-30T01:06:00.000Z');
      await alerts.scan();

      expect(await openAlerts()).toMatchObject([
        { kind: 'late_opening', counterId: office.counters[2], subject: 'Loket 2', since: '2026-11-30T01:00:00.000Z', details: { lateMinutes: 6 } },
      ]);
    });

    it('measures a counter added during the day from when it got its schedule: live, on the desk and in the report', async () => {
      // Loket 7 is added at 08:08 with the 08:00–15:00 schedule (issue 14, item 5).
      await t.db.query(`UPDATE offices SET opening_hours = '[{"weekday":1,"opens":"07:30","closes":"16:00"}]' WHERE id = $1`, [office.id]);
      t.clock.set('2026-11-30T01:08:00.000Z');
      const body = { number: 7, name: 'Loket 7', serviceIds: [office.services.A], schedule: [{ weekday: 1, opens: '08:00', closes: '15:00' }] };
      const created = await api.post(`/admin/offices/${office.id}/counters`, { ...body, priorityOnly: false, active: true }, admin);
      expect(created.status).toBe(201);
      const loket7 = created.body.id as string;

      // 08:12 is past 08:00 and the grace, not past 08:08 and the grace.
      t.clock.set('2026-11-30T01:12:00.000Z');
      await alerts.scan();
      expect((await openAlerts()).filter((alert) => alert.counterId === loket7)).toEqual([]);

      t.clock.set('2026-11-30T01:12:30.000Z');
      expect((await api.post(`/counters/${loket7}/open`, undefined, officer(1))).status).toBe(200);
      expect((await snapshot()).figures.counters.find((c) => c.counterId === loket7)).toMatchObject({ lateOpeningMinutes: 0, notOpenedMinutes: null });
      expect((await api.get('/staff/me/today', officer(1))).body.lateOpenings).toEqual([]);
      const report = (await api.get(`/offices/${office.slug}/reports?from=2026-11-30&to=2026-11-30`, supervisor())).body;
      expect(report.tables.counters.find((row: { id: string }) => row.id === loket7).punctuality).toMatchObject({ lateOpenings: 0, lateOpeningMinutes: 0 });
    });

    it('raises a service far over its standard time after three long services', async () => {
      await open(1);
      for (let i = 0; i < 3; i++) {
        const ticket = await issue('A');
        await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1));
        await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1));
        t.clock.advanceMinutes(16);
        await api.post(`/tickets/${ticket.id}/finish`, {}, officer(1));
      }

      await alerts.scan();

      const slow = (await openAlerts()).filter((a) => a.kind === 'slow_service');
      expect(slow).toMatchObject([{ serviceId: office.services.A, details: { averageMinutes: 16, standardMinutes: 10, sample: 3 } }]);
    });

    it('scans after each finish from the state kept from events, reading the office once, and raises the same alert', async () => {
      const loader = t.app.get(SupervisionStateLoader);
      let loads = 0;
      loader.load = (...args) => ((loads += 1), SupervisionStateLoader.prototype.load.apply(loader, args));
      try {
        await open(1);
        // Its opening's scan reads the office; events published during a first read would be a gap, read again.
        await alerts.settled();
        for (let i = 0; i < 3; i++) {
          // Two issued each time: a queue stays behind the one served.
          await issue('A');
          await issue('A');
          const ticket = (await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1))).body;
          await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1));
          t.clock.advanceMinutes(16);
          await api.post(`/tickets/${ticket.id}/finish`, {}, officer(1));
          await alerts.settled();
        }

        // And what was kept is what a fresh read says.
        const kept = await t.app.get(SupervisionLiveState).current(office.slug, t.clock.now());
        const { at: keptAt, ...keptOffice } = kept.office;
        const fresh = await SupervisionStateLoader.prototype.load.call(loader, office.slug, t.clock.now());
        const { at: freshAt, ...freshOffice } = fresh.office;
        expect([keptAt, freshAt]).toHaveLength(2);
        expect(keptOffice.waiting).toEqual(freshOffice.waiting);
        expect(keptOffice.counters).toEqual(freshOffice.counters);
        expect(keptOffice.seq).toBe(freshOffice.seq);
        expect(kept.ticketEvents).toEqual(fresh.ticketEvents);
        expect(kept.counterEvents).toEqual(fresh.counterEvents);
        // No periodic scan: the finishes' own scans raised it.
        const slow = (await openAlerts()).filter((a) => a.kind === 'slow_service');
        expect(slow).toMatchObject([{ serviceId: office.services.A, details: { averageMinutes: 16, standardMinutes: 10, sample: 3 } }]);
        // Read when the counter opened (the scan its opening starts), then moved on by the events alone.
        expect(loads).toBe(1);
      } finally {
        delete (loader as Partial<SupervisionStateLoader>).load;
      }
    });

    it('spaces the scans events start: a burst of finishes shares one scan, which sees them all', async () => {
      await open(1);
      await alerts.settled();
      let scans = 0;
      alerts.scanOffice = (...args) => ((scans += 1), AlertsService.prototype.scanOffice.apply(alerts, args));
      const gap = alerts as unknown as { reactGapMs: number };
      // Long enough for the burst below on a busy machine; the scan at its end is awaited, not timed.
      gap.reactGapMs = 5_000;
      try {
        for (let i = 0; i < 4; i++) {
          await issue('A');
          await issue('A');
          const ticket = (await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1))).body;
          await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1));
          t.clock.advanceMinutes(16);
          await api.post(`/tickets/${ticket.id}/finish`, {}, officer(1));
        }
        await alerts.settled();
        // The opening's scan had just run, so the four finishes waited for one scan (two if the burst outlasted a gap).
        expect(scans).toBeGreaterThanOrEqual(1);
        expect(scans).toBeLessThanOrEqual(2);
        const slow = (await openAlerts()).filter((a) => a.kind === 'slow_service');
        expect(slow).toMatchObject([{ serviceId: office.services.A, details: { averageMinutes: 16, standardMinutes: 10, sample: 4 } }]);
      } finally {
        gap.reactGapMs = 0;
        delete (alerts as Partial<AlertsService>).scanOffice;
      }
    });

    it('resolves an alert whose condition ended by itself, with when, and pushes it to the staff room', async () => {
      await t.db.query(`UPDATE counters SET schedule = '[{"weekday":1,"opens":"08:00","closes":"15:00"}]' WHERE id = $1`, [office.counters[2]]);
      // Loket 1 (no schedule) opens first: the scan its opening starts is over before the clock moves.
      await open(1);
      const ticket = await issue('A');
      t.clock.set('2026-11-30T01:31:00.000Z');
      await alerts.scan();
      const watched = (list: AlertView[]) => list.filter((a) => a.kind !== 'idle_while_waiting');
      expect(watched(await openAlerts()).map((a) => [a.kind, a.resolvedAt])).toEqual([
        ['late_opening', null],
        ['max_wait', null],
      ]);
      const staffSocket = await connect(supervisor());
      expect((await supervise(staffSocket)).ok).toBe(true);
      const resolvedPushed = new Promise<AlertView>((resolve) => staffSocket.once(StaffServerEvent.alertResolved, resolve));

      // 08:40 Loket 2 opens: its alert ends at once (the opening itself triggers a scan).
      t.clock.set('2026-11-30T01:40:00.000Z');
      expect((await open(2)).status).toBe(200);
      expect(await resolvedPushed).toMatchObject({ kind: 'late_opening', resolvedAt: '2026-11-30T01:40:00.000Z' });
      // 08:45 the ticket is called at Loket 1: the next scan ends the wait alert.
      t.clock.set('2026-11-30T01:45:00.000Z');
      expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1))).body.id).toBe(ticket.id);
      t.clock.set('2026-11-30T01:46:00.000Z');
      await alerts.scan();

      const list = watched(await openAlerts());
      expect(list.map((a) => [a.kind, a.since, a.resolvedAt])).toEqual([
        ['late_opening', '2026-11-30T01:00:00.000Z', '2026-11-30T01:40:00.000Z'],
        ['max_wait', '2026-11-30T01:30:00.000Z', '2026-11-30T01:46:00.000Z'],
      ]);
      // Still listed until acknowledged, and a later scan changes nothing.
      t.clock.set('2026-11-30T02:00:00.000Z');
      await alerts.scan();
      expect(watched(await openAlerts()).map((a) => a.resolvedAt)).toEqual(['2026-11-30T01:40:00.000Z', '2026-11-30T01:46:00.000Z']);
    });

    it('acknowledges several alerts at once, all or nothing', async () => {
      await t.db.query(`UPDATE counters SET schedule = '[{"weekday":1,"opens":"08:00","closes":"15:00"}]' WHERE office_id = $1`, [office.id]);
      await issue('A');
      await issue('B');
      t.clock.set('2026-11-30T01:31:00.000Z');
      await alerts.scan();
      const list = await openAlerts();
      expect(list.map((a) => a.kind).sort()).toEqual(['late_opening', 'late_opening', 'max_wait']);
      const path = `/offices/${office.slug}/supervision/alerts/acknowledge`;

      // An id of no alert here refuses the whole request: nothing is acknowledged.
      const refused = await api.post(path, { ids: [list[0].id, '00000000-0000-4000-8000-000000000000'] }, supervisor());
      expect(refused.status).toBe(404);
      expect(await openAlerts()).toHaveLength(3);
      expect((await api.post(path, { ids: [] }, supervisor())).status).toBe(400);
      expect((await api.post(path, { ids: ['nope'] }, supervisor())).status).toBe(400);
      expect((await api.post(path, { ids: [list[0].id] }, officer(1))).status).toBe(403);
      expect((await api.post(path, { ids: [list[0].id] }, foreignSupervisor)).status).toBe(403);

      await api.post(`/supervision/alerts/${list[0].id}/acknowledge`, undefined, supervisor());
      const reply = await api.post<AlertView[]>(path, { ids: list.map((a) => a.id) }, supervisor());
      expect(reply.status).toBe(200);
      // The one acknowledged a moment before is left as it was.
      expect(reply.body.map((a) => a.id).sort()).toEqual(
        list
          .slice(1)
          .map((a) => a.id)
          .sort(),
      );
      expect(reply.body.every((a) => a.acknowledgedBy?.id === office.supervisor.id)).toBe(true);
      expect(await openAlerts()).toEqual([]);
    });

    it('pushes a raised alert to the staff room only, and an acknowledgement with who and when', async () => {
      const staffSocket = await connect(supervisor());
      const subscribed = await supervise(staffSocket);
      expect(subscribed.ok).toBe(true);
      const publicSocket = await connect();
      const publicEvents: string[] = [];
      publicSocket.onAny((name: string) => publicEvents.push(name));
      await new Promise<Ack<OfficeSnapshot>>((resolve) => publicSocket.emit(ClientEvent.subscribe, { officeSlug: office.slug }, resolve));
      const raised = new Promise<AlertView>((resolve) => staffSocket.once(StaffServerEvent.alertRaised, resolve));
      const acknowledged = new Promise<AlertView>((resolve) => staffSocket.once(StaffServerEvent.alertAcknowledged, resolve));
      const officeEvent = new Promise<OfficeEvent>((resolve) => staffSocket.once(ServerEvent.event, resolve));

      await issue('A');
      expect((await officeEvent).kind).toBe('ticket');
      t.clock.advanceMinutes(31);
      await alerts.scan();
      const alert = await raised;
      expect(alert).toMatchObject({ kind: 'max_wait', subject: 'A-001' });

      const reply = await api.post(`/supervision/alerts/${alert.id}/acknowledge`, undefined, supervisor());

      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id: alert.id, acknowledgedAt: '2026-11-30T01:31:00.000Z', acknowledgedBy: { id: office.supervisor.id } });
      expect((await acknowledged).id).toBe(alert.id);
      expect(await openAlerts()).toEqual([]);
      expect((await api.post(`/supervision/alerts/${alert.id}/acknowledge`, undefined, supervisor())).body).toMatchObject({
        statusCode: 409,
        code: 'alert_already_acknowledged',
      });
      // The public room got the office event and nothing of the alerts.
      expect(publicEvents).toContain(ServerEvent.event);
      expect(publicEvents.some((name) => name.startsWith('supervision:'))).toBe(false);
    });

    it('gives an agency supervisor’s socket their agency’s snapshot and alerts, and the office supervisor’s every alert', async () => {
      // Samsat owns service B and counter 2; its supervisor is confined to it.
      const samsat = await api.post<{ id: string }>(`/admin/offices/${office.id}/agencies`, { name: 'Samsat', shortName: 'Samsat', color: '#15803d' }, admin);
      expect(samsat.status).toBe(201);
      expect((await api.send('PATCH', `/admin/services/${office.services.B}`, { body: { agencyId: samsat.body.id }, token: admin })).status).toBe(200);
      expect((await api.send('PATCH', `/admin/counters/${office.counters[2]}`, { body: { agencyId: samsat.body.id }, token: admin })).status).toBe(200);
      const [row] = await t.db.query<{ id: string }[]>(
        `INSERT INTO staff (username, name, role, password_hash, created_at, agency_id) VALUES ($1, 'Supervisor Samsat', 'supervisor', 'no-login', $2, $3) RETURNING id`,
        [`spv-samsat-${office.slug}`, t.clock.now(), samsat.body.id],
      );
      await t.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [row.id, office.id]);
      const agencyToken = await t.jwt.signAsync({ sub: row.id, role: 'supervisor', ver: 0 });

      const agencySocket = await connect(agencyToken);
      const scoped = await supervise(agencySocket);
      const officeSocket = await connect(supervisor());
      expect((await supervise(officeSocket)).ok).toBe(true);
      if (!scoped.ok) throw new Error(JSON.stringify(scoped.error));
      expect(scoped.data.agencyId).toBe(samsat.body.id);
      expect(scoped.data.office.services.map((service) => service.id)).toEqual([office.services.B]);
      expect(scoped.data.office.counters.map((counter) => counter.id)).toEqual([office.counters[2]]);
      expect(scoped.data.figures.counters.map((counter) => counter.counterId)).toEqual([office.counters[2]]);

      const toAgency: AlertView[] = [];
      const toOffice: AlertView[] = [];
      agencySocket.on(StaffServerEvent.alertRaised, (alert) => toAgency.push(alert));
      officeSocket.on(StaffServerEvent.alertRaised, (alert) => toOffice.push(alert));
      await issue('A');
      await issue('B');
      t.clock.advanceMinutes(61);
      await alerts.scan();
      const arrived = async (list: AlertView[], count: number) => {
        for (let i = 0; i < 100 && list.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      await arrived(toOffice, 2);
      await arrived(toAgency, 1);
      // Anything else pushed to the agency's room would have come with these.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(toOffice.map((alert) => alert.subject).sort()).toEqual(['A-001', 'B-001']);
      expect(toAgency.map((alert) => [alert.subject, alert.agencyId])).toEqual([['B-001', samsat.body.id]]);
      // The same over HTTP, and the other agency's alert is not theirs to acknowledge.
      expect((await api.get<AlertView[]>(`/offices/${office.slug}/supervision/alerts`, agencyToken)).body.map((alert) => alert.subject)).toEqual(['B-001']);
      const other = toOffice.find((alert) => alert.subject === 'A-001')!;
      expect((await api.post(`/supervision/alerts/${other.id}/acknowledge`, undefined, agencyToken)).body).toMatchObject({
        statusCode: 403,
        code: 'not_your_agency',
      });
    });
  });

  // Alert state lives in the database: a second instance on the same PostgreSQL scanning at
  // the same moment raises nothing more, and lists what the first raised.
  (onPostgres ? it : it.skip)(
    'raises an alert once when two API instances scan at once, and both list it',
    async () => {
      const second = await startTestApp();
      try {
        second.clock.set(t.clock.now());
        await issue('A');
        t.clock.advanceMinutes(31);
        second.clock.set(t.clock.now());

        const [first, other] = await Promise.all([alerts.scanOffice(office.slug), second.app.get(AlertsService).scanOffice(office.slug)]);

        expect(first.length + other.length).toBe(1);
        const listed = await client(second.url).get<AlertView[]>(`/offices/${office.slug}/supervision/alerts`, supervisor());
        expect(listed.body).toMatchObject([{ kind: 'max_wait', subject: 'A-001' }]);
      } finally {
        await second.close();
      }
    },
    180_000,
  );

  describe('the staff socket', () => {
    it('refuses without a token (401), an officer (403) and a supervisor of another office (403)', async () => {
      expect(await supervise(await connect())).toMatchObject({ ok: false, error: { statusCode: 401 } });
      expect(await supervise(await connect('not-a-token'))).toMatchObject({ ok: false, error: { statusCode: 401 } });
      expect(await supervise(await connect(officer(1)))).toMatchObject({ ok: false, error: { statusCode: 403 } });
      expect(await supervise(await connect(foreignSupervisor))).toMatchObject({ ok: false, error: { statusCode: 403 } });
      expect(await supervise(await connect(supervisor()), '../x')).toMatchObject({ ok: false, error: { statusCode: 400 } });
    });

    it('answers a supervisor with the snapshot and then the numbered office events', async () => {
      const socket = await connect(supervisor());
      const ack = await supervise(socket);
      expect(ack.ok).toBe(true);
      const seq = ack.ok ? ack.data.office.seq : -1;
      const next = new Promise<OfficeEvent>((resolve) => socket.once(ServerEvent.event, resolve));

      await issue('B');

      expect((await next).seq).toBe(seq + 1);
    });
  });

  describe('observation', () => {
    it('records the interaction being served as observed, about the officer serving, apart from self-checks', async () => {
      await open(1);
      const ticket = await issue('A');
      await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1));
      await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1));

      const reply = await api.post(
        `/offices/${office.slug}/supervision/observations`,
        { counterId: office.counters[1], answers: [...answers().slice(0, 4), { code: 'cara_bertanya', answer: 'not_checked' }], note: 'Tidak bertanya ulang' },
        supervisor(),
      );

      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        ticketId: ticket.id,
        ticketNumber: 'A-001',
        staffId: office.officers[1].id,
        compliance: { checked: 4, applicable: 5 },
      });
      const [row] = await t.db.query<{ method: string; subject_staff_id: string; answered_by_staff_id: string }[]>(
        'SELECT method, subject_staff_id, answered_by_staff_id FROM checklist_responses WHERE ticket_id = $1',
        [ticket.id],
      );
      expect(row).toEqual({ method: 'observed', subject_staff_id: office.officers[1].id, answered_by_staff_id: office.supervisor.id });

      await api.post(`/tickets/${ticket.id}/finish`, { checklist: { method: 'one_key', answers: answers() }, outcome: 'selesai' }, officer(1));
      const charts = (await api.get(`/offices/${office.slug}/supervision/charts`, supervisor())).body;
      expect(charts.etiquetteByOfficer).toEqual([
        {
          staffId: office.officers[1].id,
          name: 'Staf officer',
          self: { checked: 5, applicable: 5, ratio: 1 },
          observed: { checked: 4, applicable: 5, ratio: 0.8 },
        },
      ]);
      expect(charts.etiquetteByItem.find((item: { code: string }) => item.code === 'cara_bertanya')).toMatchObject({
        self: { ratio: 1 },
        observed: { ratio: 0 },
      });
    });

    it('refuses a counter serving nobody (409), an incomplete checklist (400) and a bad body (400), writing nothing', async () => {
      await open(1);
      expect(
        (await api.post(`/offices/${office.slug}/supervision/observations`, { counterId: office.counters[1], answers: answers() }, supervisor())).body,
      ).toMatchObject({
        statusCode: 409,
        code: 'nothing_to_observe',
      });
      const ticket = await issue('A');
      await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1));
      expect(
        (await api.post(`/offices/${office.slug}/supervision/observations`, { counterId: office.counters[1], answers: answers().slice(1) }, supervisor())).body,
      ).toMatchObject({
        statusCode: 400,
        code: 'checklist_mismatch',
      });
      expect((await api.post(`/offices/${office.slug}/supervision/observations`, { counterId: 'x', answers: [] }, supervisor())).body).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
      });
      expect(
        (await api.post(`/offices/${office.slug}/supervision/observations`, { counterId: office.counters[2], answers: answers(), extra: 1 }, supervisor()))
          .status,
      ).toBe(400);
      const [{ count }] = await t.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM checklist_responses WHERE ticket_id = $1', [ticket.id]);
      expect(count).toBe(0);
    });
  });

  describe('charts', () => {
    it('gives waits by hour against the standard, the distribution, service times and satisfaction', async () => {
      await open(1);
      const ticket = await issue('A');
      t.clock.advanceMinutes(40);
      await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1));
      await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1));
      t.clock.advanceMinutes(6);
      await api.post(`/tickets/${ticket.id}/finish`, {}, officer(1));

      const charts = (await api.get(`/offices/${office.slug}/supervision/charts?days=7`, supervisor())).body;

      expect(charts.days).toBe(7);
      expect(charts.waitsByHour).toEqual([{ hour: 8, tickets: 1, averageWaitMinutes: 40, standardMinutes: 30, withinStandardShare: 0 }]);
      expect(charts.waitDistribution.find((b: { fromMinutes: number }) => b.fromMinutes === 30).tickets).toBe(1);
      expect(charts.serviceTimes.find((s: { code: string }) => s.code === 'A')).toMatchObject({ served: 1, averageMinutes: 6, standardMinutes: 10 });
      expect(charts.satisfaction).toMatchObject({ responses: 0, ikm: null });
    });

    it('refuses a period outside 1–31 days', async () => {
      expect((await api.get(`/offices/${office.slug}/supervision/charts?days=0`, supervisor())).body).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
      });
      expect((await api.get(`/offices/${office.slug}/supervision/charts?days=abc`, supervisor())).status).toBe(400);
    });
  });
});
