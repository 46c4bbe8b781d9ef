import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const TABLE_STATISTICS_SQL = {
  // The product's tables whose planner statistics are behind, by autovacuum's own default rule:
  // more than 50 rows plus a tenth of the table changed since the last ANALYZE (or never analyzed).
  stale: `SELECT relname AS name FROM pg_stat_user_tables
  WHERE schemaname = 'public' AND n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)
  ORDER BY n_mod_since_analyze DESC`,
  autovacuum: `SELECT current_setting('autovacuum') = 'on' AS on`,
} as const;

/** Which tables' statistics are behind, and ANALYZE for one. */
@Injectable()
export class TableStatisticsRepository {
  constructor(private readonly db: DataSource) {}

  async stale(): Promise<string[]> {
    return (await this.db.query<{ name: string }[]>(TABLE_STATISTICS_SQL.stale)).map((row) => row.name);
  }

  async autovacuumOn(): Promise<boolean> {
    const [row] = await this.db.query<{ on: boolean }[]>(TABLE_STATISTICS_SQL.autovacuum);
    return row.on;
  }

  /** ANALYZE one table; the name is one `stale` gave, quoted as an identifier all the same. */
  async analyze(table: string): Promise<void> {
    await this.db.query(`ANALYZE "${table.replaceAll('"', '""')}"`);
  }
}
