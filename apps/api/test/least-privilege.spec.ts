import { randomBytes } from 'node:crypto';
import { createOffice } from './support/fixtures.js';
import { client } from './support/http.js';
import { type TestApp, START_TIMEOUT_MS, onPostgres, startTestApp } from './support/test-app.js';
import { queryPostgres } from './faults/support/api-process.js';

// A placeholder on PGlite, where the suite is skipped: the addresses below are built as it is declared.
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://skipped@127.0.0.1/skipped';

/** The same server as DATABASE_URL, as another role and database. */
function urlAs(role: string, password: string, database: string): string {
  const url = new URL(DATABASE_URL);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * docs/operations.md, "Least privilege on PostgreSQL": the schema's owner runs the migrations,
 * the API runs as a role that reads and writes rows and can do nothing else. Each run makes
 * its own two roles and database on the test server, set up with the SQL the docs give, and
 * drops them after.
 *
 * PostgreSQL only: PGlite runs one session as its one superuser, inside the API's own
 * process, so it has no second role to run as.
 */
(onPostgres ? describe : describe.skip)('least privilege on PostgreSQL (skipped on PGlite: it has one role, the API itself)', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `loket_lp_${suffix}`;
  const owner = { role: `loket_owner_${suffix}`, password: randomBytes(12).toString('hex') };
  const app = { role: `loket_app_${suffix}`, password: randomBytes(12).toString('hex') };
  const ownerUrl = urlAs(owner.role, owner.password, database);
  const appUrl = urlAs(app.role, app.password, database);
  const superuserInDatabase = (() => {
    const url = new URL(DATABASE_URL);
    url.pathname = `/${database}`;
    return url.toString();
  })();

  beforeAll(async () => {
    // Once, as a superuser (docs/operations.md).
    await queryPostgres(DATABASE_URL, `CREATE ROLE ${owner.role} LOGIN PASSWORD '${owner.password}'`);
    await queryPostgres(DATABASE_URL, `CREATE DATABASE ${database} OWNER ${owner.role}`);
    await queryPostgres(DATABASE_URL, `CREATE ROLE ${app.role} LOGIN PASSWORD '${app.password}'`);
    await queryPostgres(superuserInDatabase, `ALTER SCHEMA public OWNER TO ${owner.role}`);
    await queryPostgres(superuserInDatabase, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await queryPostgres(superuserInDatabase, `GRANT USAGE ON SCHEMA public TO ${app.role}`);
    // Once, as the owner: every table and sequence its migrations make is the app role's to use.
    await queryPostgres(ownerUrl, `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app.role}`);
    await queryPostgres(ownerUrl, `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app.role}`);
  });
  afterAll(async () => {
    await queryPostgres(DATABASE_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await queryPostgres(DATABASE_URL, `DROP ROLE IF EXISTS ${app.role}`);
    await queryPostgres(DATABASE_URL, `DROP ROLE IF EXISTS ${owner.role}`);
  });

  const tables = () =>
    queryPostgres<{ tablename: string; tableowner: string }>(ownerUrl, `SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'`);

  it(
    'refuses to start as the app role on a schema it may not migrate, naming both ways out, and changes nothing',
    async () => {
      const refused = startTestApp({ databaseUrl: appUrl });
      await expect(refused).rejects.toThrow(/MIGRATION_DATABASE_URL/);
      await expect(refused).rejects.toThrow(/MIGRATE_ON_START=false/);
      await expect(refused).rejects.toThrow(/InitialSchema1764316800000/);
      expect(await tables()).toEqual([]);
    },
    START_TIMEOUT_MS,
  );

  it(
    'with MIGRATE_ON_START=false applies nothing and refuses to start while migrations are pending, naming them',
    async () => {
      const refused = startTestApp({ databaseUrl: appUrl, migrateOnStart: false });
      await expect(refused).rejects.toThrow(/MIGRATE_ON_START=false and \d+ migration\(s\) are pending: InitialSchema1764316800000, /);
      await expect(refused).rejects.toThrow(/CounterScheduledSince1764850000001/);
      expect(await tables()).toEqual([]);
    },
    START_TIMEOUT_MS,
  );

  describe('migrated as the owner through MIGRATION_DATABASE_URL, running as the app role', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ databaseUrl: appUrl, migrationDatabaseUrl: ownerUrl });
    }, START_TIMEOUT_MS);
    afterAll(async () => t?.close());

    it('owns every table by the owner, and serves as the app role', async () => {
      const owned = await tables();
      expect(owned.map((row) => row.tablename)).toEqual(expect.arrayContaining(['migrations', 'tickets', 'ticket_events', 'counters', 'audit_log']));
      expect(new Set(owned.map((row) => row.tableowner))).toEqual(new Set([owner.role]));
      expect(await t.db.query('SELECT current_user AS role')).toEqual([{ role: app.role }]);
    });

    it('issues, calls and finishes a ticket as the app role', async () => {
      const office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
      const api = client(t.url);
      const officer = office.officers[1].token;
      const issued = await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
      expect(issued.status).toBe(201);
      expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, officer)).status).toBe(200);
      const called = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer);
      expect(called.body).toMatchObject({ id: issued.body.id, status: 'called' });
      expect((await api.post(`/tickets/${issued.body.id}/start`, undefined, officer)).body.status).toBe('serving');
      expect((await api.post(`/tickets/${issued.body.id}/finish`, undefined, officer)).body.status).toBe('done');
      expect((await api.post(`/counters/${office.counters[1]}/close`, undefined, officer)).status).toBe(200);
    });

    it.each([
      ['TRUNCATE', 'TRUNCATE tickets CASCADE', /permission denied/],
      ['TRUNCATE of an append-only table', 'TRUNCATE audit_log', /permission denied/],
      ['CREATE', 'CREATE TABLE intruder (id int)', /permission denied for schema public/],
      ['ALTER', 'ALTER TABLE tickets ADD COLUMN intruder int', /must be owner of table tickets/],
      ['DROP', 'DROP TABLE audit_log', /must be owner of table audit_log/],
    ])('refuses %s to the app role', async (_what, sql, refusal) => {
      await expect(queryPostgres(appUrl, sql)).rejects.toThrow(refusal);
    });
  });

  it(
    'starts as the app role alone once nothing is pending, with MIGRATE_ON_START=false or neither setting',
    async () => {
      for (const options of [{ migrateOnStart: false }, {}]) {
        const t = await startTestApp({ databaseUrl: appUrl, ...options });
        try {
          expect((await client(t.url).get('/health/ready')).status).toBe(200);
        } finally {
          await t.close();
        }
      }
    },
    START_TIMEOUT_MS,
  );
});
