import { expect, logInAt, screenshot, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 19: a citizen makes a complaint at the counter and the officer records it from the desk
// ("Catat pengaduan"), through the complaints API; the citizen follows it with the code given.
test.describe.configure({ timeout: 180_000 });
test.use({ officeStaff: ['petugas1'] });

const TEXT = 'Warga menunggu <b>dua jam</b> padahal standar 30 menit; =1+1';

test('an officer records a complaint made at the counter, and the citizen sees it with the code', async ({ page, browser, office }, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/', office.staff.petugas1!.username);
  await page.getByTestId('pick-counter-1').click();
  await page.getByTestId('record-complaint').click();

  const dialog = page.getByRole('dialog', { name: 'Catat pengaduan warga' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Jenis pengaduan').selectOption('waktu');
  // The desk's single keys rest while the officer types (an "n" would call the next ticket).
  await dialog.getByLabel('Apa yang terjadi').fill(TEXT);
  await dialog.locator('select[name="service"]').selectOption({ index: 1 });
  await dialog.getByLabel('Nama warga (tidak wajib)').fill('Ibu Sari');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'desk-record-complaint-1920');
  await dialog.getByTestId('record-complaint-submit').click();

  const receipt = dialog.getByTestId('record-complaint-receipt');
  await expect(receipt).toContainText('tercatat');
  const code = (await receipt.getByTestId('record-complaint-code').textContent())!.trim();
  expect(code).toMatch(/^PGD-[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'desk-record-complaint-receipt-1920');
  await receipt.getByRole('button', { name: 'Selesai' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('desk-state')).toHaveText('Tutup');

  // The citizen's status page: the text as typed, received, no contact shown.
  const citizen = await browser.newPage();
  await citizen.goto(`/pengaduan/${code}`);
  await expect(citizen.getByText(TEXT)).toBeVisible();
  await expect(citizen.getByText('Diterima').first()).toBeVisible();
  await expect(citizen.getByText('Ibu Sari')).toHaveCount(0);
  await citizen.close();
});
