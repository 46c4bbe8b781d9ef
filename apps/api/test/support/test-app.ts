import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { ManualClock } from '../../src/clock/clock.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { type RateLimitConfig, defaultRateLimits } from '../../src/rate-limit/rate-limit-config.js';

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
 * Starts the real product (HTTP, socket.io, database) on a free port, with a manual
 * clock. On PGlite each test file gets its own data folder; on PostgreSQL they share the
 * database named by DATABASE_URL and keep apart by each creating its own office.
 */
export async function startTestApp(
  options: { seedDemo?: boolean; databaseUrl?: string | null; redisUrl?: string | null; jwtSecret?: string | null; start?: string; rateLimits?: RateLimitConfig; corsOrigins?: string[] } = {},
): Promise<TestApp> {
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
    production: false,
    // Off unless a test asks: the other suites fire bursts a real kiosk never would.
    rateLimits: options.rateLimits ?? defaultRateLimits(false),
    corsOrigins: options.corsOrigins ?? [],
  };
  // Monday 30 November 2026, 08:00 in Jakarta.
  const clock = new ManualClock(options.start ?? '2026-11-30T01:00:00.000Z');
  const { app } = await createApp({ config, clock, logger: false });
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
