import { resolve } from 'node:path';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../database/data-source-options.js';
import { type RateLimitConfig, rateLimitsFromEnv } from '../rate-limit/rate-limit-config.js';

/** Everything the API reads from its environment, read once at start. */
export interface AppConfig {
  port: number;
  /** Embedded database, generated secrets and demo passwords live here. */
  dataDir: string;
  /** PostgreSQL server; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl: string | null;
  /**
   * MIGRATION_DATABASE_URL: the same database as the schema's owner. When set, migrations
   * run over a short-lived connection of this role, and the API itself uses `databaseUrl`,
   * which then needs no DDL rights (docs/operations.md, least privilege). PostgreSQL only.
   * Absent = null: migrations run as `databaseUrl`.
   */
  migrationDatabaseUrl?: string | null;
  /**
   * MIGRATE_ON_START: `false` applies no migration at start, and refuses to start while any
   * is pending (they are applied with `npm run migrate`). Absent = true.
   */
  migrateOnStart?: boolean;
  /** Turns on the socket.io Redis adapter so several API instances act as one. */
  redisUrl: string | null;
  jwtSecret: string | null;
  demoPassword: string | null;
  /** Seed the demo office on an empty database. */
  seedDemo: boolean;
  production: boolean;
  /** Request rate limits (RATE_LIMIT, RATE_LIMIT_*, LOGIN_LOCKOUT); absent = the defaults, on. */
  rateLimits?: RateLimitConfig;
  /** CORS_ORIGINS: other origins allowed to call the API from a browser; same-origin always works. */
  corsOrigins?: string[];
  /** TRUST_PROXY: Express "trust proxy" (addresses, `loopback`/`uniquelocal`, a hop count or `true`): whose X-Forwarded-For gives the client IP for rate limits. */
  trustProxy?: string | number | boolean;
  /**
   * METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>`. Unset: open in
   * development, refused (403) with NODE_ENV=production. Absent = unset.
   */
  metricsToken?: string | null;
  /**
   * Tests only, never read from the environment: `false` starts the embedded database
   * without fsync, for test data folders that are thrown away. Absent = durable.
   */
  embeddedDurable?: boolean;
  /**
   * COUNTER_SWEEP_SECONDS: how often the API pauses counters whose desk went silent and closes
   * those past their shift (absent: every 30 s; 0: never, the tests and the simulator sweep themselves).
   */
  counterSweepSeconds?: number;
  /**
   * How often the API analyzes the tables whose planner statistics are behind, on the embedded
   * database and on a PostgreSQL with autovacuum off (database/table-statistics.ts; absent:
   * every 60 s; 0: never, the tests analyze when they mean to). Not read from the environment.
   */
  statisticsSeconds?: number;
  /**
   * The share of the instance's time the wait forecast's replays may take per office
   * (forecast/wait-forecast.service.ts; absent: `WaitForecastService.REPLAY_SHARE`, 10%); a
   * refresh sooner than that allows carries the last replay's points and ranges. 1: every
   * refresh replays; 0: only an office's first, every later one carries. Tests only, so that a
   * point does not depend on timing; not read from the environment.
   */
  forecastReplayShare?: number;
  /**
   * BACKUP_EVERY_HOURS and BACKUP_KEEP: the API's own backups into DATA_DIR/backups
   * (docs/operations.md, backups). `everyHours` 0 = none. Absent = every 24 hours, keeping 7,
   * on the embedded database; none on PostgreSQL, whose DBA's backups usually rule.
   */
  backup?: BackupSchedule;
  /** DATABASE_*_MS: how long database work may take before a 503 (PostgreSQL; PGlite's connection wait); absent = the defaults. */
  databaseTimeouts?: DatabaseTimeouts;
  /** CLOCK_SPEED (and optional CLOCK_START): a fast clock for the simulator; development only, null = real time. */
  clock?: { speed: number; start: Date | null } | null;
  /** Web push (docs: README, web push). Absent = generated keys in DATA_DIR/secrets, https endpoints only. */
  push?: PushConfig;
  /** Webhook delivery (WEBHOOK_*); absent = the defaults. */
  webhooks?: Partial<WebhookSettings>;
}

export interface PushConfig {
  /** VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (base64url); null = a key pair generated on first start into DATA_DIR/secrets. */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** VAPID_SUBJECT: how a push service reaches the operator, a mailto: or https: URL. */
  vapidSubject: string;
  /**
   * PUSH_ALLOW_LOCAL_ENDPOINTS=true: also keep subscriptions whose endpoint is plain http or a
   * local address (a local receiver in tests and development). Refused with NODE_ENV=production.
   */
  allowLocalEndpoints: boolean;
}

export interface WebhookSettings {
  /** WEBHOOK_ALLOW_PRIVATE=true: endpoints may point at loopback, link-local and private addresses (a gateway on the office's own network). */
  allowPrivate: boolean;
  /** WEBHOOK_TIMEOUT_MS: how long one send may take, whole exchange (default 5000). */
  timeoutMs: number;
  /** WEBHOOK_DISPATCH_MS: how often each instance looks for due deliveries (default 1000; 0 = never, tests dispatch themselves). */
  dispatchIntervalMs: number;
  /** WEBHOOK_ROTATION_OVERLAP_HOURS: how long the old secret keeps signing after a rotation (default 24). */
  rotationOverlapHours: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { allowPrivate: false, timeoutMs: 5000, dispatchIntervalMs: 1000, rotationOverlapHours: 24 };

export function webhookSettings(config: AppConfig): WebhookSettings {
  return { ...DEFAULT_WEBHOOK_SETTINGS, ...config.webhooks };
}

function webhookSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<WebhookSettings> {
  const settings: Partial<WebhookSettings> = {};
  if (env.WEBHOOK_ALLOW_PRIVATE !== undefined && env.WEBHOOK_ALLOW_PRIVATE !== '') {
    if (env.WEBHOOK_ALLOW_PRIVATE !== 'true' && env.WEBHOOK_ALLOW_PRIVATE !== 'false')
      throw new Error(`WEBHOOK_ALLOW_PRIVATE must be true or false, got "${env.WEBHOOK_ALLOW_PRIVATE}"`);
    settings.allowPrivate = env.WEBHOOK_ALLOW_PRIVATE === 'true';
  }
  const whole = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  const timeout = whole('WEBHOOK_TIMEOUT_MS', 100, 60_000);
  if (timeout !== undefined) settings.timeoutMs = timeout;
  const interval = whole('WEBHOOK_DISPATCH_MS', 0, 600_000);
  if (interval !== undefined) settings.dispatchIntervalMs = interval;
  const overlap = whole('WEBHOOK_ROTATION_OVERLAP_HOURS', 0, 720);
  if (overlap !== undefined) settings.rotationOverlapHours = overlap;
  return settings;
}

export interface BackupSchedule {
  everyHours: number;
  keep: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    migrationDatabaseUrl: migrationDatabaseUrlFromEnv(env),
    migrateOnStart: migrateOnStartFromEnv(env.MIGRATE_ON_START),
    redisUrl: env.REDIS_URL || null,
    jwtSecret: env.JWT_SECRET || null,
    demoPassword: env.DEMO_PASSWORD || null,
    seedDemo: env.SEED_DEMO !== 'false',
    production: env.NODE_ENV === 'production',
    rateLimits: rateLimitsFromEnv(env),
    corsOrigins: corsOriginsFromEnv(env.CORS_ORIGINS),
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    metricsToken: metricsTokenFromEnv(env.METRICS_TOKEN),
    clock: clockFromEnv(env),
    counterSweepSeconds: counterSweepSecondsFromEnv(env.COUNTER_SWEEP_SECONDS),
    databaseTimeouts: databaseTimeoutsFromEnv(env),
    backup: backupScheduleFromEnv(env),
    push: pushFromEnv(env),
    webhooks: webhookSettingsFromEnv(env),
  };
}

/** Sent to push services with each message when VAPID_SUBJECT is unset; an office should set its own. */
export const DEFAULT_VAPID_SUBJECT = 'mailto:loket@localhost';

function pushFromEnv(env: NodeJS.ProcessEnv): PushConfig {
  const allowLocal = env.PUSH_ALLOW_LOCAL_ENDPOINTS ?? '';
  if (!['', 'true', 'false'].includes(allowLocal)) throw new Error(`PUSH_ALLOW_LOCAL_ENDPOINTS must be true or false, got "${allowLocal}"`);
  if (allowLocal === 'true' && env.NODE_ENV === 'production') {
    throw new Error(
      'PUSH_ALLOW_LOCAL_ENDPOINTS=true is for tests and development: with NODE_ENV=production push endpoints must be https push services. Unset it.',
    );
  }
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = env;
  const vapidSubject = subject || DEFAULT_VAPID_SUBJECT;
  if (!/^(mailto:|https:\/\/)/.test(vapidSubject)) throw new Error(`VAPID_SUBJECT must be a mailto: or https: URL, got "${vapidSubject}"`);
  if (!publicKey && !privateKey) return { vapidKeys: null, vapidSubject, allowLocalEndpoints: allowLocal === 'true' };
  if (!publicKey || !privateKey)
    throw new Error(
      'Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (npx web-push generate-vapid-keys), or neither to keep generated keys in DATA_DIR/secrets',
    );
  if (!/^B[A-Za-z0-9_-]{86}$/.test(publicKey) || !/^[A-Za-z0-9_-]{43}$/.test(privateKey)) {
    throw new Error(
      'VAPID_PUBLIC_KEY must be an uncompressed P-256 public key (87 base64url characters) and VAPID_PRIVATE_KEY its 32-byte private key (43 base64url characters)',
    );
  }
  return { vapidKeys: { publicKey, privateKey }, vapidSubject, allowLocalEndpoints: allowLocal === 'true' };
}

/** The backup schedule when nothing is set: on for the embedded database, which has no DBA; off on PostgreSQL. */
export function defaultBackupSchedule(onPostgres: boolean): BackupSchedule {
  return { everyHours: onPostgres ? 0 : 24, keep: 7 };
}

function backupScheduleFromEnv(env: NodeJS.ProcessEnv): BackupSchedule {
  const schedule = defaultBackupSchedule(Boolean(env.DATABASE_URL));
  const every = env.BACKUP_EVERY_HOURS;
  if (every !== undefined && every !== '') {
    const hours = Number(every);
    if (!Number.isInteger(hours) || hours < 0 || hours > 8760) {
      throw new Error(`BACKUP_EVERY_HOURS must be a whole number of hours from 0 (no scheduled backups) to 8760, got "${every}"`);
    }
    schedule.everyHours = hours;
  }
  const keep = env.BACKUP_KEEP;
  if (keep !== undefined && keep !== '') {
    const count = Number(keep);
    if (!Number.isInteger(count) || count < 1 || count > 10_000) {
      throw new Error(`BACKUP_KEEP must be a whole number of backups from 1 to 10000, got "${keep}" (BACKUP_EVERY_HOURS=0 turns scheduled backups off)`);
    }
    schedule.keep = count;
  }
  return schedule;
}

const TIMEOUT_VARIABLES: Record<keyof DatabaseTimeouts, string> = {
  statementTimeoutMs: 'DATABASE_STATEMENT_TIMEOUT_MS',
  lockTimeoutMs: 'DATABASE_LOCK_TIMEOUT_MS',
  idleInTransactionTimeoutMs: 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
  queryTimeoutMs: 'DATABASE_QUERY_TIMEOUT_MS',
  poolWaitMs: 'DATABASE_CONNECT_TIMEOUT_MS',
  embeddedWaitMs: 'DATABASE_EMBEDDED_WAIT_MS',
};

/**
 * Each a whole number of milliseconds from 100 to 600000: 0 would mean "wait for ever" to
 * PostgreSQL, the hang these bounds exist to prevent. The client-side query timeout must
 * exceed the statement timeout, so a slow statement is cancelled by the server (which
 * frees its locks at once) before the API gives up on the connection.
 */
function databaseTimeoutsFromEnv(env: NodeJS.ProcessEnv): DatabaseTimeouts {
  const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS };
  for (const [key, name] of Object.entries(TIMEOUT_VARIABLES) as [keyof DatabaseTimeouts, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const ms = Number(raw);
    if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) throw new Error(`${name} must be a whole number of milliseconds from 100 to 600000, got "${raw}"`);
    timeouts[key] = ms;
  }
  if (env.DATABASE_QUERY_TIMEOUT_MS === undefined || env.DATABASE_QUERY_TIMEOUT_MS === '') {
    timeouts.queryTimeoutMs = Math.max(timeouts.queryTimeoutMs, timeouts.statementTimeoutMs + 2_000);
  }
  if (timeouts.queryTimeoutMs <= timeouts.statementTimeoutMs) {
    throw new Error(
      `DATABASE_QUERY_TIMEOUT_MS (${timeouts.queryTimeoutMs}) must be above DATABASE_STATEMENT_TIMEOUT_MS (${timeouts.statementTimeoutMs}), so the server cancels a slow statement first`,
    );
  }
  return timeouts;
}

function migrationDatabaseUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  if (!env.MIGRATION_DATABASE_URL) return null;
  if (!env.DATABASE_URL) {
    throw new Error(
      'MIGRATION_DATABASE_URL is for PostgreSQL: set DATABASE_URL too (the role the API runs as), or unset MIGRATION_DATABASE_URL for the embedded database',
    );
  }
  return env.MIGRATION_DATABASE_URL;
}

function migrateOnStartFromEnv(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`MIGRATE_ON_START must be true or false, got "${raw}"`);
}

function counterSweepSecondsFromEnv(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`COUNTER_SWEEP_SECONDS must be a number of seconds ≥ 0, got "${raw}"`);
  return seconds;
}

function metricsTokenFromEnv(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 16 || !/^[\x21-\x7e]+$/.test(value))
    throw new Error('METRICS_TOKEN must be at least 16 visible ASCII characters (e.g. openssl rand -hex 24)');
  return value;
}

/** CLOCK_SPEED=60 runs the API's clock 60× faster (from CLOCK_START, default now): never in production. */
function clockFromEnv(env: NodeJS.ProcessEnv): { speed: number; start: Date | null } | null {
  if (!env.CLOCK_SPEED && !env.CLOCK_START) return null;
  if (env.NODE_ENV === 'production') {
    throw new Error('CLOCK_SPEED/CLOCK_START are for development and simulation only; refusing to start with NODE_ENV=production. Unset them.');
  }
  const speed = Number(env.CLOCK_SPEED ?? 1);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000)
    throw new Error(`CLOCK_SPEED must be a number above 0 and at most 10000, got "${env.CLOCK_SPEED}"`);
  const start = env.CLOCK_START ? new Date(env.CLOCK_START) : null;
  if (start && Number.isNaN(start.getTime())) throw new Error(`CLOCK_START must be an ISO-8601 instant, got "${env.CLOCK_START}"`);
  return { speed, start };
}

/** CORS_ORIGINS=https://a.example,https://b.example: each an origin (scheme://host[:port]), nothing more. */
function corsOriginsFromEnv(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new Error(`CORS_ORIGINS must list origins like https://kantor.example.go.id (no path), got "${origin}"`);
  }
  return origins;
}

function trustProxyFromEnv(value: string | undefined): string | number | boolean {
  if (!value) return 'loopback';
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
