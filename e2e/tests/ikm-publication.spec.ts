import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, logInAt, screenshot, staffApi, test } from './fixtures.js';

// Issue 19: a supervisor publishes the semester's IKM with its follow-up plan from the reports
// page, and the waiting-room board shows the published IKM and the plan.
test.describe.configure({ timeout: 240_000 });
test.use({ officeStaff: ['petugas1', 'supervisor'] });

const ANSWERS = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 3 };

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('a supervisor publishes the IKM with its follow-up plan, and the board shows both', async ({ page, browser, request, office }, testInfo) => {
  // One citizen served and surveyed from the phone: the semester has an IKM.
  const officer = office.staff.petugas1!.username;
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/open`, officer, {});
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.ok(), await issued.text()).toBe(true);
  const ticket = (await issued.json()) as { id: string; trackingCode: string };
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/call`, officer, {
    ticketId: ticket.id,
    reason: 'e2e: the IKM test serves its own ticket',
  });
  await staffApi(request, 'POST', `/tickets/${ticket.id}/start`, officer);
  await staffApi(request, 'POST', `/tickets/${ticket.id}/finish`, officer, {});
  const surveyed = await request.post(`/api/v1/tickets/track/${ticket.trackingCode}/survey`, { data: ANSWERS });
  expect(surveyed.ok(), await surveyed.text()).toBe(true);

  // The supervisor publishes from the reports page.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/supervisor/reports', office.staff.supervisor!.username);
  const panel = page.getByTestId('ikm-publish');
  await expect(panel).toBeVisible();
  await panel.getByLabel('Tindakan').fill('Menambah kursi ruang tunggu');
  await panel.getByLabel('Penanggung jawab').fill('Subbag Umum');
  await panel.getByLabel('Batas waktu').fill('2027-03-31');
  expect(await seriousViolations(page)).toEqual([]);
  await panel.getByTestId('ikm-publish-submit').click();
  // All nine answers average 31/9 on the 1–4 scale: 86.11 ×25, grade B.
  await expect(panel.getByTestId('ikm-published')).toContainText('IKM 86,11 (B (Baik))');
  await screenshot(page, testInfo, 'reports-ikm-published-1920');

  // The board, on a 1920×1080 screen: the published IKM and the plan in the standards line.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const board = await context.newPage();
  await board.goto(`/board?office=${office.slug}`);
  const standards = board.locator('footer.standards');
  // The semester is the one of the server's (development) clock.
  await expect(standards).toContainText(/Indeks Kepuasan Masyarakat semester (I|II) \d{4}: 86,11 \(mutu B, Baik\) dari 1 responden/);
  await expect(standards).toContainText('Tindak lanjut: Menambah kursi ruang tunggu · Subbag Umum · paling lambat Rabu, 31 Maret 2027');
  expect(await seriousViolations(board)).toEqual([]);
  await screenshot(board, testInfo, 'board-ikm-1920x1080');
  await context.close();
});
