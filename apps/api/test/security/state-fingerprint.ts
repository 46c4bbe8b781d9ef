import type { DataSource } from 'typeorm';

// Configuration an admin route could edit: small, so hashed whole, row by row.
const CONFIG_TABLES = [
  'offices',
  'agencies',
  'zones',
  'zone_agencies',
  'zone_counters',
  'services',
  'counters',
  'counter_services',
  'staff',
  'staff_offices',
  'checklist_templates',
  'checklist_items',
];

/**
 * A fingerprint of everything a request could change: the row count of every table (found
 * from the catalogue, so new tables are covered without editing this), the full content of
 * the configuration tables (office sequence numbers, token versions and password hashes
 * included), and the state of every ticket and counter session of the given offices.
 * Equal before and after a refused request = nothing changed.
 */
export async function stateFingerprint(db: DataSource, officeIds: string[]): Promise<string> {
  const tables = await tablesOf(db);
  const counts = tables.map((table) => `(SELECT count(*) FROM "${table}")::text`);
  const config = CONFIG_TABLES.filter((table) => tables.includes(table)).map(
    (table) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM "${table}" x)`,
  );
  const [row] = await db.query<{ fingerprint: string }[]>(
    `SELECT ${[...counts, ...config].join(` || ',' || `)}
      || '|' || (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM tickets t WHERE t.office_id = ANY($1::uuid[]))
      || '|' || (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM counter_sessions s JOIN counters c ON c.id = s.counter_id WHERE c.office_id = ANY($1::uuid[]))
      AS fingerprint`,
    [officeIds],
  );
  return row.fingerprint;
}

// The tables are read from the catalogue once per database connection: no request creates
// one, and the campaigns take thousands of fingerprints.
const tableLists = new WeakMap<DataSource, Promise<string[]>>();

function tablesOf(db: DataSource): Promise<string[]> {
  let tables = tableLists.get(db);
  if (!tables) {
    tables = db
      .query<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
      )
      .then((rows) => rows.map((row) => row.table_name));
    tableLists.set(db, tables);
  }
  return tables;
}
