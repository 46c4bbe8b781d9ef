import { randomBytes } from 'node:crypto';
import type { StaffRole } from '@loket/domain';
import { adminCounterBody, adminServiceBody, bookingSettings, createOffice, type OfficeFixture } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';
import { stateFingerprint } from './state-fingerprint.js';

/**
 * Every route in the OpenAPI document × every role × own office and another office, plus
 * no token. The expected access of each route is written below; a route the table does not
 * know fails the test by name, so a new endpoint cannot ship without deciding who may use it.
 *
 * Access kinds:
 * - public: no login (fuzzed in fuzz.spec.ts);
 * - self: any logged-in staff member, about themselves;
 * - office: staff of that office (any role), admins everywhere;
 * - holder: the officer holding that counter (or handling that ticket), supervisors of the office, admins;
 * - session: the officer holding that counter's session, and nobody else (the desk's heartbeat);
 * - supervisor: supervisors of that office and admins;
 * - supervisor-any: supervisors and admins, with no office in the address (the service filters to their offices);
 * - regional: regional heads overseeing that office, and admins (issue 20);
 * - regional-any: regional heads and admins, with no office in the address (the service lists their offices);
 * - admin: admins only.
 *
 * Each office also has a second agency, and the own office an agency supervisor confined to
 * it: a supervisor everywhere, except on the rows marked `agency: 'scoped'`. The reads marked
 * `read: 'agency'` let them through with their agency's rows only (the last test).
 *
 * The own office also has a regional head overseeing it (issue 20): refused everything but
 * `self`, the `regional` routes, and the supervisor reads marked `regional: 'read'`, which
 * the dashboard links to; they act on nothing.
 */
type Access = 'public' | 'self' | 'office' | 'holder' | 'session' | 'supervisor' | 'supervisor-any' | 'regional' | 'regional-any' | 'admin';
interface Row {
  access: Access;
  /** A body that passes validation, so the office check (which runs after it) is reached. */
  body?: (target: OfficeWorld) => unknown;
  /**
   * Brings each office's ticket or counter into a state where the action is legal: the
   * lifecycle is checked before the office and counter checks, so otherwise every caller
   * would get the same 409 and the cell would prove nothing.
   */
  prepare?: (target: OfficeWorld, api: ReturnType<typeof client>) => Promise<void>;
  /** Which ticket {id} names: the one called at counter 1 (default) or a waiting one. */
  ticket?: 'called' | 'waiting';
  /** A query string the route needs to pass validation, `?from=…`. */
  query?: string;
  /**
   * The route acts on counter 1, its ticket or a ticket of its services, all of the office's
   * first agency: a supervisor confined to another agency of the office is refused (issue 20).
   */
  agency?: 'scoped';
  /**
   * A supervisor read an agency supervisor gets narrowed to their agency: none of the first
   * agency's services, counters, tickets or alerts, and their own agency's (issue 20).
   */
  read?: 'agency';
  /** A supervisor read a regional head has too, for the offices they oversee (issue 20). */
  regional?: 'read';
}

const asHolder = (target: OfficeWorld) => target.office.officers[1].token;
const startCalled: Row['prepare'] = async (target, api) => {
  expect((await api.post(`/tickets/${target.calledTicketId}/start`, {}, asHolder(target))).status).toBe(200);
};

const INTERACTION_CHECKED = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'].map((code) => ({
  code,
  answer: 'checked',
}));

const MATRIX: Record<string, Row> = {
  // public
  'GET /offices': { access: 'public' },
  'GET /offices/{slug}/services': { access: 'public' },
  'GET /offices/{slug}/board': { access: 'public' },
  'POST /offices/{slug}/tickets': { access: 'public' },
  'GET /tickets/track/{trackingCode}': { access: 'public' },
  'POST /tickets/track/{trackingCode}/cancel': { access: 'public' },
  'POST /tickets/track/{trackingCode}/survey': { access: 'public' },
  'GET /surveys/elements': { access: 'public' },
  'GET /offices/{slug}/ikm': { access: 'public' },
  // A paired survey terminal's device token, not a staff login (survey-terminal.spec.ts).
  'POST /offices/{slug}/counters/{number}/terminal-survey': { access: 'public' },
  'GET /offices/{slug}/booking': { access: 'public' },
  'GET /offices/{slug}/services/{serviceId}/availability': { access: 'public' },
  'POST /offices/{slug}/bookings': { access: 'public' },
  'GET /bookings/{code}': { access: 'public' },
  'POST /bookings/{code}/reschedule': { access: 'public' },
  'POST /bookings/{code}/cancel': { access: 'public' },
  'POST /offices/{slug}/bookings/check-in': { access: 'public' },
  // web push (issue 18): the key, and subscribing a phone to its ticket or booking
  'GET /push/key': { access: 'public' },
  'POST /tickets/track/{trackingCode}/push': { access: 'public' },
  'POST /bookings/{code}/push': { access: 'public' },
  // booking (issue 17): check-in at a counter, and the settings
  'POST /staff/offices/{officeId}/bookings/check-in': { access: 'office', body: () => ({ reference: 'BK-2222' }) },
  'GET /admin/services/{serviceId}/booking': { access: 'supervisor' },
  'PUT /admin/services/{serviceId}/booking': {
    access: 'admin',
    body: () => bookingSettings({ horizonDays: 14 }),
  },
  'POST /auth/login': { access: 'public' },
  'GET /health': { access: 'public' },
  'GET /health/live': { access: 'public' },
  'GET /health/ready': { access: 'public' },
  'GET /metrics': { access: 'public' },
  // the logged-in staff member
  'GET /auth/me': { access: 'self' },
  'POST /auth/change-password': { access: 'self', body: () => ({}) },
  'GET /staff/me/today': { access: 'self' },
  // the counter desk
  'GET /offices/{slug}/counters': { access: 'office' },
  'GET /offices/{slug}/checklists': { access: 'office' },
  'POST /counters/{id}/open': { access: 'office', agency: 'scoped', body: () => ({}) },
  'GET /counters/{id}/queue': { access: 'office' },
  'POST /counters/{id}/pause': { access: 'holder', agency: 'scoped', body: () => ({ reason: 'ishoma' }) },
  'POST /counters/{id}/resume': {
    access: 'holder',
    agency: 'scoped',
    prepare: async (target, api) => {
      // A counter pauses only between citizens.
      expect((await api.post(`/tickets/${target.calledTicketId}/return`, {}, asHolder(target))).status).toBe(200);
      expect((await api.post(`/counters/${target.office.counters[1]}/pause`, { reason: 'ishoma' }, asHolder(target))).status).toBe(200);
    },
  },
  'POST /counters/{id}/close': { access: 'holder', agency: 'scoped' },
  'POST /counters/{id}/heartbeat': { access: 'session' },
  'GET /counters/{id}/no-shows': { access: 'office' },
  'GET /counters/{id}/stop-notice': { access: 'office' },
  'POST /counters/{id}/call-back': {
    access: 'holder',
    agency: 'scoped',
    body: (w) => ({ ticketId: w.calledTicketId }),
    prepare: async (target, api) => {
      expect((await api.post(`/tickets/${target.calledTicketId}/no-show`, {}, asHolder(target))).status).toBe(200);
    },
  },
  'POST /counters/{id}/call-next': { access: 'holder', agency: 'scoped' },
  'POST /counters/{id}/call': { access: 'holder', agency: 'scoped', body: (w) => ({ ticketId: w.waitingTicketId, reason: 'lansia datang lebih dulu' }) },
  'POST /tickets/{id}/recall': { access: 'holder', agency: 'scoped' },
  'POST /tickets/{id}/start': { access: 'holder', agency: 'scoped' },
  'POST /tickets/{id}/finish': { access: 'holder', agency: 'scoped', body: () => ({}), prepare: startCalled },
  'POST /tickets/{id}/return': { access: 'holder', agency: 'scoped' },
  'POST /tickets/{id}/no-show': { access: 'holder', agency: 'scoped' },
  'POST /tickets/{id}/undo-no-show': {
    access: 'holder',
    agency: 'scoped',
    prepare: async (target, api) => {
      expect((await api.post(`/tickets/${target.calledTicketId}/no-show`, {}, asHolder(target))).status).toBe(200);
    },
  },
  // Only the officer who saved the interaction checklist corrects it: not a colleague, a supervisor or an admin.
  'PUT /tickets/{id}/checklist': {
    access: 'session',
    body: () => ({ checklist: { method: 'one_key', answers: INTERACTION_CHECKED }, outcome: 'selesai' }),
    prepare: async (target, api) => {
      await startCalled(target, api);
      const finish = { checklist: { method: 'one_key', answers: INTERACTION_CHECKED }, outcome: 'selesai' };
      expect((await api.post(`/tickets/${target.calledTicketId}/finish`, finish, asHolder(target))).status).toBe(200);
    },
  },
  'POST /tickets/{id}/transfer': { access: 'holder', agency: 'scoped', body: (w) => ({ serviceId: w.office.services.B }), prepare: startCalled },
  'POST /tickets/{id}/reinstate': {
    access: 'office',
    agency: 'scoped',
    prepare: async (target, api) => {
      expect((await api.post(`/tickets/${target.calledTicketId}/no-show`, {}, asHolder(target))).status).toBe(200);
    },
  },
  'POST /tickets/{id}/cancel': { access: 'office', agency: 'scoped', body: () => ({ reason: 'permintaan warga' }), ticket: 'waiting' },
  // supervision and reports
  'GET /offices/{slug}/supervision': { access: 'supervisor', read: 'agency', regional: 'read' },
  'GET /offices/{slug}/supervision/alerts': { access: 'supervisor', read: 'agency', regional: 'read' },
  // The world's alert is about service B, the first agency's.
  'POST /supervision/alerts/{id}/acknowledge': { access: 'supervisor', agency: 'scoped' },
  'POST /offices/{slug}/supervision/alerts/acknowledge': { access: 'supervisor', agency: 'scoped', body: (w) => ({ ids: [w.alertId] }) },
  'GET /offices/{slug}/supervision/charts': { access: 'supervisor', read: 'agency', regional: 'read' },
  // Lists only services taking bookings, and the world has none: its agency narrowing is proven in booking-figures.spec.
  'GET /offices/{slug}/supervision/bookings': { access: 'supervisor', regional: 'read' },
  'POST /offices/{slug}/supervision/observations': { access: 'supervisor', agency: 'scoped', body: (w) => ({ counterId: w.office.counters[1], answers: [] }) },
  'GET /offices/{slug}/reports': { access: 'supervisor', read: 'agency' },
  'GET /offices/{slug}/reports/skm': { access: 'supervisor', read: 'agency' },
  // With no survey in the world the period has no IKM: whoever may publish gets through to a 409.
  // The office's IKM and its end of day are the whole office's: an agency supervisor is refused them.
  'POST /offices/{slug}/ikm-publications': {
    access: 'supervisor',
    agency: 'scoped',
    body: () => ({ preset: 'semester', plan: [{ action: 'Menambah kursi', owner: 'Subbag Umum', dueDate: '2027-03-31' }] }),
  },
  // Nor a publication: whoever may record progress gets through to a 404.
  'PUT /offices/{slug}/ikm/plan/{item}': { access: 'supervisor', agency: 'scoped', body: () => ({ status: 'berjalan' }) },
  'GET /offices/{slug}/reports/compliance': { access: 'supervisor', read: 'agency' },
  'GET /offices/{slug}/end-of-day': { access: 'supervisor' },
  'POST /offices/{slug}/end-of-day': { access: 'supervisor', agency: 'scoped', body: () => ({ waiting: 1 }) },
  // complaints (issue 19): filed by citizens, recorded by an officer, handled by the supervisor
  'GET /offices/{slug}/complaints/info': { access: 'public' },
  'POST /offices/{slug}/complaints': { access: 'public' },
  'POST /tickets/track/{trackingCode}/complaints': { access: 'public' },
  'GET /complaints/track/{code}': { access: 'public' },
  'POST /offices/{slug}/complaints/recorded': { access: 'office', body: () => ({ category: 'petugas', description: 'Disampaikan langsung di loket.' }) },
  'GET /offices/{slug}/complaints': { access: 'supervisor', read: 'agency' },
  'GET /offices/{slug}/complaints/report': { access: 'supervisor', read: 'agency', query: '?from=2026-01-01&to=2026-12-31' },
  'GET /offices/{slug}/complaints.csv': { access: 'supervisor', read: 'agency', query: '?from=2026-01-01&to=2026-12-31' },
  'PUT /offices/{slug}/complaints/settings': { access: 'admin', body: () => ({ responseWorkingDays: 7, laporChannel: 'lapor.go.id' }) },
  // The world's complaint is about service B, the first agency's.
  'GET /complaints/{id}': { access: 'supervisor', agency: 'scoped' },
  'POST /complaints/{id}/status': { access: 'supervisor', agency: 'scoped', body: () => ({ status: 'diproses' }) },
  'POST /complaints/{id}/reply': { access: 'supervisor', agency: 'scoped', body: () => ({ reply: 'Terima kasih, sudah kami tindak lanjuti.' }) },
  'POST /complaints/{id}/assign': { access: 'supervisor', agency: 'scoped', body: () => ({}) },
  'POST /complaints/{id}/notes': { access: 'supervisor', agency: 'scoped', body: () => ({ note: 'Catatan internal.' }) },
  'POST /complaints/{id}/lapor': { access: 'supervisor', agency: 'scoped', body: () => ({ laporNumber: 'LAPOR-2026-1' }) },
  'GET /offices/{slug}/reports/{table}.csv': { access: 'supervisor' },
  'GET /audit': { access: 'supervisor-any' },
  // the regional dashboard (issue 20)
  'GET /regional/offices': { access: 'regional-any' },
  'GET /regional/offices/{slug}': { access: 'regional' },
  'GET /regional/reports': { access: 'regional-any' },
  'GET /regional/reports.csv': { access: 'regional-any' },
  'GET /regional/reports.xlsx': { access: 'regional-any' },
  // office set-up: supervisors read their own offices, only admins change anything
  'GET /admin/offices': { access: 'supervisor-any' },
  'POST /admin/offices': { access: 'admin', body: () => ({}) },
  'PATCH /admin/offices/{officeId}': { access: 'admin', body: () => ({}) },
  // agencies (issue 20): supervisors read their office's, admins change them
  'GET /admin/offices/{officeId}/agencies': { access: 'supervisor' },
  'POST /admin/offices/{officeId}/agencies': { access: 'admin', body: () => ({}) },
  'PATCH /admin/agencies/{agencyId}': { access: 'admin', body: () => ({}) },
  'DELETE /admin/agencies/{agencyId}': { access: 'admin' },
  // zones of a building (issue 20): supervisors read their office's, admins change them
  'GET /admin/offices/{officeId}/zones': { access: 'supervisor' },
  'POST /admin/offices/{officeId}/zones': { access: 'admin', body: (w) => ({ name: 'Zona Uji', agencyIds: [w.agencyId] }) },
  'PATCH /admin/zones/{zoneId}': { access: 'admin', body: () => ({ name: 'Lantai 2' }) },
  'DELETE /admin/zones/{zoneId}': { access: 'admin' },
  'GET /admin/offices/{officeId}/services': { access: 'supervisor' },
  'POST /admin/offices/{officeId}/services': { access: 'admin', body: () => ({}) },
  'PATCH /admin/services/{serviceId}': { access: 'admin', body: () => ({}) },
  'GET /admin/offices/{officeId}/counters': { access: 'supervisor' },
  'POST /admin/offices/{officeId}/counters': { access: 'admin', body: () => ({}) },
  'PATCH /admin/counters/{counterId}': { access: 'admin', body: () => ({}) },
  'GET /admin/offices/{officeId}/checklists': { access: 'supervisor' },
  'PUT /admin/offices/{officeId}/checklists/{kind}': { access: 'admin', body: () => ({}) },
  'GET /admin/staff': { access: 'supervisor-any' },
  'POST /admin/staff': { access: 'admin', body: () => ({}) },
  'PATCH /admin/staff/{staffId}': { access: 'admin', body: () => ({}) },
  'POST /admin/staff/{staffId}/reset-password': { access: 'admin', body: () => ({}) },
  'POST /admin/staff/{staffId}/deactivate': { access: 'admin' },
  'POST /admin/staff/{staffId}/reactivate': { access: 'admin' },
  // kiosk pairing: admins only
  'GET /admin/offices/{officeId}/kiosks': { access: 'admin' },
  'POST /admin/offices/{officeId}/kiosks': { access: 'admin', body: () => ({}) },
  'POST /admin/kiosks/{kioskId}/revoke': { access: 'admin' },
  'PUT /admin/offices/{officeId}/kiosk-settings': { access: 'admin', body: () => ({}) },
  // the office calendar (issue 16): supervisors read it, admins change it
  'GET /admin/offices/{officeId}/calendar': { access: 'supervisor' },
  'POST /admin/offices/{officeId}/calendar/days': { access: 'admin', body: () => ({}) },
  'POST /admin/offices/{officeId}/calendar/closures': { access: 'admin', body: () => ({}) },
  'DELETE /admin/offices/{officeId}/calendar/days/{day}': { access: 'admin' },
  'POST /admin/offices/{officeId}/calendar/closures/{closureId}/end': { access: 'admin' },
  // what the office publishes (issue 19): the public page, the maklumat's versions
  'GET /offices/{slug}/standards': { access: 'public' },
  'GET /admin/offices/{officeId}/maklumat': { access: 'supervisor' },
  'POST /admin/offices/{officeId}/maklumat': { access: 'admin', body: () => ({}) },
  // webhook endpoints (issue 18): admins only; no endpoint exists in the world, so an admin gets through to a 404
  'GET /admin/offices/{officeId}/webhooks': { access: 'admin' },
  'POST /admin/offices/{officeId}/webhooks': { access: 'admin', body: () => ({ url: 'https://gateway.example/hook', events: ['ticket.called'] }) },
  'PATCH /admin/offices/{officeId}/webhooks/{endpointId}': { access: 'admin', body: () => ({ enabled: false }) },
  'DELETE /admin/offices/{officeId}/webhooks/{endpointId}': { access: 'admin' },
  'POST /admin/offices/{officeId}/webhooks/{endpointId}/rotate': { access: 'admin' },
  'GET /admin/offices/{officeId}/webhooks/{endpointId}/deliveries': { access: 'admin' },
  'POST /admin/offices/{officeId}/webhooks/{endpointId}/test': { access: 'admin' },
  'POST /admin/offices/{officeId}/webhooks/{endpointId}/deliveries/{deliveryId}/replay': { access: 'admin' },
  'GET /admin/offices/{officeId}/notification-settings': { access: 'admin' },
  'PUT /admin/offices/{officeId}/notification-settings': { access: 'admin', body: () => ({ nearAhead: 3, nearMinutes: 10, reminderHour: 16 }) },
};

interface OfficeWorld {
  office: OfficeFixture;
  /** Called at counter 1 by officer 1, who holds that counter. */
  calledTicketId: string;
  waitingTicketId: string;
  alertId: string;
  /** A staff member the admin routes may change without touching the actors. */
  victimId: string;
  /** A complaint filed on the office's public page. */
  complaintId: string;
  /** The office's one agency (it holds every service: deleting it is refused, 409, to whoever gets through). */
  agencyId: string;
  /** A zone holding that agency ("Lantai 1"). */
  zoneId: string;
}
interface World {
  own: OfficeWorld;
  other: OfficeWorld;
  actors: Record<Actor, string>;
}
type Actor = 'officer' | 'officer2' | 'supervisor' | 'agencySupervisor' | 'regional' | 'admin';

describe('authorization matrix', () => {
  const t = useTestApp();
  let routes: { method: string; path: string; secured: boolean }[];
  const counts = { routes: 0, requests: 0 };

  beforeAll(async () => {
    const document = (await (await fetch(`${t.url}/api/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replace(/^\/api\/v1/, ''),
        secured: Boolean(operation.security && operation.security.length > 0),
      })),
    );
  }, 180_000);
  afterAll(() => {
    console.log(`authorization matrix: ${counts.routes} staff routes, ${counts.requests} requests`);
  });

  async function staffMember(role: StaffRole, officeId: string, agencyId: string | null = null): Promise<{ id: string; token: string }> {
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at, agency_id) VALUES ($1, $2, $3, 'no-login', $4, $5) RETURNING id`,
      [`${role}-${randomBytes(5).toString('hex')}`, `Staf ${role}`, role, t.clock.now(), agencyId],
    );
    await t.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [row.id, officeId]);
    return { id: row.id, token: await t.jwt.signAsync({ sub: row.id, role, ver: 0 }) };
  }

  async function officeWorld(): Promise<OfficeWorld> {
    const office = await createOffice(t, {
      services: [{ code: 'A' }, { code: 'B' }],
      counters: [
        { number: 1, services: ['A', 'B'] },
        { number: 2, services: ['A'] },
      ],
    });
    const api = client(t.url);
    const officer = office.officers[1].token;
    expect((await api.post(`/counters/${office.counters[1]}/open`, {}, officer)).status).toBe(200);
    const called = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    const waiting = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B })).body;
    expect((await api.post(`/counters/${office.counters[1]}/call`, { ticketId: called.id, reason: 'uji' }, officer)).status).toBe(200);
    const [alert] = await t.db.query<{ id: string }[]>(
      `INSERT INTO supervision_alerts (office_id, kind, subject_key, subject, service_id, since, raised_at) VALUES ($1, 'max_wait', $2, 'A-002', $3, $4, $4) RETURNING id`,
      [office.id, `uji-${randomBytes(4).toString('hex')}`, office.services.B, t.clock.now()],
    );
    const victim = await staffMember('officer', office.id);
    const filed = await api.post(`/offices/${office.slug}/complaints`, {
      serviceId: office.services.B,
      category: 'pelayanan',
      description: 'Antrean tidak dipanggil sesuai urutan.',
    });
    expect(filed.status).toBe(201);
    const [complaint] = await t.db.query<{ id: string }[]>('SELECT id FROM complaints WHERE office_id = $1', [office.id]);
    const [agency] = await t.db.query<{ id: string }[]>('SELECT id FROM agencies WHERE office_id = $1', [office.id]);
    const [zone] = await t.db.query<{ id: string }[]>(`INSERT INTO zones (office_id, name, slug) VALUES ($1, 'Lantai 1', 'lantai-1') RETURNING id`, [
      office.id,
    ]);
    await t.db.query('INSERT INTO zone_agencies (zone_id, office_id, agency_id) VALUES ($1, $2, $3)', [zone.id, office.id, agency.id]);
    return {
      office,
      calledTicketId: called.id,
      waitingTicketId: waiting.id,
      alertId: alert.id,
      victimId: victim.id,
      complaintId: complaint.id,
      agencyId: agency.id,
      zoneId: zone.id,
    };
  }

  async function world(): Promise<World> {
    // The two offices are set up side by side: their requests and inserts interleave, and
    // neither reads the other's rows.
    const [own, other] = await Promise.all([officeWorld(), officeWorld()]);
    const admin = await staffMember('admin', own.office.id);
    const [second] = await t.db.query<{ id: string }[]>(
      `INSERT INTO agencies (office_id, name, short_name) VALUES ($1, 'Instansi Lain', 'Lain') RETURNING id`,
      [own.office.id],
    );
    const agencySupervisor = await staffMember('supervisor', own.office.id, second.id);
    const regional = await staffMember('regional', own.office.id);
    return {
      own,
      other,
      actors: {
        officer: own.office.officers[1].token,
        officer2: own.office.officers[2].token,
        supervisor: own.office.supervisor.token,
        agencySupervisor: agencySupervisor.token,
        regional: regional.token,
        admin: admin.token,
      },
    };
  }

  function concretePath(path: string, target: OfficeWorld, ticket: Row['ticket'] = 'called'): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const values: Record<string, string> = {
        slug: target.office.slug,
        officeId: target.office.id,
        serviceId: target.office.services.B,
        counterId: target.office.counters[2],
        agencyId: target.agencyId,
        zoneId: target.zoneId,
        staffId: target.victimId,
        // No kiosk is paired in the world: an admin gets through to a 404, anyone else a 403.
        kioskId: '00000000-0000-4000-8000-000000000000',
        // Nor an own day or a closure: the same 404 for an admin.
        day: '2026-12-29',
        closureId: '00000000-0000-4000-8000-000000000000',
        endpointId: '00000000-0000-4000-8000-000000000000',
        deliveryId: '1',
        kind: 'interaction',
        table: 'services',
        trackingCode: 'ABCDE-FGHJK-MNPQR-STUVW',
        number: '1',
        item: '1',
        id: path.startsWith('/counters/')
          ? target.office.counters[1]
          : path.startsWith('/tickets/')
            ? ticket === 'waiting'
              ? target.waitingTicketId
              : target.calledTicketId
            : path.startsWith('/supervision/alerts/')
              ? target.alertId
              : path.startsWith('/complaints/')
                ? target.complaintId
                : '',
      };
      if (!values[name]) throw new Error(`The matrix does not know how to fill {${name}} in ${path}: add it to concretePath`);
      return values[name];
    });
  }

  function expected(row: Row, actor: Actor, target: 'own' | 'other'): 'allow' | 'forbid' {
    if (actor === 'agencySupervisor') return row.agency === 'scoped' ? 'forbid' : expected(row, 'supervisor', target);
    const { access } = row;
    const own = target === 'own';
    if (actor === 'regional') {
      if (access === 'self' || access === 'regional-any') return 'allow';
      return (access === 'regional' || row.regional === 'read') && own ? 'allow' : 'forbid';
    }
    switch (access) {
      case 'self':
        return 'allow';
      case 'office':
        return actor === 'admin' || own ? 'allow' : 'forbid';
      case 'holder':
        if (actor === 'admin') return 'allow';
        if (actor === 'officer2') return 'forbid';
        return own ? 'allow' : 'forbid';
      case 'session':
        return actor === 'officer' && own ? 'allow' : 'forbid';
      case 'supervisor':
        if (actor === 'admin') return 'allow';
        return actor === 'supervisor' && own ? 'allow' : 'forbid';
      case 'supervisor-any':
        return actor === 'admin' || actor === 'supervisor' ? 'allow' : 'forbid';
      case 'regional':
      case 'regional-any':
        return actor === 'admin' ? 'allow' : 'forbid';
      case 'admin':
        return actor === 'admin' ? 'allow' : 'forbid';
      case 'public':
      default:
        throw new Error(`No expectation for ${access}`);
    }
  }

  it('knows every route of the API, and the document marks exactly the staff routes as needing a token', () => {
    const unknown = routes.filter((route) => !MATRIX[`${route.method} ${route.path}`]).map((route) => `${route.method} ${route.path}`);
    expect(unknown).toEqual([]); // a new route: add a row to MATRIX saying who may use it
    for (const route of routes) {
      const row = MATRIX[`${route.method} ${route.path}`];
      expect(`${route.method} ${route.path} ${route.secured ? 'secured' : 'public'}`).toBe(
        `${route.method} ${route.path} ${row.access === 'public' ? 'public' : 'secured'}`,
      );
    }
    const gone = Object.keys(MATRIX).filter((key) => !routes.some((route) => `${route.method} ${route.path}` === key));
    expect(gone).toEqual([]);
  });

  it('offers no route that edits or deletes the audit trail or the event logs', () => {
    const writers = routes.filter((route) => /audit|events?(\/|$)/.test(route.path) && route.method !== 'GET');
    expect(writers).toEqual([]);
  });

  it('answers each staff route as the table says: 401 without a token, 403 for the wrong role or office, else through', async () => {
    const eventRows = async () =>
      t.db.query<{ source: string; id: string; digest: string }[]>(
        `SELECT 'ticket' AS source, id::text, md5(x::text) AS digest FROM ticket_events x
         UNION ALL SELECT 'counter', id::text, md5(y::text) FROM counter_session_events y
         UNION ALL SELECT 'audit', id::text, md5(z::text) FROM audit_log z`,
      );
    const eventsBefore = await eventRows();
    const shared = await world();
    const failures: string[] = [];
    for (const route of routes.filter((candidate) => candidate.secured)) {
      const row = MATRIX[`${route.method} ${route.path}`];
      counts.routes += 1;
      // A changing route gets a world of its own, so an earlier allowed change cannot decide a later cell.
      const w = route.method === 'GET' ? shared : await world();
      if (row.prepare) for (const target of [w.own, w.other]) await row.prepare(target, client(t.url));
      const send = async (token: string | undefined, target: OfficeWorld) => {
        counts.requests += 1;
        const body = row.body?.(target);
        return client(t.url).send(route.method, concretePath(route.path, target, row.ticket) + (row.query ?? ''), { token, body });
      };

      const anonymous = await send(undefined, w.own);
      if (anonymous.status !== 401) failures.push(`${route.method} ${route.path} without a token → ${anonymous.status}, expected 401`);

      const cells = (['own', 'other'] as const).flatMap((target) =>
        (['officer', 'officer2', 'supervisor', 'agencySupervisor', 'regional', 'admin'] as const).map((actor) => ({
          actor,
          target,
          want: expected(row, actor, target),
        })),
      );
      // Refusals first, each checked to change nothing; then the allowed calls. The refusals
      // run one after another with nothing between them, so the state after one is the state
      // before the next: one fingerprint a refusal (and one to start from), not two.
      const fingerprint = () => stateFingerprint(t.db, [w.own.office.id, w.other.office.id]);
      const refusals = cells.filter((c) => c.want === 'forbid');
      let state = refusals.length > 0 ? await fingerprint() : null;
      for (const cell of [...refusals, ...cells.filter((c) => c.want === 'allow')]) {
        const reply = await send(w.actors[cell.actor], w[cell.target]);
        const what = `${route.method} ${route.path} as ${cell.actor} in the ${cell.target} office → ${reply.status} ${JSON.stringify(reply.body)?.slice(0, 160)}`;
        if (reply.status >= 500) failures.push(`${what}: server error`);
        else if (cell.want === 'forbid' && reply.status !== 403) failures.push(`${what}: expected 403`);
        else if (cell.want === 'allow' && (reply.status === 401 || reply.status === 403)) failures.push(`${what}: expected to be let through`);
        if (cell.want === 'forbid') {
          const before = state;
          state = await fingerprint();
          if (reply.status === 403 && state !== before) failures.push(`${what}: refused but changed state`);
        }
      }
    }
    expect(failures).toEqual([]);

    // Append-only: every event and audit row that existed before is still there, unchanged.
    const after = new Map((await eventRows()).map((row) => [`${row.source}:${row.id}`, row.digest]));
    const changed = eventsBefore.filter((row) => after.get(`${row.source}:${row.id}`) !== row.digest);
    expect(changed).toEqual([]);
    // A bound against a stuck request, not a speed check: a world per changing route takes a while on a loaded machine.
  }, 900_000);

  it('narrows an agency supervisor’s reads to their agency, and leaves the office supervisor the whole office', async () => {
    const { own, actors } = await world();
    const api = client(t.url);
    const [second] = await t.db.query<{ id: string }[]>(`SELECT id FROM agencies WHERE office_id = $1 AND short_name = 'Lain'`, [own.office.id]);
    // The second agency gets a service and a counter serving it, an officer who serves one
    // ticket there and whose citizen answers the survey, an alert and a complaint; the first
    // agency's called ticket is served and surveyed too.
    const service = (
      await api.post(`/admin/offices/${own.office.id}/services`, adminServiceBody('L', { name: 'Layanan Lain', agencyId: second.id }), actors.admin)
    ).body as { id: string };
    const counter = (
      await api.post(`/admin/offices/${own.office.id}/counters`, adminCounterBody(9, [service.id], { name: 'Loket Lain 9', agencyId: second.id }), actors.admin)
    ).body as { id: string };
    const officer = await staffMember('officer', own.office.id, second.id);
    const survey = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 };
    const serve = async (ticketId: string, token: string) => {
      expect((await api.post(`/tickets/${ticketId}/start`, undefined, token)).status).toBe(200);
      expect((await api.post(`/tickets/${ticketId}/finish`, undefined, token)).status).toBe(200);
      const [{ tracking_code: code }] = await t.db.query<{ tracking_code: string }[]>('SELECT tracking_code FROM tickets WHERE id = $1', [ticketId]);
      expect((await api.post(`/tickets/track/${code}/survey`, survey)).status).toBe(201);
    };
    await serve(own.calledTicketId, own.office.officers[1].token);
    expect((await api.post(`/counters/${counter.id}/open`, undefined, officer.token)).status).toBe(200);
    const ticket = await api.post(`/offices/${own.office.slug}/tickets`, { serviceId: service.id });
    expect(ticket.status).toBe(201);
    expect((await api.post(`/counters/${counter.id}/call-next`, undefined, officer.token)).body.id).toBe(ticket.body.id);
    await serve(ticket.body.id as string, officer.token);
    const waiting = await api.post(`/offices/${own.office.slug}/tickets`, { serviceId: service.id });
    const [alert] = await t.db.query<{ id: string }[]>(
      `INSERT INTO supervision_alerts (office_id, kind, subject_key, subject, service_id, since, raised_at) VALUES ($1, 'max_wait', $2, 'L-001', $3, $4, $4) RETURNING id`,
      [own.office.id, `uji-${randomBytes(4).toString('hex')}`, service.id, t.clock.now()],
    );
    const filed = await api.post(`/offices/${own.office.slug}/complaints`, {
      serviceId: service.id,
      category: 'pelayanan',
      description: 'Loket Lain lama dibuka.',
    });
    expect(filed.status).toBe(201);
    const [complaint] = await t.db.query<{ id: string }[]>('SELECT id FROM complaints WHERE office_id = $1 AND service_id = $2', [own.office.id, service.id]);
    // What the reads may show of each agency: ids, and the service names a CSV prints.
    const first = [
      own.office.services.A,
      own.office.services.B,
      own.office.counters[1],
      own.office.counters[2],
      own.calledTicketId,
      own.waitingTicketId,
      own.alertId,
      own.complaintId,
      'Layanan B',
    ];
    const theirs = [service.id, counter.id, ticket.body.id as string, waiting.body.id as string, alert.id, complaint.id, 'Layanan Lain'];
    const reads = Object.entries(MATRIX).filter(([, row]) => row.read === 'agency');
    expect(reads.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const [key, row] of reads) {
      const [method, path] = key.split(' ');
      const url = concretePath(path, own) + (row.query ?? '');
      const read = async (actor: Actor) => {
        const reply = await client(t.url).send(method, url, { token: actors[actor] });
        if (reply.status !== 200) failures.push(`${key} as ${actor} → ${reply.status}`);
        return typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      };
      const whole = await read('supervisor');
      const narrowed = await read('agencySupervisor');
      // The office supervisor sees both agencies: otherwise the row proves nothing.
      if (!first.some((id) => whole.includes(id))) failures.push(`${key}: the office supervisor sees nothing of the first agency`);
      if (!theirs.some((id) => whole.includes(id))) failures.push(`${key}: the office supervisor sees nothing of the second agency`);
      const leaked = first.filter((id) => narrowed.includes(id));
      if (leaked.length > 0) failures.push(`${key}: the agency supervisor reads the first agency's ${leaked.join(', ')}`);
      if (!theirs.some((id) => narrowed.includes(id))) failures.push(`${key}: the agency supervisor sees nothing of their own agency`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('gives a regional head the rows of the offices they oversee and of no other', async () => {
    const { own, other, actors } = await world();
    const mine = await client(t.url).get('/regional/offices', actors.regional);
    expect(mine.status).toBe(200);
    expect(mine.body.rows.map((row: { office: { id: string } }) => row.office.id)).toEqual([own.office.id]);
    expect(JSON.stringify(mine.body)).not.toContain(other.office.id);
  }, 120_000);
});
