import { defineConfig } from '@playwright/test';

// LOKET_E2E_PORT lets several people (or helpers) run the browser tests side by side. Each
// worker starts a server of its own (tests/fixtures.ts) on the next port: worker 0 on
// LOKET_E2E_PORT, worker 1 on LOKET_E2E_PORT + 1, and so on. The config is loaded again in
// each worker process, where Playwright has set TEST_PARALLEL_INDEX, so `baseURL` is that
// worker's server for every page, request and context it opens.
const PORT = Number(process.env.LOKET_E2E_PORT ?? 3197) + Number(process.env.TEST_PARALLEL_INDEX ?? 0);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // Makes the migrated database template once, before the workers copy it.
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  // Two browsers at once, each on a server, database and development clock of its own: a suite
  // that moves the clock (figures, desk care, board layout, supervisor) moves only the suites of
  // its own worker, which run one after another, as they all did on one worker.
  // LOKET_E2E_WORKERS=1 runs one test at a time (to debug one).
  workers: Number(process.env.LOKET_E2E_WORKERS ?? 2),
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
    // Recording a trace of every test (to keep those that fail) cost a quarter of the run's time
    // (board-layout and smoke, one worker: 48.7 and 46.9 s with, 36.9 and 36.5 s without). CI
    // retries a failed test once and traces that retry; a local run keeps the trace of a failure.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
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
});
