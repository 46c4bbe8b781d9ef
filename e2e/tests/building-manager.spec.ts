import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { type SuiteOffice, expect, logInAt, screenshot, staffApi, staffToken, test } from './fixtures.js';

// The building manager's view (issue 20): the office's own supervisor sees every agency of the
// building side by side, one row each, live. The suite's office gets a second agency, Samsat,
// owning service D and counter 5; the first agency keeps the rest.
test.describe.configure({ timeout: 180_000 });
test.use({ officeStaff: ['supervisor', 'petugas1', 'petugas5'] });

const ANSWERS = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 3 };

async function asAdmin(request: APIRequestContext, method: 'POST' | 'PATCH', path: string, data: unknown): Promise<{ id: string }> {
  const reply = await request.fetch(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${await staffToken(request, 'admin')}` }, data });
  expect(reply.ok(), `${method} ${path}: ${await reply.text()}`).toBe(true);
  return (await reply.json()) as { id: string };
}

async function samsat(request: APIRequestContext, office: SuiteOffice): Promise<void> {
  const agency = await asAdmin(request, 'POST', `/admin/offices/${office.id}/agencies`, { name: 'Samsat Kabupaten', shortName: 'Samsat', color: '#15803d' });
  await asAdmin(request, 'PATCH', `/admin/services/${office.services.D.id}`, { agencyId: agency.id });
  await asAdmin(request, 'PATCH', `/admin/counters/${office.counters[5].id}`, { agencyId: agency.id, name: 'Loket Samsat 1' });
}

test('the building manager sees every agency side by side: waiting, within the standard, punctuality and IKM, live', async ({
  page,
  request,
  office,
}, testInfo) => {
  await samsat(request, office);
  // The first agency serves one citizen at counter 1, who answers the survey: its IKM this period.
  const officer = office.staff.petugas1!.username;
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/open`, officer, {});
  await staffApi(request, 'POST', `/counters/${office.counters[5].id}/open`, office.staff.petugas5!.username, {});
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.ok(), await issued.text()).toBe(true);
  const ticket = (await issued.json()) as { id: string; trackingCode: string };
  await staffApi(request, 'POST', `/counters/${office.counters[1].id}/call`, officer, { ticketId: ticket.id, reason: 'e2e: the building test serves its own' });
  await staffApi(request, 'POST', `/tickets/${ticket.id}/start`, officer);
  await staffApi(request, 'POST', `/tickets/${ticket.id}/finish`, officer, {});
  const surveyed = await request.post(`/api/v1/tickets/track/${ticket.trackingCode}/survey`, { data: ANSWERS });
  expect(surveyed.ok(), await surveyed.text()).toBe(true);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/supervisor', office.staff.supervisor!.username);
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');
  const table = page.getByTestId('building-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const first = table.locator('tbody tr').first();
  const theirs = page.getByTestId('building-row-Samsat');
  // The first agency: one call, within its standard; its IKM from the one answer (31/9 × 25 = 86.11, B).
  await expect(first.getByTestId('building-within')).toContainText('100%');
  await expect(first.getByTestId('building-ikm')).toContainText('86,11');
  await expect(first.getByTestId('building-ikm')).toContainText('mutu B, 1 responden');
  // Samsat: nobody called yet, no answer.
  await expect(theirs.getByTestId('building-waiting')).toHaveText('0');
  await expect(theirs.getByTestId('building-within')).toHaveText('–');
  await expect(theirs.getByTestId('building-ikm')).toHaveText('–');
  await expect(theirs).toContainText('1 dari 1');

  // A citizen takes a Samsat ticket: its row moves with the event, no reload.
  const more = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.D.id } });
  expect(more.ok(), await more.text()).toBe(true);
  await expect(theirs.getByTestId('building-waiting')).toHaveText('1');
  await expect(first.getByTestId('building-waiting')).toHaveText('0');

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  await screenshot(page, testInfo, 'building-manager');
});

test('an office of one agency shows no building rows', async ({ page, office }) => {
  // A fresh suite office per file: this one has had Samsat since the test above, so look at the demo office.
  void office;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/supervisor', 'supervisor');
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');
  await expect(page.getByTestId('service-A')).toBeVisible();
  await expect(page.getByTestId('building-table')).toHaveCount(0);
});
