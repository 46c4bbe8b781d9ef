import { randomBytes } from 'node:crypto';
import type { QueueEntry, StaffRole } from '@loket/domain';
import type { TestApp } from './test-app.js';

export interface ServiceSpec {
  code: string;
  maxWaitMinutes?: number;
  serviceTimeMinutes?: number;
  dailyQuota?: number | null;
  active?: boolean;
}

export interface CounterSpec {
  number: number;
  services: string[];
  priorityOnly?: boolean;
}

export interface OfficeFixture {
  id: string;
  slug: string;
  services: Record<string, string>;
  counters: Record<number, string>;
  /** One officer per counter, by counter number. */
  officers: Record<number, { id: string; token: string }>;
  supervisor: { id: string; token: string };
  outsider: { id: string; token: string };
}

/**
 * The body an admin sends to add a service (`POST /admin/offices/:id/services`), complete,
 * with `extra` over the defaults: the tests that go through the admin API share one shape,
 * so a new required field is added here once.
 */
/**
 * A service's booking settings as the admin's PUT /admin/services/:id/booking takes them: half-hour
 * slots, 4 seats, half the capacity kept for walk-ins, a week ahead, changes until the day before.
 */
export const bookingSettings = (overrides: Record<string, unknown> = {}) => ({
  enabled: true,
  slotMinutes: 30,
  seatsPerSlot: 4,
  walkInSharePercent: 50,
  horizonDays: 7,
  opensDaysBefore: 7,
  opensAt: '00:00',
  changeCutoffDays: 1,
  graceMinutes: 10,
  lateToleranceMinutes: 15,
  ...overrides,
});

export const adminServiceBody = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Layanan ${code}`,
  maxWaitMinutes: 30,
  serviceTimeMinutes: 10,
  costRupiah: 0,
  requirements: ['KTP-el asli'],
  completionTime: 'Selesai di tempat',
  dailyQuota: null,
  active: true,
  ...extra,
});

/** The body an admin sends to add a counter, with `extra` over the defaults (no schedule). */
export const adminCounterBody = (number: number, serviceIds: string[], extra: Record<string, unknown> = {}) => ({
  number,
  name: `Loket ${number}`,
  serviceIds,
  schedule: [],
  priorityOnly: false,
  active: true,
  ...extra,
});

/**
 * A staff member written straight to the database, in the offices named, with a signed
 * token (no password: they cannot log in, and no hashing slows the tests).
 */
export async function createStaff(t: TestApp, role: StaffRole, officeIds: string[] = []): Promise<{ id: string; token: string }> {
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, $2, $3, 'no-login', $4) RETURNING id`,
    [`${role}-${randomBytes(5).toString('hex')}`, `Staf ${role}`, role, t.clock.now()],
  );
  for (const officeId of officeIds) await t.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [row.id, officeId]);
  return { id: row.id, token: await t.jwt.signAsync({ sub: row.id, role }) };
}

/**
 * An office of its own for one test: services, counters, an officer per counter, a
 * supervisor, and an officer of another office. Written straight to the database in one
 * statement (a round trip per row made it a good part of the suites that set up many
 * offices, such as the authorization matrix); staff get signed tokens, so no password
 * hashing slows the tests.
 */
export async function createOffice(t: TestApp, spec: OfficeSpec): Promise<OfficeFixture> {
  const suffix = randomBytes(4).toString('hex');
  const slug = `test-${suffix}`;
  const person = (role: StaffRole, home: 'own' | 'other') => ({ username: `${role}-${randomBytes(5).toString('hex')}`, role, home });
  const officerRows = spec.counters.map((counter) => ({ number: counter.number, ...person('officer', 'own') }));
  const supervisorRow = person('supervisor', 'own');
  const outsiderRow = person('officer', 'other');
  const [row] = await t.db.query<{ office_id: string; services: Record<string, string>; counters: Record<string, string>; staff: Record<string, string> }[]>(
    `WITH office AS (
       INSERT INTO offices (slug, name, time_zone, opening_hours, priority_max_wait_minutes, no_show_after_minutes, created_at)
       VALUES ($1, $2, 'Asia/Jakarta', '[]', $3, $4, $5) RETURNING id
     ), other AS (
       INSERT INTO offices (slug, name, time_zone, created_at) VALUES ($6, 'Kantor Lain', 'Asia/Jakarta', $5) RETURNING id
     ), service AS (
       INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, daily_quota, active, sort_order)
       SELECT office.id, s.code, 'Layanan ' || s.code, s.max_wait_minutes, s.service_time_minutes, s.daily_quota, s.active, s.sort_order
       FROM office, jsonb_to_recordset($7::jsonb) AS s(code text, max_wait_minutes int, service_time_minutes int, daily_quota int, active boolean, sort_order int)
       RETURNING id, code
     ), counter AS (
       INSERT INTO counters (office_id, number, name, priority_only)
       SELECT office.id, c.number, 'Loket ' || c.number, c.priority_only
       FROM office, jsonb_to_recordset($8::jsonb) AS c(number int, priority_only boolean)
       RETURNING id, number
     ), link AS (
       INSERT INTO counter_services (counter_id, service_id)
       SELECT counter.id, service.id
       FROM jsonb_to_recordset($9::jsonb) AS l(number int, code text)
       JOIN counter ON counter.number = l.number JOIN service ON service.code = l.code
     ), person AS (
       INSERT INTO staff (username, name, role, password_hash, created_at)
       SELECT p.username, 'Staf ' || p.role, p.role, 'no-login', $5 FROM jsonb_to_recordset($10::jsonb) AS p(username text, role text)
       RETURNING id, username
     ), membership AS (
       INSERT INTO staff_offices (staff_id, office_id)
       SELECT person.id, CASE WHEN p.home = 'other' THEN other.id ELSE office.id END
       FROM jsonb_to_recordset($10::jsonb) AS p(username text, home text) JOIN person USING (username), office, other
     )
     SELECT office.id AS office_id,
       (SELECT jsonb_object_agg(code, id) FROM service) AS services,
       (SELECT jsonb_object_agg(number, id) FROM counter) AS counters,
       (SELECT jsonb_object_agg(username, id) FROM person) AS staff
     FROM office`,
    [
      slug,
      `Kantor Uji ${suffix}`,
      spec.priorityMaxWaitMinutes ?? 10,
      spec.noShowAfterMinutes ?? 0,
      t.clock.now(),
      `other-${suffix}`,
      JSON.stringify(
        spec.services.map((service, order) => ({
          code: service.code,
          max_wait_minutes: service.maxWaitMinutes ?? 30,
          service_time_minutes: service.serviceTimeMinutes ?? 10,
          daily_quota: service.dailyQuota ?? null,
          active: service.active ?? true,
          sort_order: order,
        })),
      ),
      JSON.stringify(spec.counters.map((counter) => ({ number: counter.number, priority_only: counter.priorityOnly ?? false }))),
      JSON.stringify(spec.counters.flatMap((counter) => counter.services.map((code) => ({ number: counter.number, code })))),
      JSON.stringify([...officerRows, supervisorRow, outsiderRow].map(({ username, role, home }) => ({ username, role, home }))),
    ],
  );
  const member = async (entry: { username: string; role: StaffRole }) => {
    const id = row.staff[entry.username];
    return { id, token: await t.jwt.signAsync({ sub: id, role: entry.role }) };
  };
  const counters: Record<number, string> = {};
  const officers: Record<number, { id: string; token: string }> = {};
  for (const officer of officerRows) {
    counters[officer.number] = row.counters[String(officer.number)];
    officers[officer.number] = await member(officer);
  }
  return {
    id: row.office_id,
    slug,
    services: { ...row.services },
    counters,
    officers,
    supervisor: await member(supervisorRow),
    outsider: await member(outsiderRow),
  };
}

export interface OfficeSpec {
  services: ServiceSpec[];
  counters: CounterSpec[];
  priorityMaxWaitMinutes?: number;
  /**
   * The office's wait after a call before a no-show; 0 here (the product's default is 2), so
   * tests about other things can mark one at once. counter-care.spec tests the rule.
   */
  noShowAfterMinutes?: number;
}

/**
 * An office made by `createOffice` for each test (`beforeEach`), or once for the file with
 * `{ shared: true }` (`beforeAll`) when its tests only read. The fixture it returns always
 * shows the current office, so it can be taken while the tests are being declared.
 */
export function useOffice(t: TestApp, spec: OfficeSpec | (() => OfficeSpec), options: { shared?: boolean } = {}): OfficeFixture {
  let office: OfficeFixture | null = null;
  const create = async () => {
    office = await createOffice(t, typeof spec === 'function' ? spec() : spec);
  };
  if (options.shared) beforeAll(create);
  else beforeEach(create);
  const current = (): OfficeFixture => {
    if (!office) throw new Error('The office is created in a hook: use it inside a test or a later hook.');
    return office;
  };
  return {
    get id() {
      return current().id;
    },
    get slug() {
      return current().slug;
    },
    get services() {
      return current().services;
    },
    get counters() {
      return current().counters;
    },
    get officers() {
      return current().officers;
    },
    get supervisor() {
      return current().supervisor;
    },
    get outsider() {
      return current().outsider;
    },
  };
}

/** A ticket as the API returns it, as the domain's queue rules take it. */
export function queueEntryOf(ticket: {
  id: string;
  serviceId: string;
  issuedAt: string;
  dueAt: string;
  priority: QueueEntry['priority'];
  issueOrder: number;
}): QueueEntry {
  return {
    id: ticket.id,
    serviceId: ticket.serviceId,
    issuedAt: Date.parse(ticket.issuedAt),
    dueAt: Date.parse(ticket.dueAt),
    priority: ticket.priority,
    issueOrder: ticket.issueOrder,
  };
}
