import { createOffice, type OfficeFixture } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { eventually, freePort, queryPostgres } from './support/api-process.js';
import { PrivatePostgres } from './support/private-postgres.js';

// The most a request may take during the outage: above the pool's 5 s connect timeout, far below a hang.
const REQUEST_BOUND_MS = 15_000;
const WORKERS = 4;

const OUTAGE_BODY = {
  statusCode: 503,
  error: 'Service Unavailable',
  message: expect.stringContaining('database'),
  code: 'database_unavailable',
};

/**
 * PostgreSQL stopped and started again under load, the API left running: requests during
 * the outage get a quick, clear 503; afterwards the API serves again by itself, and nothing
 * acknowledged is lost or doubled. Uses a private PostgreSQL server, so it runs in both CI
 * passes and never touches the shared one.
 */
describe('PostgreSQL restarted under load', () => {
  let server: PrivatePostgres;
  let t: TestApp;
  let office: OfficeFixture;

  beforeAll(async () => {
    server = await PrivatePostgres.create(await freePort());
    t = await startTestApp({ databaseUrl: server.url });
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await server?.destroy();
  });

  it('answers 503 database_unavailable during the outage and recovers without a restart', async () => {
    const api = client(t.url);
    const officer = office.officers[1].token;
    expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, officer)).status).toBe(200);

    type Outcome = { key: string; status: number; body: Record<string, unknown>; phase: Phase; id?: string };
    type Phase = 'before' | 'down' | 'after';
    let phase: Phase = 'before';
    let stopping = false;
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (!stopping) {
        const key = `pg-restart-${next++}`;
        const sentIn = phase;
        const reply = await fetch(`${t.url}/api/v1/offices/${office.slug}/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ serviceId: office.services.A }),
          // A hang would end here and fail the test below: no request may go unanswered.
          signal: AbortSignal.timeout(REQUEST_BOUND_MS),
        }).then(
          async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }),
          (error: Error) => ({ status: 0, body: { error: error.name } as Record<string, unknown> }),
        );
        outcomes.push({ key, phase: sentIn === phase ? sentIn : 'down', ...reply, id: reply.status === 201 ? (reply.body.id as string) : undefined });
        // Keep the outage from turning into a busy loop of refusals.
        if (reply.status !== 201) await new Promise((r) => setTimeout(r, 20));
      }
    };
    const load = Array.from({ length: WORKERS }, worker);

    await eventually('tickets to flow before the outage', () => outcomes.filter((o) => o.status === 201).length >= 20);
    phase = 'down';
    await server.stop();
    await eventually('requests to meet the outage', () => outcomes.filter((o) => o.phase === 'down' && o.status === 503).length >= 20);

    // While it is down: the probes, a staff action and the metrics say so plainly.
    const live = await api.get('/health/live');
    const ready = await api.get('/health/ready');
    const callNext = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer);
    const metricsDown = await (await fetch(`${t.url}/api/v1/metrics`)).text();
    const retryAfter = (await fetch(`${t.url}/api/v1/offices/${office.slug}/board`)).headers.get('retry-after');

    await server.start();
    phase = 'after';
    await eventually('the API to be ready again', async () => (await api.get('/health/ready')).status === 200, 150);
    await eventually('tickets to flow after the outage', () => outcomes.filter((o) => o.phase === 'after' && o.status === 201).length >= 20, 150);
    stopping = true;
    await Promise.all(load);

    expect(live).toEqual({ status: 200, body: { status: 'ok' } });
    expect(ready).toEqual({ status: 503, body: OUTAGE_BODY });
    expect(callNext).toEqual({ status: 503, body: OUTAGE_BODY });
    expect(metricsDown).toMatch(/^loket_database_up 0$/m);
    expect(retryAfter).toBe('5');
    expect(await (await fetch(`${t.url}/api/v1/metrics`)).text()).toMatch(/^loket_database_up 1$/m);

    // Every answer was a ticket or the clear 503: no 500, no hang, no driver text or stack.
    const statuses = new Map<number, number>();
    for (const outcome of outcomes) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    for (const outcome of outcomes.filter((o) => o.status === 503)) expect(outcome.body).toEqual(OUTAGE_BODY);

    // Nothing acknowledged lost; retrying every refused key gives one ticket each, none twice.
    const acknowledged = outcomes.filter((o) => o.status === 201);
    const refused = outcomes.filter((o) => o.status !== 201);
    for (const outcome of refused) {
      expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A }, undefined, { 'Idempotency-Key': outcome.key })).status).toBe(
        201,
      );
    }
    const rows = await queryPostgres<{ id: string; number: number; key: string }>(
      server.url,
      'SELECT id, number, idempotency_key AS key FROM tickets WHERE office_id = $1',
      [office.id],
    );
    const ids = new Set(rows.map((row) => row.id));
    const lost = acknowledged.filter((o) => !ids.has(o.id!)).length;
    const keys = new Set(rows.map((row) => row.key));
    const duplicated = rows.length - keys.size;
    const numbers = rows.map((row) => Number(row.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(keys.size).toBe(outcomes.length);

    // The counter works again too.
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer)).status).toBe(200);

    console.log(
      `PostgreSQL restart fault test: ${outcomes.length} issues sent (${outcomes.filter((o) => o.phase === 'before').length} before, ` +
        `${outcomes.filter((o) => o.phase === 'down').length} during the outage, ${outcomes.filter((o) => o.phase === 'after').length} after); ` +
        `${acknowledged.length} acknowledged, ${statuses.get(503) ?? 0} answered 503 database_unavailable, 0 other; ` +
        `${rows.length} tickets checked in the database after retrying the refused keys; lost ${lost}, duplicated ${duplicated}`,
    );
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 180_000);
});
