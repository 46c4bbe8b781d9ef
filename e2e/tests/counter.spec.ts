import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { PASSWORD, type SuiteOffice, expect, logInAt, screenshot, staffApi, staffToken, test } from './fixtures.js';

// This file works an office of its own (the fixture's): Loket 1–3 with its petugas1–3.
test.describe.configure({ mode: 'serial', timeout: 60_000 });
test.use({ officeStaff: ['petugas1', 'petugas2', 'petugas3'] });

interface Counter {
  id: string;
  number: number;
  name: string;
  state: 'open' | 'paused' | 'closed';
  pauseReason: string | null;
  staffName: string | null;
  currentTicket: { id: string; number: string; status: string; serviceId: string } | null;
}
interface Service {
  id: string;
  code: string;
}
interface Today {
  served: number;
  noShows: number;
  transferred: number;
  etiquette: { interactionsAnswered: number; oneKey: number; applicable: number; shiftStart: { applicable: number } };
}

// The office of this file, set by the first hook; the helpers below work in it.
let office: SuiteOffice;
/** The username of one of this office's officers: `user('petugas1')`. */
const user = (key: 'petugas1' | 'petugas2' | 'petugas3') => office.staff[key]!.username;

const apiGet = <T>(request: APIRequestContext, path: string, username = user('petugas1')): Promise<T> => staffApi<T>(request, 'GET', path, username);

async function apiPost(request: APIRequestContext, path: string, username: string, data?: unknown) {
  return request.post(`/api/v1${path}`, { headers: { authorization: `Bearer ${await staffToken(request, username)}` }, data });
}

const counters = (request: APIRequestContext) => apiGet<Counter[]>(request, `/offices/${office.slug}/counters`);
const counter = async (request: APIRequestContext, number: number) => (await counters(request)).find((candidate) => candidate.number === number)!;
const today = (request: APIRequestContext, username = user('petugas1')) => apiGet<Today>(request, '/staff/me/today', username);

async function issue(request: APIRequestContext, code: string): Promise<{ id: string; number: string }> {
  const services = (await (await request.get(`/api/v1/offices/${office.slug}/services`)).json()) as Service[];
  const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: services.find((service) => service.code === code)!.id } });
  expect(reply.ok()).toBe(true);
  return (await reply.json()) as { id: string; number: string };
}

const logIn = (page: Page, username: string): Promise<void> => logInAt(page, '/counter/', username);

/** Logs in, picks the counter and opens it with the shift checklist taken on the one-key path. */
async function openDesk(page: Page, username: string, number: number): Promise<void> {
  await logIn(page, username);
  await page.getByTestId(`pick-counter-${number}`).click();
  await page.getByTestId('open-counter').click();
  await expect(page.getByRole('dialog', { name: 'Daftar periksa awal shift' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-state')).toHaveText('Buka');
  await expect(page.getByTestId('connection')).toHaveText('Tersambung');
}

test.describe('the counter desk', () => {
  let desk: Page;
  let other: Page;
  // The fixture's console check watches only the default page; these desks have their own.
  const consoleErrors: string[] = [];

  test.beforeAll(({ office: own }) => {
    office = own;
  });

  test.afterEach(() => {
    expect(consoleErrors, 'console errors on the desks').toEqual([]);
  });

  async function expectAccessible(page: Page): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  test.afterAll(async () => {
    await desk?.context().close();
    await other?.context().close();
  });

  async function newDesk(browser: Browser): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    page.on('console', (message) => {
      // Expected here: Chromium logs each refused request (a wrong password, a refusal the desk
      // shows) and the socket's failed reconnects while the test holds the desk offline.
      const expected = /status of 4\d\d|ERR_INTERNET_DISCONNECTED|WebSocket connection/;
      if (message.type() === 'error' && !expected.test(message.text())) consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    return page;
  }

  test('logs in with a clear message on a wrong password, and opens Loket 1 with the shift checklist', async ({ browser, request }, testInfo) => {
    desk = await newDesk(browser);
    await desk.goto('/counter/');
    await desk.getByLabel('Nama pengguna').fill(user('petugas1'));
    await desk.getByLabel('Kata sandi').fill('salah-sekali');
    await desk.getByRole('button', { name: 'Masuk' }).click();
    await expect(desk.getByTestId('login-problem')).toHaveText(/kata sandi salah/);
    await screenshot(desk, testInfo, 'login-wrong-password');

    await desk.getByLabel('Kata sandi').fill(PASSWORD);
    await desk.getByRole('button', { name: 'Masuk' }).click();
    await expect(desk.getByRole('heading', { name: 'Pilih loket' })).toBeVisible();
    await expect(desk.getByTestId('pick-counter-1')).toBeEnabled();
    await screenshot(desk, testInfo, 'choose-counter');
    await expectAccessible(desk);
    await desk.getByTestId('pick-counter-1').click();

    await expect(desk.getByRole('heading', { name: 'Loket 1 masih tutup' })).toBeVisible();
    await desk.keyboard.press('b');
    const checklist = desk.getByRole('dialog', { name: 'Daftar periksa awal shift' });
    await expect(checklist.getByRole('radiogroup')).toHaveCount(3);
    // The exception path: every item answered, one of them no (the desk is not ready yet).
    await checklist.getByTestId('answer-penampilan-checked').check();
    await checklist.getByTestId('answer-cara_berpakaian-checked').check();
    await checklist.getByTestId('answer-meja_sistem_siap-not_checked').check();
    await screenshot(desk, testInfo, 'shift-checklist');
    await checklist.getByTestId('checklist-submit').click();
    await expect(desk.getByTestId('desk-state')).toHaveText('Buka');
    await expect(checklist).toBeHidden();

    const opened = await counter(request, 1);
    expect(opened).toMatchObject({ state: 'open', staffName: office.staff.petugas1!.name });
    const day = await today(request);
    expect(day.etiquette.shiftStart.applicable).toBeGreaterThanOrEqual(3);

    // The choice is remembered on this PC: a reload comes straight back to Loket 1.
    await desk.reload();
    await expect(desk.getByTestId('desk-counter')).toHaveText('Loket 1');
    await screenshot(desk, testInfo, 'desk-open-empty');
  });

  test('calls next, starts and finishes with the one-key checklist; another counter sees the call live', async ({ browser, request }, testInfo) => {
    other = await newDesk(browser);
    await openDesk(other, user('petugas2'), 2);

    const before = await today(request);
    const ticket = await issue(request, 'A');
    // Both counters serve A: the new ticket appears in each queue without a reload.
    await expect(desk.getByTestId(`queue-${ticket.number}`)).toBeVisible();
    await expect(other.getByTestId(`queue-${ticket.number}`)).toBeVisible();
    await screenshot(other, testInfo, 'second-counter-before-call');

    await desk.keyboard.press('n');
    await expect(desk.getByTestId('current-status')).toHaveText('Dipanggil');
    const called = (await desk.getByTestId('current-number').textContent())!.trim();
    const atCounter = await counter(request, 1);
    expect(atCounter.currentTicket).toMatchObject({ number: called, status: 'called' });
    // The other counter's queue loses the called ticket at once.
    await expect(other.getByTestId(`queue-${called}`)).toHaveCount(0);
    await screenshot(desk, testInfo, 'desk-called');
    await screenshot(other, testInfo, 'second-counter-after-call');

    await desk.getByTestId('action-start').click();
    await expect(desk.getByTestId('current-status')).toHaveText('Sedang dilayani');
    expect((await counter(request, 1)).currentTicket).toMatchObject({ number: called, status: 'serving' });
    // Only the legal actions are enabled while serving.
    await expect(desk.getByTestId('action-finish')).toBeEnabled();
    await expect(desk.getByTestId('action-transfer')).toBeEnabled();
    await expect(desk.getByTestId('action-callNext')).toBeDisabled();
    await expect(desk.getByTestId('action-recall')).toBeDisabled();
    await screenshot(desk, testInfo, 'desk-serving');
    await expectAccessible(desk);

    await desk.keyboard.press('s');
    const finish = desk.getByRole('dialog', { name: new RegExp(`Selesaikan ${called}`) });
    await expect(finish).toBeVisible();
    await screenshot(desk, testInfo, 'finish-checklist');
    await expectAccessible(desk);
    await desk.keyboard.press('Enter');
    await expect(finish).toBeHidden();
    await expect(desk.getByTestId('current-empty')).toBeVisible();

    expect((await counter(request, 1)).currentTicket).toBeNull();
    const after = await today(request);
    expect(after.served).toBe(before.served + 1);
    expect(after.etiquette.interactionsAnswered).toBe(before.etiquette.interactionsAnswered + 1);
    expect(after.etiquette.oneKey).toBe(before.etiquette.oneKey + 1);
    await expect(desk.getByTestId('today-served')).toHaveText(String(after.served));
  });

  test('marks a no-show', async ({ request }) => {
    const before = await today(request);
    await issue(request, 'A');
    await desk.getByTestId('action-callNext').click();
    await expect(desk.getByTestId('current-status')).toHaveText('Dipanggil');
    await desk.keyboard.press('h');
    await expect(desk.getByTestId('current-empty')).toBeVisible();
    expect((await today(request)).noShows).toBe(before.noShows + 1);
    expect((await counter(request, 1)).currentTicket).toBeNull();
  });

  test('transfers a ticket to another service', async ({ request }, testInfo) => {
    const before = await today(request);
    await issue(request, 'A');
    await desk.keyboard.press('n');
    await expect(desk.getByTestId('current-status')).toHaveText('Dipanggil');
    await desk.keyboard.press('m');
    await expect(desk.getByTestId('current-status')).toHaveText('Sedang dilayani');
    const serving = (await counter(request, 1)).currentTicket!;
    const services = (await (await request.get(`/api/v1/offices/${office.slug}/services`)).json()) as Service[];
    const target = services.find((service) => service.code === 'C')!;

    await desk.keyboard.press('a');
    const dialog = desk.getByRole('dialog', { name: 'Alihkan ke layanan lain' });
    await dialog.getByTestId('transfer-C').check();
    await screenshot(desk, testInfo, 'transfer-dialog');
    await dialog.getByTestId('transfer-submit').click();
    await expect(dialog).toBeHidden();
    await expect(desk.getByTestId('current-empty')).toBeVisible();

    // It now waits in C's queue, which Loket 3 serves.
    const loket3 = await counter(request, 3);
    const queue = await apiGet<{ id: string; serviceId: string }[]>(request, `/counters/${loket3.id}/queue`, user('petugas3'));
    expect(queue.find((waiting) => waiting.id === serving.id)).toMatchObject({ serviceId: target.id });
    expect((await today(request)).transferred).toBe(before.transferred + 1);
  });

  test('pauses with a reason and resumes', async ({ request }, testInfo) => {
    await desk.keyboard.press('j');
    const dialog = desk.getByRole('dialog', { name: 'Jeda loket' });
    await dialog.getByTestId('pause-briefing').check();
    await dialog.getByTestId('pause-submit').click();
    await expect(desk.getByTestId('desk-state')).toHaveText('Dijeda');
    expect(await counter(request, 1)).toMatchObject({ state: 'paused', pauseReason: 'briefing' });
    await expect(desk.getByTestId('action-callNext')).toBeDisabled();
    await screenshot(desk, testInfo, 'desk-paused');

    await desk.keyboard.press('l');
    await expect(desk.getByTestId('desk-state')).toHaveText('Buka');
    expect((await counter(request, 1)).state).toBe('open');
  });

  test('refuses actions while offline instead of queueing them, and resyncs on reconnect', async ({ request }, testInfo) => {
    await desk.context().setOffline(true);
    await expect(desk.getByTestId('offline-banner')).toBeVisible();
    await expect(desk.getByTestId('action-callNext')).toBeEnabled();
    await desk.keyboard.press('n');
    await expect(desk.getByTestId('desk-message')).toHaveText(/TIDAK dikirim/);
    await screenshot(desk, testInfo, 'desk-offline');
    // A ticket issued while the desk is offline shows up after the reconnect's fresh snapshot.
    const missed = await issue(request, 'A');
    expect((await counter(request, 1)).currentTicket).toBeNull();

    await desk.context().setOffline(false);
    await expect(desk.getByTestId('offline-banner')).toBeHidden();
    await expect(desk.getByTestId('connection')).toHaveText('Tersambung');
    await expect(desk.getByTestId(`queue-${missed.number}`)).toBeVisible();
  });

  test('closes the counter, and shows the server’s refusal when another officer takes it', async ({ request }, testInfo) => {
    await desk.keyboard.press('t');
    await expect(desk.getByTestId('desk-state')).toHaveText('Tutup');
    expect((await counter(request, 1)).state).toBe('closed');

    // petugas3 opens Loket 1 from another PC; this desk still shows it and tries to call.
    const loket1 = await counter(request, 1);
    expect((await apiPost(request, `/counters/${loket1.id}/open`, user('petugas3'))).ok()).toBe(true);
    await expect(desk.getByTestId('desk-state')).toHaveText('Buka');
    await desk.keyboard.press('n');
    await expect(desk.getByTestId('desk-message')).toHaveText(/^Ditolak server: .*another officer/);
    await screenshot(desk, testInfo, 'desk-refused');
    expect((await apiPost(request, `/counters/${loket1.id}/close`, user('petugas3'))).ok()).toBe(true);
  });
});
