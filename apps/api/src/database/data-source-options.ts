import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

/**
 * TypeORM options for either database. The embedded one is reached through its unix
 * socket with a pool of one connection: PGlite runs one session, so the pool of one is
 * what serialises transactions there (docs/adr/0001-pglite-behind-a-socket.md). PostgreSQL gets a real pool, and row
 * locks do the work.
 */
export function dataSourceOptions(target: { databaseUrl: string } | { socketDir: string }): DataSourceOptions {
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
      connectTimeoutMS: 5_000,
      extra: {
        // Dead connections (the server restarted, a NAT dropped the flow) are noticed by
        // TCP keepalive and dropped from the pool; the next request opens a fresh one, so
        // the API recovers by itself when the database returns.
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        idleTimeoutMillis: 30_000,
      },
    };
  }
  return { ...common, host: target.socketDir, port: 5432, username: 'postgres', database: 'postgres', poolSize: 1 };
}
