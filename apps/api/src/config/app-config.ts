import { resolve } from 'node:path';

/** Everything the API reads from its environment, read once at start. */
export interface AppConfig {
  port: number;
  /** Embedded database, generated secrets and demo passwords live here. */
  dataDir: string;
  /** PostgreSQL server; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl: string | null;
  /** Turns on the socket.io Redis adapter so several API instances act as one. */
  redisUrl: string | null;
  jwtSecret: string | null;
  demoPassword: string | null;
  /** Seed the demo office on an empty database. */
  seedDemo: boolean;
  production: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    jwtSecret: env.JWT_SECRET || null,
    demoPassword: env.DEMO_PASSWORD || null,
    seedDemo: env.SEED_DEMO !== 'false',
    production: env.NODE_ENV === 'production',
  };
}
