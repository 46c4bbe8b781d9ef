import 'reflect-metadata';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { configFromEnv } from './config/app-config.js';

process.on('unhandledRejection', (reason) => Logger.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`, 'Process'));

const here = dirname(fileURLToPath(import.meta.url));
const config = configFromEnv();
const { app, seed } = await createApp({
  config,
  webRoots: { display: resolve(here, '../../display/dist'), counter: resolve(here, '../../counter/dist') },
});
await app.listen(config.port);

const url = `http://localhost:${config.port}`;
const logger = new Logger('Loket');
if (seed.seeded && seed.passwords) {
  const accounts = Object.entries(seed.passwords).map(([user, password]) => `  ${user.padEnd(11)} ${password}`).join('\n');
  logger.log(`Demo office seeded. Staff accounts (shown once; also in ${seed.accountsFile}):\n${accounts}`);
}
logger.log(`Loket is running on ${config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`}
  Landing page  ${url}/
  Kiosk         ${url}/kiosk
  Board         ${url}/board
  Counter       ${url}/counter/
  API           ${url}/api/v1   (OpenAPI: ${url}/api/docs)`);
