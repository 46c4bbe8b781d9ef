/**
 * Which rows of which tables are one office's, read from the database's own catalog: the
 * office bundle (`npm run office-export` / `office-import`, issue 20) follows the foreign keys
 * from `offices`, so a table added by a later migration is carried without a list to keep up.
 * A table the keys do not tie to an office is an error at once, never a silent gap.
 */

/** One statement on the bundle's own connection (a QueryRunner, a pg.Client): all of an export or an import is one transaction. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export const BUNDLE_SQL = {
  tables: `SELECT c.relname::text AS name FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  columns: `SELECT c.relname::text AS "table", a.attname::text AS "column", a.attidentity <> '' AS identity, a.attgenerated <> '' AS generated
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`,
  keys: `SELECT t.relname::text AS "table", c.contype::text AS kind, f.relname::text AS "references",
      ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
      ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS "referencedColumns"
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid LEFT JOIN pg_class f ON f.oid = c.confrelid
    WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'f') ORDER BY 1, 2, 3, 4`,
  migrations: `SELECT name FROM migrations ORDER BY id`,
  office: `SELECT id, slug, name FROM offices WHERE slug = $1`,
  officeTaken: `SELECT slug FROM offices WHERE id = $1 OR slug = $2`,
  /** Staff of the bundle whose username another staff member of the target already has. */
  usernamesTaken: `SELECT s.username FROM staff s JOIN json_populate_recordset(NULL::staff, $1::json) b ON b.username = s.username AND b.id <> s.id ORDER BY 1`,
  /** Identity values the target hands out, in ascending order, for rows numbered again. */
  nextValues: `SELECT nextval(pg_get_serial_sequence($1, $2))::text AS value FROM generate_series(1, $3::int)`,
} as const;

/** The tables a bundle leaves out: the schema's own bookkeeping, and what triggers rebuild from the rows imported. */
export const NOT_BUNDLED: Record<string, string> = {
  migrations: 'the schema version: an import needs the same migrations applied, and checks it',
  service_waiting: "the waiting count per service, kept by the tickets' triggers as the tickets are inserted",
};

/** Orders a foreign key does not give: the outbox's push fan-out trigger must find no subscription yet (`push_fan_out`). */
const INSERTED_AFTER: Record<string, string[]> = { push_subscriptions: ['outbox'] };

export interface ForeignKey {
  columns: string[];
  table: string;
  referencedColumns: string[];
}

export interface TablePlan {
  name: string;
  columns: string[];
  /** Identity columns: the target numbers these rows again, in the same order (their values are the target's sequence's). */
  identity: string[];
  foreignKeys: ForeignKey[];
  /** The rows of the office: a condition on the table as `t`, `$1` the office id. */
  where: string;
  /** Export order: parents before the rows that point at them, identity values ascending. */
  select: string;
}

export interface BundlePlan {
  /** In insertion order: every table after the tables its rows point at. */
  tables: TablePlan[];
}

interface CatalogKey {
  table: string;
  kind: 'p' | 'f';
  references: string | null;
  columns: string[];
  referencedColumns: string[];
}

/** Reads the catalog and decides, for every table, which of its rows are the office's; throws on a table it cannot tie to one. */
export async function bundlePlan(sql: Sql): Promise<BundlePlan> {
  const names = (await sql<{ name: string }>(BUNDLE_SQL.tables)).map((row) => row.name).filter((name) => !(name in NOT_BUNDLED));
  const columns = await sql<{ table: string; column: string; identity: boolean; generated: boolean }>(BUNDLE_SQL.columns);
  const keys = await sql<CatalogKey>(BUNDLE_SQL.keys);
  const foreignKeys = (table: string): ForeignKey[] =>
    keys
      .filter((key) => key.table === table && key.kind === 'f' && key.references !== null && !(key.references in NOT_BUNDLED))
      .map((key) => ({ columns: key.columns, table: key.references!, referencedColumns: key.referencedColumns }));
  const primaryKey = (table: string): string[] => keys.find((key) => key.table === table && key.kind === 'p')?.columns ?? [];
  const columnsOf = (table: string) => columns.filter((column) => column.table === table && !column.generated);

  let aliases = 0;
  const whereOf = new Map<string, (alias: string) => string>();
  const resolving = new Set<string>();
  const condition = (table: string): ((alias: string) => string) => {
    const known = whereOf.get(table);
    if (known) return known;
    if (resolving.has(table)) throw new Error(`office bundle: the rows of ${table} lead back to themselves before reaching an office`);
    resolving.add(table);
    let where: (alias: string) => string;
    if (table === 'offices') where = (alias) => `${alias}.id = $1`;
    else if (table === 'staff') where = staffCondition();
    else if (columnsOf(table).some((column) => column.column === 'office_id')) where = (alias) => `${alias}.office_id = $1`;
    else {
      // Through the first key to a table of the office's: a slot is its service's, an answer its response's.
      const parent = foreignKeys(table).find((key) => key.table !== table && key.table !== 'staff');
      if (!parent)
        throw new Error(`office bundle: no foreign key ties the rows of ${table} to an office; say in NOT_BUNDLED why it is left out, or give it office_id`);
      const parentWhere = condition(parent.table);
      where = (alias) => {
        const inner = `p${++aliases}`;
        const tuple = (cols: string[], of: string) => `(${cols.map((column) => `${of}.${column}`).join(', ')})`;
        return `${tuple(parent.columns, alias)} IN (SELECT ${parent.referencedColumns.map((column) => `${inner}.${column}`).join(', ')} FROM ${parent.table} ${inner} WHERE ${parentWhere(inner)})`;
      };
    }
    resolving.delete(table);
    whereOf.set(table, where);
    return where;
  };
  // Staff belong to no office of their own: those assigned to it, and everyone its rows name (an admin in its audit trail).
  const staffCondition = (): ((alias: string) => string) => {
    const naming = names.flatMap((table) =>
      table === 'staff'
        ? []
        : foreignKeys(table)
            .filter((key) => key.table === 'staff')
            .map((key) => ({ table, column: key.columns[0] })),
    );
    return (alias) => {
      const parts = naming.map(({ table, column }) => {
        const inner = `s${++aliases}`;
        return `SELECT ${inner}.${column} FROM ${table} ${inner} WHERE ${condition(table)(inner)}`;
      });
      return `${alias}.id IN (${parts.join(' UNION ')})`;
    };
  };

  const plans = new Map<string, TablePlan>();
  for (const name of names) {
    const where = condition(name)('t');
    const identity = columnsOf(name)
      .filter((column) => column.identity)
      .map((column) => column.column);
    const self = foreignKeys(name).find((key) => key.table === name);
    plans.set(name, {
      name,
      columns: columnsOf(name).map((column) => column.column),
      identity,
      foreignKeys: foreignKeys(name),
      where,
      select: self ? selfOrderedSelect(name, where, self, primaryKey(name)) : orderedSelect(name, where, identity.length > 0 ? identity : primaryKey(name)),
    });
  }
  return { tables: insertionOrder(plans) };
}

function orderedSelect(table: string, where: string, order: string[]): string {
  const by = order.length > 0 ? ` ORDER BY ${order.map((column) => `t.${column}`).join(', ')}` : '';
  return `SELECT row_to_json(t)::text AS row FROM ${table} t WHERE ${where}${by}`;
}

/** A table whose rows point at rows of itself (a corrected checklist response at the one it corrects): the pointed-at first. */
function selfOrderedSelect(table: string, where: string, self: ForeignKey, key: string[]): string {
  if (self.columns.length !== 1 || key.length !== 1) throw new Error(`office bundle: ${table} points at itself through more than one column`);
  const [column] = self.columns;
  const [id] = key;
  return `WITH RECURSIVE depth AS (
      SELECT t.${id} AS key, 0 AS d FROM ${table} t WHERE ${where} AND t.${column} IS NULL
      UNION ALL SELECT c.${id}, depth.d + 1 FROM ${table} c JOIN depth ON c.${column} = depth.key)
    SELECT row_to_json(t)::text AS row FROM ${table} t JOIN depth ON depth.key = t.${id} ORDER BY depth.d, t.${id}`;
}

/** Kahn's order, by name among the tables ready at each step, so two exports of one schema list the tables alike. */
function insertionOrder(plans: Map<string, TablePlan>): TablePlan[] {
  const needs = new Map(
    [...plans.values()].map((plan) => [
      plan.name,
      new Set([...plan.foreignKeys.map((key) => key.table), ...(INSERTED_AFTER[plan.name] ?? [])].filter((table) => table !== plan.name && plans.has(table))),
    ]),
  );
  const ordered: TablePlan[] = [];
  while (needs.size > 0) {
    const ready = [...needs.entries()].filter(([, before]) => before.size === 0).map(([name]) => name);
    if (ready.length === 0) throw new Error(`office bundle: the foreign keys of ${[...needs.keys()].join(', ')} go round in a circle`);
    const next = ready.sort()[0];
    ordered.push(plans.get(next)!);
    needs.delete(next);
    for (const before of needs.values()) before.delete(next);
  }
  return ordered;
}
