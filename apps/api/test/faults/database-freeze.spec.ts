import { io, type Socket } from 'socket.io-client';
import { type Ack, type ClientToServerEvents, type ServerToClientEvents, StaffClientEvent } from '@loket/domain';
import { createOffice, type OfficeFixture } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { type TestApp, START_TIMEOUT_MS, onPostgres, startTestApp } from '../support/test-app.js';
import { eventually, queryPostgres } from './support/api-process.js';

const DATABASE_URL = process.env.DATABASE_URL ?? '';

// Short bounds so the test is quick; the product's defaults are in README's configuration table.
const TIMEOUTS = { statementTimeoutMs: 1_000, lockTimeoutMs: 1_000, idleInTransactionTimeoutMs: 2_000, queryTimeoutMs: 1_500, poolWaitMs: 1_500 };
// Far above an answer bounded by the timeouts above, far below the outage: a request still
// waiting here waits for a server that will not answer.
const ANSWER_BOUND_MS = 8_000;

const OUTAGE_BODY = { statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('database'), code: 'database_unavailable' };

interface Outcome {
  what: string;
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown>;
  key?: string;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * PostgreSQL stops answering while the API holds open connections to it: a SIGSTOPped or
 * wedged server, or a network that drops every packet. The shared server serves everyone
 * on this machine, so the test freezes a TCP relay of its own instead. A frozen server
 * cannot enforce its own statement_timeout: only the client's timer ends the wait. Every
 * request, including one already inside a transaction when the freeze begins, must be
 * answered, as 503 database_unavailable with Retry-After, never left hanging; and the
 * API must serve again by itself once the server answers.
 *
 * PostgreSQL only: PGlite runs inside the API's own process, so it cannot freeze apart from it.
 */
(onPostgres ? describe : describe.skip)('a database that stops answering', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let office: OfficeFixture;

  beforeAll(async () => {
    const target = new URL(DATABASE_URL);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    t = await startTestApp({ databaseUrl: proxy.rewrite(DATABASE_URL), databaseTimeouts: TIMEOUTS });
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [1, 2, 3].map((number) => ({ number, services: ['A'] })) });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  const api = () => client(t.url);
  let keys = 0;
  const send = (what: string, path: string, init: { method?: string; body?: unknown; token?: string; key?: string } = {}): Promise<Outcome> =>
    fetch(`${t.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.key ? { 'idempotency-key': init.key } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(ANSWER_BOUND_MS),
    }).then(
      async (response) => ({
        what,
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: (await response.json()) as Record<string, unknown>,
        key: init.key,
      }),
      (error: Error) => ({ what, status: 0, retryAfter: null, body: { error: error.name }, key: init.key }),
    );
  const issue = () => {
    const key = `freeze-${process.pid}-${keys++}`;
    return send('issue', `/offices/${office.slug}/tickets`, { method: 'POST', body: { serviceId: office.services.A }, key });
  };
  const burst = () => [
    issue(),
    issue(),
    issue(),
    ...[1, 2, 3].map((n) => send('call-next', `/counters/${office.counters[n]}/call-next`, { method: 'POST', token: office.officers[n].token })),
    send('queue', `/counters/${office.counters[1]}/queue`, { token: office.officers[1].token }),
    send('report', `/offices/${office.slug}/reports?from=2026-11-30&to=2026-11-30`, { token: office.supervisor.token }),
    send('ready', '/health/ready'),
  ];
  const staffSubscribe = async (): Promise<Outcome> => {
    const socket: ClientSocket = io(t.url, { transports: ['websocket'], reconnection: false, auth: { token: office.supervisor.token } });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack = await socket
        .timeout(ANSWER_BOUND_MS)
        .emitWithAck(StaffClientEvent.subscribe, { officeSlug: office.slug })
        .then(
          (reply: Ack<unknown>) => reply,
          () => null,
        );
      if (!ack) return { what: 'socket', status: 0, retryAfter: null, body: { error: 'TimeoutError' } };
      return ack.ok
        ? { what: 'socket', status: 200, retryAfter: null, body: {} }
        : { what: 'socket', status: ack.error.statusCode, retryAfter: '5', body: { ...ack.error } };
    } finally {
      socket.disconnect();
    }
  };

  it('answers every request, in flight or new, with 503 database_unavailable and Retry-After, then serves again', async () => {
    for (const n of [1, 2, 3]) expect((await api().post(`/counters/${office.counters[n]}/open`, undefined, office.officers[n].token)).status).toBe(200);
    const warm = await Promise.all([issue(), issue(), issue(), issue(), issue(), issue()]);
    expect(warm.map((o) => o.status)).toEqual([201, 201, 201, 201, 201, 201]);

    // The freeze lands while the first burst holds connections, some inside a transaction.
    const inFlight = burst();
    await new Promise((resolve) => setImmediate(resolve));
    proxy.freeze();
    let outcomes: Outcome[];
    try {
      const during = [...burst(), staffSubscribe()];
      outcomes = await Promise.all([...inFlight, ...during]);
    } finally {
      proxy.resume();
    }

    const unanswered = outcomes.filter((o) => o.status === 0).map((o) => o.what);
    const wrong = outcomes.filter((o) => ![200, 201, 503].includes(o.status)).map((o) => `${o.what} ${o.status}`);
    expect({ unanswered, wrong }).toEqual({ unanswered: [], wrong: [] });
    const refused = outcomes.filter((o) => o.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(8);
    for (const o of refused) {
      expect(o.body).toEqual(OUTAGE_BODY);
      expect(o.retryAfter).toBe('5');
    }

    // By itself once the server answers: the frozen connections were dropped, not reused. A
    // connection reused with the unanswered work of a refused request still open on the server
    // would commit that work with the next request's: a call answered 503 would call a ticket.
    await eventually('the API to be ready again', async () => (await api().get('/health/ready')).status === 200);
    const after = await Promise.all(Array.from({ length: 10 }, issue));
    expect(after.filter((o) => ![201, 503].includes(o.status))).toEqual([]);
    await eventually('tickets to be issued again', async () => (await issue()).status === 201);
    const calledIds = outcomes.filter((o) => o.what === 'call-next' && o.status === 200 && o.body?.id).map((o) => o.body.id as string);
    const calledRows = await queryPostgres<{ id: string }>(DATABASE_URL, `SELECT id FROM tickets WHERE office_id = $1 AND status <> 'waiting'`, [office.id]);
    expect(calledRows.map((row) => row.id).sort()).toEqual(calledIds.sort());
    outcomes.push(...after);
    const called = await send('call-next', `/counters/${office.counters[1]}/call-next`, { method: 'POST', token: office.officers[1].token });
    expect(called.status).toBe(200);

    // Nothing acknowledged lost, nothing doubled: every refused key retried gives one ticket.
    const issues = [...warm, ...outcomes.filter((o) => o.what === 'issue')];
    for (const o of issues.filter((x) => x.status !== 201)) {
      expect((await api().post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A }, undefined, { 'Idempotency-Key': o.key! })).status).toBe(
        201,
      );
    }
    const rows = await queryPostgres<{ id: string; number: number; key: string | null }>(
      DATABASE_URL,
      'SELECT id, number, idempotency_key AS key FROM tickets WHERE office_id = $1',
      [office.id],
    );
    const ids = new Set(rows.map((row) => row.id));
    expect(issues.filter((o) => o.status === 201 && !ids.has(o.body.id as string))).toEqual([]);
    const keyed = rows.filter((row) => row.key?.startsWith('freeze-'));
    expect(new Set(keyed.map((row) => row.key)).size).toBe(keyed.length);
    const numbers = rows.map((row) => Number(row.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  }, 120_000);

  it('answers 503, never a hang, when a row lock is held by a transaction that does not end', async () => {
    const n = 2;
    // Another session holds the counter's row lock and does nothing more: a stuck client, a
    // long manual fix in psql. Call-next waits for that lock at most lock_timeout.
    const { Client } = (await import('pg')).default;
    const holder = new Client({ connectionString: DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM counters WHERE id = $1 FOR UPDATE', [office.counters[n]]);
      const waited = await send('call-next', `/counters/${office.counters[n]}/call-next`, { method: 'POST', token: office.officers[n].token });
      expect({ status: waited.status, body: waited.body, retryAfter: waited.retryAfter }).toEqual({ status: 503, body: OUTAGE_BODY, retryAfter: '5' });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect((await send('queue', `/counters/${office.counters[n]}/queue`, { token: office.officers[n].token })).status).toBe(200);
  });

  it('answers 503, never a 500, when the connections are cut in the middle of transactions', async () => {
    for (let round = 0; round < 5; round++) {
      const inFlight = burst();
      await new Promise((resolve) => setTimeout(resolve, round * 3));
      proxy.cut();
      const outcomes = await Promise.all(inFlight);
      proxy.resume();
      const wrong = outcomes.filter((o) => ![200, 201, 503].includes(o.status)).map((o) => `${o.what} ${o.status} ${String(o.body.message ?? o.body.error)}`);
      expect(wrong).toEqual([]);
      for (const o of outcomes.filter((x) => x.status === 503)) expect(o.body).toEqual(OUTAGE_BODY);
      await eventually('the API to be ready again', async () => (await api().get('/health/ready')).status === 200);
    }
  }, 120_000);
});
