/**
 * Direct SQL on the product's database, before the API starts on it: PostgreSQL through
 * `pg`, or the embedded database's folder opened with PGlite while the API is stopped.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openSql(target: { databaseUrl: string } | { dataDir: string }): Promise<Sql> {
  if ('databaseUrl' in target) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    return { query: async (text, params) => (await client.query(text, params)).rows, close: () => client.end() };
  }
  const db = await PGlite.create(join(target.dataDir, 'pglite'));
  return { query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows, close: () => db.close() };
}

export interface BenchOffice {
  slug: string;
  serviceId: string;
  counters: { id: string; number: number; username: string }[];
}

/**
 * An office of `counters` counters all serving one service, each with its own officer, whose
 * password is the demo accounts' (their hash is copied). Admin endpoints may not exist, so
 * it is written straight into the tables, as the demo seed does.
 */
export async function createBenchOffice(sql: Sql, counters: number, run: string): Promise<BenchOffice> {
  const slug = `bench-${run}`;
  const [hash] = await sql.query<{ password_hash: string }>(`SELECT password_hash FROM staff WHERE username = 'petugas1'`);
  if (!hash) throw new Error('The demo accounts are missing: the API must have seeded the database first');
  await sql.query('BEGIN');
  try {
    const [office] = await sql.query<{ id: string }>(
      // No wait before a no-show: the storm frees each counter with one the moment it has called.
      `INSERT INTO offices (slug, name, time_zone, opening_hours, no_show_after_minutes, created_at) VALUES ($1, $2, 'Asia/Jakarta', $3, 0, now()) RETURNING id`,
      // No hours: open around the clock (issue 16). 00:00–23:59 every day would stop issuing at the
      // cut-off before 23:59 and on national holidays, whatever time the bench is run at.
      [slug, `Bench office ${run}`, '[]'],
    );
    const [service] = await sql.query<{ id: string }>(
      `INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, completion_time) VALUES ($1, 'A', 'Bench service', 30, 10, 'Langsung') RETURNING id`,
      [office.id],
    );
    const made: BenchOffice['counters'] = [];
    for (let number = 1; number <= counters; number += 1) {
      const [counter] = await sql.query<{ id: string }>(`INSERT INTO counters (office_id, number, name) VALUES ($1, $2, $3) RETURNING id`, [
        office.id,
        number,
        `Loket ${number}`,
      ]);
      await sql.query('INSERT INTO counter_services (counter_id, service_id) VALUES ($1, $2)', [counter.id, service.id]);
      const username = `b${run.replace(/[^a-z0-9]/g, '')}_${number}`;
      const [staff] = await sql.query<{ id: string }>(
        `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, $2, 'officer', $3, now()) RETURNING id`,
        [username, `Bench officer ${number}`, hash.password_hash],
      );
      await sql.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [staff.id, office.id]);
      made.push({ id: counter.id, number, username });
    }
    await sql.query('COMMIT');
    return { slug, serviceId: service.id, counters: made };
  } catch (error) {
    await sql.query('ROLLBACK');
    throw error;
  }
}

/**
 * Puts `count` tickets into the queue of the office's one service in one statement, each as
 * the API's issue statement writes it: numbered from the service-day counter, due after the
 * service's maximum wait, with its `issued` event under the office's next sequence number.
 * The serving cycle's queue is set-up, not measured: issued through the API one by one, each
 * answer carries a forecast of the whole queue, so 20,000 took minutes on a quiet machine and,
 * under load, the issuing slowed to ~10/s as the queue grew and ran into the database timeouts.
 * Run while the API has not touched the office yet: it reads the office afresh when it does.
 *
 * Then the two tables are analyzed, as the database (autovacuum) or the API (TableStatistics,
 * where autovacuum is off) does within a minute of so many rows changing. A real queue of 20,000
 * forms over hours, the statistics following it; one written in a second is, until the next
 * ANALYZE, an office the planner takes for empty (a new id, in no statistics). Served at once,
 * call-next's claim then walked the office's every ticket through the first index whose key
 * starts with office_id (tickets_idempotency_key_client) and sorted them, per call: 19,850 rows
 * per served ticket in the full bench of e04f033, which measured the minute after the seed and
 * not the serving (apps/api/test/repositories/claim-plan.spec.ts holds the plan once analyzed).
 */
export async function seedWaiting(sql: Sql, office: BenchOffice, count: number, issuedFrom: Date, serviceDay: string): Promise<void> {
  await sql.query(
    `WITH o AS (SELECT id FROM offices WHERE slug = $1),
     num AS (
       INSERT INTO ticket_number_counters AS c (service_id, service_day, last_number) VALUES ($2, $3, $4::int)
       ON CONFLICT (service_id, service_day) DO UPDATE SET last_number = c.last_number + $4::int
       RETURNING last_number - $4::int AS base
     ), bumped AS (
       UPDATE offices SET seq = seq + $4::int WHERE id = (SELECT id FROM o) RETURNING seq - $4::int AS base
     ), ticket AS (
       INSERT INTO tickets (office_id, service_id, issued_service_id, issued_code, service_day, number, status, issued_at, due_at, tracking_code)
       SELECT o.id, s.id, s.id, s.code, $3::date, num.base + g, 'waiting', $5::timestamptz + g * interval '1 millisecond',
              $5::timestamptz + g * interval '1 millisecond' + s.max_wait_minutes * interval '1 minute', 'BENCH-' || gen_random_uuid()
       FROM o, num, services s, generate_series(1, $4::int) g WHERE s.id = $2 ORDER BY g
       RETURNING id, number, issued_at
     )
     INSERT INTO ticket_events (ticket_id, office_id, type, at, actor_kind, service_id, payload, seq)
     SELECT ticket.id, (SELECT id FROM o), 'issued', ticket.issued_at, 'citizen', $2, '{"priority": null}', bumped.base + (ticket.number - num.base)
     FROM ticket, bumped, num`,
    [office.slug, office.serviceId, serviceDay, count, issuedFrom],
  );
  await sql.query('ANALYZE tickets, ticket_events');
}
