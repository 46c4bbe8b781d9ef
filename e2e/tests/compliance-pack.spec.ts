import { expect, logInAt, pdfPages, screenshot, staffApi, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 19: the compliance pack. A supervisor records progress on the published follow-up plan
// from the reports page, opens the pack in one click, and prints it on A4; the public standards
// page shows the plan's progress too.
test.describe.configure({ timeout: 240_000 });
test.use({ officeStaff: ['petugas1', 'supervisor'], officePer: 'test' });

const ANSWERS = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 3 };

test('a supervisor tracks the follow-up plan and prints the compliance pack on A4', async ({ page, browser, request, office, consoleErrors }, testInfo) => {
  // A priority ticket served and surveyed from the phone with a suggestion, and a complaint.
  const officer = office.staff.petugas1!.username;
  const supervisor = office.staff.supervisor!.username;
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/open`, officer, {});
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id, priority: 'lanjut_usia' } });
  expect(issued.ok(), await issued.text()).toBe(true);
  const ticket = (await issued.json()) as { id: string; trackingCode: string };
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/call`, officer, {
    ticketId: ticket.id,
    reason: 'e2e: the pack test serves its own ticket',
  });
  await staffApi(request, 'POST', `/tickets/${ticket.id}/start`, officer);
  await staffApi(request, 'POST', `/tickets/${ticket.id}/finish`, officer, {});
  const surveyed = await request.post(`/api/v1/tickets/track/${ticket.trackingCode}/survey`, {
    data: { ...ANSWERS, suggestion: '<b>Tambah kursi</b> di ruang tunggu' },
  });
  expect(surveyed.ok(), await surveyed.text()).toBe(true);
  const complained = await request.post(`/api/v1/offices/${office.slug}/complaints`, {
    data: { category: 'sarana', description: 'Kursi ruang tunggu kurang.' },
  });
  expect(complained.ok(), await complained.text()).toBe(true);
  await staffApi(request, 'POST', `/offices/${office.slug}/ikm-publications`, supervisor, {
    preset: 'semester',
    plan: [
      { action: 'Menambah kursi ruang tunggu', owner: 'Subbag Umum', dueDate: '2027-03-31' },
      { action: 'Memasang kipas angin', owner: 'Subbag Umum', dueDate: '2027-01-31' },
    ],
  });

  // The maklumat in force, signed by the head of the office.
  const recorded = await request.post(`/api/v1/admin/offices/${office.id}/maklumat`, {
    headers: { authorization: `Bearer ${await staffToken(request, 'admin')}` },
    data: {
      text: 'Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan.',
      signerName: 'Drs. Hendra Gunawan, M.Si.',
      signerPosition: `Kepala ${office.name}`,
      signedOn: '2026-01-02',
    },
  });
  expect(recorded.ok(), await recorded.text()).toBe(true);

  // The reports page: where the survey answers came from, and the first item under way.
  await page.setViewportSize({ width: 1366, height: 900 });
  await logInAt(page, '/counter/supervisor/reports', supervisor);
  await expect(page.getByTestId('report-channels')).toHaveText('1 dari ponsel · 0 dari terminal survei');
  const progress = page.getByTestId('plan-progress');
  const first = progress.locator('fieldset[data-item="1"]');
  await first.getByLabel('Status').selectOption('berjalan');
  await first.getByLabel('Catatan').fill('Pengadaan kursi diajukan');
  await first.getByRole('button', { name: 'Simpan tindak lanjut 1' }).click();
  await expect(progress.getByRole('status')).toHaveText('Kemajuan tindak lanjut 1 tersimpan.');
  await expect(first).toContainText('Saat ini: Berjalan sejak');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'reports-plan-progress');

  // One click: the pack of this semester.
  await page.getByTestId('pack-links').getByRole('link', { name: 'Semester ini' }).click();
  await expect(page).toHaveURL(/\/counter\/supervisor\/reports\/pack\?office=.*preset=semester/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paket bukti kepatuhan pelayanan publik');
  await expect(page.getByTestId('pack-head')).toContainText(office.name);
  await expect(page.getByTestId('pack-standards').locator('tbody tr[data-service="A"] [data-testid="standard-version"]')).toHaveText('1');
  await expect(page.getByTestId('pack-maklumat')).toBeVisible();
  // The maklumat as signed: the text, then the place and day, the position, room to sign, the name.
  const signature = page.getByTestId('pack-maklumat-signature');
  await expect(signature.locator('p')).toHaveText([
    /^Kota Harapan, .*2026$/,
    `Kepala ${office.name}`,
    'Drs. Hendra Gunawan, M.Si.',
    /^Versi 1, dicatat di Loket .* oleh /,
  ]);
  await expect(page.getByTestId('pack-ikm')).toContainText('dari 1 responden');
  await expect(page.getByTestId('pack-channels')).toContainText('1 dari ponsel warga, 0 dari terminal survei');
  // The suggestion is shown as the citizen wrote it: text, never markup.
  await expect(page.getByTestId('pack-suggestions')).toContainText('<b>Tambah kursi</b> di ruang tunggu');
  await expect(page.getByTestId('pack-suggestions').locator('b')).toHaveCount(0);
  await expect(page.getByTestId('pack-complaints-total')).toContainText('Unit layanan');
  await expect(page.getByTestId('pack-follow-up-counts')).toHaveText('Kemajuan: 0 selesai, 1 berjalan, 1 belum dimulai.');
  await expect(page.getByTestId('pack-follow-up').locator('tr[data-status="berjalan"]')).toContainText('Pengadaan kursi diajukan');
  const elderly = page.getByTestId('pack-priority').locator('tr[data-group="lanjut_usia"]');
  await expect(elderly.locator('td').first()).toHaveText('1');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'pack-screen');

  // Printed: white paper, no buttons, A4 portrait, each of the six parts on its own sheets.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('pack-print')).toBeHidden();
  const paper = await page.evaluate(() => [document.documentElement, document.body].map((element) => getComputedStyle(element).backgroundColor));
  expect(paper).toEqual(['rgb(255, 255, 255)', 'rgb(255, 255, 255)']);
  await screenshot(page, testInfo, 'pack-print');
  await page.getByTestId('pack-maklumat-signed').screenshot({ path: testInfo.outputPath('pack-maklumat-signature-print.png') });
  const pdf = await page.pdf({ path: testInfo.outputPath('pack.pdf'), preferCSSPageSize: true, printBackground: true });
  const pages = pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(6);
  for (const size of pages) expect(size).toEqual({ widthMm: 210, heightMm: 297 });
  await page.emulateMedia({ media: 'screen' });

  // The public standards page shows the published IKM and where its plan stands.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const standards = await context.newPage();
  await standards.goto(`/o/${office.slug}/standar`);
  const ikm = standards.getByTestId('published-ikm');
  await expect(ikm.locator('tr[data-status="berjalan"]')).toContainText(/Menambah kursi ruang tunggu.*Berjalan sejak .*Pengadaan kursi diajukan/);
  await expect(ikm.locator('tr[data-status="belum"]')).toContainText('Belum dimulai');
  expect(await seriousViolations(standards)).toEqual([]);
  await ikm.scrollIntoViewIfNeeded();
  await screenshot(standards, testInfo, 'standards-ikm-progress');
  await context.close();
  expect(consoleErrors).toEqual([]);
});
