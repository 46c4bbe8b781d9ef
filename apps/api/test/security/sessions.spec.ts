import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { SessionRevoker } from '../../src/auth/session-revoker.js';
import { TOKEN_LIFETIME } from '../../src/auth/auth.module.js';
import { hashPassword } from '../../src/auth/password.js';
import { useTestApp } from '../support/test-app.js';

describe('staff sessions: expiry, password change, revocation', () => {
  const t = useTestApp();
  const api = t.api;

  async function account(password = 'kata-sandi-lama'): Promise<{ id: string; username: string }> {
    const username = `petugas-${randomBytes(4).toString('hex')}`;
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Petugas Uji', 'officer', $2, $3) RETURNING id`,
      [username, await hashPassword(password), t.clock.now()],
    );
    return { id: row.id, username };
  }
  const login = async (username: string, password: string) => (await api.post('/auth/login', { username, password })).body.accessToken as string;

  it('signs tokens that expire after the documented lifetime, and refuses an expired one', async () => {
    const { id, username } = await account();
    const token = await login(username, 'kata-sandi-lama');
    const claims = t.jwt.decode<{ iat: number; exp: number; ver: number }>(token);
    expect(TOKEN_LIFETIME).toBe('12h');
    expect(claims.exp - claims.iat).toBe(12 * 3600);
    expect(claims.ver).toBe(0);

    // Signed with the app's secret but already past its exp (the app's own signer always adds 12 h).
    const expired = await new JwtService({ secret: 'integration-test-secret' }).signAsync({
      sub: id,
      role: 'officer',
      ver: 0,
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    const refused = await api.get('/auth/me', expired);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/expired/);
  });

  it('changes the own password: the old password and every other session stop working, the new token works', async () => {
    const { username } = await account();
    const desk = await login(username, 'kata-sandi-lama');
    const tablet = await login(username, 'kata-sandi-lama');

    const changed = await api.post('/auth/change-password', { currentPassword: 'kata-sandi-lama', newPassword: 'kata-sandi-baru-2026' }, desk);
    expect(changed.status).toBe(200);
    expect(changed.body.staff.username).toBe(username);

    expect((await api.get('/auth/me', desk)).status).toBe(401);
    const other = await api.get('/auth/me', tablet);
    expect(other.status).toBe(401);
    expect(other.body.message).toMatch(/session has ended/);
    expect((await api.get('/auth/me', changed.body.accessToken)).status).toBe(200);

    expect((await api.post('/auth/login', { username, password: 'kata-sandi-lama' })).status).toBe(401);
    expect((await api.post('/auth/login', { username, password: 'kata-sandi-baru-2026' })).status).toBe(200);
  });

  it('refuses a wrong current password, a short or unchanged new one, and an anonymous caller, changing nothing', async () => {
    const { id, username } = await account();
    const token = await login(username, 'kata-sandi-lama');
    const [before] = await t.db.query<{ password_hash: string; token_version: number }[]>('SELECT password_hash, token_version FROM staff WHERE id = $1', [id]);

    const wrong = await api.post('/auth/change-password', { currentPassword: 'bukan-ini', newPassword: 'kata-sandi-baru-2026' }, token);
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('wrong_password');
    expect((await api.post('/auth/change-password', { currentPassword: 'kata-sandi-lama', newPassword: 'pendek' }, token)).status).toBe(400);
    const same = await api.post('/auth/change-password', { currentPassword: 'kata-sandi-lama', newPassword: 'kata-sandi-lama' }, token);
    expect(same.body.code).toBe('password_unchanged');
    expect((await api.post('/auth/change-password', { currentPassword: 'kata-sandi-lama', newPassword: 'kata-sandi-baru-2026', extra: 1 }, token)).status).toBe(
      400,
    );
    expect((await api.post('/auth/change-password', { currentPassword: 'kata-sandi-lama', newPassword: 'kata-sandi-baru-2026' })).status).toBe(401);

    const [after] = await t.db.query<{ password_hash: string; token_version: number }[]>('SELECT password_hash, token_version FROM staff WHERE id = $1', [id]);
    expect(after).toEqual(before);
    expect((await api.get('/auth/me', token)).status).toBe(200);
  });

  it('locks the password change after five wrong current passwords, as login does', async () => {
    const { username } = await account();
    const token = await login(username, 'kata-sandi-lama');
    for (let i = 0; i < 5; i += 1)
      expect((await api.post('/auth/change-password', { currentPassword: `salah-${i}`, newPassword: 'kata-sandi-baru-2026' }, token)).status).toBe(403);
    const locked = await api.post('/auth/change-password', { currentPassword: 'kata-sandi-lama', newPassword: 'kata-sandi-baru-2026' }, token);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_logins');
    t.clock.advanceMinutes(16);
  });

  it('ends every session through SessionRevoker.endSessions (admin reset) and on deactivation', async () => {
    const { id, username } = await account();
    const token = await login(username, 'kata-sandi-lama');
    expect(await t.app.get(SessionRevoker).endSessions(id)).toBe(1);
    expect((await api.get('/auth/me', token)).status).toBe(401);
    expect(await t.app.get(SessionRevoker).endSessions('00000000-0000-4000-8000-000000000000')).toBeNull();

    const fresh = await login(username, 'kata-sandi-lama');
    expect(t.jwt.decode<{ ver: number }>(fresh).ver).toBe(1);
    expect((await api.get('/auth/me', fresh)).status).toBe(200);
    await t.db.query('UPDATE staff SET active = false WHERE id = $1', [id]);
    expect((await api.get('/auth/me', fresh)).status).toBe(401);
    expect((await api.post('/auth/login', { username, password: 'kata-sandi-lama' })).status).toBe(401);
  });

  it('answers a forged or malformed token with 401, never a server error', async () => {
    const { id } = await account();
    const cases = [
      await t.jwt.signAsync({ sub: 'not-a-uuid', role: 'admin' }),
      await t.jwt.signAsync({ sub: id, role: 'admin', ver: 'x' }),
      await t.jwt.signAsync({ sub: id, role: 'officer', ver: 7 }),
      `${(await t.jwt.signAsync({ sub: id, role: 'officer' })).slice(0, -4)}AAAA`,
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
      'x'.repeat(5000),
    ];
    for (const token of cases) expect((await api.get('/auth/me', token)).status).toBe(401);
  });
});
