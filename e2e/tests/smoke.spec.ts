import type { APIRequestContext } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

/** What these tests read of GET /api/v1/offices and …/services (OfficeView, ServiceView). */
interface Office {
  slug: string;
  name: string;
}
interface Service {
  id: string;
  active: boolean;
  quotaReached: boolean;
}

async function firstOffice(request: APIRequestContext): Promise<Office> {
  const response = await request.get('/api/v1/offices');
  expect(response.ok()).toBe(true);
  const offices = (await response.json()) as Office[];
  expect(offices.length, 'the demo office is seeded').toBeGreaterThan(0);
  return offices[0]!;
}

const landingLinks = [
  { name: 'Kios', href: '/kiosk' },
  { name: 'Papan antrean', href: '/board' },
  { name: 'Petugas loket', href: '/counter/' },
  { name: 'Supervisor', href: '/counter/supervisor' },
  { name: 'Admin', href: '/counter/admin' },
  { name: 'Dokumentasi API', href: '/api/docs' },
];

/**
 * The kiosk's heading follows the office's calendar: the demo office (Monday–Friday, 08:00–15:00)
 * is closed at night and at weekends, and these servers run on the real clock. The browser tab's
 * title is the same either way.
 */
const KIOSK_HEADING = /^(Ambil nomor antrean|Nomor antrean belum dapat diambil)$/;
const KIOSK_HEADING_EN = /^(Take a queue number|No queue numbers for now)$/;

const placeholderScreens: { shot: string; path: string; heading: string; h1?: RegExp }[] = [
  { shot: 'kiosk', path: '/kiosk', heading: 'Ambil nomor antrean', h1: KIOSK_HEADING },
  { shot: 'board', path: '/board', heading: 'Papan antrean' },
  { shot: 'ticket', path: '/t/CONTOH12345', heading: 'Tiket antrean Anda' },
  { shot: 'counter-officer', path: '/counter/', heading: 'Petugas loket' },
  { shot: 'counter-supervisor', path: '/counter/supervisor', heading: 'Dasbor supervisor' },
  { shot: 'counter-admin', path: '/counter/admin', heading: 'Administrasi' },
];

test('the landing page links every screen', async ({ page, request }, testInfo) => {
  const response = await page.goto('/');
  expect(response?.ok()).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.getByRole('heading', { level: 1, name: 'Loket' })).toBeVisible();

  const screens = page.getByRole('navigation', { name: 'Semua layar' });
  for (const { name, href } of landingLinks) {
    const link = screens.getByRole('link', { name: new RegExp(`^${name}\\b`) });
    await expect(link, name).toHaveAttribute('href', href);
    const target = await request.get(href);
    expect(target.ok(), `${href} answers`).toBe(true);
  }
  await expect(screens.getByRole('link')).toHaveCount(landingLinks.length);
  await screenshot(page, testInfo, 'landing');

  await screens.getByRole('link', { name: /^Kios\b/ }).click();
  await expect(page).toHaveURL('/kiosk');
  await expect(page.getByRole('heading', { level: 1, name: KIOSK_HEADING })).toBeVisible();

  await page.goBack();
  await screens.getByRole('link', { name: /^Supervisor\b/ }).click();
  await expect(page).toHaveURL('/counter/supervisor');
  await expect(page.getByRole('heading', { level: 1, name: 'Dasbor supervisor' })).toBeVisible();
});

for (const screen of placeholderScreens) {
  test(`${screen.path} shows its heading in Indonesian`, async ({ page }, testInfo) => {
    const response = await page.goto(screen.path);
    expect(response?.ok()).toBe(true);
    await expect(page.getByRole('heading', { level: 1, name: screen.h1 ?? screen.heading })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await expect(page).toHaveTitle(new RegExp(screen.heading));
    await screenshot(page, testInfo, screen.shot);
  });
}

test('an unknown address shows a not-found page', async ({ page }) => {
  await page.goto('/tidak-ada');
  await expect(page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeVisible();
});

test('the language switch shows English, in both apps, and stays after a reload', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('group', { name: 'Bahasa' }).getByRole('button', { name: 'English' }).click();

  // The switch's own label is translated too.
  const switcher = page.getByRole('group', { name: 'Language' });
  await expect(switcher.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(switcher.getByRole('button', { name: 'Bahasa Indonesia' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2, name: 'For citizens' })).toBeVisible();
  const screens = page.getByRole('navigation', { name: 'All screens' });
  await expect(screens.getByRole('link', { name: /^Kiosk\b/ })).toBeVisible();
  await screenshot(page, testInfo, 'landing-en');

  await screens.getByRole('link', { name: /^Kiosk\b/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: KIOSK_HEADING_EN })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: KIOSK_HEADING_EN })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.goto('/counter/');
  await expect(page.getByRole('heading', { level: 1, name: 'Counter officer' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await screenshot(page, testInfo, 'counter-admin-en');

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administrasi' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
});

test('/api/docs shows the OpenAPI reference', async ({ page }, testInfo) => {
  const response = await page.goto('/api/docs');
  expect(response?.ok()).toBe(true);
  await expect(page.getByRole('heading', { name: /Loket API/ }).first()).toBeVisible();
  await screenshot(page, testInfo, 'api-docs');
});

test('the board shows an office from the socket snapshot, and without one in the address the first office', async ({ page, request, office }, testInfo) => {
  const officeListRequests: string[] = [];
  page.on('request', (sent) => {
    if (new URL(sent.url()).pathname === '/api/v1/offices') officeListRequests.push(sent.url());
  });

  // With the office in the address the page never asks the REST API for it: the name can
  // only come from the snapshot that answers the socket subscription.
  await page.goto(`/board?office=${encodeURIComponent(office.slug)}`);
  await expect(page.getByTestId('board-office-name')).toHaveText(office.name);
  await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
  await expect(page.getByTestId('board-services').getByRole('listitem').first()).toBeVisible();
  expect(officeListRequests).toEqual([]);
  await screenshot(page, testInfo, 'board-live');

  // Without it, the board takes the first office the API lists (the demo office: the suites' own sort after it).
  const first = await firstOffice(request);
  await page.goto('/board');
  await expect(page.getByTestId('board-office-name')).toHaveText(first.name);
  await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
});

test('the board applies a new ticket live', async ({ page, request, office }) => {
  await page.goto(`/board?office=${encodeURIComponent(office.slug)}`);
  await expect(page.getByTestId('board-status')).toHaveText('Terhubung');

  const services = (await (await request.get(`/api/v1/offices/${office.slug}/services`)).json()) as (Service & { code: string })[];
  const service = services.find((candidate) => candidate.active && !candidate.quotaReached);
  expect(service, 'a service takes tickets').toBeDefined();
  const waiting = page.locator(`[data-testid="board-services"] li[data-service="${service!.code}"] [data-testid="service-waiting"]`);
  const count = async () => Number(/\d+/.exec((await waiting.textContent()) ?? '')?.[0]);
  const waitingBefore = await count();
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: service!.id } });
  expect(issued.ok()).toBe(true);

  await expect.poll(count).toBeGreaterThan(waitingBefore);
});
