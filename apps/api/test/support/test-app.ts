import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { ManualClock } from '../../src/clock/clock.js';
import type { AppConfig, WebhookSettings } from '../../src/config/app-config.js';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../../src/database/data-source-options.js';
import { type RateLimitConfig, defaultRateLimits } from '../../src/rate-limit/rate-limit-config.js';
import { type Client, client } from './http.js';
import { copyPgliteTemplate } from './pglite-template.js';

export interface TestApp {
  app: INestApplication;
  url: string;
  clock: ManualClock;
  db: DataSource;
  jwt: JwtService;
  dataDir: string;
  close(): Promise<void>;
}

/** Which database the integration tests run on: PostgreSQL when DATABASE_URL is set, else PGlite. */
export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * PGlite's wait for its one connection in the tests: the suites fire bursts of hundreds of
 * requests at once (concurrency.spec) on a machine that may be shared and loaded, where the
 * product's 10 s would turn slowness into 503s. embedded-wait.spec tests the bound itself.
 */
const TEST_EMBEDDED_WAIT_MS = 120_000;

export interface TestAppOptions {
  seedDemo?: boolean;
  databaseUrl?: string | null;
  redisUrl?: string | null;
  jwtSecret?: string | null;
  start?: string;
  rateLimits?: RateLimitConfig;
  corsOrigins?: string[];
  /** METRICS_TOKEN; absent = unset. */
  metricsToken?: string | null;
  /** NODE_ENV=production; absent = development. */
  production?: boolean;
  /** DATABASE_*_MS; absent = the product's defaults, but for TEST_EMBEDDED_WAIT_MS. */
  databaseTimeouts?: Partial<DatabaseTimeouts>;
  /** MIGRATION_DATABASE_URL (PostgreSQL); absent = unset. */
  migrationDatabaseUrl?: string | null;
  /** MIGRATE_ON_START; absent = true. */
  migrateOnStart?: boolean;
  /** BACKUP_EVERY_HOURS and BACKUP_KEEP; absent = no scheduled backups (a test takes its own). */
  backup?: { everyHours: number; keep: number };
  /** On PGlite, let the product create and migrate its data folder itself instead of starting on a copy of a migrated one. */
  freshDataFolder?: boolean;
  /** PUSH_ALLOW_LOCAL_ENDPOINTS: keep push subscriptions to a local http receiver; absent = false. */
  pushAllowLocal?: boolean;
  /** WEBHOOK_*; absent = no dispatcher timer (a test dispatches with WebhookDispatcher.drain), the product's other defaults. */
  webhooks?: Partial<WebhookSettings>;
  /**
   * The share of time the forecast's replays may take (AppConfig `forecastReplayShare`); absent = 1:
   * every refresh replays the office, so each estimate is the replays' median of the office as it is,
   * never one carried from an earlier replay because the last one ran a few milliseconds ago.
   */
  forecastReplayShare?: number;
  /** Built apps to serve as the product does (`CreateAppOptions.webRoots`); absent = none. */
  webRoots?: { display: string; counter: string };
}

/**
 * Starts the real product (HTTP, socket.io, database) on a free port, with a manual
 * clock. On PGlite each test file gets its own data folder, a copy of one migrated once
 * (see pglite-template.ts); on PostgreSQL they share the database named by DATABASE_URL
 * and keep apart by each creating its own office.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'loket-test-'));
  const config: AppConfig = {
    port: 0,
    dataDir,
    databaseUrl: options.databaseUrl === undefined ? (process.env.DATABASE_URL ?? null) : options.databaseUrl,
    redisUrl: options.redisUrl ?? null,
    // One secret for every instance a test starts, as a real multi-instance deployment sets JWT_SECRET.
    jwtSecret: options.jwtSecret === undefined ? 'integration-test-secret' : options.jwtSecret,
    demoPassword: 'demo-password-for-tests',
    seedDemo: options.seedDemo ?? false,
    production: options.production ?? false,
    metricsToken: options.metricsToken ?? null,
    // Off unless a test asks: the other suites fire bursts a real kiosk never would.
    rateLimits: options.rateLimits ?? defaultRateLimits(false),
    corsOrigins: options.corsOrigins ?? [],
    // A commit's fsync costs little on an idle disk but seconds a test on a busy one; the
    // data folder is thrown away, and embedded-durability.spec checks the product's default.
    embeddedDurable: false,
    // The counter sweep runs when a test calls it, at the manual clock's time, never on a timer.
    counterSweepSeconds: 0,
    // No ANALYZE on a timer: a test that counts the statements sent would see it (claim-plan.spec analyzes itself).
    statisticsSeconds: 0,
    backup: options.backup ?? { everyHours: 0, keep: 7 },
    databaseTimeouts: { ...DEFAULT_DATABASE_TIMEOUTS, embeddedWaitMs: TEST_EMBEDDED_WAIT_MS, ...options.databaseTimeouts },
    migrationDatabaseUrl: options.migrationDatabaseUrl ?? null,
    migrateOnStart: options.migrateOnStart ?? true,
    push: { vapidKeys: null, vapidSubject: 'mailto:tests@loket.invalid', allowLocalEndpoints: options.pushAllowLocal ?? false },
    webhooks: { dispatchIntervalMs: 0, ...options.webhooks },
    // An estimate a test reads is the office's as it is, not one carried over depending on timing.
    forecastReplayShare: options.forecastReplayShare ?? 1,
  };
  // Monday 30 November 2026, 08:00 in Jakarta.
  const clock = new ManualClock(options.start ?? '2026-11-30T01:00:00.000Z');
  if (config.databaseUrl === null && !options.freshDataFolder) {
    await copyPgliteTemplate(dataDir, async (templateDir) => {
      const { app } = await createApp({ config: { ...config, dataDir: templateDir, seedDemo: false, migrateOnStart: true }, clock, logger: false });
      await app.close();
    });
  }
  // A refused start rejects here (and the test sees why) rather than ending Jest's process.
  const { app } = await createApp({ config, clock, logger: false, abortOnError: false, webRoots: options.webRoots }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    clock,
    db: app.get(DataSource),
    jwt: app.get(JwtService),
    dataDir,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starting the product can take long on a busy machine: the first file of a run also builds
 * the migrated PGlite template (initdb). The tests themselves keep the shorter timeout.
 */
export const START_TIMEOUT_MS = 180_000;

/** The app of one test file, usable from its hooks and tests once it has started. */
export interface TestAppHandle extends TestApp {
  /** A client for this app; it finds the app's address at each request, so it can be taken before the app starts. */
  readonly api: Client;
}

/**
 * One running product for the whole describe block it is called in: started before its
 * first test, closed after its last. Tests keep apart by creating their own office (see
 * `useOffice`), not by starting apps of their own, so a file pays the start-up once.
 *
 *     const t = useTestApp();
 *     const office = useOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
 *     it('…', async () => expect((await t.api.get(`/offices/${office.slug}/board`)).status).toBe(200));
 */
/** The Redis the scale-out tests put two instances behind (CI and development machines run one here). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two API instances on one database behind one Redis, started once for the suite: what a
 * load-balanced deployment runs. PostgreSQL only: PGlite is one process's database. A test
 * takes them as `const { a, b } = instances`.
 */
export function useTwoInstances(options: TestAppOptions = {}): { readonly a: TestApp; readonly b: TestApp } {
  const pair: { a?: TestApp; b?: TestApp } = {};
  beforeAll(async () => {
    [pair.a, pair.b] = await Promise.all([startTestApp({ redisUrl: REDIS_URL, ...options }), startTestApp({ redisUrl: REDIS_URL, ...options })]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([pair.a?.close(), pair.b?.close()]);
  });
  return {
    get a() {
      return pair.a!;
    },
    get b() {
      return pair.b!;
    },
  };
}

export function useTestApp(options: TestAppOptions = {}): TestAppHandle {
  let started: TestApp | null = null;
  beforeAll(async () => {
    started = await startTestApp(options);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await started?.close();
    started = null;
  });
  const current = (): TestApp => {
    if (!started) throw new Error('The test app starts in beforeAll: use it inside a hook or a test, not while the tests are being declared.');
    return started;
  };
  return {
    get app() {
      return current().app;
    },
    get url() {
      return current().url;
    },
    get clock() {
      return current().clock;
    },
    get db() {
      return current().db;
    },
    get jwt() {
      return current().jwt;
    },
    get dataDir() {
      return current().dataDir;
    },
    close: () => current().close(),
    api: client(() => current().url),
  };
}
