import type { OfficeSnapshot, ServiceView } from '@loket/domain';
import type { AppConfig } from '../src/config/app-config.js';
import { type RateLimitConfig, defaultRateLimits, parseRateWindows } from '../src/rate-limit/rate-limit-config.js';
import { createOffice, type OfficeFixture } from './support/fixtures.js';
import { backgroundSettled, queriesDuring } from './support/query-log.js';
import { useTestApp } from './support/test-app.js';

/** The statement that reads an office's whole waiting list: once per snapshot read. */
const WAITING_LIST = `t.status = 'waiting' ORDER BY t.due_at`;

describe('public reads of an office: one shared snapshot (issue 13, defect 9)', () => {
  // No finish's scan a second later, when the window is already open (none on its timer in tests: quiet-timers.ts).
  process.env.SUPERVISION_REACT_MS = '0';
  const t = useTestApp();
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    for (let n = 0; n < 30; n += 1)
      expect((await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[n % 2 ? 'B' : 'A'] })).status).toBe(201);
  });

  const board = async () => {
    const reply = await t.api.get<OfficeSnapshot>(`/offices/${office.slug}/board`);
    expect(reply.status).toBe(200);
    return reply.body;
  };

  it('answers 60 concurrent board and service reads after an event with one or two reads of the office', async () => {
    await board();
    expect((await t.api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
    let answers: unknown[] = [];
    const queries = await queriesDuring(t, async () => {
      answers = await Promise.all(
        Array.from({ length: 60 }, (_, n) =>
          n % 3 === 2 ? t.api.get<ServiceView[]>(`/offices/${office.slug}/services`) : t.api.get<OfficeSnapshot>(`/offices/${office.slug}/board`),
        ),
      );
    });
    const snapshotReads = queries.filter((query) => query.includes(WAITING_LIST)).length;
    expect(snapshotReads).toBeGreaterThanOrEqual(1);
    expect(snapshotReads).toBeLessThanOrEqual(2);
    // Every answer has seen the counter open.
    for (const [n, answer] of answers.entries()) {
      const { status, body } = answer as { status: number; body: OfficeSnapshot | ServiceView[] };
      expect(status).toBe(200);
      if (n % 3 === 2) expect((body as ServiceView[]).find((service) => service.code === 'A')?.countersOpen).toBe(1);
      else expect((body as OfficeSnapshot).counters[0].state).toBe('open');
    }

    // Nothing happened since: the next reads cost no query at all. The open also set off the
    // alert scan, which reads the office for itself in the background (supervision-live-state):
    // let it finish first, or its statements land in the window below.
    await backgroundSettled(t);
    const idle = await queriesDuring(t, () => Promise.all(Array.from({ length: 20 }, () => board())));
    expect(idle).toEqual([]);
  });

  it('shows a ticket issued and a ticket called at the next read, never a stale snapshot', async () => {
    const before = await board();
    const issued = (await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B })).body as { id: string };
    const afterIssue = await board();
    expect(afterIssue.seq).toBe(before.seq + 1);
    expect(afterIssue.waiting.map((ticket) => ticket.id)).toContain(issued.id);
    const services = (await t.api.get<ServiceView[]>(`/offices/${office.slug}/services`)).body;
    expect(services.find((service) => service.code === 'B')?.waitingCount).toBe(before.services.find((service) => service.code === 'B')!.waitingCount + 1);

    const called = (await t.api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token)).body as { id: string };
    const afterCall = await board();
    expect(afterCall.seq).toBe(afterIssue.seq + 1);
    expect(afterCall.counters[0].currentTicket?.id).toBe(called.id);
    expect(afterCall.waiting.map((ticket) => ticket.id)).not.toContain(called.id);
    expect(afterCall.recentCalls[0].ticketId).toBe(called.id);
  });

  it('shows a change of the set-up at the next read (it moves the number on without an event)', async () => {
    await board();
    const [admin] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Admin', 'admin', 'x', now()) RETURNING id`,
      [`admin-${office.slug}`],
    );
    const token = await t.jwt.signAsync({ sub: admin.id, role: 'admin' });
    const renamed = await t.api.send('PATCH', `/admin/services/${office.services.A}`, { body: { name: 'Layanan Baru' }, token });
    expect(renamed.status).toBe(200);
    expect((await board()).services.find((service) => service.code === 'A')?.name).toBe('Layanan Baru');
  });

  it('reads the office again once the clock has moved on, for the waits that time alone changes', async () => {
    await board();
    t.clock.advanceMinutes(1);
    const queries = await queriesDuring(t, () => board());
    expect(queries.filter((query) => query.includes(WAITING_LIST))).toHaveLength(1);
  });

  it('answers an unknown office 404 and keeps nothing of it', async () => {
    expect((await t.api.get(`/offices/no-such-office/board`)).status).toBe(404);
    expect((await t.api.get(`/offices/no-such-office/services`)).body).toMatchObject({ statusCode: 404 });
  });
});

function limits(overrides: Partial<Record<keyof RateLimitConfig['rules'], string>>): RateLimitConfig {
  const config = defaultRateLimits(true);
  for (const [rule, text] of Object.entries(overrides)) config.rules[rule as keyof RateLimitConfig['rules']] = parseRateWindows(text, rule);
  return config;
}

describe('public reads of an office: limited per address (issue 13, defect 9)', () => {
  const t = useTestApp({ rateLimits: limits({ read: '10/1m' }) } satisfies Partial<AppConfig>);
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
  });

  const read = (path: string, ip: string) => fetch(`${t.url}/api/v1/offices/${office.slug}/${path}`, { headers: { 'x-forwarded-for': ip } });

  it('refuses an address past its limit of board and service reads with 429, and serves the next address', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 12; n += 1) statuses.push((await read(n % 2 ? 'services' : 'board', '10.20.0.1')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    const refused = await read('board', '10.20.0.1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { code: string }).code).toBe('rate_limited');
    expect((await read('board', '10.20.0.2')).status).toBe(200);
  });
});
