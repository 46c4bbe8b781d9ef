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
 * supervisor, and an officer of another office. Written straight to the database; staff
 * get signed tokens, so no password hashing slows the tests.
 */
export async function createOffice(t: TestApp, spec: OfficeSpec): Promise<OfficeFixture> {
  const suffix = randomBytes(4).toString('hex');
  const slug = `test-${suffix}`;
  const now = t.clock.now();
  const [office] = await t.db.query<{ id: string }[]>(
    `INSERT INTO offices (slug, name, time_zone, opening_hours, priority_max_wait_minutes, no_show_after_minutes, created_at)
     VALUES ($1, $2, 'Asia/Jakarta', '[]', $3, $4, $5) RETURNING id`,
    [slug, `Kantor Uji ${suffix}`, spec.priorityMaxWaitMinutes ?? 10, spec.noShowAfterMinutes ?? 0, now],
  );
  const services: Record<string, string> = {};
  for (const [order, service] of spec.services.entries()) {
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, daily_quota, active, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        office.id,
        service.code,
        `Layanan ${service.code}`,
        service.maxWaitMinutes ?? 30,
        service.serviceTimeMinutes ?? 10,
        service.dailyQuota ?? null,
        service.active ?? true,
        order,
      ],
    );
    services[service.code] = row.id;
  }
  const staff = (role: StaffRole, officeId: string) => createStaff(t, role, [officeId]);
  const counters: Record<number, string> = {};
  const officers: Record<number, { id: string; token: string }> = {};
  for (const counter of spec.counters) {
    const [row] = await t.db.query<{ id: string }[]>(`INSERT INTO counters (office_id, number, name, priority_only) VALUES ($1, $2, $3, $4) RETURNING id`, [
      office.id,
      counter.number,
      `Loket ${counter.number}`,
      counter.priorityOnly ?? false,
    ]);
    for (const code of counter.services) {
      await t.db.query('INSERT INTO counter_services (counter_id, service_id) VALUES ($1, $2)', [row.id, services[code]]);
    }
    counters[counter.number] = row.id;
    officers[counter.number] = await staff('officer', office.id);
  }
  const [other] = await t.db.query<{ id: string }[]>(
    `INSERT INTO offices (slug, name, time_zone, created_at) VALUES ($1, 'Kantor Lain', 'Asia/Jakarta', $2) RETURNING id`,
    [`other-${suffix}`, now],
  );
  return { id: office.id, slug, services, counters, officers, supervisor: await staff('supervisor', office.id), outsider: await staff('officer', other.id) };
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
