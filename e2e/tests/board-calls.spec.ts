import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { type Ticket, admin, expectedSentence, issue, officerAt, recordSpeech, spoken } from './board-helpers.js';

// Every call and recall is spoken exactly once, whatever brought it to the board: a live
// event, the fresh snapshot after a gap in the event numbers (an admin change moves the
// number without a public event), or the snapshot after a reconnect. This file works its
// own office: Loket 1 (service A) with its petugas1.
test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ officeStaff: ['petugas1'] });

test.describe('the board speaks every call once', () => {
  let board: Page;
  let boardContext: BrowserContext;
  const said: string[] = [];
  const t: Ticket[] = [];

  test.beforeAll(async ({ browser, office, request }, testInfo) => {
    // The suite's office, a board and an open counter: more than a hook's 30 s on a loaded machine.
    testInfo.setTimeout(120_000);
    boardContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    board = await boardContext.newPage();
    // An Indonesian voice is installed: the board speaks (board-voice.spec.ts plays the clips without one).
    await recordSpeech(board, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
    await board.goto(`/board?office=${office.slug}`);
    await expect(board.getByTestId('board-status')).toHaveText('Terhubung');
    await board.getByTestId('board-enable-sound').click();
    await expect(board.getByTestId('board-mute')).toBeVisible();
    await (await officerAt(request, office, office.staff.petugas1!.username, 1)).open();
  });
  test.afterAll(() => boardContext.close());

  test('a call right after an admin edit (a resync) is spoken once', async ({ request, office }) => {
    const officer = await officerAt(request, office, office.staff.petugas1!.username, 1);
    t[0] = await issue(request, office, 'A');
    // The edit moves the office's number on without a public event: the call's event leaves a gap.
    await (await admin(request)).patch(`/services/${office.services.B.id}`, { name: 'Kartu Keluarga (diubah)' });
    await officer.call(t[0]);
    await expect(board.getByTestId('board-latest')).toContainText(t[0].number);
    said.push(expectedSentence(t[0].number, 'satu'));
    await expect.poll(() => spoken(board)).toEqual(said);
    await officer.act(t[0], 'start');
    await officer.act(t[0], 'finish');
  });

  test('a call made while the board is offline is spoken once after the reconnect', async ({ request, office }) => {
    const officer = await officerAt(request, office, office.staff.petugas1!.username, 1);
    t[1] = await issue(request, office, 'A');
    await boardContext.setOffline(true);
    await expect(board.getByTestId('board-status')).not.toHaveText('Terhubung');
    await officer.call(t[1]);
    await boardContext.setOffline(false);
    await expect(board.getByTestId('board-status')).toHaveText('Terhubung', { timeout: 20_000 });
    await expect(board.getByTestId('board-latest')).toContainText(t[1].number);
    said.push(expectedSentence(t[1].number, 'satu'));
    // The earlier call is not spoken again by the fresh snapshot: the list is exactly these two.
    await expect.poll(() => spoken(board)).toEqual(said);
  });

  test('a recall is spoken once and listed once under the earlier calls, after a resync too', async ({ request, office }) => {
    const officer = await officerAt(request, office, office.staff.petugas1!.username, 1);
    await officer.act(t[1], 'recall');
    said.push(expectedSentence(t[1].number, 'satu'));
    await expect.poll(() => spoken(board)).toEqual(said);
    await officer.act(t[1], 'start');
    await officer.act(t[1], 'finish');

    t[2] = await issue(request, office, 'A');
    await (await admin(request)).patch(`/services/${office.services.B.id}`, { name: 'Kartu Keluarga' });
    await officer.call(t[2]);
    await expect(board.getByTestId('board-latest')).toContainText(t[2].number);
    said.push(expectedSentence(t[2].number, 'satu'));
    await expect.poll(() => spoken(board)).toEqual(said);
    const recent = board.getByTestId('board-recent').locator('li');
    await expect(recent.filter({ hasText: t[1].number })).toHaveCount(1);
    await expect(recent.filter({ hasText: t[0].number })).toHaveCount(1);
    await officer.act(t[2], 'start');
    await officer.act(t[2], 'finish');
  });

  test('a transferred ticket leaves the latest call of the counter it left', async ({ request, office }) => {
    const officer = await officerAt(request, office, office.staff.petugas1!.username, 1);
    t[3] = await issue(request, office, 'A');
    await officer.call(t[3]);
    await expect(board.getByTestId('board-latest')).toContainText(t[3].number);
    said.push(expectedSentence(t[3].number, 'satu'));
    await officer.act(t[3], 'start');
    await officer.transfer(t[3], office.services.B.id);
    await expect(board.getByTestId('board-latest')).not.toContainText(t[3].number);
    await expect(board.getByTestId('board-latest')).toContainText(t[2].number);
    await expect(board.getByTestId('board-recent')).not.toContainText(t[3].number);
    // The same from a fresh snapshot, as a board opened now sees it.
    await board.reload();
    await expect(board.getByTestId('board-status')).toHaveText('Terhubung');
    await expect(board.getByTestId('board-latest')).toContainText(t[2].number);
    await expect(board.getByTestId('board-recent')).not.toContainText(t[3].number);
    await expect(board.getByTestId('board-recent').locator('li').filter({ hasText: t[1].number })).toHaveCount(1);
  });
});

test.describe('the board warns once when the browser has no Indonesian voice', () => {
  test('a small notice for the staff, gone for good once dismissed, and none with an Indonesian voice', async ({ browser, office }) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    await recordSpeech(page, [{ lang: 'en-US', name: 'English' }]);
    await page.clock.install();
    await page.goto(`/board?office=${office.slug}`);
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
    // The browser gets a moment to list its voices before the board decides.
    await page.clock.runFor(3_000);
    const notice = page.getByTestId('board-no-voice');
    await expect(notice).toContainText('Suara bahasa Indonesia belum terpasang');
    await notice.getByRole('button', { name: 'Tutup pemberitahuan suara' }).click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung');
    await page.clock.runFor(3_000);
    await expect(notice).toHaveCount(0);
    await context.close();

    const withVoice = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const board = await withVoice.newPage();
    await recordSpeech(board, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
    await board.clock.install();
    await board.goto(`/board?office=${office.slug}`);
    await expect(board.getByTestId('board-status')).toHaveText('Terhubung');
    await board.clock.runFor(3_000);
    await expect(board.getByTestId('board-latest')).toBeVisible();
    await expect(board.getByTestId('board-no-voice')).toHaveCount(0);
    await withVoice.close();
  });
});
