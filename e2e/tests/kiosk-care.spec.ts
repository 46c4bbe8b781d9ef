import type { Page } from '@playwright/test';
import { PASSWORD, type SuiteOffice, expect, openPaired, screenshot, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// The kiosk's everyday care (issue 14, item 11) on an office of its own (the fixture's), whose
// kiosk is paired and which takes no anonymous tickets. Its tickets are services A and B only;
// no counter is opened and the dev clock is not moved (the kiosk's idle timer runs on page.clock).
test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ officeStaff: ['petugas1'] });

/** Opens the kiosk of the suite's office, paired through the address the admin screen and the start log give. */
async function openPairedKiosk(page: Page, office: SuiteOffice): Promise<void> {
  await openPaired(page, office);
  await expect(page.getByRole('heading', { level: 1, name: 'Ambil nomor antrean' })).toBeVisible();
  await expect(page.locator('button[data-service="A"]')).toBeEnabled();
}

test.describe('kiosk care', () => {
  test('the address with #pair= pairs the kiosk and leaves the address at once', async ({ page, office }) => {
    await openPairedKiosk(page, office);
    expect(new URL(page.url()).hash).toBe('');
    // Only the code leaves: the office stays in the address, so a reload shows the same office.
    expect(new URL(page.url()).search).toBe(`?office=${office.slug}`);
    expect(await page.evaluate(() => localStorage.getItem('loket.kiosk.token'))).toBe(office.kioskToken);
    // Paired, it issues although the office takes no anonymous tickets.
    await page.locator('button[data-service="B"]').click();
    await page.locator('button[data-priority="none"]').click();
    await expect(page.getByTestId('ticket-number')).toHaveText(/^B-\d{3}$/);
  });

  test('the pairing address opened on a kiosk already showing pairs it too', async ({ page, office }) => {
    await page.goto(`/kiosk?office=${office.slug}`);
    await expect(page.locator('button[data-service="A"]')).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('loket.kiosk.token'))).toBeNull();
    // Typed into the address bar of the open kiosk, only the fragment changes: no new load.
    await page.evaluate((code) => (location.hash = `#pair=${code}`), office.kioskToken);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('loket.kiosk.token'))).toBe(office.kioskToken);
    await expect.poll(() => new URL(page.url()).hash).toBe('');
    expect(new URL(page.url()).search).toBe(`?office=${office.slug}`);
  });

  test('the settings open only to a staff login of the office, and lock again when closed', async ({ page, office, consoleErrors }) => {
    await openPairedKiosk(page, office);
    await page.getByText('Pengaturan kios', { exact: true }).click();
    // A citizen sees only the login: no paper width, no pairing, no unpairing.
    await expect(page.getByRole('radio', { name: '58 mm' })).toHaveCount(0);
    await expect(page.getByLabel('Kode pemasangan')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Lepas pemasangan' })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    const unlock = page.getByTestId('kiosk-unlock');
    await unlock.getByLabel('Nama pengguna').fill(office.staff.petugas1!.username);
    await unlock.getByLabel('Kata sandi').fill('not-the-password');
    await unlock.getByRole('button', { name: 'Masuk' }).click();
    await expect(unlock.getByRole('alert')).toHaveText('Nama pengguna atau kata sandi salah.');
    // Chromium logs the refused login (401) the test makes on purpose; nothing else may be logged.
    const refused = consoleErrors.findIndex((line) => /status of 401/.test(line));
    expect(refused).toBeGreaterThanOrEqual(0);
    consoleErrors.splice(refused, 1);
    await expect(page.getByRole('radio', { name: '58 mm' })).toHaveCount(0);

    await unlock.getByLabel('Kata sandi').fill(PASSWORD);
    await unlock.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByText(`Dibuka oleh ${office.staff.petugas1!.name}`)).toBeVisible();
    await page.getByRole('radio', { name: '58 mm' }).check();
    expect(await page.evaluate(() => localStorage.getItem('loket.kiosk.paper'))).toBe('58');
    await expect(page.getByText('Kios ini terpasang ke kantor.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Closing the panel locks it: the next person to open it must log in again.
    await page.getByText('Pengaturan kios', { exact: true }).click();
    await page.getByText('Pengaturan kios', { exact: true }).click();
    await expect(page.getByTestId('kiosk-unlock')).toBeVisible();
    await expect(page.getByRole('radio', { name: '58 mm' })).toHaveCount(0);
    await page.getByText('Pengaturan kios', { exact: true }).click();
  });

  test('a citizen’s language goes back to Indonesian when the kiosk is left alone', async ({ page, office }) => {
    await page.clock.install();
    await openPairedKiosk(page, office);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Touch the service you need' })).toBeVisible();
    // Still English while the citizen is using it…
    await page.clock.runFor(40_000);
    await page.locator('button[data-service="A"]').click();
    await page.clock.runFor(40_000);
    await expect(page.getByRole('heading', { name: 'Do you need priority service?' })).toBeVisible();
    // …and the next citizen, a minute after the last touch, finds it in Indonesian.
    await page.clock.runFor(21_000);
    await expect(page.getByRole('heading', { name: 'Sentuh layanan yang Anda perlukan' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('loket.locale'))).toBe('id');

    // The same on the service list, where a citizen may switch language and walk away.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Touch the service you need' })).toBeVisible();
    await page.clock.runFor(61_000);
    await expect(page.getByRole('heading', { name: 'Sentuh layanan yang Anda perlukan' })).toBeVisible();
  });

  test('each service with a daily quota shows the quota left, and it counts down as tickets are taken', async ({ page, request, office }) => {
    await openPairedKiosk(page, office);
    const tileA = page.locator('button[data-service="A"]');
    const left = Number(/Sisa kuota hari ini: (\d+)/.exec((await tileA.textContent()) ?? '')?.[1]);
    // The office's service A has a quota of 300 (fixtures.ts), D one of 80; B has none.
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(300);
    await expect(page.locator('button[data-service="D"]')).toContainText('Sisa kuota hari ini: 80');
    await expect(page.locator('button[data-service="B"]')).not.toContainText('Sisa kuota');

    const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
    expect(reply.status(), await reply.text()).toBe(201);
    await expect(tileA).toContainText(`Sisa kuota hari ini: ${left - 1}`);
  });

  test('portrait uses the whole screen, landscape too, and both are accessible', async ({ page, office }, testInfo) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await openPairedKiosk(page, office);
    const tiles = page.locator('ul.tiles');
    const portrait = (await tiles.boundingBox())!;
    // The services reach down to the settings button at the foot, not half-way (as before).
    expect(portrait.y + portrait.height).toBeGreaterThan(1920 * 0.8);
    expect(portrait.width).toBeGreaterThan(1080 * 0.85);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, testInfo, 'kiosk-portrait-1080x1920');

    await page.setViewportSize({ width: 1920, height: 1080 });
    const landscape = (await tiles.boundingBox())!;
    expect(landscape.y + landscape.height).toBeGreaterThan(1080 * 0.7);
    // Nothing of the page scrolls out of a landscape screen either.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, testInfo, 'kiosk-landscape-1920x1080');

    await page.locator('button[data-service="B"]').click();
    await screenshot(page, testInfo, 'kiosk-priority-landscape');
    await page.setViewportSize({ width: 1080, height: 1920 });
    await screenshot(page, testInfo, 'kiosk-priority-portrait');
  });
});
