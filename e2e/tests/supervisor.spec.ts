import type { APIRequestContext, Page } from '@playwright/test';
import { type SuiteOffice, advanceClock, expect, logInAt, screenshot, staffApi as api, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// This file works an office of its own in each worker (the fixture's): Loket 4 with its petugas4,
// and a service added through the admin API with a 1-minute maximum wait, served only by Loket 6,
// which stays closed. Each test brings Loket 4 to the state it needs, whatever another test of the
// worker left, so the tests run on either worker in any order.
test.use({ officeStaff: ['supervisor', 'petugas4'] });

interface Counter {
  id: string;
  number: number;
  state: 'open' | 'paused' | 'closed';
  currentTicket: { id: string; status: string } | null;
}
interface Service {
  id: string;
  code: string;
}

async function issue(request: APIRequestContext, office: SuiteOffice, serviceId: string): Promise<{ id: string; number: string }> {
  const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId } });
  expect(reply.ok()).toBe(true);
  return (await reply.json()) as { id: string; number: string };
}

/** Loket 4 open by petugas4 and serving a D ticket, whatever an earlier test of this file left. */
async function serveAtLoket4(request: APIRequestContext, office: SuiteOffice): Promise<void> {
  const officer = office.staff.petugas4!.username;
  const loket4 = (await api<Counter[]>(request, 'GET', `/offices/${office.slug}/counters`, officer)).find((c) => c.number === 4)!;
  if (loket4.currentTicket) {
    await api(request, 'POST', `/tickets/${loket4.currentTicket.id}/${loket4.currentTicket.status === 'called' ? 'no-show' : 'finish'}`, officer);
  }
  if (loket4.state === 'paused') await api(request, 'POST', `/counters/${loket4.id}/resume`, officer);
  if (loket4.state === 'closed') await api(request, 'POST', `/counters/${loket4.id}/open`, officer);
  // Called by id: the test serves the ticket it issued.
  const ticket = await issue(request, office, office.services.D.id);
  await api(request, 'POST', `/counters/${loket4.id}/call`, officer, { ticketId: ticket.id, reason: 'e2e: this test serves its own ticket' });
  await api(request, 'POST', `/tickets/${ticket.id}/start`, officer);
}

/** A service whose maximum wait is one minute, so a ticket crosses it once the clock moves on. */
async function oneMinuteService(request: APIRequestContext, office: SuiteOffice): Promise<Service> {
  const service = await api<Service>(request, 'POST', `/admin/offices/${office.id}/services`, 'admin', {
    code: 'SV',
    name: 'Uji Peringatan',
    maxWaitMinutes: 1,
    serviceTimeMinutes: 5,
    costRupiah: 0,
    requirements: [],
    completionTime: 'Langsung',
    dailyQuota: null,
    active: true,
  });
  // Served by Loket 6, which nobody opens here: tickets can be taken (a service no counter serves issues none), and they wait.
  const loket6 = office.counters[6].id;
  const counters = await api<{ id: string; serviceIds: string[] }[]>(request, 'GET', `/admin/offices/${office.id}/counters`, 'admin');
  const serviceIds = [...counters.find((c) => c.id === loket6)!.serviceIds, service.id];
  const headers = { authorization: `Bearer ${await staffToken(request, 'admin')}` };
  const reply = await request.patch(`/api/v1/admin/counters/${loket6}`, { headers, data: { serviceIds } });
  expect(reply.ok(), await reply.text()).toBe(true);
  return service;
}

const logIn = (page: Page, username: string): Promise<void> => logInAt(page, '/counter/supervisor', username);

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

test('an officer is told the supervisor page is not theirs', async ({ page, office }) => {
  await logIn(page, office.staff.petugas4!.username);
  await expect(page.getByTestId('no-access')).toContainText('Tidak ada akses');
  // Coming back to the page while logged in as an officer is stopped by the router.
  await page.goto('/counter/supervisor');
  await expect(page).toHaveURL(/\/counter\/no-access/);
  await expect(page.getByTestId('no-access')).toBeVisible();
});

test('a supervisor sees the office live and a ticket crossing its maximum wait raise an alert', async ({ page, request, office }, testInfo) => {
  test.setTimeout(90_000);
  await serveAtLoket4(request, office);
  const service = await oneMinuteService(request, office);
  await page.setViewportSize({ width: 1920, height: 1080 });
  // The page's clock follows the real one until the test moves it on with the API's.
  await page.clock.install();

  await logIn(page, office.staff.supervisor!.username);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');
  await expect(page.getByTestId('counter-4')).toContainText('Buka');
  await expect(page.getByTestId('counter-4')).toContainText(/D-\d{3}/);
  const tile = page.getByTestId(`service-${service.code}`);
  await expect(tile.getByTestId('waiting-now')).toHaveText('0');

  // Live, without a reload: the tile counts the new ticket from the office's event stream.
  const ticket = await issue(request, office, service.id);
  await expect(tile.getByTestId('waiting-now')).toHaveText('1');

  // Due one minute after issue: two minutes later the server's scan raises the alert and pushes it to the staff room.
  const alert = page.getByTestId('alert-max_wait').filter({ hasText: ticket.number });
  await advanceClock(request, page, 2);
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Lewat batas waktu tunggu');
  await expect(tile).toContainText('Ada yang lewat batas tunggu');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'supervisor-live-1920');
  await page.getByTestId('chart-waits-by-hour').screenshot({ path: testInfo.outputPath('supervisor-chart-waits.png') });

  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, testInfo, 'supervisor-live-tablet');

  // Acknowledged, it leaves the list.
  await alert.getByRole('button', { name: 'Tandai sudah ditangani' }).click();
  await expect(alert).toHaveCount(0);

  // Cancelled, so the next test's office has nobody waiting past the maximum.
  await api(request, 'POST', `/tickets/${ticket.id}/cancel`, office.staff.supervisor!.username, { reason: 'Uji e2e selesai' });
});

test('a supervisor observes the interaction at Loket 4, kept apart from the officer’s self-checks', async ({ page, request, office }) => {
  await serveAtLoket4(request, office);
  await logIn(page, office.staff.supervisor!.username);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');

  await page.getByTestId('observe-4').click();
  const dialog = page.getByTestId('observation');
  await expect(dialog).toBeVisible();
  // An observation starts unanswered: it cannot be saved until each item has an answer.
  await expect(page.getByTestId('observation-submit')).toBeDisabled();
  for (const code of ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan']) await page.getByTestId(`observe-${code}-checked`).check();
  await page.getByTestId('observe-cara_bertanya-not_checked').check();
  await page.getByTestId('observation-submit').click();

  await expect(page.getByText(/Observasi D-\d{3} tersimpan: kepatuhan 80\s?%/)).toBeVisible();
  await page.getByRole('button', { name: 'Muat ulang grafik' }).click();
  const officer = page.getByTestId('chart-etiquette-officer');
  await officer.getByText('Tabel data').click();
  await expect(officer.getByRole('row', { name: office.staff.petugas4!.name })).toContainText('80');
});

test('a supervisor pauses and closes Loket 4 from afar, with a reason, seen at once and audited', async ({ page, request, office }, testInfo) => {
  test.setTimeout(120_000);
  const officer = office.staff.petugas4!.username;
  const supervisor = office.staff.supervisor!.username;
  // Loket 4 open by petugas4 with nobody at it: a counter holding a ticket is neither paused nor closed.
  const loket4 = (await api<Counter[]>(request, 'GET', `/offices/${office.slug}/counters`, officer)).find((c) => c.number === 4)!;
  if (loket4.currentTicket)
    await api(request, 'POST', `/tickets/${loket4.currentTicket.id}/${loket4.currentTicket.status === 'called' ? 'no-show' : 'finish'}`, officer);
  if (loket4.state === 'paused') await api(request, 'POST', `/counters/${loket4.id}/resume`, officer);
  if (loket4.state === 'closed') await api(request, 'POST', `/counters/${loket4.id}/open`, officer);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await logIn(page, supervisor);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');
  const tile = page.getByTestId('counter-4');
  await expect(tile).toContainText('Buka');

  // The pause asks why, and cannot be confirmed without the words.
  await page.getByTestId('remote-pause-4').click();
  const dialog = page.getByRole('dialog', { name: /Jeda Loket 4 dari jauh/ });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('remote-reason-briefing').check();
  await expect(dialog.getByTestId('remote-submit')).toBeDisabled();
  await dialog.getByLabel('Alasan (wajib)').fill('Rapat mendadak di ruang kepala');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'supervisor-remote-pause-dialog');
  await dialog.getByTestId('remote-submit').click();
  await expect(dialog).toBeHidden();

  // Seen at once on the tile, from the office's live events, and said in a line.
  await expect(tile.locator('.state')).toHaveText('Dijeda');
  await expect(tile).toContainText('Briefing');
  await expect(page.getByRole('status').filter({ hasText: 'Loket 4 dijeda: Rapat mendadak di ruang kepala' })).toBeVisible();
  await expect(page.getByTestId('remote-pause-4')).toHaveCount(0);
  await screenshot(page, testInfo, 'supervisor-remote-paused');

  // Closing asks for its own reason.
  await page.getByTestId('remote-close-4').click();
  const close = page.getByRole('dialog', { name: /Tutup Loket 4 dari jauh/ });
  await close.getByLabel('Alasan (wajib)').fill('Petugas pulang sakit');
  await close.getByTestId('remote-submit').click();
  await expect(close).toBeHidden();
  await expect(tile.locator('.state')).toHaveText('Tutup');
  await expect(page.getByTestId('remote-close-4')).toHaveCount(0);

  // Both in the audit trail, in the supervisor's name, with the words.
  const trail = await api<{ entries: { action: string; actor: { name: string } | null; after: unknown }[] }>(
    request,
    'GET',
    `/audit?officeId=${office.id}&action=counter`,
    'admin',
  );
  const remote = trail.entries.filter((entry) => entry.actor?.name === office.staff.supervisor!.name);
  expect(remote.map((entry) => [entry.action, entry.after])).toEqual([
    ['counter.closed', { note: 'Petugas pulang sakit' }],
    ['counter.paused', { reason: 'briefing', note: 'Rapat mendadak di ruang kepala' }],
  ]);
});
