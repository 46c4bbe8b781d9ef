import type { Browser, Page } from '@playwright/test';
import { admin } from './board-helpers.js';
import { HOURS, PASSWORD, expect, logInAt, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Each test that changes an office works one of its own (the fixture's, `officePer: 'test'`),
// as the demo admin: one adds service X and counter 21, one sets the office's minutes. The
// staff list shows everyone, so its test reads the demo staff there and changes nobody. The
// tests run on any worker in any order.
test.describe.configure({ timeout: 300_000 });
test.use({ officePer: 'test' });

const SERVICE_NAME = 'Legalisir Dokumen';

async function newPage(browser: Browser, errors: string[], viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  page.on('console', (message) => {
    // Expected: Chromium logs the refused save (409) the test makes on purpose.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return page;
}

const logIn = (page: Page, username: string): Promise<void> => logInAt(page, '/counter/admin', username);

/** No serious or critical finding, and no button whose name does not hold its visible words. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page, { labelMismatch: true })).toEqual([]);
}

test.describe('the admin set-up', () => {
  // The console errors of the pages the running test opened (a worker runs one test at a time).
  const errors: string[] = [];
  test.beforeEach(() => {
    errors.length = 0;
  });
  test.afterEach(() => {
    expect(errors, 'console errors').toEqual([]);
  });

  test('an admin adds a service and a counter; the kiosk offers the service and the audit trail shows both', async ({ browser, office, request }, testInfo) => {
    // Suite offices keep no hours (they run at any real time); this one gets the usual week, so
    // the new counter's schedule can be seen to start as the office's opening hours.
    await (await admin(request)).patch(`/offices/${office.id}`, { openingHours: HOURS });
    const page = await newPage(browser, errors);
    await logIn(page, 'admin');
    await expect(page.getByRole('tab', { name: 'Layanan' })).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('admin-office').selectOption(office.id);
    await expect(page.getByRole('table').getByRole('rowheader', { name: 'A', exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-services-1920.png'), fullPage: true });

    // A code already used is refused beside the field, in Indonesian.
    await page.getByTestId('add-service').click();
    const form = page.getByRole('dialog', { name: 'Tambah layanan' });
    await form.getByLabel('Kode', { exact: false }).first().fill('A');
    await form.getByLabel('Nama layanan').fill(SERVICE_NAME);
    await form.getByLabel('Biaya (rupiah)').fill('10000');
    await form.getByLabel('Persyaratan').fill('KTP-el asli\nDokumen yang dilegalisir');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form.locator('#service-code-error')).toHaveText('Kode ini sudah dipakai layanan lain di kantor ini.');
    await expect(form.locator('input[name="code"]')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-service-form-error.png') });

    await form.locator('input[name="code"]').fill('X');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Layanan X tersimpan.');
    await expect(page.getByRole('row', { name: new RegExp(`X ${SERVICE_NAME}`) })).toContainText('Rp');

    // Tabs answer the arrow keys.
    await page.getByRole('tab', { name: 'Layanan' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Loket' })).toBeFocused();
    await expect(page.getByRole('tab', { name: 'Loket' })).toHaveAttribute('aria-selected', 'true');

    await page.getByTestId('add-counter').click();
    const counterForm = page.getByRole('dialog', { name: 'Tambah loket' });
    await counterForm.locator('input[name="number"]').fill('21');
    await counterForm.locator('input[name="name"]').fill('Loket 21');
    await counterForm.getByTestId('counter-service-X').check();
    await counterForm.getByRole('button', { name: 'Simpan' }).click();
    await expect(counterForm).toBeHidden();
    const row = page.getByRole('row', { name: /Loket 21/ });
    await expect(row).toContainText('X');
    await expect(row).toContainText('Sen–Kam 08:00–15:00; Jum 08:00–11:30');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-counters-1920.png'), fullPage: true });

    // The kiosk of an office outside its hours shows that it is closed, not its services: the
    // office goes back to no hours (open around the clock), so this runs on any day and hour.
    await (await admin(request)).patch(`/offices/${office.id}`, { openingHours: [] });
    const kiosk = await newPage(browser, errors);
    await kiosk.goto(`/kiosk?office=${office.slug}`);
    // The tile itself: the "Apa yang perlu saya bawa?" button beside it names the service too.
    await expect(kiosk.locator('button[data-service="X"]')).toContainText(SERVICE_NAME);
    await kiosk.screenshot({ path: testInfo.outputPath('kiosk-with-new-service.png') });
    await kiosk.context().close();

    await page.getByRole('tab', { name: 'Jejak audit' }).click();
    const audit = page.getByTestId('audit-table');
    // The fixture created the office's other counters through the same API: Loket 21's row is this test's.
    await expect(audit.getByRole('row', { name: /Loket dibuat/ }).filter({ hasText: 'Loket 21' })).toContainText('Loket 21');
    await expect(audit.getByRole('row', { name: /Layanan dibuat/ }).first()).toContainText('Rina Wulandari');
    await page.getByLabel('Tindakan').selectOption('service');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect(audit.getByRole('row', { name: /Loket dibuat/ })).toHaveCount(0);
    await expect(audit.getByRole('row', { name: /Layanan dibuat/ }).first()).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-audit-1920.png'), fullPage: true });
    await page.context().close();
  });

  test('an admin gives a counter its ishoma and the longer Friday break; a break outside the hours is refused beside it', async ({
    browser,
    office,
  }, testInfo) => {
    const page = await newPage(browser, errors);
    await logIn(page, 'admin');
    await page.getByTestId('admin-office').selectOption(office.id);
    await page.getByRole('tab', { name: 'Loket' }).click();
    await page.getByRole('button', { name: 'Ubah Loket 1', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'Ubah Loket 1' });
    // Monday gets the ishoma as it comes; Friday's is moved to the prayer break, and a second one is added after closing.
    await form.getByTestId('counter-schedule-add-break-1').click();
    await expect(form.getByLabel('Mulai istirahat 1 hari Senin')).toHaveValue('12:00');
    await form.getByTestId('counter-schedule-add-break-5').click();
    await form.getByLabel('Mulai istirahat 1 hari Jumat').fill('11:30');
    await form.getByLabel('Selesai istirahat 1 hari Jumat').fill('13:00');
    await form.getByRole('button', { name: 'Simpan' }).click();
    // This office's Friday ends at 11:30: the break lies outside it, and the form says so on the break itself.
    const error = form.locator('#counter-schedule-5-break-0-error');
    await expect(error).toHaveText('Istirahat harus berada di dalam jam loket pada hari itu.');
    await expect(form.getByLabel('Mulai istirahat 1 hari Jumat')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-counter-breaks-refused.png') });

    await form.getByLabel('Jam tutup hari Jumat').fill('15:00');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form).toBeHidden();
    const row = page.getByRole('row', { name: /Loket 1\b/ }).first();
    await expect(row).toContainText('Sen 08:00–15:00 (istirahat 12:00–13:00)');
    await expect(row).toContainText('Jum 08:00–15:00 (istirahat 11:30–13:00)');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-counter-breaks-saved.png'), fullPage: true });
    await page.context().close();
  });

  test('on a laptop screen the staff table fits, and deactivation asks first', async ({ browser }, testInfo) => {
    const page = await newPage(browser, errors, { width: 1366, height: 768 });
    await logIn(page, 'admin');
    await page.getByRole('tab', { name: 'Petugas' }).click();
    await expect(page.getByRole('rowheader', { name: 'Siti Nurhaliza' })).toBeVisible();
    // Checked before a dialog makes the table inert: each row's buttons say what they show (label-content-name-mismatch).
    await expectAccessible(page);
    await expect(page.getByRole('button', { name: 'Ganti sandi Siti Nurhaliza' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Nonaktifkan Rina Wulandari' })).toBeDisabled();
    await page.getByRole('button', { name: 'Nonaktifkan Bambang Setiawan' }).click();
    const confirm = page.getByRole('dialog', { name: 'Nonaktifkan Bambang Setiawan?' });
    await expect(confirm).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-staff-confirm-1366.png') });
    // Cancelling changes nothing: the supervisor stays active for the other tests.
    await confirm.getByRole('button', { name: 'Batal' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('row', { name: /Bambang Setiawan/ })).toContainText('Aktif');
    await page.screenshot({ path: testInfo.outputPath('admin-staff-1366.png'), fullPage: true });
    await page.context().close();
  });

  test('an admin sets the office’s no-show wait, offline pause and shift-end grace, in Indonesian and English', async ({
    browser,
    request,
    office,
  }, testInfo) => {
    const page = await newPage(browser, errors);
    await logIn(page, 'admin');
    await page.getByRole('tab', { name: 'Kantor' }).click();
    await page.getByRole('button', { name: `Ubah kantor ${office.name}` }).click();
    const form = page.getByRole('dialog', { name: `Ubah ${office.name}` });
    const noShow = form.getByLabel('Jeda sebelum boleh “tidak hadir” (menit)');
    const offline = form.getByLabel('Loket dijeda otomatis bila aplikasi petugas diam (menit)');
    const grace = form.getByLabel('Loket ditutup otomatis setelah jadwal berakhir (menit)');
    // The office as the fixture made it: no wait before a no-show, the API's defaults for the others.
    await expect(noShow).toHaveValue('0');
    await expect(offline).toHaveValue('5');
    await expect(grace).toHaveValue('30');

    // Out of range is refused beside the field, and nothing is saved.
    await noShow.fill('61');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form.locator('#office-noShowAfterMinutes-error')).toHaveText('Isi bilangan bulat menit, 0–60.');
    await expect(noShow).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-office-settings-error.png') });

    await noShow.fill('3');
    await offline.fill('7');
    await grace.fill('45');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole('status')).toHaveText(`${office.name} tersimpan.`);

    const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: PASSWORD } });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const offices = await request.get('/api/v1/admin/offices', { headers: { authorization: `Bearer ${token}` } });
    const saved = ((await offices.json()) as { id: string; noShowAfterMinutes: number; offlineAfterMinutes: number; shiftEndGraceMinutes: number }[]).find(
      (candidate) => candidate.id === office.id,
    )!;
    expect([saved.noShowAfterMinutes, saved.offlineAfterMinutes, saved.shiftEndGraceMinutes]).toEqual([3, 7, 45]);

    // The same form in English shows what was saved.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: `Edit office ${office.name}` }).click();
    const english = page.getByRole('dialog', { name: `Edit ${office.name}` });
    await expect(english.getByLabel('Wait before a “no-show” is allowed (minutes)')).toHaveValue('3');
    await expect(english.getByLabel('Pause a counter whose desk app is silent (minutes)')).toHaveValue('7');
    await expect(english.getByLabel('Close a counter after its schedule ends (minutes)')).toHaveValue('45');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('admin-office-settings-en.png') });
    await english.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.context().close();
  });

  test('a supervisor is told the admin pages are not theirs', async ({ browser }) => {
    const page = await newPage(browser, errors);
    await logIn(page, 'supervisor');
    await expect(page.getByTestId('no-access')).toContainText('tidak memiliki akses');
    await expect(page.getByRole('tab')).toHaveCount(0);
    await page.context().close();
  });
});
