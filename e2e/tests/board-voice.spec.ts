import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { type Ticket, clipsPlayed, expectedClips, issue, officerAt, recordClips, recordSpeech, spoken, spokenLanguages } from './board-helpers.js';

// Kiosk PCs and TV sticks often have no Indonesian speech voice. The board then still calls
// every number aloud, with the recorded clips the build ships (apps/display/build/voice-clips.ts),
// played one after another; nothing is fetched from outside. This file works its own office:
// Loket 1 (service A) with its petugas1. A board switched to English speaks English instead.
test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ officeStaff: ['petugas1'] });

test.describe('a board without an Indonesian voice plays the recorded voice', () => {
  let board: Page;
  let boardContext: BrowserContext;
  const clipResponses: { path: string; status: number; type: string }[] = [];
  const played: string[] = [];
  const t: Ticket[] = [];

  test.beforeAll(async ({ browser, office, request }, testInfo) => {
    // The suite's office, a board and an open counter: more than a hook's 30 s on a loaded machine.
    testInfo.setTimeout(120_000);
    boardContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    board = await boardContext.newPage();
    // The browser lists an English voice only, as many kiosk PCs do.
    await recordSpeech(board, [{ lang: 'en-US', name: 'English' }]);
    await recordClips(board);
    board.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/voice/')) clipResponses.push({ path, status: response.status(), type: response.headers()['content-type'] ?? '' });
    });
    await board.goto(`/board?office=${office.slug}`);
    await expect(board.getByTestId('board-status')).toHaveText('Terhubung');
    await board.getByTestId('board-enable-sound').click();
    await expect(board.getByTestId('board-mute')).toBeVisible();
    await (await officerAt(request, office, office.staff.petugas1!.username, 1)).open();
  });
  test.afterAll(() => boardContext.close());

  test('a call is played as its clips, in order, once, and never given to the speech engine', async ({ request, office }) => {
    const officer = await officerAt(request, office, office.staff.petugas1!.username, 1);
    t[0] = await issue(request, office, 'A');
    await officer.call(t[0]);
    await expect(board.getByTestId('board-latest')).toContainText(t[0].number);
    played.push(...expectedClips(t[0].number, 'satu'));
    await expect.poll(() => clipsPlayed(board), { timeout: 20_000 }).toEqual(played);
    expect(await spoken(board)).toEqual([]);
    // Every clip came from this server, as a WAV file.
    expect(clipResponses.length).toBeGreaterThan(0);
    for (const response of clipResponses) {
      expect(response.status, response.path).toBeLessThan(400);
      expect(response.type, response.path).toMatch(/^audio\/(x-)?wav/);
    }

    // A recall is played once more, and only once.
    await officer.act(t[0], 'recall');
    played.push(...expectedClips(t[0].number, 'satu'));
    await expect.poll(() => clipsPlayed(board), { timeout: 20_000 }).toEqual(played);
    await officer.act(t[0], 'start');
    await officer.act(t[0], 'finish');
  });

  test('the recorded voice can be chosen where an Indonesian voice exists', async ({ browser, request, office }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    await recordSpeech(page, [{ lang: 'id-ID', name: 'Bahasa Indonesia' }]);
    await recordClips(page);
    await page.goto(`/board?office=${office.slug}`);
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung', { timeout: 30_000 });
    await page.getByTestId('board-enable-sound').click();
    const choice = page.getByTestId('board-recorded-voice');
    await expect(choice).toHaveAttribute('aria-pressed', 'false');
    await choice.click();
    await expect(choice).toHaveAttribute('aria-pressed', 'true');

    const officer = await officerAt(request, office, office.staff.petugas1!.username, 1);
    t[1] = await issue(request, office, 'A');
    await officer.call(t[1]);
    await expect.poll(() => clipsPlayed(page), { timeout: 20_000 }).toEqual(expectedClips(t[1].number, 'satu'));
    expect(await spoken(page)).toEqual([]);
    // The choice stays on this board after a reload.
    await page.reload();
    await page.getByTestId('board-enable-sound').click();
    await expect(page.getByTestId('board-recorded-voice')).toHaveAttribute('aria-pressed', 'true');
    await context.close();
    // The first board, without an Indonesian voice, played this call too, once.
    played.push(...expectedClips(t[1].number, 'satu'));
    await expect.poll(() => clipsPlayed(board), { timeout: 20_000 }).toEqual(played);
    await officer.act(t[1], 'start');
    await officer.act(t[1], 'finish');
  });

  test('a board switched to English speaks the call in English, and plays no Indonesian clip', async ({ browser, request, office }) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    // An English voice only: English needs no Indonesian voice, and no clip.
    await recordSpeech(page, [{ lang: 'en-US', name: 'English' }]);
    await recordClips(page);
    await page.goto(`/board?office=${office.slug}`);
    await expect(page.getByTestId('board-status')).toHaveText('Terhubung', { timeout: 30_000 });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('board-status')).toHaveText('Connected');
    await page.getByTestId('board-enable-sound').click();

    const officer = await officerAt(request, office, office.staff.petugas1!.username, 1);
    t[2] = await issue(request, office, 'A');
    await officer.call(t[2]);
    const digits = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const [code, number] = t[2].number.split('-');
    const sentence = `Number ${[...code, ...[...number].map((d) => digits[Number(d)])].join(' ')}, please go to counter one`;
    await expect.poll(() => spoken(page), { timeout: 20_000 }).toEqual([sentence]);
    expect(await spokenLanguages(page)).toEqual(['en-US']);
    // A recall is said once more, in English.
    await officer.act(t[2], 'recall');
    await expect.poll(() => spoken(page), { timeout: 20_000 }).toEqual([sentence, sentence]);
    expect(await clipsPlayed(page)).toEqual([]);
    await context.close();
    // The first board, in Indonesian without an Indonesian voice, played the call and its recall as clips.
    played.push(...expectedClips(t[2].number, 'satu'), ...expectedClips(t[2].number, 'satu'));
    await expect.poll(() => clipsPlayed(board), { timeout: 20_000 }).toEqual(played);
    await officer.act(t[2], 'start');
    await officer.act(t[2], 'finish');
  });
});
