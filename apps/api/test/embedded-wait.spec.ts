import type { QueryRunner } from 'typeorm';
import { createOffice, type OfficeFixture } from './support/fixtures.js';
import { onPostgres, useTestApp } from './support/test-app.js';

/**
 * PGlite's pool is one connection, so under load requests queue for it. One that cannot have
 * it within DATABASE_EMBEDDED_WAIT_MS is answered 503 database_unavailable with Retry-After,
 * as a PostgreSQL outage is, instead of waiting as long as the connection stays busy.
 *
 * PGlite only: PostgreSQL has a pool of ten, bounded by DATABASE_CONNECT_TIMEOUT_MS
 * (faults/database-freeze.spec.ts).
 */
(onPostgres ? describe.skip : describe)('waiting for the embedded database (skipped on PostgreSQL: its pool wait is database-freeze.spec)', () => {
  const t = useTestApp({ databaseTimeouts: { embeddedWaitMs: 2_000 } });
  let office: OfficeFixture;
  let holder: QueryRunner | null = null;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  });
  afterEach(async () => {
    await holder?.release();
    holder = null;
  });

  const issue = () =>
    fetch(`${t.url}/api/v1/offices/${office.slug}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: office.services.A }),
    });

  it('answers 503 database_unavailable with Retry-After while the one connection stays taken, and serves again once it is free', async () => {
    // A long transaction, as a slow report or a burst ahead in the queue would be: it holds the one connection.
    holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();

    const refused = await issue();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ statusCode: 503, code: 'database_unavailable' });

    await holder.commitTransaction();
    await holder.release();
    holder = null;
    const served = await issue();
    expect(served.status).toBe(201);
    // The refused request wrote nothing: the one ticket is the second request's.
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM tickets WHERE office_id = $1`, [office.id]);
    expect(count).toBe(1);
  });
});
