import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { Clock, SystemClock } from './clock/clock.js';
import type { AppConfig } from './config/app-config.js';
import { ErrorFilter } from './common/error-filter.js';
import { validationPipe } from './common/validation.js';
import { seedDemoIfEmpty, type SeedResult } from './database/seed/demo-seed.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';
import { refuseNonJsonBodies } from './common/json-only.js';
import { refuseDeepBodies } from './rate-limit/body-depth.js';

export const API_PREFIX = 'api/v1';

/**
 * Security headers. The CSP fits the built apps: scripts and styles from the same origin
 * (plus Vue's inline style bindings), the kiosk's QR code as a data: image, the board's
 * chime from a blob/data URL, socket.io to the same origin, and WebAssembly compiled from the
 * same origin ('wasm-unsafe-eval': the kiosk's QR reader where the browser has no
 * BarcodeDetector; it allows no JavaScript eval). No upgrade-insecure-requests:
 * an office LAN often serves plain HTTP, and the upgrade would break every asset there.
 */
const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
      formAction: ["'self'"],
      scriptSrcAttr: ["'none'"],
    },
  },
  // Plain-HTTP LANs are common; HSTS is only sent and honoured over HTTPS anyway.
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
};

export interface CreateAppOptions {
  config: AppConfig;
  clock?: Clock;
  /** Built apps to serve: `apps/display` at `/`, `apps/counter` at `/counter/`. */
  webRoots?: { display: string; counter: string };
  logger?: false;
  /**
   * Absent = true: a module that fails to start ends the process (Nest's default, right for
   * `main.ts`). The tests pass false, so a refused start rejects instead of killing Jest.
   */
  abortOnError?: boolean;
}

/**
 * The whole product as one Nest application: REST under /api/v1, OpenAPI at /api/docs,
 * socket.io at /socket.io, and the two built apps. `main.ts` and the tests both start it here.
 */
export async function createApp(options: CreateAppOptions): Promise<{ app: INestApplication; seed: SeedResult }> {
  const { config } = options;
  const clock = options.clock ?? new SystemClock();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config, clock), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: true,
    abortOnError: options.abortOnError ?? true,
  });
  app.set('trust proxy', config.trustProxy ?? 'loopback');
  app.use(helmet(HELMET_OPTIONS));
  // Same-origin needs no CORS; other origins only when listed in CORS_ORIGINS.
  const corsOrigins = new Set(config.corsOrigins ?? []);
  app.enableCors({ origin: (origin, callback) => callback(null, origin !== undefined && corsOrigins.has(origin)), maxAge: 600 });
  app.use(`/${API_PREFIX}`, refuseNonJsonBodies);
  app.useBodyParser('json', { limit: '100kb' });
  app.useBodyParser('urlencoded', { limit: '20kb', extended: false, parameterLimit: 100 });
  app.use(refuseDeepBodies);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorFilter());
  // Not Nest's default list, which includes SIGUSR2: that signal asks for a backup (npm run backup, BackupService).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT']);

  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app);
    await adapter.connect(config.redisUrl);
    app.useWebSocketAdapter(adapter);
    Logger.log('socket.io through Redis', 'Realtime');
  } else {
    app.useWebSocketAdapter(new IoAdapter(app));
  }

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Loket API')
      .setDescription(
        'Queue and service-etiquette system. Public routes need no login; staff routes take `Authorization: Bearer <accessToken>` from POST /api/v1/auth/login.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (options.webRoots) serveApps(app, options.webRoots);

  await app.init();
  const seed = config.seedDemo
    ? await seedDemoIfEmpty(app.get(DataSource), { dataDir: config.dataDir, demoPassword: config.demoPassword, now: clock.now() })
    : { seeded: false };
  return { app, seed };
}

/** A request for the API or socket.io, never a file of the apps. */
const forApi = (path: string) => path.startsWith('/api') || path.startsWith('/socket.io');

/**
 * Static files of both apps, and each app's index.html for its client-side routes. The apps'
 * middleware stands in front of the API's routes (Nest adds them at init), so it passes API
 * requests on untouched: the display's static files, mounted at `/`, would otherwise look each
 * API path up on disk (a `stat` per request, 3–5% of the API's time in a booking rush).
 */
function serveApps(app: NestExpressApplication, roots: { display: string; counter: string }): void {
  const apps = [
    { prefix: '/counter', root: roots.counter },
    { prefix: '', root: roots.display },
  ].filter(({ root }) => existsSync(join(root, 'index.html')));
  for (const { prefix, root } of apps) {
    const files = express.static(root, { index: false, maxAge: '1h' });
    app.use(prefix || '/', (request: Request, response: Response, next: NextFunction) =>
      forApi(request.originalUrl) ? next() : files(request, response, next),
    );
  }
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || forApi(request.path)) return next();
    const target = apps.find(({ prefix }) => request.path === prefix || request.path.startsWith(`${prefix}/`));
    if (!target) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(target.root, 'index.html'));
  });
}
