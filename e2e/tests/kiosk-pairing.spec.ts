import type { Page } from '@playwright/test';
import { PASSWORD, expect, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// An admin pairs, lists and revokes an office's kiosks in the staff app, and sets its
// anonymous issuing (README, "Kiosks are paired"). The office is the fixture's own: its
// "Kios uji" paired, anonymous issuing off. The dev clock is not moved.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

test('an admin pairs a kiosk from the staff app, the kiosk issues with its code, and revoking it stops it', async ({ browser, office }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors: string[] = [];
  const admin = await context.newPage();
  admin.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await admin.goto('/counter/admin');
  await admin.getByLabel('Nama pengguna').fill('admin');
  await admin.getByLabel('Kata sandi').fill(PASSWORD);
  await admin.getByRole('button', { name: 'Masuk' }).click();
  await admin.getByTestId('admin-office').selectOption(office.id);
  await admin.getByRole('tab', { name: 'Kios' }).click();

  const panel = admin.getByRole('tabpanel');
  await expect(panel.locator('tr[data-kiosk="Kios uji"]')).toContainText('Terpasang');
  const anonymous = panel.getByRole('checkbox', { name: 'Izinkan ponsel dan perangkat lain tanpa pemasangan mengambil antrean' });
  await expect(anonymous).not.toBeChecked();
  await expectAccessible(admin);

  // Pair a new kiosk: its code is shown this once, with a copy button.
  await panel.getByLabel('Nama kios').fill('Kios pintu utama');
  await panel.getByRole('button', { name: 'Pasangkan kios' }).click();
  const box = panel.getByTestId('kiosk-code');
  await expect(box).toContainText('Kode pemasangan Kios pintu utama');
  const code = (await box.locator('.code code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
  await box.getByRole('button', { name: 'Salin kode' }).click();
  await expect(box.getByRole('status')).toHaveText('Kode disalin.');
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await expect(panel.locator('tr[data-kiosk="Kios pintu utama"]')).toContainText('Terpasang');
  await expectAccessible(admin);
  await admin.screenshot({ path: testInfo.outputPath('admin-kiosks-1920.png'), fullPage: true });
  // The list never shows a code again.
  await box.getByRole('button', { name: 'Selesai, sembunyikan kode' }).click();
  await expect(admin.getByText(code)).toHaveCount(0);

  // At the kiosk, a staff member logs in to its settings and types the code.
  const kiosk = await context.newPage();
  kiosk.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await kiosk.goto(`/kiosk?office=${office.slug}`);
  await kiosk.getByText('Pengaturan kios', { exact: true }).click();
  await kiosk.getByTestId('kiosk-unlock').getByLabel('Nama pengguna').fill('admin');
  await kiosk.getByTestId('kiosk-unlock').getByLabel('Kata sandi').fill(PASSWORD);
  await kiosk.getByTestId('kiosk-unlock').getByRole('button', { name: 'Masuk' }).click();
  await kiosk.getByLabel('Kode pemasangan').fill(code);
  await kiosk.getByRole('button', { name: 'Pasangkan', exact: true }).click();
  await expect(kiosk.getByText('Kios ini terpasang ke kantor.')).toBeVisible();
  await kiosk.getByText('Pengaturan kios', { exact: true }).click();
  await kiosk.locator('button[data-service="C"]').click();
  await kiosk.locator('button[data-priority="none"]').click();
  await expect(kiosk.getByTestId('ticket-number')).toHaveText(/^C-\d{3}$/);
  await kiosk.getByRole('button', { name: 'Selesai' }).click();

  // Revoking asks first; cancelling keeps the pairing.
  const row = panel.locator('tr[data-kiosk="Kios pintu utama"]');
  await row.getByRole('button', { name: 'Cabut Kios pintu utama' }).click();
  const confirm = admin.getByRole('dialog', { name: 'Cabut pemasangan Kios pintu utama?' });
  await confirm.getByRole('button', { name: 'Batal' }).click();
  await expect(row).toContainText('Terpasang');
  await row.getByRole('button', { name: 'Cabut Kios pintu utama' }).click();
  await confirm.getByTestId('confirm').click();
  await expect(row).toContainText('Dicabut');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(panel.locator('tr[data-kiosk="Kios uji"]')).toContainText('Terpasang');

  // The revoked kiosk stops at once.
  await kiosk.locator('button[data-service="C"]').click();
  await kiosk.locator('button[data-priority="none"]').click();
  await expect(kiosk.getByRole('alert')).toContainText('Kios ini belum dipasangkan');

  // The office's anonymous issuing: on, then off again, as the API keeps it.
  await anonymous.check();
  await expect(panel.getByRole('status')).toContainText('diizinkan');
  await admin.reload();
  await admin.getByTestId('admin-office').selectOption(office.id);
  await admin.getByRole('tab', { name: 'Kios' }).click();
  await expect(anonymous).toBeChecked();
  await anonymous.uncheck();
  await expect(panel.getByRole('status')).toContainText('dimatikan');
  await admin.reload();
  await admin.getByTestId('admin-office').selectOption(office.id);
  await admin.getByRole('tab', { name: 'Kios' }).click();
  await expect(anonymous).not.toBeChecked();

  expect(errors).toEqual([]);
  await context.close();
});
