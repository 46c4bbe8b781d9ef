import { admin, issue } from './board-helpers.js';
import { nowWithin } from './calendar-helpers.js';
import { expect, logInAt, screenshot, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// Issue 17's admin screen: an admin opens a service's booking settings from the services
// table, is refused a slot too short beside that field, switches booking on, and a citizen
// can then book the service on the public page. The office is open all day, every day, so
// the test runs at whatever time the worker's server clock shows. The landing page and the
// phone ticket page then lead to the office's booking page.
test.describe.configure({ timeout: 180_000 });
test.use({ officePer: 'test', officeStaff: [] });

test('an admin switches booking on for a service, then a citizen books it', async ({ browser, office, request }, testInfo) => {
  // Issuing stops 30 minutes before 23:55: late in the evening the clock is moved to the small hours.
  await nowWithin(request, office, 120, 22 * 60);
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:55' }));
  await (await admin(request)).patch(`/offices/${office.id}`, { openingHours: hours });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));

  await logInAt(page, '/counter/admin', 'admin');
  await page.getByTestId('admin-office').selectOption(office.id);
  await page.getByTestId('booking-A').click();
  const form = page.getByTestId('booking-form');
  const enabled = form.getByRole('checkbox', { name: 'Terima booking untuk layanan ini' });
  await expect(enabled).not.toBeChecked();
  await expect(form.getByLabel(/^Panjang satu slot/)).toHaveValue('30');
  // Seats never set show the suggestion: lokets 1 (A alone), 2 (half) and 6 (a fifth), 10 minutes a citizen, half kept for walk-ins.
  const seats = form.getByLabel(/^Kursi per slot/);
  await expect(seats).toHaveValue('2');
  await expect(form.getByText('setelah jatah datang langsung: 2.', { exact: false })).toBeVisible();
  await expect(form.getByText('Lebih dari saran', { exact: false })).toHaveCount(0);
  await seats.fill('3');
  await expect(form.getByText('Lebih dari saran: warga yang datang langsung bisa menunggu melewati standar waktu tunggu.', { exact: false })).toBeVisible();
  await seats.fill('2');
  expect(await seriousViolations(page, { labelMismatch: true })).toEqual([]);

  // Refused: the API's rule for the field is shown beside it, and nothing is saved.
  await enabled.check();
  await form.getByLabel(/^Panjang satu slot/).fill('2');
  await form.getByRole('button', { name: 'Simpan' }).click();
  const slot = form.getByLabel(/^Panjang satu slot/);
  await expect(slot).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#booking-slotMinutes-error')).toHaveText('Isi bilangan bulat menit, 5–240.');
  await expect(form.getByRole('alert')).toHaveText('Perubahan belum tersimpan: periksa isian yang ditandai.');
  expect(await seriousViolations(page, { labelMismatch: true })).toEqual([]);
  await screenshot(page, testInfo, 'admin-booking-refused');

  await slot.fill('30');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Pengaturan booking layanan A disimpan.' })).toBeVisible();
  // Saved: opened again, the dialog reads it back.
  await page.getByTestId('booking-A').click();
  await expect(page.getByTestId('booking-form').getByRole('checkbox', { name: 'Terima booking untuk layanan ini' })).toBeChecked();
  await screenshot(page, testInfo, 'admin-booking-dialog');
  await page.getByTestId('booking-form').getByRole('button', { name: 'Batal' }).click();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const citizen = await phone.newPage();
  citizen.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await citizen.goto(`/o/${office.slug}/book`);
  await citizen.getByTestId('service-A').check();
  const days = citizen.locator('input[name="booking-day"]:not([disabled])');
  await expect(days.first()).toBeVisible();
  await days.nth(2).check();
  await citizen.locator('input[name="booking-slot"]:not([disabled])').nth(1).check();
  await citizen.getByTestId('booking-confirm').click();
  await expect(citizen).toHaveURL(/\/b\/[2-9A-HJ-NP-Z]{5}(-[2-9A-HJ-NP-Z]{5}){3}$/);
  await expect(citizen.getByTestId('booking-phase')).toHaveText('Terdaftar');

  // The ways to the booking page: the landing page, per office, and the phone ticket page,
  // for a citizen who could not be served today.
  await citizen.goto('/');
  const landing = citizen.getByTestId('landing-book');
  await expect(landing.getByRole('link', { name: office.name, exact: true })).toHaveAttribute('href', `/o/${office.slug}/book`);
  expect(await seriousViolations(citizen)).toEqual([]);
  await screenshot(citizen, testInfo, 'landing-book');
  const ticket = (await issue(request, office, 'A')) as unknown as { trackingCode: string };
  await citizen.goto(`/t/${ticket.trackingCode}`);
  const link = citizen.getByTestId('ticket-book-link').getByRole('link', { name: 'Booking jam datang untuk hari lain' });
  await expect(link).toHaveAttribute('href', `/o/${office.slug}/book`);
  expect(await seriousViolations(citizen)).toEqual([]);
  await screenshot(citizen, testInfo, 'ticket-book-link');
  await link.click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Booking antrean');
  expect(errors).toEqual([]);
});
