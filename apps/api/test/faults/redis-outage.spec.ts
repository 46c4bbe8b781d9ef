import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/auth/password.js';
import { defaultRateLimits } from '../../src/rate-limit/rate-limit-config.js';
import { createOffice, type OfficeFixture } from '../support/fixtures.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { type TestApp, START_TIMEOUT_MS, startTestApp } from '../support/test-app.js';
import { eventually } from './support/api-process.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Far above an answer that does not wait for Redis, far below "never": a request still
// waiting here waits for a server that will not answer.
const ANSWER_BOUND_MS = 10_000;

/** The sum of every sample of `name` whose labels include `labels`. */
function total(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return text
    .split('\n')
    .filter((row) => row.startsWith(`${name}{`) && wanted.every((label) => row.includes(label)))
    .reduce((sum, row) => sum + Number(row.slice(row.lastIndexOf(' ') + 1)), 0);
}

/**
 * Redis (the shared rate-limit store) stops answering while the API runs. The shared Redis
 * serves other suites, so the test puts a relay of its own in between and freezes or cuts
 * that instead. Rate-limited requests must still be answered at once, by the fallback each
 * limit documents (docs/security.md): login and issue keep limiting in memory, tracking
 * lets requests through. Every fallback is counted in a metric.
 */
describe('rate limits while Redis does not answer', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let office: OfficeFixture;

  beforeAll(async () => {
    const redis = new URL(REDIS_URL);
    proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    t = await startTestApp({
      redisUrl: proxy.rewrite(REDIS_URL),
      rateLimits: { ...defaultRateLimits(true, `loket:rl:test-${randomBytes(4).toString('hex')}:`) },
    });
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  const send = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${t.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(ANSWER_BOUND_MS),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }));
  const metrics = async () => (await fetch(`${t.url}/api/v1/metrics`)).text();
  const account = async () => {
    const username = `petugas-${randomBytes(4).toString('hex')}`;
    await t.db.query(`INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Petugas Uji', 'officer', $2, $3)`, [
      username,
      await hashPassword('benar-sekali'),
      t.clock.now(),
    ]);
    return username;
  };

  it.each([
    ['frozen (connections open, nothing answered)', () => proxy.freeze()],
    ['gone (connections cut and refused)', () => proxy.cut()],
  ])('answers rate-limited requests without waiting for Redis when it is %s, and counts each fallback', async (_, outage) => {
    const issue = () => send(`/offices/${office.slug}/tickets`, { method: 'POST', body: { serviceId: office.services.A } });
    expect((await issue()).status).toBe(201);
    const username = await account();
    const before = await metrics();

    outage();
    try {
      const issued = await issue();
      const tracked = await send(`/tickets/track/${issued.body.trackingCode as string}`);
      // Login fails closed to the in-memory limiter: five wrong passwords still lock the username.
      const logins = [];
      for (let i = 0; i < 6; i++) logins.push(await send('/auth/login', { method: 'POST', body: { username, password: i < 5 ? 'salah' : 'benar-sekali' } }));
      const after = await metrics();

      expect(issued.status).toBe(201);
      expect(tracked.status).toBe(200);
      expect(logins.map((reply) => reply.status)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(logins[5].body).toMatchObject({ code: 'too_many_logins' });
      const fallbacks = (labels: Record<string, string>) =>
        total(after, 'loket_rate_limit_store_fallbacks_total', labels) - total(before, 'loket_rate_limit_store_fallbacks_total', labels);
      expect(fallbacks({ rule: 'issue', fallback: 'memory' })).toBeGreaterThanOrEqual(1);
      expect(fallbacks({ rule: 'track', fallback: 'open' })).toBeGreaterThanOrEqual(1);
      expect(fallbacks({ rule: 'login', fallback: 'memory' })).toBeGreaterThanOrEqual(6);
      expect(fallbacks({ rule: 'loginFailures', fallback: 'memory' })).toBeGreaterThanOrEqual(5);
    } finally {
      proxy.resume();
    }

    // Back to the shared store by itself once Redis answers again: fallbacks stop growing.
    await eventually('the limiter to use Redis again', async () => {
      const settled = await metrics();
      await send(`/tickets/track/${'A'.repeat(8)}`);
      return total(await metrics(), 'loket_rate_limit_store_fallbacks_total', {}) === total(settled, 'loket_rate_limit_store_fallbacks_total', {});
    });
  });
});
