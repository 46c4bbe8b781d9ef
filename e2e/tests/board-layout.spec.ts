import { randomBytes } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import type { APIRequestContext, APIResponse, Page, TestInfo } from '@playwright/test';
import { KIOSK_TOKEN_HEADER, PASSWORD, expect, test } from './fixtures.js';
import { admin, cutOff, pauseClockSoon, recordSpeech } from './board-helpers.js';

// A real public service mall (MPP) has 15–40 counters. The board must show every counter's
// ticket at a size read from across the room, paging when they do not fit, and say which
// page is shown. One office of 40 counters, shown 6, 12, 24 and 40 at a time by the board's
// own `?counters=` filter, at both common TV resolutions. BOARD_SHOTS=<folder> keeps the
// screenshots there (to look at them); otherwise they go with the test's results.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

const HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));
const SERVICES = [
  { code: 'A', name: 'Perekaman & Pencetakan KTP-el' },
  { code: 'B', name: 'Kartu Keluarga' },
  { code: 'C', name: 'Akta Kelahiran & Kematian' },
  { code: 'D', name: 'Surat Pindah & Datang' },
  { code: 'PL', name: 'Pengaduan & Informasi' },
];
const COUNTERS = 40;
// Counters 35–40 stay closed and two are on a break: a real morning.
const CLOSED_FROM = 35;
const PAUSED = [9, 20];
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];

function counterName(n: number): string {
  if (n === 6) return 'Loket 6 (Prioritas)';
  if (n === 17) return 'Loket 17 (BPJS Kesehatan)';
  return `Loket ${n}`;
}

interface Office {
  slug: string;
}

async function ok(reply: Promise<APIResponse>): Promise<void> {
  const answer = await reply;
  expect(answer.ok(), `${answer.url()}: ${await answer.text()}`).toBe(true);
}

async function setUpMall(request: APIRequestContext): Promise<Office> {
  const tag = randomBytes(3).toString('hex');
  const boss = await admin(request);
  const office = await boss.post<{ id: string; slug: string }>('/offices', {
    // As long as a real mall's name: the header must show it whole at both sizes.
    name: `Mal Pelayanan Publik Kabupaten Uji ${tag}`,
    slug: `e2e-mpp-${tag}`,
    timeZone: 'Asia/Jakarta',
    // Open around the clock (no hours): the suite runs at any real time (issue 16).
    openingHours: [],
    priorityMaxWaitMinutes: 10,
  });
  const services: string[] = [];
  for (const service of SERVICES) {
    const { id } = await boss.post<{ id: string }>(`/offices/${office.id}/services`, {
      ...service,
      maxWaitMinutes: 30,
      serviceTimeMinutes: 10,
      dailyQuota: null,
      costRupiah: 0,
      requirements: [],
      completionTime: '1 hari kerja',
      active: true,
    });
    services.push(id);
  }
  // The mall's tickets come from its paired kiosk, as an office's should (anonymous issue is 3 an hour).
  const kiosk = await boss.post<{ token: string }>(`/offices/${office.id}/kiosks`, { name: 'Kios uji' });
  let issued = 0;
  for (let n = 1; n <= COUNTERS; n++) {
    const counter = await boss.post<{ id: string }>(`/offices/${office.id}/counters`, {
      number: n,
      name: counterName(n),
      serviceIds: n === 6 ? services : [services[(n - 1) % services.length]],
      schedule: HOURS,
      priorityOnly: n === 6,
      active: true,
    });
    if (n >= CLOSED_FROM) continue;
    const username = `mpp-${tag}-${n}`;
    await boss.post('/staff', { username, name: `Petugas ${n}`, nip: null, role: 'officer', officeIds: [office.id], password: PASSWORD });
    const login = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
    const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    await ok(request.post(`/api/v1/counters/${counter.id}/open`, { headers, data: {} }));
    if (PAUSED.includes(n)) {
      await ok(request.post(`/api/v1/counters/${counter.id}/pause`, { headers, data: { reason: 'ishoma' } }));
      continue;
    }
    // Two tickets for the counter's service: one is called to it, one waits ("berikutnya").
    for (let i = 0; i < 2; i++) {
      const serviceId = n === 6 ? services[0] : services[(n - 1) % services.length];
      // One kiosk may issue 30 a minute: the development clock moves a minute on instead of waiting.
      if (++issued % 25 === 0) await ok(request.post('/api/v1/dev/clock/advance', { data: { minutes: 1 } }));
      await ok(request.post(`/api/v1/offices/${office.slug}/tickets`, { headers: { [KIOSK_TOKEN_HEADER]: kiosk.token }, data: { serviceId } }));
    }
    if (n % 7 !== 0) await ok(request.post(`/api/v1/counters/${counter.id}/call-next`, { headers, data: {} }));
  }
  return office;
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const folder = process.env.BOARD_SHOTS;
  await page.screenshot({ path: folder ? join(folder, `${name}.png`) : testInfo.outputPath(`${name}.png`) });
}

/** The smallest font size (px) of each kind of text on the board as shown; null where there is none. */
async function minimumFontSizes(page: Page): Promise<{ names: number | null; statuses: number | null; closed: number | null; recent: number | null }> {
  return page.evaluate(() => {
    const least = (selector: string) => {
      const sizes = [...document.querySelectorAll<HTMLElement>(selector)].map((element) => parseFloat(getComputedStyle(element).fontSize));
      return sizes.length ? Math.min(...sizes) : null;
    };
    return {
      names: least('[data-counter] .counter-name'),
      statuses: least('.counter-paused .counter-ticket'),
      closed: least('[data-testid="board-closed"]'),
      recent: least('[data-testid="board-recent"] li'),
    };
  });
}

test.describe('the board with many counters', () => {
  let office: Office;

  test.beforeAll(async ({ playwright }, testInfo) => {
    // Forty counters and thirty-odd officers, each account with its password hash.
    testInfo.setTimeout(240_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    office = await setUpMall(request);
    await request.dispose();
  });

  for (const size of SIZES) {
    for (const shown of [6, 12, 24, 40]) {
      test(`shows all of ${shown} counters readably at ${size.width}×${size.height}, a page at a time`, async ({ page }, testInfo) => {
        await page.setViewportSize(size);
        await recordSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
        await page.clock.install();
        const numbers = Array.from({ length: shown }, (_, i) => i + 1);
        await page.goto(`/board?office=${office.slug}&counters=${numbers.join(',')}`);
        await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
        await expect(page.getByTestId('board-counters').locator('[data-counter]').first()).toBeVisible();
        // Time stands still from here: the test turns the pages itself.
        await pauseClockSoon(page);
        await expect(page.getByTestId('board-counters').locator('[data-counter]').first()).toBeVisible();
        const working = numbers.filter((n) => n < CLOSED_FROM);
        const closed = numbers.filter((n) => n >= CLOSED_FROM);
        if (closed.length) {
          await expect(page.getByTestId('board-closed')).toHaveText(`Loket tutup: ${closed[0]}–${closed[closed.length - 1]}`);
          // Whole on the screen, not cut short by an ellipsis beside the heading and the page pill.
          expect(await page.getByTestId('board-closed').evaluate((line) => line.scrollWidth <= line.clientWidth + 1)).toBe(true);
        }

        const indicator = page.getByTestId('board-page');
        const pages = (await indicator.count()) ? Number(/\/(\d+)/.exec((await indicator.textContent()) ?? '')?.[1]) : 1;
        const seen = new Set<number>();
        for (let p = 1; p <= pages; p++) {
          if (pages > 1) await expect(indicator).toContainText(`Halaman ${p}/${pages}`);
          expect(await cutOff(page)).toEqual([]);
          // The tile's number reads from across the room: at least 10.5% of the screen's height
          // (12% where the tile is wide enough; use-pages.ts says what that means at 10 m).
          const fontPx = await page
            .locator('.counter-busy .counter-ticket')
            .first()
            .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
          expect(fontPx).toBeGreaterThanOrEqual(0.105 * size.height);
          // So are the next numbers of each service ("berikutnya"): 10% of the height at least.
          const nextPx = await page.locator('.next-number').evaluateAll((numbers) => numbers.map((el) => parseFloat(getComputedStyle(el).fontSize)));
          expect(nextPx.length).toBeGreaterThan(0);
          expect(Math.min(...nextPx)).toBeGreaterThanOrEqual(0.1 * size.height);
          // The words read from across the room too (CounterList.vue gives the arithmetic for
          // 10 m): the counters' names at 5.5% of the height at least, what a counter without a
          // ticket is doing ("Istirahat", on two lines) at 5%, the closed counters at 4%, the
          // earlier calls at 7.5%.
          const sizes = await minimumFontSizes(page);
          // In percent of the height, to a hundredth (5vh of 768 px is 38.4 px, not 38.400000000000006).
          const vh = (px: number | null) => (px === null ? null : Math.round((px / size.height) * 10_000) / 100);
          expect(vh(sizes.names)).toBeGreaterThanOrEqual(5.5);
          if (sizes.statuses !== null) expect(vh(sizes.statuses)).toBeGreaterThanOrEqual(5);
          if (closed.length) expect(vh(sizes.closed)).toBeGreaterThanOrEqual(4);
          if (shown === 40) expect(sizes.recent).not.toBeNull();
          if (sizes.recent !== null) expect(vh(sizes.recent)).toBeGreaterThanOrEqual(7.5);
          for (const n of await page
            .getByTestId('board-counters')
            .locator('[data-counter]')
            .evaluateAll((tiles) => tiles.map((tile) => Number((tile as HTMLElement).dataset.counter))))
            seen.add(n);
          await shoot(page, testInfo, `board-${shown}-counters-${size.width}x${size.height}-page${p}`);
          await page.clock.runFor(8_000);
        }
        expect([...seen].sort((a, b) => a - b)).toEqual(working);
      });
    }
  }

  for (const size of SIZES) {
    test(`the header shows the board's title and the office's name whole at ${size.width}×${size.height}`, async ({ page }, testInfo) => {
      await page.setViewportSize(size);
      await recordSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
      await page.goto(`/board?office=${office.slug}&counters=1,2,3,4,5,6`);
      await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
      // Whole: not cut by an ellipsis, and on the screen. Before and after sound is turned on,
      // the header's two states (the prompt, then the sound controls).
      const whole = () =>
        page.evaluate(() =>
          ['#board-title', '[data-testid="board-office-name"]', '[data-testid="board-clock"]', '.top .controls'].map((selector) => {
            const element = document.querySelector<HTMLElement>(selector)!;
            const box = element.getBoundingClientRect();
            return {
              selector,
              text: element.textContent?.trim().slice(0, 60),
              cut: element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1,
              offScreen: box.left < 0 || box.right > window.innerWidth + 1 || box.height === 0,
            };
          }),
        );
      const fine = (selector: string, text: string | undefined) => ({ selector, text, cut: false, offScreen: false });
      const expectWhole = async () => {
        const parts = await whole();
        expect(parts).toEqual(parts.map((part) => fine(part.selector, part.text)));
      };
      await expect(page.locator('#board-title')).toHaveText('Papan antrean');
      await expect(page.getByTestId('board-office-name')).toHaveText(/^Mal Pelayanan Publik Kabupaten Uji /);
      await expectWhole();
      await page.getByTestId('board-enable-sound').click();
      await expect(page.getByTestId('board-mute')).toBeVisible();
      await expectWhole();
      // The header stays thin, a long name on two lines included: the counters keep their room.
      expect((await page.locator('header.top').boundingBox())!.height).toBeLessThan(0.11 * size.height);
      await shoot(page, testInfo, `board-header-${size.width}x${size.height}`);
    });
  }

  test('a busy board, calls, breaks and closed counters on it, has no serious axe finding', async ({ page }) => {
    await page.setViewportSize(SIZES[0]);
    await page.goto(`/board?office=${office.slug}&counters=${[...Array(COUNTERS).keys()].map((i) => i + 1).join(',')}`);
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
    await expect(page.getByTestId('board-recent').locator('li').first()).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'label-content-name-mismatch');
    expect(
      serious.map(
        (v) =>
          `${v.id} (${v.impact}) ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
    ).toEqual([]);
  });

  test('lists the next numbers of each service in call order', async ({ page }) => {
    await page.setViewportSize(SIZES[0]);
    await page.goto(`/board?office=${office.slug}&services=B`);
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
    const snapshot = (await (await page.request.get(`/api/v1/offices/${office.slug}/board`)).json()) as {
      services: { id: string; code: string }[];
      waiting: { number: string; serviceId: string }[];
    };
    const b = snapshot.services.find((service) => service.code === 'B')!;
    const expected = snapshot.waiting.filter((ticket) => ticket.serviceId === b.id).map((ticket) => ticket.number);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    await expect(page.locator('[data-service="B"] .next-number')).toHaveText(expected.slice(0, 3));
  });

  test('with reduced motion the notices change in place, a page at a time, covering nothing', async ({ page }) => {
    await page.setViewportSize(SIZES[1]);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await recordSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
    await page.clock.install();
    await page.goto(`/board?office=${office.slug}&counters=1,2,3,4,5,6`);
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
    await pauseClockSoon(page);
    const notice = page.getByTestId('board-notice');
    await expect(notice).toHaveAttribute('data-notice', 'standards');
    await expect(notice).toContainText('A Perekaman & Pencetakan KTP-el');
    // Nothing fades or slides: no animation runs on the notice.
    expect(await notice.evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
    // A line of text read from 5 m (4% of the height), and the band no taller than that needs.
    const band = (await page.locator('footer.notices').boundingBox())!;
    expect(band.height).toBeLessThan(0.065 * SIZES[1].height);
    expect(await notice.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(0.039 * SIZES[1].height);
    expect(await cutOff(page)).toEqual([]);
    // Five services take more than one page: the second comes after 8 s, in the same place.
    expect(Number(await notice.getAttribute('data-pages'))).toBeGreaterThan(1);
    // From its first page (the only notice here: its pages come round again), however long the page took to load.
    for (let turn = 0; turn < 12 && (await notice.getAttribute('data-page')) !== '1'; turn++) await page.clock.runFor(8_000);
    await expect(notice).toHaveAttribute('data-page', '1');
    const shownFirst = await notice.evaluate((element) => element.getBoundingClientRect().left);
    await page.clock.runFor(8_000);
    await expect(notice).toHaveAttribute('data-page', '2');
    expect((await page.locator('footer.notices').boundingBox())!).toEqual(band);
    // The page is the flow moved one band to the left: the text below the first page's is shown.
    expect(await notice.evaluate((element) => element.getBoundingClientRect().left)).toBeLessThan(shownFirst);
    expect(await cutOff(page)).toEqual([]);
  });

  test('shows English when asked, and keeps to it after a reload', async ({ page }) => {
    await page.setViewportSize(SIZES[0]);
    await recordSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
    await page.goto(`/board?office=${office.slug}&counters=1,2,3,4,5,6,7,8,9,10,35`);
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Now serving' })).toBeVisible();
    await expect(page.getByTestId('board-page')).toContainText(/^Page 1\/2 · Counters 1–/);
    await expect(page.getByTestId('board-closed')).toHaveText('Closed counters: 35');
    await page.reload();
    await expect(page.getByTestId('board-status')).toHaveText('Connected');
    await shoot(page, test.info(), 'board-english-1920x1080');
  });
});
