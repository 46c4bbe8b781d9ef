import { readFile } from 'node:fs/promises';
import { expect, logInAt, pdfPages, screenshot, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';
import { createRegion, issue } from './regional-helpers.js';

// The regional report (issue 20): from the regional dashboard a regional head opens the offices
// they oversee side by side for a period, downloads it as CSV and XLSX, and prints it on A4.
test.describe.configure({ timeout: 180_000 });

interface RegionalReport {
  period: { preset: string; from: string; to: string };
  rows: { code: string; label: string; counts: { issued: number; served: number } }[];
}

test('a regional head opens the regional report, downloads its CSV and XLSX, and prints it on A4', async ({ page, request, office }, testInfo) => {
  const { kecamatan, service, kecamatanKiosk, head } = await createRegion(request, office);
  await issue(request, kecamatan.slug, service.id, kecamatanKiosk);
  await issue(request, office.slug, office.services.A.id, office.kioskToken);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/regional', head);
  await page.getByTestId('regional-report-link').click();
  await expect(page).toHaveURL(/\/counter\/regional\/reports$/);
  await expect(page.getByRole('heading', { name: 'Laporan wilayah', level: 1 })).toBeVisible();
  const report = page.getByTestId('regional-report');
  // This month by default, a row per office of the region, by name: the kecamatan ("Wilayah …") after the suite's office.
  await expect(report.getByTestId('regional-report-offices')).toHaveText('2 kantor');
  const volume = report.getByRole('table', { name: 'Per kantor: Antrean dan waktu tunggu' });
  await expect(volume.locator('tbody tr')).toHaveCount(2);
  await expect(
    volume
      .getByRole('row', { name: new RegExp(`^${kecamatan.name}`) })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');

  // The CSV, downloaded with the button: the API's rows, one line each, in Indonesian's dialect.
  const headers = { authorization: `Bearer ${await staffToken(request, head)}` };
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-offices').click()]);
  const json = (await (await request.get('/api/v1/regional/reports?preset=month', { headers })).json()) as RegionalReport;
  expect(download.suggestedFilename()).toBe(`laporan-wilayah-${json.period.from}_${json.period.to}.csv`);
  const bytes = await readFile((await download.path())!);
  await download.saveAs(testInfo.outputPath(download.suggestedFilename()));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  expect(lines[0].startsWith('Kode kantor;Kantor;Tiket diambil;Dilayani;')).toBe(true);
  expect(lines.slice(1).map((line) => line.split(';').slice(0, 4))).toEqual(
    json.rows.map((row) => [row.code, row.label, String(row.counts.issued), String(row.counts.served)]),
  );
  expect(json.rows.map((row) => row.code)).toEqual([office.slug, kecamatan.slug]);

  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
  expect(workbook.suggestedFilename()).toBe(`laporan-wilayah-${json.period.from}_${json.period.to}.xlsx`);
  // A ZIP (Office Open XML): the API's tests read its cells.
  expect((await readFile((await workbook.path())!)).subarray(0, 2).toString('latin1')).toBe('PK');

  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'regional-report');

  // The print rendering: the app's header and the controls gone, the offices' tables on A4 landscape.
  await page.setViewportSize({ width: 1047, height: 720 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Tampilkan laporan' })).toBeHidden();
  await expect(page.getByTestId('download-xlsx')).toBeHidden();
  await expect(page.getByTestId('download-offices')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Layar publik' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Laporan wilayah', level: 1 })).toBeVisible();
  await expect(volume).toBeVisible();
  await screenshot(page, testInfo, 'regional-report-print');
  const paper = await page.evaluate(() => [document.documentElement, document.body].map((element) => getComputedStyle(element).backgroundColor));
  expect(paper).toEqual(['rgb(255, 255, 255)', 'rgb(255, 255, 255)']);
  const pdf = await page.pdf({ path: testInfo.outputPath('regional-report-print.pdf'), preferCSSPageSize: true, printBackground: true });
  const pages = pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(3);
  for (const size of pages) expect(size).toEqual({ widthMm: 297, heightMm: 210 });
  await page.emulateMedia({ media: 'screen' });
});
