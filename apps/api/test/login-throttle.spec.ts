import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { hashPassword } from '../src/auth/password.js';
import { defaultRateLimits } from '../src/rate-limit/rate-limit-config.js';
import type { Client } from './support/http.js';
import { type TestAppHandle, useTestApp } from './support/test-app.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function createAccount(t: TestAppHandle): Promise<string> {
  const username = `petugas-${randomBytes(4).toString('hex')}`;
  await t.db.query(`INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Petugas Uji', 'officer', $2, $3)`, [
    username,
    await hashPassword('benar-sekali'),
    t.clock.now(),
  ]);
  return username;
}

/**
 * 40 logins for one username from one address at once, 39 wrong and 1 right. The attempt
 * must be counted before its password is checked, or every one of them is checked (and the
 * right one gets in) before the first failure is counted.
 */
async function parallelGuesses(api: Client, username: string): Promise<number[]> {
  const passwords = Array.from({ length: 40 }, (_, i) => (i === 20 ? 'benar-sekali' : `salah-${i}`));
  const replies = await Promise.all(passwords.map((password) => api.post('/auth/login', { username, password })));
  return replies.map((reply) => reply.status);
}

function expectAtMostFiveChecked(statuses: number[]): void {
  const checked = statuses.filter((status) => status === 401 || status === 200);
  expect(checked.length).toBeLessThanOrEqual(5);
  expect(statuses.filter((status) => status === 429)).toHaveLength(statuses.length - checked.length);
}

describe('login throttling', () => {
  const t = useTestApp();
  const api = t.api;

  async function account(): Promise<string> {
    const username = `petugas-${Math.random().toString(36).slice(2, 10)}`;
    await t.db.query(`INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Petugas Uji', 'officer', $2, $3)`, [
      username,
      await hashPassword('benar-sekali'),
      t.clock.now(),
    ]);
    return username;
  }
  const login = (username: string, password: string) => api.post('/auth/login', { username, password });

  it('refuses a username after five wrong passwords with a clear 429, until the window passes', async () => {
    const username = await account();
    for (let i = 0; i < 5; i += 1) expect((await login(username, 'salah')).status).toBe(401);

    const refused = await login(username, 'benar-sekali');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'too_many_logins', details: { retryAfterSeconds: 900 } });
    expect(refused.body.message).toMatch(/Too many failed logins/);

    t.clock.advanceMinutes(16);
    expect((await login(username, 'benar-sekali')).status).toBe(200);
  });

  it('forgets earlier failures after a good login, and keeps other accounts apart', async () => {
    const username = await account();
    const other = await account();
    for (let i = 0; i < 4; i += 1) await login(username, 'salah');
    expect((await login(username, 'benar-sekali')).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login(username, 'salah')).status).toBe(401);
    expect((await login(other, 'benar-sekali')).status).toBe(200);
  });

  it('checks at most five passwords of 40 concurrent guesses for one username from one address', async () => {
    const username = await createAccount(t);
    expectAtMostFiveChecked(await parallelGuesses(api, username));
  });

  it('checks at most five current passwords of 40 concurrent password changes', async () => {
    const username = await createAccount(t);
    const token = (await login(username, 'benar-sekali')).body.accessToken as string;
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => api.post('/auth/change-password', { currentPassword: `salah-${i}`, newPassword: 'kata-sandi-baru-2026' }, token)),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 403).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(35);
  });
});

describe('login throttling with the counters in Redis', () => {
  const prefix = `loket-test:rl:${randomBytes(4).toString('hex')}:`;
  const t = useTestApp({ redisUrl: REDIS_URL, rateLimits: defaultRateLimits(false, prefix) });

  afterAll(async () => {
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  });

  it('checks at most five passwords of 40 concurrent guesses for one username from one address', async () => {
    const username = await createAccount(t);
    expectAtMostFiveChecked(await parallelGuesses(t.api, username));
  });
});
