import 'reflect-metadata';
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
await app.listen(config.port);
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
