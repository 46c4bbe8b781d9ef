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

test.describe('the recorded clips, checked by measure (nobody has listened to them)', () => {
  // The words each clip must say, written out here; each clip is cut from one eSpeak
  // recording at its silences (apps/display/build/voice-clips.ts), so a cut in the wrong
  // place would give a clip the length of its neighbour's words.
  const WORDS: Record<string, string> = {
    'nomor-antrean': 'nomor antrean',
    'silakan-menuju-loket': 'silakan menuju loket',
    'huruf-a': 'a',
    'huruf-k': 'ka',
    'huruf-x': 'eks',
    nol: 'nol',
    satu: 'satu',
    dua: 'dua',
    tiga: 'tiga',
    empat: 'empat',
    lima: 'lima',
    enam: 'enam',
    tujuh: 'tujuh',
    delapan: 'delapan',
    sembilan: 'sembilan',
    sepuluh: 'sepuluh',
    sebelas: 'sebelas',
    belas: 'belas',
    puluh: 'puluh',
  };

  /** Duration, loudness and the longest quiet stretch of a 16-bit mono PCM WAV file. */
  function measure(bytes: Buffer) {
    expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
    expect(bytes.toString('latin1', 8, 12)).toBe('WAVE');
    expect(bytes.readUInt16LE(20)).toBe(1); // PCM
    expect(bytes.readUInt16LE(22)).toBe(1); // mono
    expect(bytes.readUInt16LE(34)).toBe(16);
    const rate = bytes.readUInt32LE(24);
    const samples = (bytes.length - 44) / 2;
    let squares = 0;
    let peak = 0;
    for (let i = 0; i < samples; i++) {
      const value = bytes.readInt16LE(44 + i * 2);
      squares += value * value;
      peak = Math.max(peak, Math.abs(value));
    }
    return { seconds: samples / rate, rms: Math.sqrt(squares / Math.max(1, samples)), peak };
  }

  test('each clip is a WAV of sound, as long as its words, and "A-007 loket 3" is assembled in order', async ({ request }) => {
    const lengths: Record<string, number> = {};
    for (const [clip, words] of Object.entries(WORDS)) {
      const reply = await request.get(`/voice/id/${clip}.wav`);
      expect(reply.status(), clip).toBe(200);
      const { seconds, rms, peak } = measure(await reply.body());
      lengths[clip] = seconds;
      // Not silent: speech, not a hiss (full scale is 32767).
      expect(rms, clip).toBeGreaterThan(1_000);
      expect(peak, clip).toBeGreaterThan(8_000);
      // As long as its words at eSpeak's 140 words a minute: about 0.2 s plus 40–90 ms a letter.
      const letters = words.length;
      expect(seconds, `${clip} (${seconds.toFixed(3)} s)`).toBeGreaterThanOrEqual(0.2 + 0.04 * letters);
      expect(seconds, `${clip} (${seconds.toFixed(3)} s)`).toBeLessThanOrEqual(0.3 + 0.09 * letters);
    }
    // The two phrases are the longest clips, the letters the shortest.
    const words = Object.keys(WORDS).filter((clip) => !clip.includes('-'));
    for (const clip of words) expect(lengths['nomor-antrean']).toBeGreaterThan(lengths[clip]);
    expect(lengths['silakan-menuju-loket']).toBeGreaterThan(lengths['nomor-antrean']);
    expect(lengths['huruf-a']).toBeLessThan(Math.min(...words.map((clip) => lengths[clip])));

    // "A-007 loket 3", as the board assembles it: the clips in order, 3–6 s in all with the pause.
    const sequence = expectedClips('A-007', 'tiga');
    expect(sequence).toEqual(['nomor-antrean', 'huruf-a', 'nol', 'nol', 'tujuh', 'silakan-menuju-loket', 'tiga'].map((clip) => `/voice/id/${clip}.wav`));
    const total = sequence.reduce((sum, path) => sum + lengths[/\/([^/]+)\.wav$/.exec(path)![1]], 0);
    expect(total).toBeGreaterThan(3);
    expect(total).toBeLessThan(6);
  });
});
