import type { APIRequestContext } from '@playwright/test';
import { hhmm, local, nowWithin, setHours } from './calendar-helpers.js';
import { PASSWORD, type SuiteOffice, expect, openPaired, test } from './fixtures.js';

// Issue 16's done-when: every estimate a citizen sees is a range, "12–20 menit": the kiosk's
// tile, the slip, the phone page and the board. The office is open around the server's now
// (the worker's development clock), with Loket 1 open and a queue before it.
test.describe.configure({ timeout: 120_000 });
test.use({ officeStaff: ['petugas1'] });

async function openLoket1(request: APIRequestContext, office: SuiteOffice): Promise<void> {
  const login = await request.post('/api/v1/auth/login', { data: { username: office.staff.petugas1!.username, password: PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const opened = await request.post(`/api/v1/counters/${office.counters[1].id}/open`, { headers, data: {} });
  expect(opened.status(), await opened.text()).toBe(200);
}

test('the kiosk tile, the slip, the phone page and the board give the wait as a range', async ({ page, request, office }) => {
  const now = local(await nowWithin(request, office, 120, 19 * 60));
  await setHours(request, office, [{ weekday: now.weekday, opens: hhmm(now.minutes - 60), closes: hhmm(now.minutes + 240) }]);
  await openLoket1(request, office);
  let last: { trackingCode: string } | null = null;
  for (let n = 0; n < 5; n += 1) {
    const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
    expect(reply.status(), await reply.text()).toBe(201);
    last = (await reply.json()) as { trackingCode: string };
  }

  await openPaired(page, office);
  const tile = page.locator('button[data-service="A"]');
  await expect(tile).toContainText(/Perkiraan tunggu \d+–\d+ menit/);
  await tile.click();
  await page.locator('button[data-priority="none"]').click();
  await expect(page.getByTestId('ticket-number').first()).toBeVisible();
  await expect(page.locator('.meta').first()).toContainText(/Perkiraan tunggu \d+–\d+ menit/);

  await page.goto(`/t/${last!.trackingCode}`);
  await expect(page.getByTestId('ticket-estimate')).toHaveText(/^Perkiraan tunggu \d+–\d+ menit$/);

  await page.goto(`/board?office=${office.slug}`);
  await expect(page.locator('[data-testid="board-services"] li[data-service="A"] .service-estimate')).toHaveText(/^\d+–\d+ mnt$/);
});
