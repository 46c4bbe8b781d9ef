import type { APIRequestContext, Page } from '@playwright/test';
import { hhmm, local, nowWithin, setHours } from './calendar-helpers.js';
import { PASSWORD, type SuiteOffice, expect, openPaired, screenshot, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 16, as citizens meet it: under kuota dinamis the kiosk refuses a number the office
// could not serve before closing, kindly, and offers booking another day; a closure over a
// waiting citizen shows on their phone page with its reason. Hours are built around the
// server's now (the worker's development clock).
test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ officeStaff: ['petugas1'] });

async function asAdmin(request: APIRequestContext, method: 'PATCH' | 'POST', path: string, data: unknown) {
  const headers = { authorization: `Bearer ${await staffToken(request, 'admin')}` };
  return method === 'PATCH' ? request.patch(`/api/v1${path}`, { headers, data }) : request.post(`/api/v1${path}`, { headers, data });
}

/** Chromium logs each refusal the page meets on purpose: take one off the list, which must then be empty. */
function takeRefusal(consoleErrors: string[]): void {
  const index = consoleErrors.findIndex((line) => /status of 409/.test(line));
  expect(index, 'the refused request was logged').toBeGreaterThanOrEqual(0);
  consoleErrors.splice(index, 1);
}

async function noSeriousAxe(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

async function openLoket1(request: APIRequestContext, office: SuiteOffice): Promise<void> {
  const login = await request.post('/api/v1/auth/login', { data: { username: office.staff.petugas1!.username, password: PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const opened = await request.post(`/api/v1/counters/${office.counters[1].id}/open`, { headers, data: {} });
  expect(opened.status(), await opened.text()).toBe(200);
}

test('kuota dinamis: the kiosk says today is full, offers booking another day, and issues nothing; the API says 409 cannot_serve_today', async ({
  page,
  request,
  office,
  consoleErrors,
}, testInfo) => {
  const now = local(await nowWithin(request, office, 120, 21 * 60));
  const tomorrow = (now.weekday % 7) + 1;
  // Open until an hour and a half from now; Loket 1 open; a citizen of service A takes two hours: nobody new is done by closing.
  await setHours(request, office, [
    { weekday: now.weekday, opens: hhmm(now.minutes - 60), closes: hhmm(now.minutes + 90) },
    { weekday: tomorrow, opens: '08:00', closes: '15:00' },
  ]);
  await openLoket1(request, office);
  const patched = await asAdmin(request, 'PATCH', `/admin/services/${office.services.A.id}`, { serviceTimeMinutes: 120, dynamicQuota: true });
  expect(patched.ok(), await patched.text()).toBe(true);

  const refused = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { code: string; details: { opensAt: string } };
  expect(body.code).toBe('cannot_serve_today');
  expect(local(new Date(body.details.opensAt))).toEqual({ weekday: tomorrow, minutes: 8 * 60 });

  await openPaired(page, office);
  await page.locator('button[data-service="A"]').click();
  await page.locator('button[data-priority="none"]').click();
  const step = page.getByTestId('kiosk-cannot-serve');
  await expect(step.getByRole('heading', { name: 'Mohon maaf, antrean layanan ini untuk hari ini sudah penuh' })).toBeVisible();
  await expect(step).toContainText('tidak akan sempat melayani antrean');
  await expect(step).toContainText('Silakan booking untuk hari lain');
  await expect(step).toContainText('pukul 08.00');
  await expect(step).toContainText(`/o/${office.slug}/book`);
  await expect(step.getByRole('img', { name: 'Kode QR ke halaman booking kantor ini' })).toBeVisible();
  await expect(page.getByTestId('ticket-number')).toHaveCount(0);
  takeRefusal(consoleErrors);
  await noSeriousAxe(page);
  await screenshot(page, testInfo, 'kiosk-cannot-serve');

  await step.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.locator('button[data-service="A"]')).toBeVisible();
  const board = (await (await request.get(`/api/v1/offices/${office.slug}/board`)).json()) as { waiting: unknown[] };
  expect(board.waiting).toHaveLength(0);

  const restored = await asAdmin(request, 'PATCH', `/admin/services/${office.services.A.id}`, { serviceTimeMinutes: 10, dynamicQuota: false });
  expect(restored.ok(), await restored.text()).toBe(true);
});

test('a closure over a waiting citizen asks the admin first, then shows on their phone page with its reason', async ({ page, request, office }, testInfo) => {
  const now = await nowWithin(request, office, 120, 21 * 60);
  const at = local(now);
  await setHours(request, office, [{ weekday: at.weekday, opens: hhmm(at.minutes - 60), closes: hhmm(at.minutes + 150) }]);
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.status(), await issued.text()).toBe(201);
  const { trackingCode } = (await issued.json()) as { trackingCode: string };

  const reason = 'Listrik padam, layanan dihentikan sementara';
  const closure = { endsAt: new Date(now.getTime() + 60 * 60_000).toISOString(), reason };
  const unconfirmed = await asAdmin(request, 'POST', `/admin/offices/${office.id}/calendar/closures`, closure);
  expect(unconfirmed.status()).toBe(409);
  expect(await unconfirmed.json()).toMatchObject({ code: 'closure_needs_confirmation', details: { waiting: expect.any(Number), bookings: 0 } });
  const confirmed = await asAdmin(request, 'POST', `/admin/offices/${office.id}/calendar/closures`, { ...closure, confirm: true });
  expect(confirmed.status(), await confirmed.text()).toBe(201);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/t/${trackingCode}`);
  const notice = page.getByTestId('closure-notice');
  await expect(notice.getByRole('heading', { name: 'Kantor ditutup' })).toBeVisible();
  await expect(notice).toContainText(`Alasan: ${reason}`);
  await expect(notice).toContainText('Antrean Anda mungkin tidak dapat dilayani hari ini');
  await noSeriousAxe(page);
  await screenshot(page, testInfo, 'phone-closure');
});
