import type { APIRequestContext } from '@playwright/test';
import { type SuiteOffice, advanceClock, expect, logInAt, screenshot, staffApi as api, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 17: the supervisor sees today's bookings per slot and booked citizens' punctuality,
// and the report counts them per service and day. Two citizens book the same five-minute
// slot of service B; one checks in at the kiosk and is called and served at Loket 3, the other
// never comes. The office's hours cover the whole day, so the test runs at whatever time the
// worker's server clock shows; time moves with the API's development clock, never by waiting.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({ officeStaff: ['supervisor', 'petugas3'] });

const SETTINGS = {
  enabled: true,
  slotMinutes: 5,
  seatsPerSlot: 4,
  walkInSharePercent: 50,
  horizonDays: 7,
  opensDaysBefore: 7,
  opensAt: '00:00',
  changeCutoffDays: 0,
  graceMinutes: 10,
  lateToleranceMinutes: 15,
};

/** Minutes past midnight on the server's clock, in the office's zone (WIB). */
async function serverMinutes(request: APIRequestContext, office: SuiteOffice): Promise<number> {
  const reply = await request.get(`/api/v1/offices/${office.slug}/board`);
  expect(reply.ok(), await reply.text()).toBe(true);
  const at = new Date(((await reply.json()) as { at: string }).at);
  const [hours, minutes] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(at)
    .split(':')
    .map(Number);
  return hours * 60 + minutes;
}

test('a supervisor sees a booked citizen served within 10 minutes of the slot and another a no-show, on screen and in the report', async ({
  page,
  request,
  office,
}, testInfo) => {
  // The slot ahead and the 11 minutes the test moves on must stay within today (the office closes at 23:55).
  test.skip((await serverMinutes(request, office)) > 23 * 60 + 25, 'needs a slot ahead today and 11 minutes after it');
  const admin = { authorization: `Bearer ${await staffToken(request, 'admin')}` };
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:55' }));
  expect((await request.patch(`/api/v1/admin/offices/${office.id}`, { headers: admin, data: { openingHours: hours } })).ok()).toBe(true);
  const put = await request.put(`/api/v1/admin/services/${office.services.B.id}/booking`, { headers: admin, data: SETTINGS });
  expect(put.ok(), await put.text()).toBe(true);

  // Two citizens book today's first slot ahead for B, as their phones would.
  const availability = (await (await request.get(`/api/v1/offices/${office.slug}/services/${office.services.B.id}/availability`)).json()) as {
    days: { slots: { startsAt: string; left: number }[] }[];
  };
  const slot = availability.days[0].slots.find((candidate) => candidate.left > 1);
  expect(slot, 'a slot ahead today').toBeDefined();
  const references: string[] = [];
  for (const client of ['e2e-figures-client-1', 'e2e-figures-client-2']) {
    const booked = await request.post(`/api/v1/offices/${office.slug}/bookings`, {
      data: { serviceId: office.services.B.id, startsAt: slot!.startsAt },
      headers: { 'x-loket-client': client },
    });
    expect(booked.status(), await booked.text()).toBe(201);
    references.push(((await booked.json()) as { reference: string }).reference);
  }

  // The first checks in at the kiosk before the slot, and Loket 3 calls and serves them.
  const checkedIn = await request.post(`/api/v1/offices/${office.slug}/bookings/check-in`, { data: { reference: references[0] } });
  expect(checkedIn.status(), await checkedIn.text()).toBe(200);
  const ticket = ((await checkedIn.json()) as { late: boolean; ticket: { id: string; number: string } }).ticket;
  const officer = office.staff.petugas3!.username;
  const counter = office.counters[3].id;
  await api(request, 'POST', `/counters/${counter}/open`, officer);
  const called = await api<{ id: string }>(request, 'POST', `/counters/${counter}/call-next`, officer);
  expect(called.id).toBe(ticket.id);
  await api(request, 'POST', `/tickets/${ticket.id}/start`, officer);
  await api(request, 'POST', `/tickets/${ticket.id}/finish`, officer, {});
  await api(request, 'POST', `/counters/${counter}/close`, officer);

  // The second never comes: eleven minutes on, the five-minute slot is over and the seat freed.
  await page.clock.install();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await advanceClock(request, page, 11);
  await logInAt(page, '/counter/supervisor', office.staff.supervisor!.username);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');
  const panel = page.getByTestId('supervision-bookings');
  await expect(panel.getByRole('heading', { name: 'Booking hari ini' })).toBeVisible();
  const row = panel.getByTestId('bookings-B').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('[data-column="booked"]')).toHaveText('2');
  await expect(row.locator('[data-column="checkedIn"]')).toHaveText('1');
  await expect(row.locator('[data-column="late"]')).toHaveText('0');
  await expect(row.locator('[data-column="noShows"]')).toHaveText('1');
  await expect(row.locator('[data-column="expected"]')).toHaveText('0');
  await expect(row.locator('[data-column="within"]')).toHaveText(/^100\s?% \(1 dari 1\)$/);
  await expect(page.getByTestId('bookings-punctuality')).toContainText('Warga booking dipanggil ≤ 10 menit dari slotnya');
  await panel.scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'supervisor-bookings');

  // The report of today: the same figures per service and day, and its CSV.
  await page.goto('/counter/supervisor/reports');
  const report = page.getByTestId('report-bookings');
  await expect(report.getByRole('heading', { name: 'Booking' })).toBeVisible();
  const line = report.locator('tbody tr').filter({ hasText: 'B · ' });
  await expect(line.locator('[data-column="booked"]')).toHaveText('2');
  await expect(line.locator('[data-column="checkIns"]')).toHaveText('1');
  await expect(line.locator('[data-column="noShowShare"]')).toHaveText(/^50,0\s?%$/);
  await expect(line.locator('[data-column="within"]')).toHaveText(/^100,0\s?% \(1 dari 1\)$/);
  expect(await seriousViolations(page)).toEqual([]);
  const download = page.waitForEvent('download');
  await report.getByTestId('download-bookings').click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^laporan-${office.slug}-booking-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  await screenshot(page, testInfo, 'report-bookings');
});
