import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { createOffice } from '../../test/support/fixtures.js';
import { client } from '../../test/support/http.js';
import { copyPgliteTemplate } from '../../test/support/pglite-template.js';
import { START_TIMEOUT_MS, type TestApp } from '../../test/support/test-app.js';
import { createApp } from '../app.factory.js';
import type { AppConfig } from '../config/app-config.js';
import { defaultRateLimits } from '../rate-limit/rate-limit-config.js';
import { type Clock, ManualClock, ScaledClock } from './clock.js';
import { DevClockModule } from './dev-clock.module.js';

// Each test starts the product: a slow start on a busy machine.
const STARTS_AN_APP = START_TIMEOUT_MS;

const DEV_CLOCK = { speed: 1, start: new Date('2026-11-30T01:00:00.000Z') };

async function start(config: Pick<AppConfig, 'production' | 'clock'>, clock: Clock) {
  const dataDir = await mkdtemp(join(tmpdir(), 'loket-dev-clock-'));
  const full: AppConfig = {
    port: 0,
    dataDir,
    databaseUrl: process.env.DATABASE_URL ?? null,
    redisUrl: null,
    jwtSecret: 'dev-clock-test-secret',
    demoPassword: null,
    seedDemo: false,
    rateLimits: defaultRateLimits(false),
    corsOrigins: [],
    ...config,
  };
  if (full.databaseUrl === null) {
    // As the API tests' harness does: start on a copy of a data folder migrated once.
    await copyPgliteTemplate(dataDir, async (templateDir) => {
      const { app } = await createApp({ config: { ...full, production: false, clock: null, dataDir: templateDir }, clock: new ManualClock(), logger: false });
      await app.close();
    });
  }
  const { app } = await createApp({ config: full, clock, logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    http: client(`http://127.0.0.1:${port}`),
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe('POST /api/v1/dev/clock/advance', () => {
  it(
    'is absent in production, even when a clock was configured some other way than CLOCK_SPEED',
    async () => {
      const production = await start({ production: true, clock: DEV_CLOCK }, new ScaledClock(1, DEV_CLOCK.start));
      try {
        const reply = await production.http.post('/dev/clock/advance', { minutes: 5 });
        expect(reply.status).toBe(404);
      } finally {
        await production.close();
      }
    },
    STARTS_AN_APP,
  );

  it(
    'moves the development clock and raises the alerts due at the new time',
    async () => {
      const clock = new ScaledClock(1, DEV_CLOCK.start);
      const dev = await start({ production: false, clock: DEV_CLOCK }, clock);
      try {
        const app = dev.app as INestApplication;
        const office = await createOffice({ db: app.get(DataSource), clock, jwt: app.get(JwtService) } as unknown as TestApp, {
          services: [{ code: 'A', maxWaitMinutes: 1 }],
          counters: [{ number: 1, services: ['A'] }],
        });
        expect((await dev.http.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).status).toBe(201);

        const before = clock.now().getTime();
        const reply = await dev.http.post<{ now: string; alertsRaised: number }>('/dev/clock/advance', { minutes: 2 });
        expect(reply.status).toBe(200);
        const moved = Date.parse(reply.body.now) - before;
        expect(moved).toBeGreaterThanOrEqual(2 * 60_000);
        expect(moved).toBeLessThan(2 * 60_000 + 30_000);
        // The ticket is now a minute past its maximum wait.
        expect(reply.body.alertsRaised).toBe(1);
        const alerts = await dev.http.get<{ kind: string }[]>(`/offices/${office.slug}/supervision/alerts`, office.supervisor.token);
        expect(alerts.body.map((alert) => alert.kind)).toEqual(['max_wait']);

        expect((await dev.http.post('/dev/clock/advance', { minutes: 0 })).status).toBe(400);
      } finally {
        await dev.close();
      }
    },
    STARTS_AN_APP,
  );

  it('is left out without the development clock, or with a clock that cannot jump', () => {
    const base = { port: 0, dataDir: '.', databaseUrl: null, redisUrl: null, jwtSecret: null, demoPassword: null, seedDemo: false };
    expect(DevClockModule.when({ ...base, production: false, clock: null }, new ScaledClock(1))).toEqual([]);
    expect(DevClockModule.when({ ...base, production: false, clock: DEV_CLOCK }, new ManualClock())).toEqual([]);
    expect(DevClockModule.when({ ...base, production: false, clock: DEV_CLOCK }, new ScaledClock(1))).toHaveLength(1);
  });
});
