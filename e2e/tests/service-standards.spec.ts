import type { Browser, Page } from '@playwright/test';
import { pauseClockSoon, recordSpeech, turnToNotice } from './board-helpers.js';
import { DELIVERY_COMPONENT_TERMS, expect, logInAt, pdfPages, screenshot, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 19, service standards and the maklumat: an admin fills in a service's standard and
// the office's maklumat; the public page /o/:slug/standar shows both and prints on A4; the
// kiosk's "Apa yang perlu saya bawa?" shows the requirements and steps before a ticket; the
// phone ticket page shows the six delivery components.
test.describe.configure({ timeout: 240_000 });
test.use({ officePer: 'test' });

const STEPS = ['Ambil nomor antrean di kios', 'Serahkan berkas kepada petugas', 'Perekaman foto dan sidik jari', 'Terima KTP-el'];
const SIGNER = 'Drs. Hendra Gunawan, M.Si.';

const errors: string[] = [];
async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  page.on('console', (message) => {
    // Expected: Chromium logs the refused save (400) the test makes on purpose.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return page;
}

test.beforeEach(() => {
  errors.length = 0;
});
test.afterEach(() => {
  expect(errors, 'console errors').toEqual([]);
});

test('an admin publishes a standard and the maklumat; the public page prints them and the kiosk shows what to bring', async ({
  browser,
  office,
  request,
}, testInfo) => {
  // Admin: the standard of service A, with a refused repeated step first.
  const admin = await newPage(browser, { width: 1920, height: 1080 });
  await logInAt(admin, '/counter/admin', 'admin');
  await admin.getByTestId('admin-office').selectOption(office.id);
  await expect(admin.getByTestId('standard-A')).toContainText('komponen belum diisi');
  await admin.getByRole('button', { name: /^Ubah layanan A / }).click();
  const form = admin.getByRole('dialog', { name: 'Ubah layanan A' });
  await form.getByLabel('Sistem, mekanisme dan prosedur').fill([...STEPS, 'terima KTP-el'].join('\n'));
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form.locator('#service-procedure-error')).toContainText('tidak berulang');
  expect(await seriousViolations(admin)).toEqual([]);
  await screenshot(admin, testInfo, 'admin-standard-error');

  await form.getByLabel('Sistem, mekanisme dan prosedur').fill(STEPS.join('\n'));
  await form.getByLabel('Produk pelayanan').fill('Kartu Tanda Penduduk elektronik (KTP-el)');
  await form.getByLabel('Penanganan pengaduan, saran dan masukan').fill('Loket 5 atau SP4N-LAPOR! (www.lapor.go.id)');
  await form.getByLabel('Dasar hukum').fill('UU 24/2013 tentang Administrasi Kependudukan\nUU 25/2009 tentang Pelayanan Publik');
  await form.getByLabel('Jumlah pelaksana (orang)').fill('4');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form).toBeHidden();
  await expect(admin.getByRole('status')).toHaveText('Layanan A tersimpan.');
  // Six management texts are still empty.
  await expect(admin.getByTestId('standard-A')).toHaveText('6 komponen belum diisi');

  // Admin: the maklumat, version 1.
  await admin.getByRole('tab', { name: 'Maklumat' }).click();
  await expect(admin.getByTestId('maklumat-none')).toBeVisible();
  const maklumat = admin.getByTestId('maklumat-form');
  await expect(maklumat.getByLabel('Teks maklumat')).toHaveValue(/sanggup menyelenggarakan pelayanan/);
  await maklumat.getByLabel('Nama penanda tangan').fill(SIGNER);
  await maklumat.getByLabel('Jabatan penanda tangan').fill(`Kepala ${office.name}`);
  await maklumat.getByRole('button', { name: 'Simpan sebagai versi baru' }).click();
  await expect(admin.getByRole('status')).toHaveText('Maklumat versi 1 tersimpan dan berlaku.');
  await expect(admin.getByTestId('maklumat-versions')).toContainText(SIGNER);
  expect(await seriousViolations(admin)).toEqual([]);
  await screenshot(admin, testInfo, 'admin-maklumat');

  // The audit trail names both changes, and its filter finds the maklumat's.
  await admin.getByRole('tab', { name: 'Jejak audit' }).click();
  const audit = admin.getByTestId('audit-table');
  await expect(audit.getByRole('row', { name: /Layanan diubah/ }).first()).toContainText('A');
  await admin.getByLabel('Tindakan').selectOption('maklumat');
  await admin.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(audit.getByRole('row', { name: /Maklumat pelayanan: versi baru dicatat/ })).toHaveCount(1);
  await expect(audit.getByRole('row', { name: /Layanan diubah/ })).toHaveCount(0);
  await admin.context().close();

  // The public page: every service in the regulation's table, the maklumat with its signature.
  const page = await newPage(browser, { width: 1280, height: 900 });
  await page.goto(`/o/${office.slug}/standar`);
  const serviceA = page.locator('section[data-service="A"]');
  await expect(serviceA.getByRole('heading', { level: 2 })).toContainText('Perekaman & Pencetakan KTP-el');
  await expect(serviceA.locator('tr[data-component="procedure"] ol li')).toHaveText(STEPS);
  await expect(serviceA.locator('tr[data-component="requirements"]')).toContainText('Kartu Keluarga');
  await expect(serviceA.locator('tr[data-component="cost"]')).toContainText('Gratis');
  await expect(serviceA.locator('tr[data-component="executorCount"]')).toContainText('4 orang');
  await expect(serviceA.locator('tr[data-component="facilities"]')).toContainText('Belum ditetapkan');
  await expect(page.locator('section[data-service]')).toHaveCount(5);
  await expect(page.locator('#maklumat')).toContainText(SIGNER);
  await expect(page.locator('#maklumat')).toContainText('Kota Harapan,');
  expect(await seriousViolations(page, { labelMismatch: true })).toEqual([]);
  await screenshot(page, testInfo, 'standards-page');

  // Printed: white paper, no buttons, one A4 page a service and one for the maklumat.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-standards')).toBeHidden();
  const paper = await page.evaluate(() => [document.documentElement, document.body].map((element) => getComputedStyle(element).backgroundColor));
  expect(paper).toEqual(['rgb(255, 255, 255)', 'rgb(255, 255, 255)']);
  await screenshot(page, testInfo, 'standards-print');
  const pdf = await page.pdf({ path: testInfo.outputPath('standards-print.pdf'), preferCSSPageSize: true, printBackground: true });
  const pages = pdfPages(pdf);
  // Each of the five services starts a page (its two tables kept whole, so a long one takes a
  // second), and the maklumat has the last page to itself.
  expect(pages.length).toBeGreaterThanOrEqual(6);
  expect(pages.length).toBeLessThanOrEqual(11);
  for (const size of pages) expect(size).toEqual({ widthMm: 210, heightMm: 297 });
  await page.context().close();

  // The board's notices come round to the maklumat in force, with who signed it.
  const board = await newPage(browser, { width: 1920, height: 1080 });
  await recordSpeech(board, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
  await board.clock.install();
  await board.goto(`/board?office=${office.slug}`);
  await expect(board.getByTestId('board-status')).toHaveText('Terhubung');
  await pauseClockSoon(board);
  await turnToNotice(board, 'maklumat');
  await expect(board.getByTestId('board-notice-title')).toHaveText('Maklumat pelayanan');
  const notice = board.getByTestId('board-notice');
  await expect(notice).toContainText('Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan');
  await expect(notice).toContainText(`— ${SIGNER}, Kepala ${office.name}`);
  await board.context().close();

  // The phone ticket page: the six delivery components of the ticket's service, as published.
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.ok(), await issued.text()).toBe(true);
  const { trackingCode } = (await issued.json()) as { trackingCode: string };
  const phone = await newPage(browser, { width: 390, height: 844 });
  await phone.goto(`/t/${trackingCode}`);
  const standard = phone.getByTestId('delivery-standard');
  await expect(standard.getByRole('heading', { level: 2 })).toContainText('Standar pelayanan: Perekaman & Pencetakan KTP-el');
  await expect(standard.locator('[data-component]')).toHaveCount(6);
  await expect(standard.locator('dt')).toHaveText(DELIVERY_COMPONENT_TERMS);
  await expect(standard.locator('[data-component="procedure"] ol li')).toHaveText(STEPS);
  await expect(standard.locator('[data-component="cost"]')).toContainText('Gratis');
  await expect(standard.locator('[data-component="product"]')).toContainText('KTP-el');
  await expect(standard.locator('[data-component="complaintHandling"]')).toContainText('SP4N-LAPOR!');
  await expect(standard.getByRole('link', { name: /Standar pelayanan lengkap/ })).toHaveAttribute('href', `/o/${office.slug}/standar#layanan-A`);
  expect(await seriousViolations(phone)).toEqual([]);
  await standard.scrollIntoViewIfNeeded();
  await screenshot(phone, testInfo, 'phone-ticket-standard-390');
  await phone.context().close();

  // The kiosk, landscape and portrait: the panel opens from the tile, reads at arm's length, closes.
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    const kiosk = await newPage(browser, viewport);
    await kiosk.clock.install();
    await kiosk.goto(`/kiosk?office=${office.slug}`);
    const open = kiosk.locator('button[data-info="A"]');
    await expect(open).toHaveText(/Apa yang perlu saya bawa\?/);
    expect((await open.boundingBox())!.height).toBeGreaterThanOrEqual(56);
    await open.click();
    const panel = kiosk.getByRole('dialog', { name: /Apa yang perlu saya bawa\? Layanan Perekaman/ });
    await expect(panel.locator('.info-procedure li')).toHaveText(STEPS);
    await expect(panel.locator('.info-requirements li')).toHaveText(['Kartu Keluarga']);
    const listSize = await panel
      .locator('.info-procedure li')
      .first()
      .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(listSize).toBeGreaterThanOrEqual(24);
    expect((await panel.getByRole('button', { name: 'Tutup' }).boundingBox())!.height).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(kiosk)).toEqual([]);
    await screenshot(kiosk, testInfo, `kiosk-what-to-bring-${viewport.width}x${viewport.height}`);
    await panel.getByRole('button', { name: 'Tutup' }).click();
    await expect(panel).toBeHidden();

    // Left open and untouched, the kiosk's idle return closes it for the next citizen.
    await open.click();
    await expect(panel).toBeVisible();
    await kiosk.clock.runFor(61_000);
    await expect(panel).toBeHidden();
    await expect(kiosk.getByRole('heading', { name: 'Sentuh layanan yang Anda perlukan' })).toBeVisible();

    // "Ambil nomor antrean layanan ini" goes on to the priority question of that service.
    await open.click();
    await panel.getByRole('button', { name: 'Ambil nomor antrean layanan ini' }).click();
    await expect(kiosk.getByText('Layanan: Perekaman & Pencetakan KTP-el')).toBeVisible();
    await kiosk.context().close();
  }
});

test('the office’s SP4N-LAPOR! channel is shown beside complaints on the phone page and the public standard, once it is set', async ({
  browser,
  office,
  request,
}, testInfo) => {
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.ok(), await issued.text()).toBe(true);
  const { trackingCode } = (await issued.json()) as { trackingCode: string };

  // Not set: the complaint link stands alone, and the standard names no channel of the office.
  const phone = await newPage(browser, { width: 390, height: 844 });
  await phone.goto(`/t/${trackingCode}`);
  const link = phone.getByTestId('ticket-complaint-link');
  await expect(link.getByRole('link', { name: 'Sampaikan pengaduan' })).toBeVisible();
  // The page's other read of the standards has answered: the channel would be in by now.
  await expect(phone.getByTestId('delivery-standard')).toBeVisible();
  await expect(link.getByTestId('lapor-channel')).toHaveCount(0);
  const wall = await newPage(browser, { width: 1280, height: 900 });
  await wall.goto(`/o/${office.slug}/standar`);
  await expect(wall.locator('section[data-service]')).toHaveCount(5);
  await expect(wall.getByTestId('lapor-channel')).toHaveCount(0);

  const channel = `https://www.lapor.go.id/instansi/${office.slug}`;
  const saved = await request.put(`/api/v1/offices/${office.slug}/complaints/settings`, {
    headers: { authorization: `Bearer ${await staffToken(request, 'admin')}` },
    data: { responseWorkingDays: 5, laporChannel: channel },
  });
  expect(saved.ok(), await saved.text()).toBe(true);

  // Set: beside the phone page's complaint link, as a link.
  await phone.reload();
  await expect(link.getByTestId('lapor-channel')).toContainText('Anda juga dapat menyampaikan pengaduan melalui SP4N-LAPOR!:');
  await expect(link.getByRole('link', { name: channel })).toHaveAttribute('href', channel);
  expect(await seriousViolations(phone)).toEqual([]);
  await link.scrollIntoViewIfNeeded();
  await screenshot(phone, testInfo, 'phone-ticket-lapor-390');
  // Nothing on the phone's page is wider than the phone: the long link breaks.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // And under each service's complaint handling on the public standard.
  await wall.reload();
  const rows = wall.locator('tr[data-component="complaintHandling"]');
  await expect(rows).toHaveCount(5);
  await expect(rows.getByTestId('lapor-channel')).toHaveCount(5);
  await expect(rows.first().getByRole('link', { name: channel })).toHaveAttribute('href', channel);
  expect(await seriousViolations(wall)).toEqual([]);
  await rows.first().scrollIntoViewIfNeeded();
  await screenshot(wall, testInfo, 'standards-lapor');
  await phone.context().close();
  await wall.context().close();
});
