import { readFile } from 'node:fs/promises';
import type { APIRequestContext } from '@playwright/test';
import { PASSWORD, expect, screenshot, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// This file works an office of its own (the fixture's): Loket 6 (the priority counter,
// which serves every service) with its petugas6, and tickets of service PL (Pengaduan),
// each called by id the moment it is issued.
test.use({ officeStaff: ['supervisor', 'petugas6'] });
const INTERACTION = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'];

interface Counts {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  transferred: number;
}
interface Row {
  id: string;
  code: string | null;
  label: string;
  counts: Counts;
}
interface Report {
  period: { from: string; to: string };
  tables: Record<'services' | 'counters' | 'officers', Row[]>;
  total: { counts: Counts };
}

async function login(request: APIRequestContext, username: string): Promise<Record<string, string>> {
  const reply = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(reply.ok()).toBe(true);
  return { authorization: `Bearer ${((await reply.json()) as { accessToken: string }).accessToken}` };
}

/** A line of the Indonesian CSV split on semicolons, with RFC 4180 quotes undone. */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** Each page's size in whole millimetres, from the PDF's page objects (Chromium writes them uncompressed). */
function pdfPages(pdf: Buffer): { widthMm: number; heightMm: number }[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page\b(?!s)(?:(?!endobj).)*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/gs)].map((m) => ({
    widthMm: Math.round(((Number(m[3]) - Number(m[1])) * 25.4) / 72),
    heightMm: Math.round(((Number(m[4]) - Number(m[2])) * 25.4) / 72),
  }));
}

/** An office-local day as the report writes it: "5 Desember 2026". */
function longDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, date)));
}

test('a supervisor opens the report of a seeded day, downloads a CSV whose totals match the API, and prints it on A4', async ({
  page,
  request,
  office,
}, testInfo) => {
  test.setTimeout(150_000);
  const officer = await login(request, office.staff.petugas6!.username);
  const supervisor = await login(request, office.staff.supervisor!.username);
  const counters = (await (await request.get(`/api/v1/offices/${office.slug}/board`)).json()) as { counters: { id: string; number: number; state: string }[] };
  const loket6 = counters.counters.find((c) => c.number === 6)!;
  const services = (await (await request.get(`/api/v1/offices/${office.slug}/services`)).json()) as { id: string; code: string }[];
  const pengaduan = services.find((s) => s.code === 'PL')!;

  // Seed the day through the API: Loket 6 opens, serves three PL tickets, one no-show, one cancel.
  if (loket6.state === 'closed') expect((await request.post(`/api/v1/counters/${loket6.id}/open`, { headers: officer, data: {} })).ok()).toBe(true);
  const post = async (path: string, data: unknown = {}) => {
    const reply = await request.post(`/api/v1${path}`, { headers: officer, data });
    expect(reply.ok(), `${path}: ${await reply.text()}`).toBe(true);
    return reply.json();
  };
  const issue = async () =>
    (await (await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: pengaduan.id } })).json()) as {
      id: string;
      trackingCode: string;
    };
  const before = (await (await request.get(`/api/v1/offices/${office.slug}/reports?preset=day`, { headers: supervisor })).json()) as Report;
  const rowOf6 = (report: Report) => report.tables.counters.find((row) => row.code === '6')!;
  const served6Before = rowOf6(before).counts.served;

  const done: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const ticket = await issue();
    await post(`/counters/${loket6.id}/call`, { ticketId: ticket.id, reason: 'Uji otomatis laporan' });
    await post(`/tickets/${ticket.id}/start`);
    await post(`/tickets/${ticket.id}/finish`, {
      checklist: { method: i === 0 ? 'self' : 'one_key', answers: INTERACTION.map((code) => ({ code, answer: 'checked' })) },
      outcome: 'selesai',
    });
    done.push(ticket.trackingCode);
  }
  const absent = await issue();
  await post(`/counters/${loket6.id}/call`, { ticketId: absent.id, reason: 'Uji otomatis laporan' });
  await post(`/tickets/${absent.id}/no-show`);
  const cancelled = await issue();
  expect((await request.post(`/api/v1/tickets/track/${cancelled.trackingCode}/cancel`)).ok()).toBe(true);
  expect(
    (await request.post(`/api/v1/tickets/track/${done[0]}/survey`, { data: { u1: 4, u2: 3, u3: 4, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 3 } })).ok(),
  ).toBe(true);

  // The report page, as the office's supervisor.
  await page.goto('/counter/supervisor/reports');
  await page.getByLabel('Nama pengguna').fill(office.staff.supervisor!.username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('report-office')).toHaveText(office.name);
  const table = page.getByTestId('report-counters');
  await expect(table.getByRole('table', { name: 'Per loket: Antrean dan waktu tunggu' })).toBeVisible();
  const row6 = table.getByRole('table', { name: 'Per loket: Antrean dan waktu tunggu' }).getByRole('row', { name: /^6 · Loket 6/ });
  // Served by Loket 6 today: what it had before this test, plus three.
  await expect(row6.getByRole('cell').first()).toHaveText(String(served6Before + 3));

  // The CSV of the counters table, downloaded with the button, against the API's JSON.
  // The office totals are compared only when the JSON read just before and just after the
  // download agree (a quiet moment); Loket 6's row is compared every time.
  let compared = false;
  for (let attempt = 0; attempt < 5 && !compared; attempt += 1) {
    const first = (await (await request.get(`/api/v1/offices/${office.slug}/reports?preset=day`, { headers: supervisor })).json()) as Report;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-counters').click()]);
    expect(download.suggestedFilename()).toBe(`laporan-${office.slug}-loket-${first.period.from}.csv`);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    await download.saveAs(testInfo.outputPath(download.suggestedFilename()));
    const header = fields(lines[0]);
    const column = (cells: string[], name: string) => Number(cells[header.indexOf(name)]);
    const loket6Line = fields(lines.find((line) => line.startsWith('6;'))!);
    const totalLine = fields(lines.at(-1)!);
    expect(totalLine[1]).toBe('Jumlah seluruh kantor');
    expect(column(loket6Line, 'Dilayani')).toBe(rowOf6(first).counts.served);
    expect(column(loket6Line, 'Tidak hadir')).toBe(rowOf6(first).counts.noShows);
    const second = (await (await request.get(`/api/v1/offices/${office.slug}/reports?preset=day`, { headers: supervisor })).json()) as Report;
    if (JSON.stringify(first.total.counts) !== JSON.stringify(second.total.counts)) continue;
    expect(column(totalLine, 'Dilayani')).toBe(first.total.counts.served);
    expect(column(totalLine, 'Tidak hadir')).toBe(first.total.counts.noShows);
    expect(column(totalLine, 'Dibatalkan')).toBe(first.total.counts.cancelled);
    expect(column(totalLine, 'Dialihkan')).toBe(first.total.counts.transferred);
    // The rows add up to the total.
    const servedRows = lines.slice(1, -1).reduce((sum, line) => sum + column(fields(line), 'Dilayani'), 0);
    expect(servedRows).toBe(first.total.counts.served);
    compared = true;
  }
  expect(compared, 'the office was never quiet between two reads').toBe(true);

  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'report-page');
  // The print rendering: the app's header and the controls gone, the tables on as few A4 pages as fit them.
  // A4 landscape is 297 mm wide: about 1123 CSS pixels, less the 10 mm margins.
  await page.setViewportSize({ width: 1047, height: 720 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Tampilkan laporan' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Layar publik' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Laporan kinerja pelayanan' })).toBeVisible();
  await screenshot(page, testInfo, 'report-print');
  // The paper is white wherever the content ends: the root's background is the page canvas, and
  // the screen's grey there printed as a band across the foot of the last page.
  const paper = await page.evaluate(() => [document.documentElement, document.body].map((element) => getComputedStyle(element).backgroundColor));
  expect(paper).toEqual(['rgb(255, 255, 255)', 'rgb(255, 255, 255)']);
  const pdf = await page.pdf({ path: testInfo.outputPath('report-print.pdf'), preferCSSPageSize: true, printBackground: true });
  const signatures = page.getByTestId('report-signatures');
  // One morning of one office (twelve small tables: three groups of four) on a few landscape A4 pages, not seven.
  const pages = pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(4);
  for (const size of pages) expect(size).toEqual({ widthMm: 297, heightMm: 210 });
  // The signature block: who made it, and the head of the office who acknowledges it, with place and date.
  await expect(signatures).toBeVisible();
  await expect(signatures).toContainText('Mengetahui,');
  await expect(signatures).toContainText(`Kepala ${office.name}`);
  await expect(signatures).toContainText(`${office.city}, ${longDay(before.period.to)}`);
  await expect(signatures).toContainText('NIP.');
  // Body text a person can read on paper: at least 9 pt (12 CSS pixels).
  const cellSize = await page
    .locator('[data-testid="report-counters"] tbody td')
    .first()
    .evaluate((cell) => parseFloat(getComputedStyle(cell).fontSize));
  expect(cellSize).toBeGreaterThanOrEqual(12);
  await page.emulateMedia({ media: 'screen' });
  await expect(signatures).toBeHidden();

  // Close Loket 6 again, so a rerun starts from the same state.
  await post(`/counters/${loket6.id}/close`);
});

test('an officer is told the reports are not for them', async ({ page, office }) => {
  await page.goto('/counter/supervisor/reports');
  await page.getByLabel('Nama pengguna').fill(office.staff.petugas6!.username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toHaveText('Laporan hanya untuk supervisor dan admin. Anda masuk sebagai Petugas loket.');
});
