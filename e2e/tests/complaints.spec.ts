import { expect, logInAt, screenshot, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 19, complaints: a citizen files one from the phone ticket page, the supervisor
// answers it in the counter app, and the citizen reads the answer on the status page.
test.describe.configure({ timeout: 240_000 });
test.use({ officeStaff: ['supervisor'] });

// Markup and a spreadsheet formula in the citizen's text: shown as typed, never run.
const TEXT = 'Saya diminta <b>biaya tambahan</b> =1+1 di loket, padahal layanan ini gratis.';
const REPLY = 'Terima kasih. Petugas sudah ditegur dan biaya dikembalikan.\nMohon maaf atas ketidaknyamanannya.';

test('a complaint filed from the ticket page is answered by the supervisor and its status seen by the citizen', async ({
  browser,
  page,
  request,
  office,
}, testInfo) => {
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.ok(), await issued.text()).toBe(true);
  const ticket = (await issued.json()) as { trackingCode: string };

  // The citizen, on a phone: the ticket page leads to the complaint form, linked to the ticket.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/t/${ticket.trackingCode}`);
  await page.getByTestId('ticket-complaint-link').getByRole('link', { name: 'Sampaikan pengaduan' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${office.slug}/pengaduan\\?tiket=${ticket.trackingCode}$`));
  await expect(page.getByRole('heading', { name: 'Sampaikan pengaduan' })).toBeVisible();
  await expect(page.getByTestId('lapor-channel')).toContainText('SP4N-LAPOR!');
  expect(await seriousViolations(page)).toEqual([]);
  // Too short: refused on the page, nothing sent.
  await page.getByLabel('Apa yang terjadi?').fill('pendek');
  await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
  await expect(page.getByRole('alert')).toContainText('minimal 10 karakter');
  await screenshot(page, testInfo, 'complaint-form');

  await page.getByLabel('Tentang apa?').selectOption({ label: 'Biaya atau pungutan' });
  await page.getByLabel('Apa yang terjadi?').fill(TEXT);
  await page.getByLabel('Nomor telepon atau e-mail').fill('0812-5555-0101');
  await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
  await expect(page.getByRole('heading', { name: 'Pengaduan Anda sudah kami terima' })).toBeVisible();
  const code = (await page.getByTestId('complaint-code').textContent())!.trim();
  expect(code).toMatch(/^PGD-/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'complaint-receipt');

  // The supervisor: the complaint in the list, moved on, answered and closed.
  const staffContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const staff = await staffContext.newPage();
  await logInAt(staff, '/counter/supervisor/complaints', office.staff.supervisor!.username);
  await staff.getByTestId('complaint-list').getByRole('button').first().click();
  const detail = staff.getByTestId('complaint-detail');
  await expect(detail.getByTestId('complaint-text')).toHaveText(TEXT);
  await expect(detail).toContainText('0812-5555-0101');
  await detail.getByTestId('complaint-move-diproses').click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('Diproses');
  await detail.getByLabel('Jawaban untuk warga').fill(REPLY);
  await detail.getByTestId('complaint-save-reply').click();
  await detail.getByLabel('Catatan baru').fill('Sudah dicek dengan kepala seksi.');
  await detail.getByRole('button', { name: 'Tambah catatan' }).click();
  await expect(detail).toContainText('Sudah dicek dengan kepala seksi.');
  await detail.getByTestId('complaint-move-selesai').click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('Selesai');
  await staff.getByTestId('complaint-figures').getByRole('button', { name: 'Tampilkan' }).click();
  await expect(staff.getByTestId('complaint-figures').locator('tbody tr').last()).toContainText('Seluruh kantor');
  expect(await seriousViolations(staff)).toEqual([]);
  await screenshot(staff, testInfo, 'complaints-staff');

  // The citizen: the status page shows the answer, the text as typed, and no contact or note.
  await page.goto(`/pengaduan/${code}`);
  await expect(page.getByTestId('complaint-status')).toHaveText('Selesai');
  await expect(page.getByTestId('complaint-reply')).toHaveText(REPLY);
  await expect(page.getByTestId('complaint-description')).toHaveText(TEXT);
  await expect(page.getByTestId('complaint-description').locator('b')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('0812-5555-0101');
  await expect(page.locator('body')).not.toContainText('kepala seksi');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'complaint-status');

  // A code that is not one: said so, not a blank page.
  await page.goto('/pengaduan/PGD-SALAH');
  await expect(page.getByTestId('complaint-problem')).toContainText('tidak benar');
  await staffContext.close();
});

test('the status page writes the dates in the office’s time, whatever the phone’s zone', async ({ browser, request, office }) => {
  const filed = await request.post(`/api/v1/offices/${office.slug}/complaints`, {
    data: { category: 'waktu', description: 'Antrean tidak bergerak satu jam.' },
  });
  expect(filed.ok(), await filed.text()).toBe(true);
  const receipt = (await filed.json()) as { code: string; dueAt: string };
  // A phone set to UTC: 7 hours behind the office (WIB), so a date in its zone reads differently.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', timezoneId: 'UTC' });
  const phone = await context.newPage();
  await phone.goto(`/pengaduan/${receipt.code}`);
  await expect(phone.getByTestId('complaint-status')).toHaveText('Diterima');
  const inZone = (timeZone: string) => new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(receipt.dueAt));
  expect(inZone('Asia/Jakarta')).not.toBe(inZone('UTC'));
  await expect(phone.getByText(inZone('Asia/Jakarta'), { exact: true })).toBeVisible();
  await expect(phone.getByText(inZone('UTC'), { exact: true })).toHaveCount(0);
  await context.close();
});
