import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, startServer } from './server.js';

/** The password of the demo accounts (server.ts) and of every account a suite creates. */
export const PASSWORD = DEMO_PASSWORD;

export type StaffKey = 'supervisor' | 'petugas1' | 'petugas2' | 'petugas3' | 'petugas4' | 'petugas5' | 'petugas6';

/** A suite's own office: the demo office's services, counters and hours, and the staff the suite asked for. */
export interface SuiteOffice {
  id: string;
  slug: string;
  name: string;
  /** The letterhead: the slip prints the address, the report's signature block the city. */
  address: string;
  city: string;
  services: Record<string, { id: string; code: string }>;
  counters: Record<number, { id: string; number: number }>;
  staff: Partial<Record<StaffKey, { username: string; name: string }>>;
  /** The token of the office's paired kiosk: every suite office takes tickets from paired kiosks only. */
  kioskToken: string;
}

/** KIOSK_TOKEN_HEADER of libs/domain: a request with it issues as the office's paired kiosk. */
export const KIOSK_TOKEN_HEADER = 'x-kiosk-token';

/** The six delivery components a citizen is shown of a service's standard, in Indonesian, in order. */
export const DELIVERY_COMPONENT_TERMS = [
  'Persyaratan',
  'Sistem, mekanisme dan prosedur',
  'Jangka waktu pelayanan',
  'Biaya/tarif',
  'Produk pelayanan',
  'Penanganan pengaduan, saran dan masukan',
];

// The demo office (apps/api/src/database/seed/demo-office.ts), written out again so a change to
// the seed does not quietly change what the browser tests work with.
export const HOURS = [...[1, 2, 3, 4].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' })), { weekday: 5, opens: '08:00', closes: '11:30' }];
const SERVICES = [
  { code: 'A', name: 'Perekaman & Pencetakan KTP-el', maxWaitMinutes: 30, serviceTimeMinutes: 10, dailyQuota: 300 },
  { code: 'B', name: 'Kartu Keluarga', maxWaitMinutes: 45, serviceTimeMinutes: 15, dailyQuota: null },
  { code: 'C', name: 'Akta Kelahiran & Kematian', maxWaitMinutes: 45, serviceTimeMinutes: 12, dailyQuota: null },
  { code: 'D', name: 'Surat Pindah & Datang', maxWaitMinutes: 60, serviceTimeMinutes: 20, dailyQuota: 80 },
  { code: 'PL', name: 'Pengaduan & Informasi', maxWaitMinutes: 20, serviceTimeMinutes: 8, dailyQuota: null },
];
const COUNTERS = [
  { number: 1, name: 'Loket 1', services: ['A'], priorityOnly: false },
  { number: 2, name: 'Loket 2', services: ['A', 'B'], priorityOnly: false },
  { number: 3, name: 'Loket 3', services: ['B', 'C'], priorityOnly: false },
  { number: 4, name: 'Loket 4', services: ['C', 'D'], priorityOnly: false },
  { number: 5, name: 'Loket 5', services: ['PL', 'D'], priorityOnly: false },
  { number: 6, name: 'Loket 6 (Prioritas)', services: ['A', 'B', 'C', 'D', 'PL'], priorityOnly: true },
];

async function adminCall<T>(request: APIRequestContext, token: string, path: string, data: unknown): Promise<T> {
  const reply = await request.post(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}` }, data });
  if (!reply.ok()) throw new Error(`POST ${path}: ${reply.status()} ${await reply.text()}`);
  return (await reply.json()) as T;
}

/**
 * Sets up an office through the admin API, as the demo admin. Its name starts with "Uji", so
 * the demo office stays first in every list (a screen without `?office=` still shows that one).
 */
async function createSuiteOffice(request: APIRequestContext, suite: string, staffKeys: readonly StaffKey[]): Promise<SuiteOffice> {
  const tag = randomBytes(3).toString('hex');
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: PASSWORD } });
  if (!login.ok()) throw new Error(`the demo admin cannot log in: ${login.status()} ${await login.text()}`);
  const token = ((await login.json()) as { accessToken: string }).accessToken;

  const office = await adminCall<{ id: string; slug: string; name: string; address: string; city: string }>(request, token, '/admin/offices', {
    name: `Uji ${suite} ${tag}`,
    slug: `e2e-${suite}-${tag}`,
    timeZone: 'Asia/Jakarta',
    // No office hours: the suites run at whatever real time the machine has, and an office
    // with hours issues nothing outside them (issue 16); one without is open around the clock.
    // The counters keep their weekday schedules. office-calendar.spec sets hours of its own.
    openingHours: [],
    priorityMaxWaitMinutes: 10,
    // No wait after a call before a no-show (the product's default is 2 minutes), so suites
    // about other things can mark one at once; counter-care.spec sets its own office's.
    noShowAfterMinutes: 0,
    address: 'Jl. Merdeka No. 1, Kota Harapan 40111',
    city: 'Kota Harapan',
  });
  const services: SuiteOffice['services'] = {};
  for (const service of SERVICES) {
    const { id } = await adminCall<{ id: string }>(request, token, `/admin/offices/${office.id}/services`, {
      ...service,
      costRupiah: 0,
      requirements: ['Kartu Keluarga'],
      completionTime: '1 hari kerja',
      active: true,
    });
    services[service.code] = { id, code: service.code };
  }
  const counters: SuiteOffice['counters'] = {};
  for (const counter of COUNTERS) {
    const { id } = await adminCall<{ id: string }>(request, token, `/admin/offices/${office.id}/counters`, {
      number: counter.number,
      name: counter.name,
      serviceIds: counter.services.map((code) => services[code].id),
      schedule: HOURS,
      priorityOnly: counter.priorityOnly,
      active: true,
    });
    counters[counter.number] = { id, number: counter.number };
  }
  // As the README advises an office: its kiosk paired, anonymous issuing off. The suite's API
  // requests carry the kiosk's token (the `request` fixture); a kiosk page pairs through its settings.
  const kiosk = await adminCall<{ token: string }>(request, token, `/admin/offices/${office.id}/kiosks`, { name: 'Kios uji' });
  const anonymousOff = await request.put(`/api/v1/admin/offices/${office.id}/kiosk-settings`, {
    headers: { authorization: `Bearer ${token}` },
    data: { anonymousIssue: false },
  });
  if (!anonymousOff.ok()) throw new Error(`PUT kiosk-settings: ${anonymousOff.status()} ${await anonymousOff.text()}`);
  const staff: SuiteOffice['staff'] = {};
  for (const key of staffKeys) {
    // Names of their own: the admin suite finds the demo staff by name in the list of everyone.
    const member = { username: `${suite.slice(0, 12)}-${tag}-${key}`, name: `Uji ${suite} ${key}` };
    await adminCall(request, token, '/admin/staff', {
      ...member,
      nip: null,
      role: key === 'supervisor' ? 'supervisor' : 'officer',
      officeIds: [office.id],
      password: PASSWORD,
    });
    staff[key] = member;
  }
  return { ...office, services, counters, staff, kioskToken: kiosk.token };
}

// One office per spec file in each worker process: a file's tests (and its hooks) share it,
// and no other file takes its tickets or moves its counters. A file whose tests each work
// their own office (`officePer: 'test'`) can have them run on any worker, in any order.
const suiteOffices = new Map<string, Promise<SuiteOffice>>();

/**
 * Every test fails if the page logged a console error or threw: a broken asset, a
 * missing translation (the apps log those as errors) or a crash all show up here.
 * `office` is the spec file's own office; `officeStaff` says which accounts it needs.
 */
export const test = base.extend<
  { consoleErrors: string[]; officeStaff: readonly StaffKey[]; officePer: 'file' | 'test'; office: SuiteOffice },
  { server: string }
>({
  // The worker's own product: on its port (playwright.config.ts), on a fresh database, with a
  // development clock no other worker moves. Started before the worker's first test, stopped
  // after its last.
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
    async ({}, use, workerInfo) => {
      const { port } = new URL(workerInfo.project.use.baseURL!);
      const server = await startServer(Number(port));
      await use(server.url);
      await server.stop();
    },
    // A bound against a start that hangs, not a speed check: two servers starting at once on a
    // loaded two-core machine have taken minutes.
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  officeStaff: [[], { option: true }],
  officePer: ['file', { option: true }],
  office: [
    async ({ playwright, officeStaff, officePer }, use, testInfo) => {
      const suite = basename(testInfo.file).replace(/\.spec\.ts$/, '');
      const key = officePer === 'test' ? testInfo.testId : testInfo.file;
      if (!suiteOffices.has(key)) {
        const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
        suiteOffices.set(
          key,
          createSuiteOffice(request, suite, officeStaff).finally(() => request.dispose()),
        );
      }
      await use(await suiteOffices.get(key)!);
    },
    // Setting up an office is about twenty requests and a password hash per account: its own time, not the first test's.
    { timeout: 120_000 },
  ],
  // The suite's API requests come from its office's paired kiosk, so they may issue tickets.
  request: async ({ playwright, office }, use, testInfo) => {
    const request = await playwright.request.newContext({
      baseURL: testInfo.project.use.baseURL,
      extraHTTPHeaders: { [KIOSK_TOKEN_HEADER]: office.kioskToken },
    });
    await use(request);
    await request.dispose();
  },
});

export { expect };

/**
 * Moves the API's development clock (CLOCK_SPEED in server.ts) forward and runs the
 * supervision scan at the new time, and sets the page's clock to the same instant, so what
 * time does shows at once instead of after a real wait. The page needs `page.clock.install()`
 * before it loads. The suites of one worker share its server's clock: only jump a few minutes.
 */
export async function advanceClock(request: APIRequestContext, page: Page, minutes: number): Promise<Date> {
  const reply = await request.post('/api/v1/dev/clock/advance', { data: { minutes } });
  expect(reply.ok(), `the API runs with the development clock: ${await reply.text()}`).toBe(true);
  const now = new Date(((await reply.json()) as { now: string }).now);
  await page.clock.setSystemTime(now);
  return now;
}

/**
 * Opens a kiosk-paired page (the kiosk, the survey terminal) by the address the admin screen
 * gives, `…#pair=CODE`, always as a fresh load: the page keeps its `?office=` after pairing, so a
 * second visit to the same address would otherwise be a same-document jump to a new fragment,
 * and a test that moved the server's clock in between would see the page as it was.
 */
export async function openPaired(page: Page, office: SuiteOffice, path = `/kiosk?office=${office.slug}`): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${path}#pair=${office.kioskToken}`);
}

/** Logs `username` in on the staff app's login form at `path`. */
export async function logInAt(page: Page, path: string, username: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

const staffTokens = new Map<string, string>();

/** A staff account's access token, logged in once per worker: every suite's accounts are its own. */
export async function staffToken(request: APIRequestContext, username: string): Promise<string> {
  if (!staffTokens.has(username)) {
    const reply = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
    expect(reply.ok()).toBe(true);
    staffTokens.set(username, ((await reply.json()) as { accessToken: string }).accessToken);
  }
  return staffTokens.get(username)!;
}

/** A request to /api/v1 as `username` that must succeed: its JSON, or null for 204. */
export async function staffApi<T>(request: APIRequestContext, method: 'GET' | 'POST', path: string, username: string, data?: unknown): Promise<T> {
  const headers = { authorization: `Bearer ${await staffToken(request, username)}` };
  const reply = method === 'GET' ? await request.get(`/api/v1${path}`, { headers }) : await request.post(`/api/v1${path}`, { headers, data });
  expect(reply.ok(), `${method} ${path}: ${await reply.text()}`).toBe(true);
  return (reply.status() === 204 ? null : await reply.json()) as T;
}

/** A full-page screenshot, `NAME.png` in the test's folder under test-results (kept by CI, never committed). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** Page count and size of a PDF Chromium printed (its page objects' MediaBox). */
export function pdfPages(pdf: Buffer): { widthMm: number; heightMm: number }[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page\b(?!s)(?:(?!endobj).)*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/gs)].map((m) => ({
    widthMm: Math.round(((Number(m[3]) - Number(m[1])) * 25.4) / 72),
    heightMm: Math.round(((Number(m[4]) - Number(m[2])) * 25.4) / 72),
  }));
}
