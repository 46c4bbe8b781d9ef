import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { CountingPgClient, TimedPgClient } from './timed-pg-client.js';

/**
 * How long PostgreSQL work may take before the request is answered 503
 * database_unavailable instead (README, configuration): never a hang.
 */
export interface DatabaseTimeouts {
  /** DATABASE_STATEMENT_TIMEOUT_MS: the server cancels a statement running longer (statement_timeout). */
  statementTimeoutMs: number;
  /** DATABASE_LOCK_TIMEOUT_MS: the server gives up a wait for a row or table lock (lock_timeout). */
  lockTimeoutMs: number;
  /** DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: the server ends a session left idle inside a transaction, so its locks are freed. */
  idleInTransactionTimeoutMs: number;
  /**
   * DATABASE_QUERY_TIMEOUT_MS: the API's own limit on waiting for an answer. A frozen or
   * unreachable server cannot enforce its own timeouts; this one ends the wait, and the
   * connection is dropped, not reused. Above the statement timeout, so a slow statement is
   * reported by the server first.
   */
  queryTimeoutMs: number;
  /** DATABASE_CONNECT_TIMEOUT_MS: the longest wait for a connection, a new one or a free one from the pool. */
  poolWaitMs: number;
  /**
   * DATABASE_EMBEDDED_WAIT_MS: PGlite only. Its pool is one connection, so under load
   * requests queue for it; one that cannot have it within this bound is answered 503
   * database_unavailable (with Retry-After) instead of waiting on, for ever if need be.
   */
  embeddedWaitMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  statementTimeoutMs: 5_000,
  lockTimeoutMs: 3_000,
  idleInTransactionTimeoutMs: 10_000,
  queryTimeoutMs: 7_000,
  poolWaitMs: 5_000,
  embeddedWaitMs: 10_000,
};

/**
 * TypeORM options for either database. The embedded one is reached through its unix
 * socket with a pool of one connection: PGlite runs one session, so the pool of one is
 * what serialises transactions there (docs/adr/0001-pglite-behind-a-socket.md). PostgreSQL gets a real pool, and row
 * locks do the work.
 *
 * `timeouts` apply to PostgreSQL, except `embeddedWaitMs`; `null` runs without them
 * (migrations: an index build may take long, and an instance waits for another's
 * migrations on a lock). PGlite runs inside the API's own process, so it cannot stop
 * answering while the API runs, and its single session has no other session's locks to
 * wait for: the one wait it has is for its one connection, bounded by `embeddedWaitMs`.
 */
export function dataSourceOptions(
  target: { databaseUrl: string } | { socketDir: string },
  timeouts: DatabaseTimeouts | null = DEFAULT_DATABASE_TIMEOUTS,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    // Failed queries surface as errors the caller handles (or the error filter logs); no double logging.
    logging: false,
  };
  if ('databaseUrl' in target) {
    return {
      ...common,
      url: target.databaseUrl,
      poolSize: 10,
      // While PostgreSQL is down or out of reach a request waits at most this long for a
      // connection (a new one, or a free one from the pool), then fails and is answered 503
      // database_unavailable: never a hang. Refused connections fail at once.
      connectTimeoutMS: timeouts?.poolWaitMs ?? DEFAULT_DATABASE_TIMEOUTS.poolWaitMs,
      extra: {
        // Dead connections (the server restarted, a NAT dropped the flow) are noticed by
        // TCP keepalive and dropped from the pool; the next request opens a fresh one, so
        // the API recovers by itself when the database returns.
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        idleTimeoutMillis: 30_000,
        ...(timeouts
          ? {
              // Sent as startup parameters: every session of the pool has them from its first statement.
              statement_timeout: timeouts.statementTimeoutMs,
              lock_timeout: timeouts.lockTimeoutMs,
              idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
              query_timeout: timeouts.queryTimeoutMs,
              Client: TimedPgClient,
            }
          : { Client: CountingPgClient }),
      },
    };
  }
  return {
    ...common,
    host: target.socketDir,
    port: 5432,
    username: 'postgres',
    database: 'postgres',
    poolSize: 1,
    extra: { Client: CountingPgClient },
    // node-postgres's pool applies it to a wait for the busy connection too ("timeout exceeded
    // when trying to connect"), which the error filter answers 503 database_unavailable.
    ...(timeouts ? { connectTimeoutMS: timeouts.embeddedWaitMs } : {}),
  };
}
