import 'reflect-metadata';
import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { kioskPairingPath } from './database/seed/demo-seed.js';
import { configFromEnv } from './config/app-config.js';
import { ScaledClock } from './clock/clock.js';
import { describeRepair, makeDataDirPrivate } from './database/private-data-dir.js';

process.on('unhandledRejection', (reason) => Logger.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`, 'Process'));

const here = dirname(fileURLToPath(import.meta.url));
const config = configFromEnv();
// Before anything is written: the data folder holds the database, secrets and demo passwords.
const repaired = describeRepair(config.dataDir, await makeDataDirPrivate(config.dataDir));
if (repaired) Logger.warn(repaired, 'DataDir');
const clock = config.clock ? new ScaledClock(config.clock.speed, config.clock.start ?? undefined) : undefined;
const { app, seed } = await createApp({
  config,
  clock,
  webRoots: { display: resolve(here, '../../display/dist'), counter: resolve(here, '../../counter/dist') },
});
// A queue of connections not yet accepted, up to the kernel's cap (net.core.somaxconn), instead of
// Node's 511: when a day's booking opens, thousands of phones connect within a second, and each
// connection the kernel drops at a full queue costs its phone a retransmitted SYN (1 s, then 3 s, …)
// while the API has cores to spare (issue 17: 13,338 drops in a 3,000-attempt rush at 511).
const LISTEN_BACKLOG = 4096;
// An idle keep-alive connection is kept 65 s, not Node's 5 s. A client (or the reverse proxy in
// front, whose upstream keep-alive is 60 s in nginx) that sends its next request just as the
// server closes the connection gets a reset instead of an answer; with 5 s that race is
// common once a loaded client's timers run late (issue 17: 700 ECONNRESET and 561 "other side
// closed" in a 3,000-attempt rush). The headers' timeout must stay above it.
const server = app.getHttpServer() as Server;
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// Nest's listen hands its arguments on to Node's server.listen(port, backlog, callback); its own type names no backlog.
await (app.listen as unknown as (port: number, backlog: number) => Promise<unknown>)(config.port, LISTEN_BACKLOG);
clock?.restart();
if (clock) new Logger('Clock').warn(`Simulated clock: ${clock.speed}x real time, now ${clock.now().toISOString()} (CLOCK_SPEED; development only)`);

const url = `http://localhost:${config.port}`;
const logger = new Logger('Loket');
if (seed.seeded && seed.passwords) {
  const accounts = Object.entries(seed.passwords)
    .map(([user, password]) => `  ${user.padEnd(11)} ${password}`)
    .join('\n');
  logger.log(`Demo office seeded. Staff accounts (shown once; also in ${seed.accountsFile}):\n${accounts}`);
}
// The first start pairs the demo kiosk: opening this address pairs the browser it is opened in.
const kiosk = seed.kiosk ? `${url}${kioskPairingPath(seed.kiosk.token)}   (opens the kiosk paired as "${seed.kiosk.name}")` : `${url}/kiosk`;
logger.log(`Loket is running on ${config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`}
  Landing page  ${url}/
  Kiosk         ${kiosk}
  Board         ${url}/board
  Counter       ${url}/counter/
  API           ${url}/api/v1   (OpenAPI: ${url}/api/docs)`);
