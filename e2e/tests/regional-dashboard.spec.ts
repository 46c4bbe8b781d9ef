import { AxeBuilder } from '@axe-core/playwright';
import { admin } from './board-helpers.js';
import { expect, logInAt, screenshot, test } from './fixtures.js';
import { createRegion, issue } from './regional-helpers.js';

// The regional dashboard (issue 20): a regional head sees each office assigned to them, one row
// each, live, sorted by where it is failing, and every figure opens that office's supervisor
// view, read only. The suite's office and a small kecamatan office are the region.
test.describe.configure({ timeout: 180_000 });

test('a regional head sees their offices side by side, live, failing first, each figure opening the office read only', async ({
  page,
  request,
  office,
}, testInfo) => {
  // The admin assigns the regional head the two offices.
  const { kecamatan, service, kecamatanKiosk, head: username } = await createRegion(request, office);
  // The suite's counters keep no weekday schedule here: during office hours, closed, they would make
  // its row fail ("loket buka kurang dari jadwal") before the kecamatan's wait does, whenever CI runs.
  const asAdmin = await admin(request);
  for (const counter of Object.values(office.counters)) await asAdmin.patch(`/counters/${counter.id}`, { schedule: [] });

  await issue(request, office.slug, office.services.A.id, office.kioskToken);
  await issue(request, kecamatan.slug, service.id, kecamatanKiosk);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await logInAt(page, '/counter/regional', username);
  await expect(page.getByTestId('regional-status')).toHaveText('Tersambung');
  const table = page.getByTestId('regional-table');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const suite = page.getByTestId(`regional-row-${office.slug}`);
  const small = page.getByTestId(`regional-row-${kecamatan.slug}`);
  await expect(page.getByTestId('regional-failing')).toHaveCount(0);
  await expect(suite.getByTestId('regional-waiting')).toHaveText('1');
  await expect(suite.getByTestId('regional-state')).toHaveText('Buka');
  await expect(small.getByTestId('regional-waiting')).toHaveText('1');
  await expect(page.getByTestId('regional-summary')).toContainText('2 kantor');

  // A citizen takes a ticket at the suite's office: its row moves with the event, no reload.
  await issue(request, office.slug, office.services.A.id, office.kioskToken);
  await expect(suite.getByTestId('regional-waiting')).toHaveText('2');

  // Two minutes on, the kecamatan's citizen is past the 1-minute maximum: its row fails and goes first
  // (the suite's A-001 is well within its 30).
  const moved = await request.post('/api/v1/dev/clock/advance', { data: { minutes: 2 } });
  expect(moved.ok(), `the API runs with the development clock: ${await moved.text()}`).toBe(true);
  await expect(rows.first()).toHaveAttribute('data-testid', `regional-row-${kecamatan.slug}`, { timeout: 45_000 });
  await expect(small.getByTestId('regional-failing')).toContainText('tunggu melewati maksimum');
  await expect(small.getByTestId('regional-longest')).toContainText('dari maks. 1 mnt');
  await expect(small.getByTestId('regional-longest').locator('xpath=..')).toHaveClass(/bad/);

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  await screenshot(page, testInfo, 'regional-1920');
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(small.getByTestId('regional-alerts')).toBeVisible();
  await screenshot(page, testInfo, 'regional-laptop');

  // Every figure opens that office's supervisor view, read only: no acknowledging, observing or ending the day.
  await small.getByTestId('regional-waiting').click();
  await expect(page).toHaveURL(new RegExp(`/counter/supervisor\\?office=${kecamatan.slug}$`));
  await expect(page.getByTestId('read-only')).toBeVisible();
  await expect(page.getByTestId('supervision-status')).toHaveText('Tersambung');
  await expect(page.getByTestId('service-K')).toBeVisible();
  await expect(page.getByTestId('office')).toHaveValue(kecamatan.slug);
  await expect(page.locator('[data-testid^="acknowledge-"], [data-testid^="remote-"], [data-testid^="observe-"]')).toHaveCount(0);
  await screenshot(page, testInfo, 'regional-supervisor-read-only');
});
