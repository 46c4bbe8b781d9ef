import type { APIRequestContext } from '@playwright/test';
import { KIOSK_TOKEN_HEADER, type SuiteOffice, expect, logInAt, screenshot, test } from './fixtures.js';

// Issue 16: the admin keeps the office calendar on its own tab: an own day added and removed,
// a closure made over a waiting citizen (confirmed first), the kiosk refused during it, and
// the closure ended early. The suite's office keeps no hours (open around the clock), so only
// the closure shuts it, whatever time the suite runs at.
test.describe.configure({ timeout: 120_000 });

const TZ = 'Asia/Jakarta';

/** The server's now (the board snapshot's `at`): the worker's development clock may run ahead of this machine's. */
async function serverNow(request: APIRequestContext, office: SuiteOffice): Promise<Date> {
  const reply = await request.get(`/api/v1/offices/${office.slug}/board`);
  expect(reply.ok(), await reply.text()).toBe(true);
  return new Date(((await reply.json()) as { at: string }).at);
}

/** An instant as a `datetime-local` value in the office's time zone. */
function localInput(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Chromium logs each refusal the test makes on purpose: take one 409 off the list, which must then be empty of it. */
function takeRefusal(consoleErrors: string[]): void {
  const index = consoleErrors.findIndex((line) => /status of 409/.test(line));
  expect(index, 'the refused request was logged').toBeGreaterThanOrEqual(0);
  consoleErrors.splice(index, 1);
}

const issue = (request: APIRequestContext, office: SuiteOffice) =>
  request.post(`/api/v1/offices/${office.slug}/tickets`, { headers: { [KIOSK_TOKEN_HEADER]: office.kioskToken }, data: { serviceId: office.services.A.id } });

test('an admin adds and removes an own day, closes the office over a waiting citizen after confirming, and ends it early', async ({
  page,
  request,
  office,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  expect((await issue(request, office)).status()).toBe(201);
  const now = await serverNow(request, office);

  await logInAt(page, '/counter/admin', 'admin');
  await page.getByTestId('admin-office').selectOption(office.id);
  await page.getByRole('tab', { name: 'Kalender' }).click();
  await expect(page.getByRole('heading', { name: 'Kalender kantor' })).toBeVisible();

  // An own day, ten days on (a day the seeded list may hold is refused: the test picks the next free one).
  const days = page.getByTestId('calendar-days');
  const addDay = page.getByTestId('add-day');
  let day = new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
  while ((await days.locator(`tr[data-day="${day}"]`).count()) > 0) day = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
  await addDay.getByLabel('Tanggal').fill(day);
  await addDay.getByLabel('Jenis hari').selectOption('holiday');
  await addDay.getByLabel('Keterangan').fill('Hari jadi kota');
  await addDay.getByRole('button', { name: 'Tambahkan' }).click();
  const row = days.locator(`tr[data-day="${day}"]`);
  await expect(row).toContainText('Hari jadi kota');
  await expect(row).toContainText('Libur kantor');
  await expect(page.getByRole('status')).toContainText('ditambahkan ke kalender kantor');

  // The same day again is refused in words, and nothing is added.
  await addDay.getByLabel('Tanggal').fill(day);
  await addDay.getByLabel('Keterangan').fill('Lagi');
  await addDay.getByRole('button', { name: 'Tambahkan' }).click();
  await expect(page.getByRole('alert')).toContainText('Tanggal itu sudah ada di kalender kantor.');
  takeRefusal(consoleErrors);
  await expect(days.locator(`tr[data-day="${day}"]`)).toHaveCount(1);

  // A closure from now for two hours: a citizen waits, so the admin is asked first.
  const addClosure = page.getByTestId('add-closure');
  await addClosure.getByLabel('Sampai').fill(localInput(new Date(now.getTime() + 2 * 3_600_000)));
  await addClosure.getByLabel('Alasan').fill('Gangguan jaringan, layanan dihentikan sementara');
  await addClosure.getByRole('button', { name: 'Tutup kantor' }).click();
  const confirm = page.getByRole('dialog', { name: 'Masih ada warga yang menunggu' });
  await expect(confirm).toContainText('1 warga masih menunggu dipanggil');
  takeRefusal(consoleErrors);
  await confirm.getByRole('button', { name: 'Tutup juga' }).click();
  const closure = page.getByTestId('calendar-closures').locator('tr[data-closure="Gangguan jaringan, layanan dihentikan sementara"]');
  await expect(closure).toContainText('Sedang berlangsung');
  await screenshot(page, testInfo, 'admin-calendar-1366');

  const refused = await issue(request, office);
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toMatchObject({
    code: 'office_closed',
    details: { reason: 'closure', reasonText: 'Gangguan jaringan, layanan dihentikan sementara' },
  });

  // Ended early: confirmed in a dialog, gone from the list, and the kiosk issues again.
  await closure.getByRole('button', { name: 'Akhiri sekarang' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Akhiri sekarang' }).click();
  await expect(page.getByRole('status')).toContainText('Penutupan diakhiri');
  await expect(page.getByTestId('calendar-closures')).toHaveCount(0);
  expect((await issue(request, office)).status()).toBe(201);

  // The own day removed.
  await row.getByRole('button', { name: 'Hapus' }).click();
  await expect(days.locator(`tr[data-day="${day}"]`)).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('dihapus dari kalender kantor');

  // Every change is in the audit trail under its own action.
  await page.getByRole('tab', { name: 'Jejak audit' }).click();
  for (const action of ['Hari kantor ditambahkan', 'Penutupan kantor dibuat', 'Penutupan kantor diakhiri', 'Hari kantor dihapus']) {
    await expect(page.getByRole('cell', { name: action }).first()).toBeVisible();
  }

  // English second: the same tab in the screen's other language.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { name: 'Office calendar' })).toBeVisible();
  await expect(page.getByTestId('calendar-days').getByRole('columnheader', { name: 'Date' })).toBeVisible();
  await screenshot(page, testInfo, 'admin-calendar-1366-en');
});
