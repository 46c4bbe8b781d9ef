import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { type SuiteOffice, expect, logInAt, screenshot, staffToken, test } from './fixtures.js';

// Issue 16: tickets still waiting when the office has closed are closed by the supervisor's
// end-of-day step, which shows how many; the phone page then says why. The office gets hours
// that ended ten minutes before the server's now (the worker's development clock), after its
// tickets were taken while it kept none (open around the clock).
test.use({ officeStaff: ['supervisor'], officePer: 'test' });

const TZ = 'Asia/Jakarta';

async function serverNow(request: APIRequestContext, office: SuiteOffice): Promise<Date> {
  const reply = await request.get(`/api/v1/offices/${office.slug}/board`);
  return new Date(((await reply.json()) as { at: string }).at);
}

function local(at: Date): { weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: TZ, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

test('a supervisor closes the tickets still waiting after closing time, and the phone page says why', async ({ page, request, office }, testInfo) => {
  test.setTimeout(120_000);
  const now = local(await serverNow(request, office));
  test.skip(now.minutes < 40, 'the office needs a day that ended before the server’s now');
  const tickets = [];
  for (let i = 0; i < 2; i += 1) {
    const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
    expect(reply.ok(), await reply.text()).toBe(true);
    tickets.push((await reply.json()) as { number: string; trackingCode: string });
  }
  const closes = now.minutes - 10;
  const token = await staffToken(request, 'admin');
  const hours = await request.patch(`/api/v1/admin/offices/${office.id}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { openingHours: [{ weekday: now.weekday, opens: hhmm(Math.max(0, closes - 120)), closes: hhmm(closes) }] },
  });
  expect(hours.ok(), await hours.text()).toBe(true);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/supervisor', office.staff.supervisor!.username);
  const control = page.getByTestId('end-of-day');
  await expect(control).toContainText('Kantor sudah tutup, tetapi 2 antrean masih menunggu.');
  const button = control.getByRole('button', { name: 'Tutup 2 antrean yang masih menunggu' });
  await expect(button).toBeEnabled();
  await control.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'supervisor-end-of-day');
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Tutup 2 antrean yang masih menunggu?' });
  await expect(dialog).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('supervisor-end-of-day-confirm.png') });
  await dialog.getByTestId('end-of-day-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'antrean ditutup pada akhir hari' })).toContainText(
    `2 antrean ditutup pada akhir hari: ${tickets.map((t) => t.number).join(', ')}.`,
  );
  await expect(control).toContainText('Tidak ada antrean yang masih menunggu.');
  await expect(control.getByRole('button')).toHaveCount(0);

  const phone = await page.context().newPage();
  await phone.goto(`/t/${tickets[0].trackingCode}`);
  await expect(phone.getByText('Layanan hari ini sudah berakhir sebelum nomor Anda dipanggil', { exact: false })).toBeVisible();
  await screenshot(phone, testInfo, 'phone-closed-end-of-day');
});
