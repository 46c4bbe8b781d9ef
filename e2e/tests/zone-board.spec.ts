import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { cutOff, expectedSentence, pauseClockSoon, recordSpeech, spoken } from './board-helpers.js';
import { KIOSK_TOKEN_HEADER, PASSWORD, expect, logInAt, screenshot, test } from './fixtures.js';
import { seriousViolations } from './axe.js';

// A zone board in a mall of 40 counters (issue 20). Dukcapil owns counters 1–16, Samsat 17–28,
// Imigrasi 29–40. "Lantai 1 – Zona A" is made on the admin screen of Dukcapil and Samsat's
// counter 17, which stands on that floor. Its board shows those 17 counters (13–16 closed) and
// nothing else, and calls aloud only what is called to them; a board naming a zone the office
// does not have says so, and shows no queue.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

const HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));
const SIZE = { width: 1920, height: 1080 };
const ZONE = 'Lantai 1 – Zona A';
const ZONE_SLUG = 'lantai-1-zona-a';
/** Open with an officer: the zone's 1–12 and 17, and outside it 18–20 and 29–31. */
const OPEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 18, 19, 20, 29, 30, 31];
/** Left free of a call in the set-up: the test calls there. */
const FREE = [17, 18];
const IN_ZONE_OPEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17];

interface Mall {
  id: string;
  slug: string;
  services: Record<string, string>;
  counters: Record<number, string>;
  officers: Record<number, string>;
}

let request: APIRequestContext;
let mall: Mall;

async function as(token: string) {
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> => {
    const reply = await request.fetch(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` }, data });
    expect(reply.ok(), `${method} ${path}: ${await reply.text()}`).toBe(true);
    return (await reply.json()) as T;
  };
  return call;
}

async function tokenOf(username: string): Promise<string> {
  const reply = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(reply.ok()).toBe(true);
  return ((await reply.json()) as { accessToken: string }).accessToken;
}

async function setUpMall(): Promise<Mall> {
  const tag = randomBytes(3).toString('hex');
  const boss = await as(await tokenOf('admin'));
  const office = await boss<{ id: string; slug: string }>('POST', '/admin/offices', {
    name: `Mal Pelayanan Publik Zona Uji ${tag}`,
    slug: `e2e-zona-${tag}`,
    timeZone: 'Asia/Jakarta',
    openingHours: [],
    priorityMaxWaitMinutes: 10,
  });
  const [first] = await boss<{ id: string }[]>('GET', `/admin/offices/${office.id}/agencies`);
  await boss('PATCH', `/admin/agencies/${first.id}`, { name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Dukcapil' });
  const samsat = await boss<{ id: string }>('POST', `/admin/offices/${office.id}/agencies`, { name: 'Samsat', shortName: 'Samsat', color: '#15803d' });
  const imigrasi = await boss<{ id: string }>('POST', `/admin/offices/${office.id}/agencies`, {
    name: 'Kantor Imigrasi',
    shortName: 'Imigrasi',
    color: '#7c2d12',
  });
  const services: Record<string, string> = {};
  for (const [code, name, agencyId] of [
    ['A', 'Perekaman KTP-el', first.id],
    ['B', 'Kartu Keluarga', first.id],
    ['C', 'Akta Kelahiran', first.id],
    ['S', 'Pajak Kendaraan Bermotor', samsat.id],
    ['P', 'Paspor', imigrasi.id],
  ] as const) {
    const service = await boss<{ id: string }>('POST', `/admin/offices/${office.id}/services`, {
      code,
      name,
      agencyId,
      maxWaitMinutes: 30,
      serviceTimeMinutes: 10,
      dailyQuota: null,
      costRupiah: 0,
      requirements: [],
      completionTime: '1 hari kerja',
      active: true,
    });
    services[code] = service.id;
  }
  const serviceOf = (n: number) => (n <= 16 ? services[['A', 'B', 'C'][(n - 1) % 3]] : n <= 28 ? services.S : services.P);
  const kiosk = await boss<{ token: string }>('POST', `/admin/offices/${office.id}/kiosks`, { name: 'Kios uji' });
  const counters: Record<number, string> = {};
  const officers: Record<number, string> = {};
  let issued = 0;
  for (let n = 1; n <= 40; n++) {
    const agencyId = n <= 16 ? first.id : n <= 28 ? samsat.id : imigrasi.id;
    counters[n] = (
      await boss<{ id: string }>('POST', `/admin/offices/${office.id}/counters`, {
        number: n,
        name: `Loket ${n}`,
        agencyId,
        serviceIds: [serviceOf(n)],
        schedule: HOURS,
        priorityOnly: false,
        active: true,
      })
    ).id;
    if (!OPEN.includes(n)) continue;
    const username = `zona-${tag}-${n}`;
    await boss('POST', '/admin/staff', { username, name: `Petugas ${n}`, nip: null, role: 'officer', officeIds: [office.id], password: PASSWORD });
    officers[n] = username;
    const officer = await as(await tokenOf(username));
    await officer('POST', `/counters/${counters[n]}/open`, {});
    if (FREE.includes(n)) continue;
    for (let i = 0; i < 2; i++) {
      // One kiosk may issue 30 a minute: the development clock moves a minute on instead of waiting.
      if (++issued % 25 === 0) expect((await request.post('/api/v1/dev/clock/advance', { data: { minutes: 1 } })).ok()).toBe(true);
      const ticket = await request.post(`/api/v1/offices/${office.slug}/tickets`, {
        headers: { [KIOSK_TOKEN_HEADER]: kiosk.token },
        data: { serviceId: serviceOf(n) },
      });
      expect(ticket.ok(), await ticket.text()).toBe(true);
    }
    await officer('POST', `/counters/${counters[n]}/call-next`, {});
  }
  return { id: office.id, slug: office.slug, services, counters, officers };
}

test.beforeAll(async ({ playwright }, testInfo) => {
  // Forty counters and nineteen officers, each account with its password hash.
  testInfo.setTimeout(300_000);
  request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  mall = await setUpMall();
});

test.afterAll(async () => {
  await request.dispose();
});

test('an admin makes a zone of an agency and one counter on the Zona tab, and a second of the same name is refused', async ({
  page,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize(SIZE);
  await logInAt(page, '/counter/admin', 'admin');
  await page.getByTestId('admin-office').selectOption(mall.id);
  await page.getByRole('tab', { name: 'Zona' }).click();
  await expect(page.getByText('Belum ada zona: layar antrean menampilkan seluruh gedung.')).toBeVisible();
  await page.getByTestId('add-zone').click();
  const form = page.getByTestId('zone-form');
  await form.getByLabel('Nama zona').fill(ZONE);
  await form.getByTestId('zone-agency-Dukcapil').check();
  // Dukcapil's counters are in through the agency: only the others are offered one by one.
  await expect(form.getByTestId('zone-counter-1')).toHaveCount(0);
  await form.getByTestId('zone-counter-17').check();
  await form.getByRole('button', { name: 'Simpan' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: ZONE }) });
  await expect(row).toContainText('Dukcapil');
  await expect(row).toContainText('Loket 17');
  // 16 of Dukcapil's and Samsat's 17.
  await expect(row.locator('td.num')).toHaveText('17');
  await expect(page.getByTestId(`zone-board-${ZONE_SLUG}`)).toHaveAttribute('href', `/board?office=${mall.slug}&zone=${ZONE_SLUG}`);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'admin-zones');

  // The same name in other words gives the same board address: refused, said beside the name.
  await page.getByTestId('add-zone').click();
  await form.getByLabel('Nama zona').fill('lantai 1 - zona a');
  await form.getByTestId('zone-agency-Samsat').check();
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form).toContainText('sudah dipakai zona lain');
  expect(await seriousViolations(page)).toEqual([]);
  const refused = consoleErrors.findIndex((line) => /status of 409/.test(line));
  expect(refused).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(refused, 1);
});

test(`the zone's board at ${SIZE.width}×${SIZE.height} shows its 17 counters of 40, a page at a time, readably`, async ({ page }, testInfo) => {
  await page.setViewportSize(SIZE);
  await recordSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
  await page.clock.install();
  await page.goto(`/board?office=${mall.slug}&zone=${ZONE_SLUG}`);
  await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
  await expect(page.getByTestId('board-office-name')).toHaveText(new RegExp(`^${ZONE} · Mal Pelayanan Publik Zona Uji`));
  await expect(page.getByTestId('board-counters').locator('[data-counter]').first()).toBeVisible();
  await pauseClockSoon(page);
  await expect(page.getByTestId('board-closed')).toHaveText('Loket tutup: 13–16');

  const indicator = page.getByTestId('board-page');
  const pages = Number(/\/(\d+)/.exec((await indicator.textContent()) ?? '')?.[1]);
  expect(pages).toBeGreaterThan(1);
  const seen = new Set<number>();
  const services = new Set<string>();
  for (let p = 1; p <= pages; p++) {
    await expect(indicator).toContainText(`Halaman ${p}/${pages}`);
    // The last page holds counter 17 alone: named so, not as a range of one ("17–17").
    if (p === pages) await expect(indicator).toHaveText(`Halaman ${pages}/${pages} · Loket 17`);
    expect(await cutOff(page)).toEqual([]);
    // The numbers read from across the room, as on the whole building's board (board-layout.spec.ts);
    // the last page holds counter 17 alone, free.
    const ticketPx = await page
      .locator('.counter-busy .counter-ticket')
      .evaluateAll((numbers) => numbers.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...ticketPx, Infinity)).toBeGreaterThanOrEqual(0.105 * SIZE.height);
    for (const n of await page
      .getByTestId('board-counters')
      .locator('[data-counter]')
      .evaluateAll((tiles) => tiles.map((tile) => Number((tile as HTMLElement).dataset.counter))))
      seen.add(n);
    for (const code of await page.locator('[data-service]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.service ?? '')))
      services.add(code);
    await screenshot(page, testInfo, `zone-board-page${p}`);
    await page.clock.runFor(8_000);
  }
  expect([...seen].sort((a, b) => a - b)).toEqual(IN_ZONE_OPEN);
  // The zone's services only: Dukcapil's three and Samsat's, which counter 17 serves; not Imigrasi's passports.
  expect([...services].sort()).toEqual(['A', 'B', 'C', 'S']);
  // What was called in the set-up: the zone's own calls only, never those at 19, 20 or 29.
  const recent = (await page.getByTestId('board-recent').locator('li').allTextContents()).join(' ');
  const latest = (await page.getByTestId('board-latest').textContent()) ?? '';
  for (const outside of ['S-001', 'S-002', 'P-001']) expect(`${latest} ${recent}`).not.toContain(outside);
});

test('the zone board says aloud only the calls to its own counters', async ({ page }, testInfo) => {
  await page.setViewportSize(SIZE);
  await recordSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
  await page.goto(`/board?office=${mall.slug}&zone=${ZONE_SLUG}`);
  await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
  await page.getByTestId('board-enable-sound').click();

  // Samsat's counter 18 is on another floor, its 17 in the zone; both serve S, whose queue holds
  // two tickets from the set-up: 18 calls the first, 17 the second.
  const at18 = await as(await tokenOf(mall.officers[18]));
  const at17 = await as(await tokenOf(mall.officers[17]));
  const away = await at18<{ id: string; number: string }>('POST', `/counters/${mall.counters[18]}/call-next`, {});
  const here = await at17<{ id: string; number: string }>('POST', `/counters/${mall.counters[17]}/call-next`, {});
  expect(here.number.startsWith('S-')).toBe(true);
  await expect(page.getByTestId('board-latest')).toContainText(here.number);
  await expect(page.getByTestId('board-latest-agency')).toHaveText('Samsat');
  await expect.poll(() => spoken(page), { timeout: 20_000 }).toEqual([`${expectedSentence(here.number, 'tujuh belas')} Samsat`]);
  await expect(page.getByText(away.number)).toHaveCount(0);
  // Axe here, where the page's own clock runs (with it paused, axe waits for ever).
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'zone-board-call');
});

test('a board naming a zone the office does not have says so and shows no queue', async ({ page }, testInfo) => {
  await page.setViewportSize(SIZE);
  await page.goto(`/board?office=${mall.slug}&zone=lantai-9`);
  await expect(page.getByTestId('board-unknown')).toContainText('Zona "lantai-9" tidak ada di kantor ini');
  await expect(page.getByTestId('board-counters')).toHaveCount(0);
  await expect(page.locator('[data-service]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'zone-board-unknown');
});

test('an admin deletes a zone after being asked once, and its board address is then unknown', async ({ page }, testInfo) => {
  await page.setViewportSize(SIZE);
  await logInAt(page, '/counter/admin', 'admin');
  await page.getByTestId('admin-office').selectOption(mall.id);
  await page.getByRole('tab', { name: 'Zona' }).click();
  await page.getByTestId('add-zone').click();
  const form = page.getByTestId('zone-form');
  await form.getByLabel('Nama zona').fill('Lantai 2');
  await form.getByTestId('zone-agency-Imigrasi').check();
  await form.getByRole('button', { name: 'Simpan' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Lantai 2' }) });
  await expect(row.locator('td.num')).toHaveText('12');

  await row.getByRole('button', { name: 'Hapus Lantai 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hapus zona Lantai 2?' });
  await expect(dialog).toContainText('Loket dan instansinya tidak berubah.');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'admin-zone-delete');
  await dialog.getByTestId('confirm').click();
  await expect(page.getByRole('status').filter({ hasText: 'Zona Lantai 2 dihapus.' })).toBeVisible();
  await expect(row).toHaveCount(0);
  // The other zone stays.
  await expect(page.getByRole('rowheader', { name: ZONE })).toBeVisible();

  await page.goto(`/board?office=${mall.slug}&zone=lantai-2`);
  await expect(page.getByTestId('board-unknown')).toContainText('Zona "lantai-2" tidak ada di kantor ini');
});
