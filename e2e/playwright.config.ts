import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { copyPgliteTemplate } from '../apps/api/test/support/pglite-template.js';

// LOKET_E2E_PORT lets several people (or helpers) run the browser tests side by side.
const PORT = Number(process.env.LOKET_E2E_PORT ?? 3197);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Every run starts the product on a fresh embedded database (about 40 MB). The config is
// loaded again in each worker: the runner makes the folder and hands it down through the
// environment, and removes it when it exits, after it has stopped the server.
if (!process.env.LOKET_E2E_DATA_DIR) {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-e2e-'));
  process.env.LOKET_E2E_DATA_DIR = dataDir;
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  // The folder starts as a copy of a migrated, empty database (the API tests' template, made
  // by `npm run migrate` when they have not made it yet), so the server skips initdb and the
  // migrations; it still seeds the demo office into it, as into any empty database.
  await copyPgliteTemplate(dataDir, async (templateDir) => {
    execFileSync(process.execPath, [fileURLToPath(new URL('../apps/api/dist/database/migrate.js', import.meta.url))], {
      env: { ...process.env, DATA_DIR: templateDir, DATABASE_URL: '' },
      stdio: 'ignore',
    });
  });
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  // One browser at a time. Each spec file works an office of its own, but the dev clock is one
  // for the whole server: a suite that moves it (figures, desk care, board layout, supervisor)
  // also moves every other suite's day, and the counter sweep then pauses their counters as
  // offline. LOKET_E2E_WORKERS=2 runs two at once, for suites known not to touch the clock.
  workers: Number(process.env.LOKET_E2E_WORKERS ?? 1),
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]] : 'list',
  use: {
    baseURL: BASE_URL,
    // The product's default language; a test that wants English switches to it.
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          // Debian's Chromium: browsers downloaded by `playwright install` cannot be fetched here.
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // The built product, as `npm start` runs it: build api, display and counter first.
    command: 'node ../apps/api/dist/main.js',
    url: `${BASE_URL}/api/v1/health`,
    env: {
      PORT: String(PORT),
      DATA_DIR: process.env.LOKET_E2E_DATA_DIR,
      DEMO_PASSWORD: 'e2e-demo-password',
      // The development clock, at real time: a test moves it on (POST /api/v1/dev/clock/advance)
      // to see what time does, such as a ticket crossing its maximum wait, without waiting for it.
      CLOCK_SPEED: '1',
      // Always the embedded database and one instance, whatever the shell has set.
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    reuseExistingServer: !process.env.CI,
    // The API closes its database cleanly on SIGTERM.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
