import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { hashPassword } from '../../src/auth/password.js';
import { ManualClock } from '../../src/clock/clock.js';
import { configFromEnv } from '../../src/config/app-config.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { type RateLimitConfig, defaultRateLimits, parseRateWindows } from '../../src/rate-limit/rate-limit-config.js';
import { MemoryRateLimitStore, RateLimitStore } from '../../src/rate-limit/rate-limit-store.js';
import { RateLimiter, TooManyRequests } from '../../src/rate-limit/rate-limiter.js';
import { createOffice, type OfficeFixture } from '../support/fixtures.js';
import { type TestApp, onPostgres, startTestApp, useTestApp } from '../support/test-app.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Raw fetch: these tests read headers, and pose as other client IPs through X-Forwarded-For (trusted from loopback). */
async function call(base: string, method: string, path: string, options: { body?: unknown; ip?: string; token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}/api/v1${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
}

function limits(overrides: Partial<Record<keyof RateLimitConfig['rules'], string>>, keyPrefix?: string): RateLimitConfig {
  const config = defaultRateLimits(true, keyPrefix);
  // These suites count the limits every client meets; the anonymous issue limit, on top of
  // them, is public-issue.spec.ts's subject, so it is set out of the way here.
  config.rules.issueAnonymous = parseRateWindows('10000/1m', 'issueAnonymous');
  for (const [rule, text] of Object.entries(overrides)) config.rules[rule as keyof RateLimitConfig['rules']] = parseRateWindows(text, rule);
  return config;
}

describe('rate-limit configuration', () => {
  it('reads RATE_LIMIT=off, custom windows, and refuses nonsense at start', () => {
    expect(configFromEnv({ RATE_LIMIT: 'off' }).rateLimits?.enabled).toBe(false);
    expect(configFromEnv({}).rateLimits?.enabled).toBe(true);
    expect(configFromEnv({ RATE_LIMIT_ISSUE: '10/30s,200/2h' }).rateLimits?.rules.issue).toEqual([
      { limit: 10, windowSeconds: 30 },
      { limit: 200, windowSeconds: 7200 },
    ]);
    expect(() => configFromEnv({ RATE_LIMIT: 'maybe' })).toThrow(/RATE_LIMIT must be "on" or "off"/);
    expect(() => configFromEnv({ RATE_LIMIT_TRACK: 'lots' })).toThrow(/RATE_LIMIT_TRACK must look like/);
    expect(() => configFromEnv({ CORS_ORIGINS: 'https://ok.example, not a url' })).toThrow(/CORS_ORIGINS/);
    expect(configFromEnv({ CORS_ORIGINS: 'https://a.example,http://b.example:8080' }).corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect([configFromEnv({}).trustProxy, configFromEnv({ TRUST_PROXY: 'uniquelocal' }).trustProxy, configFromEnv({ TRUST_PROXY: '1' }).trustProxy]).toEqual([
      'loopback',
      'uniquelocal',
      1,
    ]);
  });
});

describe('the limiter when its store fails', () => {
  class DownStore extends RateLimitStore {
    hit = () => Promise.reject(new Error('ECONNREFUSED'));
    peek = () => Promise.reject(new Error('ECONNREFUSED'));
    clear = () => Promise.reject(new Error('ECONNREFUSED'));
  }
  const down = (overrides: Parameters<typeof limits>[0]) =>
    new RateLimiter(new DownStore(), { rateLimits: limits(overrides) } as AppConfig, new ManualClock('2026-11-30T01:00:00.000Z'));

  it('lets tracking through rather than refusing every phone while Redis is down', async () => {
    const limiter = down({ track: '1/1m' });
    for (let i = 0; i < 3; i += 1) await expect(limiter.consume('track', '10.9.0.1')).resolves.toBeUndefined();
    expect((await limiter.storeFallbacks.get()).values).toEqual([{ labels: { rule: 'track', fallback: 'open' }, value: 3 }]);
  });

  it("keeps limiting issue and login in this instance's memory while Redis is down", async () => {
    const limiter = down({ issue: '1/1m' });
    await expect(limiter.consume('issue', '10.9.0.1|kantor')).resolves.toBeUndefined();
    await expect(limiter.consume('issue', '10.9.0.1|kantor')).rejects.toThrow(TooManyRequests);
    for (let i = 0; i < 5; i += 1) await expect(limiter.attempt('loginFailures', '10.9.0.1|petugas1')).resolves.toBe(0);
    await expect(limiter.attempt('loginFailures', '10.9.0.1|petugas1')).resolves.toBe(900);
    await expect(limiter.attempt('loginFailures', '10.9.0.1|petugas2')).resolves.toBe(0);
  });
});

describe('the default limits', () => {
  // The limiter with the product's defaults and its memory store, on the test clock: the
  // ticket route's own 429 (and that it counts per address and office) is checked over HTTP below.
  it('let one kiosk keep up with a busy office: a ticket every 5 s for 20 minutes, with bursts of 25 in a minute', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(new MemoryRateLimitStore(clock), { rateLimits: defaultRateLimits(true) } as AppConfig, clock);
    const kiosk = '10.1.0.10|kantor';
    let issued = 0;
    for (let minute = 0; minute < 20; minute += 1) {
      const burst = minute % 10 === 0 ? 25 : 12;
      for (let i = 0; i < burst; i += 1) {
        await expect(limiter.consume('issue', kiosk)).resolves.toBeUndefined();
        issued += 1;
      }
      clock.advanceMinutes(1);
    }
    expect(issued).toBe(2 * 25 + 18 * 12);
  });
});

describe('rate limits on one instance (memory store)', () => {
  const t = useTestApp({ rateLimits: limits({ track: '5/1m', survey: '3/1m', login: '8/1m' }) });
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A', dailyQuota: null }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
  }, 180_000);

  it('refuses the 31st ticket in a minute from one address with 429, Retry-After and the retry time; other offices and addresses go on', async () => {
    const ip = '10.1.0.11';
    const issue = (slug: string, from = ip) => call(t.url, 'POST', `/offices/${slug}/tickets`, { body: { serviceId: office.services.A }, ip: from });
    for (let i = 0; i < 30; i += 1) expect((await issue(office.slug)).status).toBe(201);
    const [before] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM tickets WHERE office_id = $1', [office.id]);

    const refused = await issue(office.slug);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'rate_limited',
      details: { retryAfterSeconds: Number(refused.retryAfter) },
    });
    expect(refused.body.message).toMatch(/try again in \d+ seconds/);
    const [after] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM tickets WHERE office_id = $1', [office.id]);
    expect(after.n).toBe(before.n);

    // Another kiosk, and the same kiosk address for another office, are counted apart.
    expect((await issue(office.slug, '10.1.0.12')).status).toBe(201);
    const other = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    expect((await call(t.url, 'POST', `/offices/${other.slug}/tickets`, { body: { serviceId: other.services.A }, ip })).status).toBe(201);

    t.clock.advanceMinutes(1);
    expect((await issue(office.slug)).status).toBe(201);
  });

  it('limits tracking and cancelling by address, malformed codes included', async () => {
    const ip = '10.1.0.20';
    const ticket = (await call(t.url, 'POST', `/offices/${office.slug}/tickets`, { body: { serviceId: office.services.B } })).body;
    expect((await call(t.url, 'GET', `/tickets/track/${ticket.trackingCode}`, { ip })).status).toBe(200);
    expect((await call(t.url, 'GET', `/tickets/track/not-a-code`, { ip })).status).toBe(400);
    expect((await call(t.url, 'GET', `/tickets/track/ABCDE-FGHJK-MNPQR-STUVW`, { ip })).status).toBe(404);
    expect((await call(t.url, 'GET', `/tickets/track/${ticket.trackingCode}`, { ip })).status).toBe(200);
    expect((await call(t.url, 'GET', `/tickets/track/${ticket.trackingCode}`, { ip })).status).toBe(200);

    const cancel = await call(t.url, 'POST', `/tickets/track/${ticket.trackingCode}/cancel`, { ip });
    expect(cancel.status).toBe(429);
    expect(cancel.retryAfter).not.toBeNull();
    const [row] = await t.db.query<{ status: string }[]>('SELECT status FROM tickets WHERE id = $1', [ticket.id]);
    expect(row.status).toBe('waiting');
    expect((await call(t.url, 'GET', `/tickets/track/${ticket.trackingCode}`, { ip: '10.1.0.21' })).status).toBe(200);
  });

  it('limits survey submissions by address', async () => {
    const ip = '10.1.0.30';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(t.url, 'POST', `/tickets/track/ABCDE-FGHJK-MNPQR-STUVW/survey`, { body: {}, ip })).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  describe('login', () => {
    const password = 'benar-sekali-123';
    async function account(): Promise<string> {
      const username = `petugas-${randomBytes(4).toString('hex')}`;
      await t.db.query(`INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Petugas Uji', 'officer', $2, $3)`, [
        username,
        await hashPassword(password),
        t.clock.now(),
      ]);
      return username;
    }
    const login = (username: string, pass: string, ip: string) => call(t.url, 'POST', '/auth/login', { body: { username, password: pass }, ip });

    it('counts every attempt per address: the 9th in a minute is refused with Retry-After, whatever the usernames', async () => {
      const ip = '10.2.0.1';
      for (let i = 0; i < 8; i += 1) expect((await login(`tidak-ada-${i}`, 'x', ip)).status).toBe(401);
      const refused = await login('tidak-ada-9', 'x', ip);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      t.clock.advanceMinutes(1);
    });

    it('locks a username only from the address that guessed wrong: the owner logs in from their desk', async () => {
      const username = await account();
      for (let i = 0; i < 5; i += 1) expect((await login(username, 'salah', '10.2.0.66')).status).toBe(401);
      const locked = await login(username, password, '10.2.0.66');
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'too_many_logins', details: { retryAfterSeconds: 900 } });
      expect(locked.retryAfter).toBe('900');
      expect(locked.body.message).toMatch(/try again in 15 minutes/);

      expect((await login(username, password, '10.2.0.7')).status).toBe(200);
      t.clock.advanceMinutes(1);
    });

    it('answers an unknown user exactly as a wrong password', async () => {
      const username = await account();
      const wrong = await login(username, 'salah', '10.2.0.8');
      const unknown = await login(`${username}-x`, 'salah', '10.2.0.8');
      expect(unknown).toEqual(wrong);
      expect(unknown.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password' });
    });
  });
});

describe('rate limits switched off', () => {
  it('RATE_LIMIT=off lets a burst through that the defaults would refuse', async () => {
    const t = await startTestApp({ rateLimits: configFromEnv({ RATE_LIMIT: 'off' }).rateLimits });
    try {
      const office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
      const replies = await Promise.all(
        Array.from({ length: 40 }, () => call(t.url, 'POST', `/offices/${office.slug}/tickets`, { body: { serviceId: office.services.A }, ip: '10.3.0.1' })),
      );
      expect(replies.filter((reply) => reply.status === 201)).toHaveLength(40);
    } finally {
      await t.close();
    }
  });
});

// Two instances share counters through Redis; they need a shared database too, so PostgreSQL only.
(onPostgres ? describe : describe.skip)('rate limits across two API instances on one Redis', () => {
  const prefix = `loket-test:rl:${randomBytes(4).toString('hex')}:`;
  let a: TestApp;
  let b: TestApp;
  let redis: ReturnType<typeof createClient>;

  beforeAll(async () => {
    const config = limits({ issue: '6/1m', login: '50/1m' }, prefix);
    [a, b] = await Promise.all([startTestApp({ redisUrl: REDIS_URL, rateLimits: config }), startTestApp({ redisUrl: REDIS_URL, rateLimits: config })]);
    redis = createClient({ url: REDIS_URL });
    await redis.connect();
  }, 180_000);
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('counts requests to either instance against one limit, in keys of its own prefix that expire', async () => {
    const office = await createOffice(a, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const instance = i % 2 ? a : b;
      statuses.push((await call(instance.url, 'POST', `/offices/${office.slug}/tickets`, { body: { serviceId: office.services.A }, ip: '10.4.0.1' })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429, 429]);

    const keys = await redis.keys(`${prefix}issue:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toContain(office.slug);
    expect(await redis.get(keys[0])).toBe('8');
    const ttl = await redis.pTTL(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('shares the login lockout: five wrong passwords on A lock the username from that address on B', async () => {
    const username = `petugas-${randomBytes(4).toString('hex')}`;
    await a.db.query(`INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Petugas Uji', 'officer', $2, $3)`, [
      username,
      await hashPassword('benar-sekali-123'),
      a.clock.now(),
    ]);
    const login = (instance: TestApp, pass: string, ip = '10.4.0.2') => call(instance.url, 'POST', '/auth/login', { body: { username, password: pass }, ip });
    for (let i = 0; i < 5; i += 1) expect((await login(a, 'salah')).status).toBe(401);
    const locked = await login(b, 'benar-sekali-123');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_logins');
    expect(Number(locked.retryAfter)).toBeGreaterThan(890);
    expect((await login(b, 'benar-sekali-123', '10.4.0.3')).status).toBe(200);
  });
});
