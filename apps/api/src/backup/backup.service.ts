import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig, type BackupSchedule, defaultBackupSchedule } from '../config/app-config.js';
import { embeddedBehind } from '../database/embedded-postgres.js';
import { backupTakenAt, listBackups, pruneBackups } from './backup-files.js';
import { backupEmbedded, backupPostgres } from './take-backup.js';

/** Written by the API on the embedded database, so `npm run backup` can ask it for a backup (SIGUSR2). */
export function apiPidFile(dataDir: string): string {
  return join(dataDir, 'run', 'api.pid');
}

/** Where `npm run backup` leaves a request before signalling, and finds the answer (`<id>.done`, JSON). */
export function backupRequestsFolder(dataDir: string): string {
  return join(dataDir, 'run', 'backup-requests');
}

export interface BackupRequestAnswer {
  file?: string;
  error?: string;
}

/** How often the scheduler looks whether a backup is due; the first look is a minute after start. */
const LOOK_EVERY_MS = 10 * 60_000;
const FIRST_LOOK_MS = 60_000;
/** Tries at the embedded database's one connection: a busy office may hold it past DATABASE_EMBEDDED_WAIT_MS. */
const CONNECTION_TRIES = 6;

/**
 * The API's backups into DATA_DIR/backups: on a schedule (BACKUP_EVERY_HOURS, keeping the
 * newest BACKUP_KEEP), and at once on SIGUSR2, which is how `npm run backup` gets one while
 * the API holds the embedded database. One backup at a time.
 */
@Injectable()
export class BackupService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Backup');
  private readonly schedule: BackupSchedule;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private running: Promise<string> | null = null;
  private readonly onSignal = () => void this.answerRequests();
  private pidWritten = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.schedule = config.backup ?? defaultBackupSchedule(Boolean(config.databaseUrl));
  }

  async onApplicationBootstrap(): Promise<void> {
    process.on('SIGUSR2', this.onSignal);
    if (embeddedBehind(this.dataSource)) {
      await writeFile(apiPidFile(this.config.dataDir), `${process.pid}\n`, { mode: 0o600 });
      this.pidWritten = true;
    }
    if (this.schedule.everyHours > 0) {
      const look = () => void this.scheduledTick().catch((error: unknown) => this.logger.error(`Scheduled backup failed: ${String(error)}`));
      const first = setTimeout(() => {
        look();
        const every = setInterval(look, Math.min(LOOK_EVERY_MS, this.schedule.everyHours * 3_600_000));
        every.unref();
        this.timers.push(every);
      }, FIRST_LOOK_MS);
      first.unref();
      this.timers.push(first);
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    process.off('SIGUSR2', this.onSignal);
    // The database closes after this: a backup under way finishes first.
    await this.running?.catch(() => undefined);
    if (this.pidWritten) await rm(apiPidFile(this.config.dataDir), { force: true });
  }

  /** Takes a backup now (or waits for the one under way) and returns its path. */
  backupNow(): Promise<string> {
    if (!this.running) {
      this.running = this.take().finally(() => (this.running = null));
    }
    return this.running;
  }

  /**
   * Takes a backup when the newest in the folder is older than the schedule's interval (or
   * there is none), then keeps only the newest BACKUP_KEEP. Returns the new file, or null.
   */
  async scheduledTick(now: Date = this.clock.now()): Promise<string | null> {
    if (this.schedule.everyHours <= 0) return null;
    const newest = (await listBackups(this.config.dataDir))
      .map(backupTakenAt)
      .filter((at): at is Date => at !== null)
      .reduce<Date | null>((latest, at) => (!latest || at > latest ? at : latest), null);
    if (newest && now.getTime() - newest.getTime() < this.schedule.everyHours * 3_600_000) return null;
    const file = await this.backupNow();
    const pruned = await pruneBackups(this.config.dataDir, this.schedule.keep);
    if (pruned.length) this.logger.log(`Deleted ${pruned.length} old backup(s), keeping the newest ${this.schedule.keep}: ${pruned.join(', ')}`);
    return file;
  }

  private async take(): Promise<string> {
    const started = Date.now();
    const at = this.clock.now();
    const embedded = embeddedBehind(this.dataSource);
    let file: string;
    if (embedded) {
      // Holding the pool's only connection: no request's transaction is open while the engine is copied.
      const runner = this.dataSource.createQueryRunner();
      for (let attempt = 1; ; attempt++) {
        try {
          await runner.connect();
          break;
        } catch (error) {
          if (attempt >= CONNECTION_TRIES) throw error;
        }
      }
      try {
        file = await backupEmbedded(this.config.dataDir, embedded, at);
      } finally {
        await runner.release();
      }
    } else {
      file = await backupPostgres(this.config.dataDir, this.config.databaseUrl!, at);
    }
    this.logger.log(`Backup written to ${file} in ${Date.now() - started} ms`);
    return file;
  }

  /** SIGUSR2: one backup for every request waiting in run/backup-requests, each answered in `<id>.done`. */
  private async answerRequests(): Promise<void> {
    const folder = backupRequestsFolder(this.config.dataDir);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const waiting = (await readdir(folder)).filter((name) => /^[a-f0-9]{16}$/.test(name));
    let answer: BackupRequestAnswer;
    try {
      answer = { file: await this.backupNow() };
    } catch (error) {
      this.logger.error(`Backup asked for by SIGUSR2 failed: ${String(error)}`);
      answer = { error: error instanceof Error ? error.message : String(error) };
    }
    for (const id of waiting) {
      await writeFile(join(folder, `${id}.done`), JSON.stringify(answer), { mode: 0o600 });
      await rm(join(folder, id), { force: true });
    }
  }
}
