import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TableStatisticsRepository } from './table-statistics.repository.js';

/** How often the statistics are looked at, where the API keeps them (absent from the config). */
export const DEFAULT_STATISTICS_SECONDS = 60;

/**
 * Keeps the planner's statistics current where nothing else does. Without them PostgreSQL
 * guesses: on a tickets table never analyzed it takes an office's waiting tickets for a
 * handful and claims the next one (TicketsRepository `claimNext`) by reading every one of
 * them through a bitmap and sorting, rather than taking the first from the ordered index
 * `tickets_waiting_due`: O(queue) per call, 40-50 ms at 20,000 waiting (test/repositories/
 * claim-plan.spec.ts). Autovacuum analyzes a table once enough of it has changed; the
 * embedded database (PGlite, one process, no background workers) never runs it, and a
 * PostgreSQL may have it turned off. There the API does what autovacuum would: every
 * `statisticsSeconds`, ANALYZE each table more than 50 rows + 10% changed since its last.
 */
@Injectable()
export class TableStatistics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TableStatistics');
  private timer: ReturnType<typeof setInterval> | undefined;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tables: TableStatisticsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seconds = this.config.statisticsSeconds ?? DEFAULT_STATISTICS_SECONDS;
    if (seconds <= 0) return;
    // On PostgreSQL with autovacuum on, its workers keep the statistics.
    if (this.config.databaseUrl && (await this.tables.autovacuumOn().catch(() => true))) return;
    const tick = () => void this.refresh().catch((error: unknown) => this.logger.error(`ANALYZE failed: ${String(error)}`));
    this.timer = setInterval(tick, seconds * 1000);
    this.timer.unref();
    tick();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** ANALYZE the tables whose statistics are behind; their names. */
  async refresh(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    try {
      const stale = await this.tables.stale();
      for (const table of stale) await this.tables.analyze(table);
      return stale;
    } finally {
      this.running = false;
    }
  }
}
