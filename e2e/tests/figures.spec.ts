import type { APIRequestContext } from '@playwright/test';
import { type SuiteOffice, advanceClock, expect, logInAt, screenshot, staffApi as api, test } from './fixtures.js';

// Figures a supervisor trusts and the etiquette record (issue 14, items 5–9), on an office of
// this file's own. Time moves with the API's development clock, never by waiting.
test.describe.configure({ mode: 'serial' });
test.use({ officeStaff: ['supervisor', 'petugas5'] });

async function issue(request: APIRequestContext, office: SuiteOffice, code: string, priority?: string): Promise<{ id: string; number: string }> {
  const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, {
    data: { serviceId: office.services[code].id, ...(priority ? { priority } : {}) },
  });
  expect(reply.ok(), await reply.text()).toBe(true);
  return (await reply.json()) as { id: string; number: string };
}

const logIn = logInAt;

test('an alert that ended resolves itself with how long it lasted, live alerts count on, several are acknowledged at once', async ({
  page,
  request,
  office,
}, testInfo) => {
  test.setTimeout(90_000);
  const supervisor = office.staff.supervisor!.username;
  const officer = office.staff.petugas5!.username;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.clock.install();
  await logIn(page, '/counter/supervisor', supervisor);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');

  // Two priority tickets for PL (Loket 5): due after the 10-minute priority maximum.
  const first = await issue(request, office, 'PL', 'lanjut_usia');
  const second = await issue(request, office, 'PL', 'disabilitas');
  await advanceClock(request, page, 11);
  const alertOf = (number: string) => page.getByTestId('alert-priority_wait').filter({ hasText: number });
  await expect(alertOf(first.number)).toBeVisible();
  await expect(alertOf(first.number).getByTestId('alert-details')).toContainText(/sudah menunggu 11(,\d)? mnt/);

  // Live: three minutes on, the same alert says 14, with no new scan needed for the text.
  await advanceClock(request, page, 3);
  await expect(alertOf(first.number).getByTestId('alert-details')).toContainText(/sudah menunggu 14(,\d)? mnt/);

  // Loket 5 opens and calls the first ticket: its alert ends by itself at the next scan.
  const counter = office.counters[5].id;
  await api(request, 'POST', `/counters/${counter}/open`, officer);
  await api(request, 'POST', `/counters/${counter}/call`, officer, { ticketId: first.id, reason: 'e2e: the test calls its own ticket' });
  await advanceClock(request, page, 1);
  await expect(alertOf(first.number)).toHaveAttribute('data-resolved', 'true');
  await expect(alertOf(first.number).getByTestId('alert-details')).toContainText(/dipanggil setelah menunggu 1[45](,\d)? mnt/);
  await expect(alertOf(first.number).getByTestId('alert-resolved')).toContainText(/berlangsung [45](,\d)? mnt/);
  await expect(alertOf(second.number)).toHaveAttribute('data-resolved', 'false');
  await screenshot(page, testInfo, 'alerts-resolved');

  // Both acknowledged with one click.
  await page.getByTestId('alerts-select-all').check();
  await page.getByTestId('alerts-acknowledge-selected').click();
  await expect(page.getByTestId('alert-priority_wait')).toHaveCount(0);

  // Tidy up for the next test: nobody left waiting, Loket 5 closed.
  await api(request, 'POST', `/tickets/${first.id}/start`, officer);
  await api(request, 'POST', `/tickets/${first.id}/finish`, officer, {});
  await api(request, 'POST', `/tickets/${second.id}/cancel`, supervisor, { reason: 'Uji e2e selesai' });
  await api(request, 'POST', `/counters/${counter}/close`, officer);
});

test('a new service is not offered until a counter serves it', async ({ page, request, office }) => {
  const service = await api<{ id: string }>(request, 'POST', `/admin/offices/${office.id}/services`, 'admin', {
    code: 'NS',
    name: 'Uji Belum Dilayani',
    maxWaitMinutes: 30,
    serviceTimeMinutes: 10,
    costRupiah: 0,
    requirements: [],
    completionTime: 'Langsung',
    dailyQuota: null,
    active: true,
  });
  const refused = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: service.id } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { code: string }).code).toBe('service_without_counter');

  await page.goto(`/kiosk?office=${office.slug}`);
  const tile = page.locator('[data-service="NS"]');
  await expect(tile).toBeDisabled();
  await expect(tile).toContainText('Belum tersedia');
  // Another service of the office, served by a counter, is offered as before.
  await expect(page.locator('[data-service="PL"]')).toBeEnabled();
});

test('a priority ticket called past the priority maximum counts outside the standard', async ({ page, request, office }) => {
  test.setTimeout(90_000);
  const officer = office.staff.petugas5!.username;
  await page.clock.install();
  await logIn(page, '/counter/supervisor', office.staff.supervisor!.username);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');

  // Service PL allows 20 minutes; a priority ticket is held to the office's 10.
  const elder = await issue(request, office, 'PL', 'lanjut_usia');
  await advanceClock(request, page, 11);
  const counter = office.counters[5].id;
  await api(request, 'POST', `/counters/${counter}/open`, officer);
  await api(request, 'POST', `/counters/${counter}/call`, officer, { ticketId: elder.id, reason: 'e2e: the test calls its own ticket' });
  await expect(page.getByTestId('service-PL').getByTestId('within-standard')).toContainText(/^0\s?%/);

  await api(request, 'POST', `/tickets/${elder.id}/start`, officer);
  await api(request, 'POST', `/tickets/${elder.id}/finish`, officer, {});
  await api(request, 'POST', `/counters/${counter}/close`, officer);
});

test('the finish dialog: Enter on an answer saves nothing, the exception path needs every answer, the one key stays', async ({ page, request, office }) => {
  test.setTimeout(90_000);
  const officer = office.staff.petugas5!.username;
  await logIn(page, '/counter/', officer);
  await page.getByTestId('pick-counter-5').click();
  await page.getByTestId('open-counter').click();
  await expect(page.getByRole('dialog', { name: 'Daftar periksa awal shift' })).toBeVisible();
  // The one key: Enter on the focused "Semua sesuai" records the shift checklist all checked.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-state')).toHaveText('Buka');

  const ticket = await issue(request, office, 'PL');
  await api(request, 'POST', `/counters/${office.counters[5].id}/call`, officer, { ticketId: ticket.id, reason: 'e2e: the test serves its own ticket' });
  await api(request, 'POST', `/tickets/${ticket.id}/start`, officer);
  const before = await api<{ etiquette: { interactionsAnswered: number; oneKey: number; applicable: number; checked: number } }>(
    request,
    'GET',
    '/staff/me/today',
    officer,
  );

  // The call and start went through the API: S finishes only once the desk has heard it is serving.
  await expect(page.getByTestId('current-status')).toHaveText('Sedang dilayani');
  await page.keyboard.press('s');
  const finish = page.getByRole('dialog', { name: new RegExp(`Selesaikan ${ticket.number}`) });
  await expect(finish).toBeVisible();
  // Every item starts unanswered; one answer leaves the one-key path.
  await expect(finish.getByTestId('answer-sikap_perilaku-checked')).not.toBeChecked();
  await finish.getByTestId('answer-cara_bertanya-not_checked').check();
  await expect(finish.getByTestId('checklist-submit-all')).toBeDisabled();
  await expect(finish.getByTestId('checklist-submit')).toBeDisabled();
  // Enter on an answer saves nothing.
  await finish.getByTestId('answer-cara_bertanya-not_checked').focus();
  await page.keyboard.press('Enter');
  await expect(finish).toBeVisible();
  for (const code of ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan']) await finish.getByTestId(`answer-${code}-checked`).check();
  await finish.getByTestId('answer-cara_mendengarkan-checked').focus();
  await page.keyboard.press('Enter');
  await expect(finish).toBeVisible();
  await finish.getByTestId('checklist-submit').click();
  await expect(finish).toBeHidden();

  const after = await api<typeof before>(request, 'GET', '/staff/me/today', officer);
  expect(after.etiquette.interactionsAnswered).toBe(before.etiquette.interactionsAnswered + 1);
  expect(after.etiquette.oneKey).toBe(before.etiquette.oneKey);
  expect(after.etiquette.applicable - before.etiquette.applicable).toBe(5);
  expect(after.etiquette.checked - before.etiquette.checked).toBe(4);
  await api(request, 'POST', `/counters/${office.counters[5].id}/close`, officer);
});

test('a saved interaction is corrected by keyboard within two minutes; after that the record stands', async ({
  page,
  request,
  office,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(90_000);
  const officer = office.staff.petugas5!.username;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await logIn(page, '/counter/', officer);
  await page.getByTestId('pick-counter-5').click();
  await page.getByTestId('open-counter').click();
  await expect(page.getByRole('dialog', { name: 'Daftar periksa awal shift' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-state')).toHaveText('Buka');

  const serve = async () => {
    const ticket = await issue(request, office, 'PL');
    await api(request, 'POST', `/counters/${office.counters[5].id}/call`, officer, { ticketId: ticket.id, reason: 'e2e: the test serves its own ticket' });
    await api(request, 'POST', `/tickets/${ticket.id}/start`, officer);
    await expect(page.getByTestId('current-number')).toHaveText(ticket.number);
    await expect(page.getByTestId('current-status')).toHaveText('Sedang dilayani');
    // Finished by the one key: S, then Enter on "Semua sesuai".
    await page.keyboard.press('s');
    await expect(page.getByRole('dialog', { name: new RegExp(`Selesaikan ${ticket.number}`) })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('correct-record')).toContainText(`Catatan layanan ${ticket.number} tersimpan`);
    return ticket;
  };
  const today = () =>
    api<{ etiquette: { interactionsAnswered: number; oneKey: number; applicable: number; checked: number } }>(request, 'GET', '/staff/me/today', officer);

  const first = await serve();
  const before = await today();
  await expect(page.getByTestId('correct-record-button')).toContainText(/Perbaiki catatan \((2:00|1:5\d)\)/);
  await page.keyboard.press('r');
  const correction = page.getByRole('dialog', { name: `Perbaiki catatan ${first.number}` });
  await expect(correction).toBeVisible();
  // It starts from the record as saved; the officer changes only what was wrong.
  await expect(correction.getByTestId('answer-cara_bertanya-checked')).toBeChecked();
  await correction.getByTestId('answer-cara_bertanya-not_checked').check();
  await screenshot(page, testInfo, 'correct-record-dialog');
  await correction.getByTestId('correct-submit').click();
  await expect(correction).toBeHidden();
  await expect(page.getByTestId('desk-message')).toContainText(`Perbaikan catatan ${first.number} tersimpan`);
  const after = await today();
  // The same one interaction, now with one item not checked: counted once, no longer by the one key.
  expect(after.etiquette.interactionsAnswered).toBe(before.etiquette.interactionsAnswered);
  expect(after.etiquette.applicable).toBe(before.etiquette.applicable);
  expect(after.etiquette.checked).toBe(before.etiquette.checked - 1);
  expect(after.etiquette.oneKey).toBe(before.etiquette.oneKey - 1);
  await screenshot(page, testInfo, 'correct-record-saved');

  // The next one, left for three minutes on the API's clock: the desk still offers it, the API refuses.
  const second = await serve();
  const advanced = await request.post('/api/v1/dev/clock/advance', { data: { minutes: 3 } });
  expect(advanced.ok(), await advanced.text()).toBe(true);
  await page.getByTestId('correct-record-button').click();
  const late = page.getByRole('dialog', { name: `Perbaiki catatan ${second.number}` });
  await late.getByTestId('answer-cara_bertanya-not_checked').check();
  await late.getByTestId('correct-submit').click();
  await expect(late).toBeHidden();
  await expect(page.getByTestId('desk-message')).toContainText('hanya bisa diperbaiki dalam 2 menit');
  await expect(page.getByTestId('correct-record')).toBeHidden();
  // Chromium logs the refused request; the refusal on screen is what this test wants.
  const refused = consoleErrors.findIndex((error) => /status of 409 .*\/checklist\)$/.test(error));
  expect(refused).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(refused, 1);
  expect((await today()).etiquette.checked).toBe(after.etiquette.checked + 5);
  await screenshot(page, testInfo, 'correct-record-too-late');
  await api(request, 'POST', `/counters/${office.counters[5].id}/close`, officer);
});
