import type { APIRequestContext } from '@playwright/test';
import { DELIVERY_COMPONENT_TERMS, type SuiteOffice, advanceClock, expect, openPaired, screenshot, staffToken, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 17: a citizen books a slot on a phone, sees the booking's page with its QR code,
// reschedules once and is refused a second time, and checks in at the kiosk by typing the
// short reference, which prints a slip like any ticket. The office's hours cover the whole
// day, every day, so the suite runs at whatever time the worker's server clock shows.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({ officeStaff: [] });

const PHONE = { width: 390, height: 844 };
const SETTINGS = {
  enabled: true,
  slotMinutes: 30,
  seatsPerSlot: 4,
  walkInSharePercent: 50,
  horizonDays: 7,
  opensDaysBefore: 7,
  opensAt: '00:00',
  changeCutoffDays: 1,
  graceMinutes: 10,
  lateToleranceMinutes: 15,
};

async function setUp(request: APIRequestContext, office: SuiteOffice): Promise<void> {
  const headers = { authorization: `Bearer ${await staffToken(request, 'admin')}` };
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:55' }));
  const patched = await request.patch(`/api/v1/admin/offices/${office.id}`, { headers, data: { openingHours: hours } });
  expect(patched.ok(), await patched.text()).toBe(true);
  // A: half-hour slots for the booking page; B: five-minute slots, so today always has one ahead to check in.
  for (const [code, settings] of [
    ['A', SETTINGS],
    ['B', { ...SETTINGS, slotMinutes: 5, changeCutoffDays: 0 }],
  ] as const) {
    const reply = await request.put(`/api/v1/admin/services/${office.services[code].id}/booking`, { headers, data: settings });
    expect(reply.ok(), await reply.text()).toBe(true);
  }
}

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

/** Today's last five-minute slot starts at 23:50: late in the evening no slot is left ahead today to check in to. */
async function skipWithoutSlotToday(request: APIRequestContext, office: SuiteOffice): Promise<void> {
  test.skip((await serverMinutes(request, office)) > 23 * 60 + 35, 'needs a slot still ahead today, and the office closes at 23:55');
}

test('a citizen books on a phone, reschedules once and is refused a second time', async ({ browser, request, office }, testInfo) => {
  await setUp(request, office);
  const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID', timezoneId: 'Asia/Jakarta', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));

  await page.goto(`/o/${office.slug}/book`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Booking antrean');
  await page.getByTestId('service-A').check();
  // The day after tomorrow: well before its cut-off (the end of the day before).
  const days = page.locator('input[name="booking-day"]:not([disabled])');
  await expect(days.first()).toBeVisible();
  // The day chosen: its seats read afresh, that day alone (`?day=`), not the whole range again.
  const dayRead = page.waitForResponse((response) => /\/availability\?day=\d{4}-\d{2}-\d{2}$/.test(response.url()));
  await days.nth(2).check();
  const dayReply = await dayRead;
  expect(dayReply.status()).toBe(200);
  expect(((await dayReply.json()) as { days: unknown[] }).days).toHaveLength(1);
  const slots = page.locator('input[name="booking-slot"]:not([disabled])');
  await slots.nth(4).check();
  await page.getByTestId('booking-name').fill('Siti Aminah');
  await page.getByTestId('booking-phone').fill('0812-3456-7890');
  await expect(page.getByTestId('booking-summary')).toContainText('Perekaman & Pencetakan KTP-el');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'book-phone');
  await page.getByTestId('booking-confirm').click();

  await expect(page).toHaveURL(/\/b\/[2-9A-HJ-NP-Z]{5}(-[2-9A-HJ-NP-Z]{5}){3}$/);
  await expect(page.getByTestId('booking-phase')).toHaveText('Terdaftar');
  await expect(page.getByTestId('booking-reference')).toHaveText(/^BK-[2-9A-HJ-NP-Z]{4}$/);
  await expect(page.getByRole('img', { name: /^Kode QR booking BK-/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bawa dokumen ini' })).toBeVisible();
  await expect(page.locator('section.card', { has: page.getByRole('heading', { name: 'Bawa dokumen ini' }) })).toContainText('Kartu Keluarga');
  const slotBefore = await page.getByTestId('booking-slot').textContent();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'booking-page');

  await page.getByTestId('booking-reschedule').click();
  await page.locator('input[name="booking-slot"]:not([disabled])').nth(6).check();
  await page.getByTestId('booking-save-reschedule').click();
  await expect(page.getByRole('status')).toHaveText('Jadwal sudah diubah.');
  await expect(page.getByTestId('booking-slot')).not.toHaveText(slotBefore!);
  // Once only: the page says so and offers no second move; the API refuses one too.
  await expect(page.getByTestId('booking-reschedule')).toBeDisabled();
  await expect(page.getByTestId('booking-reschedule-used')).toHaveText('Jadwal sudah pernah diubah; booking hanya dapat diubah satu kali.');
  const code = page.url().split('/b/')[1];
  const view = (await (await request.get(`/api/v1/bookings/${code}`)).json()) as { slotStartsAt: string; slotEndsAt: string };
  const again = await request.post(`/api/v1/bookings/${code}/reschedule`, { data: { startsAt: view.slotEndsAt } });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { code: string }).code).toBe('reschedule_used');
  await screenshot(page, testInfo, 'booking-rescheduled');
  expect(errors).toEqual([]);
  await context.close();
});

test('the booking form and the booking page show the six delivery components of the service, on a phone', async ({ browser, request, office }, testInfo) => {
  await setUp(request, office);
  const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID', timezoneId: 'Asia/Jakarta', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  // Nothing on the page wider than the phone: a phone shrinks a wider page, text and all, to fit it.
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  await page.goto(`/o/${office.slug}/book`);
  await expect(page.getByTestId('delivery-standard')).toHaveCount(0);
  await page.getByTestId('service-A').check();
  const standard = page.getByTestId('delivery-standard');
  await expect(standard.getByRole('heading', { level: 2 })).toHaveText('Standar pelayanan: Perekaman & Pencetakan KTP-el');
  await expect(standard.locator('dt')).toHaveText(DELIVERY_COMPONENT_TERMS);
  await expect(standard.locator('[data-component="requirements"]')).toContainText('Kartu Keluarga');
  await expect(standard.locator('[data-component="cost"]')).toContainText('Gratis');
  await expect(standard.getByRole('link', { name: /Standar pelayanan lengkap/ })).toHaveAttribute('href', `/o/${office.slug}/standar#layanan-A`);
  expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(page)).toEqual([]);
  await standard.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'book-phone-standard');
  // Another service: its own standard, in place of the first.
  await page.getByTestId('service-B').check();
  await expect(standard.getByRole('heading', { level: 2 })).toHaveText('Standar pelayanan: Kartu Keluarga');
  await expect(standard.locator('dt')).toHaveCount(6);

  // Booked (through the API, as the form would), the booking's own page shows them too.
  const availability = (await (await request.get(`/api/v1/offices/${office.slug}/services/${office.services.A.id}/availability`)).json()) as {
    days: { open: boolean; slots: { startsAt: string; left: number }[] }[];
  };
  const slot = availability.days
    .slice(2)
    .find((day) => day.open)!
    .slots.find((candidate) => candidate.left > 0)!;
  const booked = await request.post(`/api/v1/offices/${office.slug}/bookings`, {
    data: { serviceId: office.services.A.id, startsAt: slot.startsAt },
    headers: { 'x-loket-client': 'e2e-booking-standard-client' },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const { code } = (await booked.json()) as { code: string };
  await page.goto(`/b/${code}`);
  await expect(page.getByTestId('booking-phase')).toHaveText('Terdaftar');
  await expect(standard.getByRole('heading', { level: 2 })).toHaveText('Standar pelayanan: Perekaman & Pencetakan KTP-el');
  await expect(standard.locator('dt')).toHaveText(DELIVERY_COMPONENT_TERMS);
  await expect(standard.locator('[data-component="product"]')).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(page)).toEqual([]);
  await standard.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'booking-page-standard');
  await context.close();
});

test('a booked citizen checks in at the kiosk by typing the reference and gets a slip', async ({ page, request, office }, testInfo) => {
  await setUp(request, office);
  await skipWithoutSlotToday(request, office);
  // Book today's first slot still ahead for service B, through the API as a phone would.
  const availability = (await (await request.get(`/api/v1/offices/${office.slug}/services/${office.services.B.id}/availability`)).json()) as {
    days: { slots: { startsAt: string; left: number }[] }[];
  };
  const slot = availability.days[0].slots.find((candidate) => candidate.left > 0);
  expect(slot, 'a slot ahead today').toBeDefined();
  const booked = await request.post(`/api/v1/offices/${office.slug}/bookings`, {
    data: { serviceId: office.services.B.id, startsAt: slot!.startsAt },
    headers: { 'x-loket-client': 'e2e-booking-kiosk-client-1' },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const { reference } = (await booked.json()) as { reference: string };

  await page.setViewportSize({ width: 1920, height: 1080 });
  await openPaired(page, office);
  await page.getByTestId('kiosk-booking').click();
  await expect(page.getByRole('heading', { name: 'Check-in booking' })).toBeVisible();
  await page.getByTestId('kiosk-booking-reference').fill(reference.toLowerCase().replace('-', ' '));
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'kiosk-booking-form');
  await page.getByTestId('kiosk-booking-submit').click();

  const slip = page.locator('.step-ticket');
  await expect(slip).toBeVisible();
  await expect(slip).toContainText('B-001');
  await expect(page.getByTestId('kiosk-booking-late')).toHaveCount(0);
  await expect(page.getByTestId('ticket-paper-late')).toHaveCount(0);
  await screenshot(page, testInfo, 'kiosk-booking-slip');
  // On the board like any ticket.
  const board = (await (await request.get(`/api/v1/offices/${office.slug}/board`)).json()) as { waiting: { number: string }[] };
  expect(board.waiting.map((ticket) => ticket.number)).toContain('B-001');
});

test('a booking checked in past its late tolerance is a walk-in, and the printed slip says so', async ({ page, request, office }, testInfo) => {
  await setUp(request, office);
  await skipWithoutSlotToday(request, office);
  // B with no late tolerance: the first slot ahead today starts within five minutes, so six minutes on is late.
  const headers = { authorization: `Bearer ${await staffToken(request, 'admin')}` };
  const strict = { ...SETTINGS, slotMinutes: 5, changeCutoffDays: 0, lateToleranceMinutes: 0 };
  const put = await request.put(`/api/v1/admin/services/${office.services.B.id}/booking`, { headers, data: strict });
  expect(put.ok(), await put.text()).toBe(true);
  const availability = (await (await request.get(`/api/v1/offices/${office.slug}/services/${office.services.B.id}/availability`)).json()) as {
    days: { slots: { startsAt: string; left: number }[] }[];
  };
  const slot = availability.days[0].slots.find((candidate) => candidate.left > 0);
  expect(slot, 'a slot ahead today').toBeDefined();
  const booked = await request.post(`/api/v1/offices/${office.slug}/bookings`, {
    data: { serviceId: office.services.B.id, startsAt: slot!.startsAt },
    headers: { 'x-loket-client': 'e2e-booking-kiosk-client-late' },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const { reference } = (await booked.json()) as { reference: string };

  await page.clock.install();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openPaired(page, office);
  const now = await advanceClock(request, page, 6);
  expect(now.getTime()).toBeGreaterThan(Date.parse(slot!.startsAt));
  await page.getByTestId('kiosk-booking').click();
  await page.getByTestId('kiosk-booking-reference').fill(reference);
  await page.getByTestId('kiosk-booking-submit').click();

  await expect(page.getByTestId('kiosk-booking-late')).toBeVisible();
  await expect(page.getByTestId('ticket-late')).toHaveText('Check-in terlambat: dilayani sebagai antrean biasa, bukan pada jam booking.');
  await expect(page.getByTestId('ticket-paper-late')).toHaveText('Check-in terlambat: dilayani sebagai antrean biasa, bukan pada jam booking.');
  await screenshot(page, testInfo, 'kiosk-booking-late-slip');
});
