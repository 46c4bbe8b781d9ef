import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { MAKLUMAT_TEMPLATE, type OfficeStandardsView, missingComponents } from '@loket/domain';
import { client } from './support/http.js';
import { type TestApp, onPostgres, START_TIMEOUT_MS, startTestApp } from './support/test-app.js';

/** A database of its own for this file on PostgreSQL, so "first start on an empty database" really is. */
async function freshDatabaseUrl(): Promise<{ url: string | null; drop(): Promise<void> }> {
  if (!onPostgres) return { url: null, drop: async () => undefined };
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `loket_seed_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('first start on an empty database', () => {
  let t: TestApp;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;

  beforeAll(async () => {
    database = await freshDatabaseUrl();
    t = await startTestApp({ seedDemo: true, databaseUrl: database.url, jwtSecret: null, freshDataFolder: true });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('seeds the demo office with its services, six counters and one priority counter', async () => {
    const api = client(t.url);

    const offices = (await api.get('/offices')).body;
    const services = (await api.get(`/offices/${offices[0].slug}/services`)).body;
    const board = (await api.get(`/offices/${offices[0].slug}/board`)).body;

    expect(offices).toHaveLength(1);
    expect(offices[0]).toMatchObject({ slug: 'mpp-kota-harapan', timeZone: 'Asia/Jakarta' });
    expect(services.length).toBeGreaterThanOrEqual(4);
    expect(services[0].standard).toMatchObject({ maxWaitMinutes: expect.any(Number), costRupiah: 0 });
    expect(board.counters).toHaveLength(6);
    expect(board.counters.filter((counter: { priorityOnly: boolean }) => counter.priorityOnly)).toHaveLength(1);
  });

  it('publishes a complete standard for every demo service, and the office’s maklumat', async () => {
    const page = (await client(t.url).get<OfficeStandardsView>('/offices/mpp-kota-harapan/standards')).body;
    expect(page.services.map((service) => service.code)).toEqual(['A', 'B', 'C', 'D', 'PL']);
    expect(page.services.map((service) => [service.code, missingComponents(service)])).toEqual(page.services.map((service) => [service.code, []]));
    expect(page.maklumat).toMatchObject({ version: 1, text: MAKLUMAT_TEMPLATE, signedOn: '2025-01-02', recordedBy: null });
  });

  it('lets every demo account log in with the demo password, and shows who they are', async () => {
    const api = client(t.url);

    for (const username of ['admin', 'supervisor', 'petugas1', 'petugas6']) {
      const login = await api.post('/auth/login', { username, password: 'demo-password-for-tests' });
      expect(login.status).toBe(200);
      const me = await api.get('/auth/me', login.body.accessToken);
      expect(me.body).toMatchObject({ username, officeIds: [expect.any(String)] });
    }
    expect((await api.post('/auth/login', { username: 'admin', password: 'wrong' })).status).toBe(401);
  });

  it('writes the demo passwords to a file only its owner can read, and keeps the token secret there too', async () => {
    const accounts = join(t.dataDir, 'demo-accounts.txt');

    expect((await stat(accounts)).mode & 0o777).toBe(0o600);
    expect(await readFile(accounts, 'utf8')).toContain('petugas6\tdemo-password-for-tests');
    expect((await stat(join(t.dataDir, 'secrets', 'jwt-secret'))).mode & 0o777).toBe(0o600);
  });

  it('pairs a demo kiosk, so the demo kiosk issues as its office’s device and not as an anonymous client', async () => {
    const api = client(t.url);
    const file = await readFile(join(t.dataDir, 'demo-accounts.txt'), 'utf8');
    const code = /^kiosk\t([A-Z0-9-]+)\t\/kiosk#pair=\1$/m.exec(file)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);

    const admin = (await api.post('/auth/login', { username: 'admin', password: 'demo-password-for-tests' })).body.accessToken;
    const office = (await api.get('/offices')).body[0];
    const settings = (await api.get(`/admin/offices/${office.id}/kiosks`, admin)).body;
    expect(settings).toMatchObject({ anonymousIssue: true, kiosks: [{ name: 'Kios demo', revokedAt: null }] });
    // The token is the kiosk's: a ticket asked with it is the paired kiosk's, not refused as unpaired.
    const services = (await api.get(`/offices/${office.slug}/services`)).body;
    const reply = await api.post(`/offices/${office.slug}/tickets`, { serviceId: services[0].id }, undefined, { 'x-kiosk-token': code!.toLowerCase() });
    expect(reply.body?.code).not.toBe('kiosk_not_paired');
  });

  it('stores passwords only as Argon2id hashes', async () => {
    const rows = await t.db.query(`SELECT password_hash FROM staff`);

    expect(rows.length).toBe(8);
    expect(rows.every((row: { password_hash: string }) => row.password_hash.startsWith('$argon2id$'))).toBe(true);
  });

  it('serves the OpenAPI document describing the routes', async () => {
    const reply = await fetch(`${t.url}/api/docs/openapi.json`);
    const document = (await reply.json()) as { paths: Record<string, unknown> };

    expect(reply.status).toBe(200);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/offices/{slug}/tickets',
        '/api/v1/counters/{id}/call-next',
        '/api/v1/tickets/track/{trackingCode}',
        '/api/v1/auth/login',
      ]),
    );
  });
});
