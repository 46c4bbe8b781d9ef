import { hashPassword } from '../src/auth/password.js';
import { useTestApp } from './support/test-app.js';

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
});
