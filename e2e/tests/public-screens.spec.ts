import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { PASSWORD, type SuiteOffice, expect, screenshot, test } from './fixtures.js';
import { expectedSentence, recordSpeech, spoken } from './board-helpers.js';
import { seriousViolations } from './axe.js';

// Each test works an office of its own (the fixture's, `officePer: 'test'`): services D and PL
// and counter Loket 5 (serving [PL, D]) with its petugas5. It takes the tickets it needs, so
// the tests run on any worker in any order. They count changes on the board rather than totals.
test.describe.configure({ timeout: 180_000 });
test.use({ officeStaff: ['petugas5'], officePer: 'test' });

interface Ticket {
  id: string;
  number: string;
  trackingCode: string;
}

/** A ticket taken as the office's paired kiosk takes it (the `request` fixture carries its token). */
async function take(request: APIRequestContext, office: SuiteOffice, code: 'D' | 'PL', priority: string | null = null): Promise<Ticket> {
  const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services[code].id, priority } });
  expect(reply.status(), await reply.text()).toBe(201);
  return (await reply.json()) as Ticket;
}

async function staff(request: APIRequestContext, office: SuiteOffice) {
  const login = await request.post('/api/v1/auth/login', { data: { username: office.staff.petugas5!.username, password: PASSWORD } });
  expect(login.ok()).toBe(true);
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const headers = { authorization: `Bearer ${token}` };
  const board = (await (await request.get(`/api/v1/offices/${office.slug}/board`)).json()) as { counters: { id: string; number: number; state: string }[] };
  const counter = board.counters.find((c) => c.number === 5)!;
  return {
    async open() {
      if (counter.state !== 'closed') return;
      const response = await request.post(`/api/v1/counters/${counter.id}/open`, { headers, data: {} });
      expect(response.status(), await response.text()).toBe(200);
    },
    async call(ticketId: string) {
      const response = await request.post(`/api/v1/counters/${counter.id}/call`, { headers, data: { ticketId, reason: 'Uji otomatis layar publik' } });
      expect(response.status(), await response.text()).toBe(200);
    },
    async act(ticketId: string, action: 'recall' | 'start' | 'finish') {
      const response = await request.post(`/api/v1/tickets/${ticketId}/${action}`, { headers, data: {} });
      expect(response.status(), await response.text()).toBe(200);
    },
  };
}

const waitingFor = (board: Page, code: string) => board.locator(`[data-testid="board-services"] li[data-service="${code}"] [data-testid="service-waiting"]`);
async function waitingCount(board: Page, code: string): Promise<number> {
  const text = (await waitingFor(board, code).textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0]);
}

/**
 * The board of services D and PL and Loket 5, in a context of its own (axe needs one), open like
 * a TV on the wall; an Indonesian voice installed (without one the board plays clips:
 * board-voice.spec.ts). `before` holds the waiting counts it showed once connected.
 */
async function openBoard(browser: Browser, office: SuiteOffice) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const board = await context.newPage();
  await recordSpeech(board, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
  await board.goto(`/board?office=${office.slug}&services=D,PL&counters=5`);
  await expect(board.getByTestId('board-status')).toHaveText('Terhubung');
  const before = { D: await waitingCount(board, 'D'), PL: await waitingCount(board, 'PL') };
  return { board, before, close: () => context.close() };
}

test.describe('the public screens', () => {
  test('a citizen takes a priority ticket and a normal ticket at the kiosk', async ({ browser, page, office }, testInfo) => {
    const { board, before, close } = await openBoard(browser, office);
    await page.addInitScript(() => {
      window.print = () => {
        (window as unknown as { __printed: number }).__printed = ((window as unknown as { __printed?: number }).__printed ?? 0) + 1;
      };
    });
    // The page's clock runs as the real one until the test moves it on (the kiosk's return).
    await page.clock.install();
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.goto(`/kiosk?office=${office.slug}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Ambil nomor antrean' })).toBeVisible();
    // The office takes tickets from paired kiosks only: staff log in to the kiosk's settings
    // and pair it with the code admin showed once.
    await page.getByText('Pengaturan kios', { exact: true }).click();
    const unlock = page.getByTestId('kiosk-unlock');
    await unlock.getByLabel('Nama pengguna').fill(office.staff.petugas5!.username);
    await unlock.getByLabel('Kata sandi').fill(PASSWORD);
    await unlock.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByText('Kios ini belum dipasangkan')).toBeVisible();
    await page.getByLabel('Kode pemasangan').fill(office.kioskToken.toLowerCase());
    await page.getByRole('button', { name: 'Pasangkan' }).click();
    await expect(page.getByText('Kios ini terpasang ke kantor.')).toBeVisible();
    await screenshot(page, testInfo, 'kiosk-paired');
    await page.getByText('Pengaturan kios', { exact: true }).click();
    const tileD = page.locator('button[data-service="D"]');
    await expect(tileD).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, testInfo, 'kiosk-portrait');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, testInfo, 'kiosk');

    // Targets are big enough for a finger.
    const box = await tileD.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(64);

    await tileD.click();
    await expect(page.getByRole('heading', { name: 'Apakah Anda memerlukan pelayanan khusus?' })).toBeVisible();
    // The six groups UU 25/2009 Pasal 29 names, and "none".
    await expect(page.locator('button[data-priority]')).toHaveCount(7);
    await screenshot(page, testInfo, 'kiosk-priority');
    const pregnant = page.locator('button[data-priority="wanita_hamil"]');
    expect((await pregnant.boundingBox())!.height).toBeGreaterThanOrEqual(64);
    expect(await seriousViolations(page)).toEqual([]);
    // A double tap: the second is ignored and the API's idempotency key covers a retry.
    await pregnant.dblclick();

    const slip = page.getByTestId('ticket-slip');
    await expect(slip).toBeVisible();
    await expect(slip).toContainText('Pelayanan khusus: Wanita hamil');
    await expect(page.getByTestId('ticket-qr')).toBeVisible();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^D-\d{3}$/);
    const trackingCode = (await slip.locator('.code').textContent())!.trim();
    const priorityTicket = (await (await page.request.get(`/api/v1/tickets/track/${trackingCode}`)).json()) as Ticket;
    expect(priorityTicket.number).toBe(number);
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    await screenshot(page, testInfo, 'ticket-print-preview');
    await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    // The kiosk starts over (here by the button; by itself after a few seconds).
    await page.getByRole('button', { name: 'Selesai' }).click();
    await page.locator('button[data-service="PL"]').click();
    await page.locator('button[data-priority="none"]').click();
    const normalNumber = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(normalNumber).toMatch(/^PL-\d{3}$/);
    const normalCode = (await page.getByTestId('ticket-slip').locator('.code').textContent())!.trim();
    const normalTicket = (await (await page.request.get(`/api/v1/tickets/track/${normalCode}`)).json()) as Ticket;
    expect(normalTicket.number).toBe(normalNumber);

    // Exactly two tickets were issued, whatever the double tap did.
    await expect(waitingFor(board, 'D')).toHaveText(`${before.D + 1} menunggu`);
    await expect(waitingFor(board, 'PL')).toHaveText(`${before.PL + 1} menunggu`);

    // By itself, the kiosk starts over after its countdown (12 s): the page's clock runs past it.
    await page.clock.runFor(13_000);
    await expect(page.getByRole('heading', { name: 'Sentuh layanan yang Anda perlukan' })).toBeVisible();
    await close();
  });

  test('the board shows a call within a second and speaks it, and again on recall', async ({ browser, request, office }, testInfo) => {
    const { board, before, close } = await openBoard(browser, office);
    const priorityTicket = await take(request, office, 'D', 'wanita_hamil');
    await expect(waitingFor(board, 'D')).toHaveText(`${before.D + 1} menunggu`);
    await board.getByTestId('board-enable-sound').click();
    await expect(board.getByTestId('board-mute')).toBeVisible();
    expect(await seriousViolations(board)).toEqual([]);
    const officer = await staff(request, office);
    await officer.open();
    // Loket 5 serves PL: the board asks the API for the forecast again shortly after the queue moves.
    await expect(board.locator('[data-testid="board-services"] li[data-service="PL"] .service-estimate')).toHaveText(
      /^(\d+–\d+ mnt|± \d+ mnt|langsung dilayani)$/,
      { timeout: 10_000 },
    );

    const started = Date.now();
    await officer.call(priorityTicket.id);
    await expect(board.getByTestId('board-latest')).toContainText(priorityTicket.number, { timeout: 1_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(board.locator('[data-counter="5"]')).toContainText(priorityTicket.number);
    await expect(waitingFor(board, 'D')).toHaveText(`${before.D} menunggu`);

    const sentence = expectedSentence(priorityTicket.number, 'lima');
    await expect.poll(() => spoken(board)).toEqual([sentence]);
    await screenshot(board, testInfo, 'board');

    await officer.act(priorityTicket.id, 'recall');
    await expect.poll(() => spoken(board)).toEqual([sentence, sentence]);
    await close();
  });

  test('the phone page follows the ticket to done and takes the survey once', async ({ page, request, office }, testInfo) => {
    // A priority ticket called at Loket 5, as the board test leaves it.
    const priorityTicket = await take(request, office, 'D', 'wanita_hamil');
    const officer = await staff(request, office);
    await officer.open();
    await officer.call(priorityTicket.id);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/t/${priorityTicket.trackingCode}`);
    await expect(page.getByTestId('ticket-number')).toHaveText(priorityTicket.number);
    await expect(page.getByTestId('ticket-status')).toHaveText('Dipanggil');
    await expect(page.getByTestId('ticket-go')).toHaveText('Silakan menuju Loket 5');
    await screenshot(page, testInfo, 'phone-called');

    await officer.act(priorityTicket.id, 'start');
    await expect(page.getByTestId('ticket-status')).toHaveText('Sedang dilayani');
    await officer.act(priorityTicket.id, 'finish');
    await expect(page.getByTestId('ticket-status')).toHaveText('Selesai');

    const form = page.getByTestId('survey-form');
    await expect(form).toBeVisible();
    // Refused until every question is answered.
    await form.getByRole('button', { name: 'Kirim survei' }).click();
    await expect(form.getByRole('alert')).toHaveText('Mohon jawab semua 9 pertanyaan. Belum dijawab: nomor 1, 2, 3, 4, 5, 6, 7, 8, 9.');
    await form.getByRole('group').nth(0).getByRole('radio').nth(3).check();
    await form
      .getByRole('group', { name: /Waktu penyelesaian/ })
      .getByLabel('Sangat cepat')
      .check();
    await form
      .getByRole('group', { name: /Biaya\/tarif/ })
      .getByLabel('Gratis')
      .check();
    // It names the questions still open, and takes the citizen to the first of them.
    await form.getByRole('button', { name: 'Kirim survei' }).click();
    await expect(form.getByRole('alert')).toHaveText('Mohon jawab semua 9 pertanyaan. Belum dijawab: nomor 2, 5, 6, 7, 8, 9.');
    await expect(form.getByRole('group').nth(1).getByRole('radio').first()).toBeFocused();
    // The titles sit inside their boxes, clear of the border line.
    for (const group of await form.getByRole('group').all()) {
      const box = (await group.boundingBox())!;
      const title = (await group.locator('legend').boundingBox())!;
      expect(title.y).toBeGreaterThan(box.y + 2);
    }
    for (const group of await form.getByRole('group').all()) {
      if (!(await group.locator('input:checked').count())) await group.getByRole('radio').nth(2).check();
    }
    // Each element asks the regulation's question; the profile and the suggestion are optional.
    await expect(form).toContainText('Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?');
    await form.getByLabel('Jenis kelamin').selectOption({ label: 'Perempuan' });
    await form.getByLabel('Usia').selectOption({ label: '30–39 tahun' });
    await form.getByLabel('Saran dan masukan (tidak wajib)').fill('Tambah kursi <b>tunggu</b> di dekat loket 6.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, testInfo, 'phone-survey');
    await form.getByRole('button', { name: 'Kirim survei' }).click();
    await expect(page.getByTestId('survey-thanks')).toBeVisible();
    await screenshot(page, testInfo, 'phone-done');

    const again = await request.post(`/api/v1/tickets/track/${priorityTicket.trackingCode}/survey`, {
      data: { u1: 1, u2: 1, u3: 1, u4: 1, u5: 1, u6: 1, u7: 1, u8: 1, u9: 1 },
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('survey_already_submitted');
    await page.reload();
    await expect(page.getByTestId('survey-refused')).toBeVisible();
    await expect(page.getByTestId('survey-form')).toHaveCount(0);
  });

  test('the phone page writes the office time from its first render and no "± 0" wait', async ({ browser, request, office }) => {
    const normalTicket = await take(request, office, 'PL');
    // A phone set to UTC, whose live connection has not brought the office yet (it never does here).
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', timezoneId: 'UTC' });
    const phone = await context.newPage();
    await phone.routeWebSocket(/socket\.io/, () => {});
    await phone.route('**/socket.io/**', (route) => route.abort());
    // A ticket that has waited its forecast out: the API says 0 minutes are left.
    let issuedAt = '';
    await phone.route(`**/api/v1/tickets/track/${normalTicket.trackingCode}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { issuedAt: string; estimatedWaitMinutes: number | null };
      issuedAt = body.issuedAt;
      await route.fulfill({ response, json: { ...body, estimatedWaitMinutes: 0, estimatedWaitRange: { lo: 0, hi: 0 } } });
    });
    await phone.goto(`/t/${normalTicket.trackingCode}`);
    await expect(phone.getByTestId('ticket-status')).toHaveText('Menunggu');
    const officeTime = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Jakarta' }).format(
      new Date(issuedAt),
    );
    await expect(phone.getByText(/^Diambil pukul/)).toHaveText(`Diambil pukul ${officeTime}`);
    await expect(phone.getByTestId('ticket-estimate')).toHaveText('Sebentar lagi Anda dipanggil');
    await context.close();
  });

  test('a citizen cancels a waiting ticket from the phone', async ({ browser, page, request, office }) => {
    const { board, before, close } = await openBoard(browser, office);
    const normalTicket = await take(request, office, 'PL');
    await expect(waitingFor(board, 'PL')).toHaveText(`${before.PL + 1} menunggu`);
    await page.goto(`/t/${normalTicket.trackingCode}`);
    await expect(page.getByTestId('ticket-status')).toHaveText('Menunggu');
    await expect(page.getByTestId('ticket-place')).toContainText('Urutan ke-');
    await page.getByRole('button', { name: 'Batalkan antrean' }).click();
    await page.getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect(page.getByTestId('ticket-status')).toHaveText('Dibatalkan');
    await expect(waitingFor(board, 'PL')).toHaveText(`${before.PL} menunggu`);
    await close();
  });

  test('a malformed ticket address gets a friendly page', async ({ page }) => {
    await page.goto('/t/bukan-kode');
    await expect(page.getByTestId('ticket-problem')).toHaveText('Alamat ini bukan alamat tiket yang benar. Pindai kembali kode QR pada tiket Anda.');
  });
});
