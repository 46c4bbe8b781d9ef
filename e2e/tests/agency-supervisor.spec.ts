import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { expectedSentence, issue, recordSpeech, spoken } from './board-helpers.js';
import { PASSWORD, type SuiteOffice, expect, logInAt, screenshot, staffApi, staffToken, test } from './fixtures.js';

// An agency supervisor (issue 20): a supervisor confined to one agency of the building acts on
// that agency's counters only. The suite's office gets a second agency, Samsat, owning counter 5;
// the supervisor of Samsat sees counter 5 and not counter 1 (the first agency's), is refused
// counter 1, and pauses 5.
test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ officeStaff: ['petugas1', 'petugas5'] });

async function send<T>(request: APIRequestContext, token: string, method: 'POST' | 'PATCH', path: string, data: unknown): Promise<T> {
  const reply = await request.fetch(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` }, data });
  if (!reply.ok()) throw new Error(`${method} ${path}: ${reply.status()} ${await reply.text()}`);
  return (await reply.json()) as T;
}

async function samsatSupervisor(request: APIRequestContext, office: SuiteOffice): Promise<string> {
  const token = await staffToken(request, 'admin');
  const samsat = await send<{ id: string }>(request, token, 'POST', `/admin/offices/${office.id}/agencies`, {
    name: 'Sistem Administrasi Manunggal Satu Atap',
    shortName: 'Samsat',
    color: '#15803d',
  });
  await send(request, token, 'PATCH', `/admin/counters/${office.counters[5].id}`, { agencyId: samsat.id, name: 'Loket Samsat 1' });
  const username = `spv-samsat-${office.slug.slice(-6)}`;
  await send(request, token, 'POST', '/admin/staff', {
    username,
    name: 'Supervisor Samsat',
    nip: null,
    role: 'supervisor',
    officeIds: [office.id],
    agencyId: samsat.id,
    password: PASSWORD,
  });
  return username;
}

test('an agency supervisor sees their agency only, is refused another agency’s counter, and pauses their own', async ({ page, request, office }, testInfo) => {
  const username = await samsatSupervisor(request, office);
  // Counters 1 (the first agency's) and 5 (Samsat's) open, nobody at either.
  for (const [number, officer] of [
    [1, 'petugas1'],
    [5, 'petugas5'],
  ] as const) {
    await staffApi(request, 'POST', `/counters/${office.counters[number].id}/open`, office.staff[officer]!.username, {});
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/supervisor', username);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');
  await expect(page.getByTestId('counter-5')).toBeVisible();
  await expect(page.getByTestId('counter-1')).toHaveCount(0);
  await expect(page.getByTestId('supervision-agency')).toHaveText('Instansi Samsat saja');

  // The first agency's counter calls someone while the Samsat view is live: its event reaches
  // every screen of the office, and this one keeps it out and stays connected.
  const ticket = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(ticket.ok()).toBe(true);
  const { number } = (await ticket.json()) as { number: string };
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/call-next`, office.staff.petugas1!.username);
  await expect(page.getByTestId('counter-5')).toBeVisible();
  await expect(page.getByTestId('counter-1')).toHaveCount(0);
  await expect(page.getByText(number)).toHaveCount(0);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');

  // Reaching for the first agency's counter anyway is refused.
  const token = await staffToken(request, username);
  const refused = await request.post(`/api/v1/counters/${office.counters[1].id}/pause`, {
    headers: { authorization: `Bearer ${token}` },
    data: { reason: 'briefing', note: 'Rapat koordinasi' },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { code: string }).code).toBe('not_your_agency');
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await screenshot(page, testInfo, 'agency-supervisor-own-agency');

  // Samsat's own counter pauses.
  await page.getByTestId('remote-pause-5').click();
  const own = page.getByRole('dialog', { name: /Jeda Loket Samsat 1 dari jauh/ });
  await own.getByTestId('remote-reason-briefing').check();
  await own.getByLabel('Alasan (wajib)').fill('Rapat koordinasi');
  await own.getByTestId('remote-submit').click();
  await expect(own).toBeHidden();
  await expect(page.getByTestId('counter-5').locator('.state')).toHaveText('Dijeda');
});

test('a board of the building names the counter’s agency on screen and aloud', async ({ browser, request, office }, testInfo) => {
  // After the test above: Samsat owns counter 5, which its supervisor paused.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const board = await context.newPage();
  await recordSpeech(board, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
  await board.goto(`/board?office=${office.slug}`);
  await expect(board.getByTestId('board-status')).toHaveText('Terhubung', { timeout: 30_000 });
  await board.getByTestId('board-enable-sound').click();

  await staffApi(request, 'POST', `/counters/${office.counters[5].id}/resume`, office.staff.petugas5!.username, {});
  const ticket = await issue(request, office, 'D');
  await staffApi(request, 'POST', `/counters/${office.counters[5].id}/call`, office.staff.petugas5!.username, { ticketId: ticket.id, reason: 'Uji papan' });
  await expect(board.getByTestId('board-latest')).toContainText(ticket.number);
  await expect(board.getByTestId('board-latest').locator('.latest-counter')).toContainText('Loket 5');
  await expect(board.getByTestId('board-latest-agency')).toHaveText('Samsat');
  // Neither the number nor the counter is cut off at the board's size.
  const box = (await board.getByTestId('board-latest').boundingBox())!;
  for (const part of [board.getByTestId('board-latest-agency'), board.getByTestId('board-latest').locator('.latest-counter')]) {
    const inner = (await part.boundingBox())!;
    expect(inner.x + inner.width).toBeLessThanOrEqual(box.x + box.width);
    expect(inner.y + inner.height).toBeLessThanOrEqual(box.y + box.height);
  }
  await expect.poll(() => spoken(board), { timeout: 20_000 }).toEqual([`${expectedSentence(ticket.number, 'lima')} Samsat`]);
  await screenshot(board, testInfo, 'board-agency-call');
  await context.close();
});

test('an admin adds an agency on the Instansi tab, moves a service into it, and is told an agency with services stays', async ({
  page,
  office,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/admin', 'admin');
  await page.getByTestId('admin-office').selectOption(office.id);
  await page.getByRole('tab', { name: 'Instansi' }).click();
  await page.getByTestId('add-agency').click();
  const form = page.getByTestId('agency-form');
  await form.getByLabel('Nama instansi').fill('Kantor Imigrasi');
  await form.getByLabel('Nama singkat').fill('Imigrasi');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('rowheader', { name: 'Imigrasi' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await screenshot(page, testInfo, 'admin-agencies');

  // With two or more agencies the service form asks which one; C (no counter of it is open) moves to Imigrasi.
  await page.getByRole('tab', { name: 'Layanan' }).click();
  await page.getByRole('button', { name: 'Ubah layanan C Akta Kelahiran & Kematian' }).click();
  await page.getByTestId('service-form').getByLabel('Instansi').selectOption({ label: 'Imigrasi — Kantor Imigrasi' });
  await page.getByTestId('service-form').getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'C', exact: true }) })).toContainText('Imigrasi');

  await page.getByRole('tab', { name: 'Instansi' }).click();
  await page.getByTestId('delete-agency-Imigrasi').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByRole('alert')).toContainText('Instansi ini masih memiliki layanan');
  const refused = consoleErrors.findIndex((line) => /status of 409/.test(line));
  expect(refused).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(refused, 1);
});
