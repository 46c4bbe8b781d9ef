import { BUNDLE_SQL, type BundlePlan, type Sql, type TablePlan, bundlePlan } from './office-bundle.repository.js';

/**
 * One office's data as a bundle, to move it to another database: from the embedded default to
 * a PostgreSQL server, or into a province's shared one (issue 20). A bundle is JSON lines: a
 * header (format, office, the migrations of its schema, the tables in insertion order), then
 * per table a marker and its rows as PostgreSQL's `row_to_json` prints them, then a trailer
 * with the count of every table. Rows are objects, the header, markers and trailer arrays.
 *
 * The export reads in one REPEATABLE READ snapshot, so a bundle taken while the office works
 * is consistent. The import is one transaction: it writes all of the office or nothing.
 */
export const BUNDLE_FORMAT = 'loket-office-bundle';
export const BUNDLE_VERSION = 1;
const FETCH_ROWS = 2_000;
const INSERT_ROWS = 1_000;

/** An export or import that must not go ahead; its message says why and what to do. */
export class BundleRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface BundleHeader {
  office: { id: string; slug: string; name: string };
  migrations: string[];
  exportedAt: string;
  tables: string[];
}

export interface BundleSummary {
  office: BundleHeader['office'];
  /** Rows per table, as the bundle holds them (and, after an import, as the target now has them for the office). */
  counts: Record<string, number>;
}

/** Writes the office's bundle line by line (`write` gets each line without its newline). */
export async function exportOffice(sql: Sql, slug: string, write: (line: string) => Promise<void>, now: Date = new Date()): Promise<BundleSummary> {
  await sql('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const [office] = await sql<{ id: string; slug: string; name: string }>(BUNDLE_SQL.office, [slug]);
    if (!office) throw new BundleRefusal('not_found', `No office with the slug "${slug}"`);
    const plan = await bundlePlan(sql);
    const migrations = (await sql<{ name: string }>(BUNDLE_SQL.migrations)).map((row) => row.name);
    const header: BundleHeader = { office, migrations, exportedAt: now.toISOString(), tables: plan.tables.map((table) => table.name) };
    await write(JSON.stringify([BUNDLE_FORMAT, BUNDLE_VERSION, header]));
    const counts: Record<string, number> = {};
    for (const table of plan.tables) {
      await write(JSON.stringify(['table', table.name]));
      counts[table.name] = 0;
      await sql(`DECLARE bundle_rows NO SCROLL CURSOR FOR ${table.select}`, [office.id]);
      for (;;) {
        const rows = await sql<{ row: string }>(`FETCH ${FETCH_ROWS} FROM bundle_rows`);
        for (const { row } of rows) await write(row);
        counts[table.name] += rows.length;
        if (rows.length < FETCH_ROWS) break;
      }
      await sql('CLOSE bundle_rows');
    }
    await write(JSON.stringify(['end', counts]));
    await sql('COMMIT');
    return { office, counts };
  } catch (error) {
    await sql('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

type Row = Record<string, unknown>;

/**
 * Reads a bundle and writes the office into the database `sql` reaches, whose schema must have
 * exactly the bundle's migrations applied. Refused, with nothing written: an office with the
 * same id or slug already there, a staff member's username taken by someone else, a bundle cut
 * short. Rows keep their ids but for identity numbers (event and audit ids, the issue order),
 * which the target hands out again in the same order, and the keys that point at them.
 */
export async function importOffice(sql: Sql, lines: AsyncIterable<string>): Promise<BundleSummary> {
  const reader = lines[Symbol.asyncIterator]();
  const first = await reader.next();
  const header = parseHeader(first.done ? null : first.value);
  const migrations = (await sql<{ name: string }>(BUNDLE_SQL.migrations)).map((row) => row.name);
  if (migrations.join('\n') !== header.migrations.join('\n')) {
    throw new BundleRefusal(
      'schema_mismatch',
      `The bundle's schema has ${header.migrations.length} migrations, ending ${header.migrations.at(-1)}; this database has ${migrations.length}, ending ${migrations.at(-1)}. ` +
        'Export and import with the same version of Loket.',
    );
  }
  await sql('BEGIN');
  try {
    const taken = await sql<{ slug: string }>(BUNDLE_SQL.officeTaken, [header.office.id, header.office.slug]);
    if (taken.length > 0) {
      throw new BundleRefusal(
        'office_exists',
        `This database already has the office "${taken[0].slug}" (by its id or its slug "${header.office.slug}"): nothing imported`,
      );
    }
    const plan = await bundlePlan(sql);
    const tables = new Map(plan.tables.map((table) => [table.name, table]));
    const missing = header.tables.filter((name) => !tables.has(name));
    if (missing.length > 0) throw new BundleRefusal('schema_mismatch', `This database has no table ${missing.join(', ')}`);
    const importer = new RowWriter(sql, header.office.id, plan);
    let table: TablePlan | null = null;
    let batch: Row[] = [];
    let trailer: Record<string, number> | null = null;
    const flush = async () => {
      if (table && batch.length > 0) await importer.insert(table, batch);
      batch = [];
    };
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      const line = next.value;
      if (line.trim() === '') continue;
      if (trailer) throw new BundleRefusal('bundle_damaged', 'The bundle has lines after its end');
      const value = parseLine(line);
      if (Array.isArray(value)) {
        await flush();
        if (value[0] === 'table' && typeof value[1] === 'string' && tables.has(value[1])) table = tables.get(value[1])!;
        else if (value[0] === 'end' && value[1] && typeof value[1] === 'object') trailer = value[1] as Record<string, number>;
        else throw new BundleRefusal('bundle_damaged', `The bundle has a line it should not: ${line.slice(0, 80)}`);
        continue;
      }
      if (!table) throw new BundleRefusal('bundle_damaged', 'The bundle has rows before its first table');
      batch.push(value);
      if (batch.length >= INSERT_ROWS) await flush();
    }
    if (!trailer) throw new BundleRefusal('bundle_damaged', 'The bundle ends before its last line: it was cut short (copy it again)');
    await importer.finish();
    const counts = await importer.counts();
    const differing = Object.keys({ ...trailer, ...counts }).filter((name) => (counts[name] ?? 0) !== (trailer![name] ?? 0));
    if (differing.length > 0) {
      throw new Error(
        `office import: the rows written differ from the bundle's counts (${differing.map((name) => `${name}: ${counts[name] ?? 0} of ${trailer![name] ?? 0}`).join(', ')}); nothing imported`,
      );
    }
    await sql('COMMIT');
    return { office: header.office, counts };
  } catch (error) {
    await sql('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function parseLine(line: string): Row | unknown[] {
  try {
    return JSON.parse(line) as Row | unknown[];
  } catch {
    throw new BundleRefusal('bundle_damaged', `The bundle has a line that is not JSON: ${line.slice(0, 80)}`);
  }
}

function parseHeader(line: string | null): BundleHeader {
  const value = line === null ? null : parseLine(line);
  if (!Array.isArray(value) || value[0] !== BUNDLE_FORMAT) throw new BundleRefusal('not_a_bundle', 'This file is not an office bundle of Loket');
  if (value[1] !== BUNDLE_VERSION)
    throw new BundleRefusal('schema_mismatch', `This bundle is of format version ${String(value[1])}; this Loket reads ${BUNDLE_VERSION}`);
  const header = value[2] as Partial<BundleHeader> | null;
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  const office = header?.office;
  if (
    typeof header !== 'object' ||
    header === null ||
    typeof office !== 'object' ||
    office === null ||
    ![office.id, office.slug, office.name].every((field) => typeof field === 'string') ||
    typeof header.exportedAt !== 'string' ||
    !strings(header.migrations) ||
    !strings(header.tables)
  ) {
    throw new BundleRefusal('bundle_damaged', "The bundle's first line does not name its office, schema and tables: nothing imported");
  }
  return header as BundleHeader;
}

/** Inserts a table's rows in batches, numbering identity columns again and following the keys that point at them. */
class RowWriter {
  /** Old → new value of each identity column another table's key points at ("outbox.id"). */
  private readonly renumbered = new Map<string, Map<string, number>>();
  private readonly pointedAt: Set<string>;
  /** Rows a trigger of another table changes while the import runs, to be set back at the end. */
  private readonly touched = new Map<string, Row[]>();

  constructor(
    private readonly sql: Sql,
    private readonly officeId: string,
    private readonly plan: BundlePlan,
  ) {
    this.pointedAt = new Set(
      plan.tables.flatMap((table) => table.foreignKeys.flatMap((key) => key.referencedColumns.map((column) => `${key.table}.${column}`))),
    );
  }

  async insert(table: TablePlan, rows: Row[]): Promise<void> {
    for (const column of table.identity) await this.renumber(table, column, rows);
    for (const key of table.foreignKeys) {
      key.columns.forEach((column, i) => {
        const map = this.renumbered.get(`${key.table}.${key.referencedColumns[i]}`);
        if (!map) return;
        for (const row of rows) if (row[column] !== null && row[column] !== undefined) row[column] = map.get(String(row[column])) ?? row[column];
      });
    }
    if (table.name === 'staff') await this.refuseTakenUsernames(rows);
    if (TOUCHED_BY_TRIGGERS.has(table.name)) this.touched.set(table.name, [...(this.touched.get(table.name) ?? []), ...rows]);
    const list = table.columns.join(', ');
    const overriding = table.identity.length > 0 ? ' OVERRIDING SYSTEM VALUE' : '';
    // A staff member already here by the same id (an admin moved with an earlier office of the same database) stays as they are.
    const conflict = table.name === 'staff' ? ' ON CONFLICT (id) DO NOTHING' : '';
    await this.sql(`INSERT INTO ${table.name} (${list})${overriding} SELECT ${list} FROM json_populate_recordset(NULL::${table.name}, $1::json)${conflict}`, [
      JSON.stringify(rows),
    ]);
    // The office's insert trigger gives a new office a first agency; the bundle brings the office's own.
    if (table.name === 'offices') await this.sql('DELETE FROM agencies WHERE office_id = $1', [this.officeId]);
  }

  /** After every table: what triggers of later tables changed in earlier ones, set back to the bundle's rows. */
  async finish(): Promise<void> {
    const templates = this.touched.get('checklist_templates');
    // Each checklist item inserted bumped its template's version (checklist_template_touch).
    if (templates && templates.length > 0) {
      await this.sql(
        'UPDATE checklist_templates t SET version = b.version FROM json_populate_recordset(NULL::checklist_templates, $1::json) b WHERE t.id = b.id',
        [JSON.stringify(templates)],
      );
    }
  }

  /** The office's rows per table in this database now (the import's own, inside its transaction). */
  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of this.plan.tables) {
      const [row] = await this.sql<{ count: number }>(`SELECT count(*)::int AS count FROM ${table.name} t WHERE ${table.where}`, [this.officeId]);
      counts[table.name] = row.count;
    }
    return counts;
  }

  private async renumber(table: TablePlan, column: string, rows: Row[]): Promise<void> {
    const old = rows.map((row) => Number(row[column])).sort((a, b) => a - b);
    const fresh = (await this.sql<{ value: string }>(BUNDLE_SQL.nextValues, [table.name, column, rows.length]))
      .map((row) => Number(row.value))
      .sort((a, b) => a - b);
    const map = new Map(old.map((value, i) => [String(value), fresh[i]]));
    for (const row of rows) row[column] = map.get(String(row[column]));
    const name = `${table.name}.${column}`;
    if (!this.pointedAt.has(name)) return;
    const kept = this.renumbered.get(name) ?? new Map<string, number>();
    for (const [from, to] of map) kept.set(from, to);
    this.renumbered.set(name, kept);
  }

  private async refuseTakenUsernames(rows: Row[]): Promise<void> {
    const taken = await this.sql<{ username: string }>(BUNDLE_SQL.usernamesTaken, [JSON.stringify(rows)]);
    if (taken.length > 0) {
      throw new BundleRefusal(
        'staff_username_taken',
        `Staff of this office have usernames someone else already has in this database: ${taken.map((row) => row.username).join(', ')}. ` +
          'Rename them on one side first; nothing imported.',
      );
    }
  }
}

/** Tables whose rows a trigger on another table changes during the import (see `RowWriter.finish`). */
const TOUCHED_BY_TRIGGERS = new Set(['checklist_templates']);
