import type { APIRequestContext, Page } from '@playwright/test';
import { PASSWORD, type SuiteOffice, expect } from './fixtures.js';

const DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

/** The sentence the board must speak; written out here so a test checks the domain's words, not itself. */
export function expectedSentence(number: string, counterWords: string): string {
  const [code, digits] = number.split('-');
  return `Nomor antrean ${[...code, ...[...digits].map((d) => DIGITS[Number(d)])].join(' ')}, silakan menuju loket ${counterWords}`;
}

/**
 * Records what the board would say: the speech engine is replaced before the page loads
 * (the browser's own is outside the product). `voices` are what `getVoices` lists.
 */
export async function recordSpeech(page: Page, voices: { lang: string; name: string }[] = []): Promise<void> {
  await page.addInitScript((listed) => {
    const spoken: string[] = [];
    const languages: string[] = [];
    (window as unknown as { __spoken: string[] }).__spoken = spoken;
    (window as unknown as { __spokenLanguages: string[] }).__spokenLanguages = languages;
    const engine = {
      speak(utterance: SpeechSynthesisUtterance) {
        spoken.push(utterance.text);
        languages.push(utterance.lang);
        setTimeout(() => utterance.onend?.(new Event('end') as SpeechSynthesisEvent), 50);
      },
      cancel() {},
      getVoices: () => listed.map((voice) => ({ ...voice, voiceURI: voice.name, default: false, localService: true })),
      addEventListener() {},
      removeEventListener() {},
      speaking: false,
      pending: false,
      paused: false,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
  }, voices);
}

export const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
/** The language each utterance asked for (`utterance.lang`), in the order spoken. */
export const spokenLanguages = (page: Page) => page.evaluate(() => (window as unknown as { __spokenLanguages: string[] }).__spokenLanguages);

export interface Ticket {
  id: string;
  number: string;
}

async function login(request: APIRequestContext, username: string): Promise<Record<string, string>> {
  const reply = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(reply.ok(), await reply.text()).toBe(true);
  return { authorization: `Bearer ${((await reply.json()) as { accessToken: string }).accessToken}` };
}

/** Issues a ticket at the office's kiosk endpoint. */
export async function issue(request: APIRequestContext, office: SuiteOffice, code: string): Promise<Ticket> {
  const reply = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services[code].id } });
  expect(reply.ok(), await reply.text()).toBe(true);
  return (await reply.json()) as Ticket;
}

/** The demo admin, for changes that move the office's sequence number without a public event. */
export async function admin(request: APIRequestContext) {
  const headers = await login(request, 'admin');
  return {
    async patch(path: string, data: unknown) {
      const reply = await request.patch(`/api/v1/admin${path}`, { headers, data });
      expect(reply.ok(), await reply.text()).toBe(true);
    },
    async post<T>(path: string, data: unknown): Promise<T> {
      const reply = await request.post(`/api/v1/admin${path}`, { headers, data });
      expect(reply.ok(), await reply.text()).toBe(true);
      return (await reply.json()) as T;
    },
  };
}

/** An officer at one counter of the office, working it through the API. */
export async function officerAt(request: APIRequestContext, office: SuiteOffice, username: string, counterNumber: number) {
  const headers = await login(request, username);
  const counterId = office.counters[counterNumber].id;
  async function post(path: string, data: unknown = {}): Promise<void> {
    const reply = await request.post(`/api/v1${path}`, { headers, data });
    expect(reply.status(), await reply.text()).toBe(200);
  }
  return {
    open: () => post(`/counters/${counterId}/open`),
    call: (ticket: Ticket) => post(`/counters/${counterId}/call`, { ticketId: ticket.id, reason: 'Uji otomatis papan' }),
    act: (ticket: Ticket, action: 'recall' | 'start' | 'finish') => post(`/tickets/${ticket.id}/${action}`),
    transfer: (ticket: Ticket, serviceId: string) => post(`/tickets/${ticket.id}/transfer`, { serviceId }),
  };
}

/**
 * Records the recorded-voice clips the board plays, in order, as their paths
 * (`/voice/id/satu.wav`): the page's audio elements are watched, and still play for real,
 * but at the fastest rate Chromium plays (16×), so a sentence of clips (about 5 s) takes a
 * third of a second and the tests wait on the board, not on the sound.
 */
export async function recordClips(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const played: string[] = [];
    (window as unknown as { __clips: string[] }).__clips = played;
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      played.push(new URL(this.currentSrc || this.src).pathname);
      this.playbackRate = 16;
      return play.call(this);
    };
  });
}

export const clipsPlayed = (page: Page) => page.evaluate(() => (window as unknown as { __clips: string[] }).__clips);

/** The clips of the call sentence, written out here so a test checks the domain's words, not itself. */
export function expectedClips(number: string, counterWords: string): string[] {
  const [code, digits] = number.split('-');
  return [
    'nomor-antrean',
    ...[...code].map((letter) => `huruf-${letter.toLowerCase()}`),
    ...[...digits].map((d) => DIGITS[Number(d)]),
    'silakan-menuju-loket',
    ...counterWords.split(' '),
  ].map((clip) => `/voice/id/${clip}.wav`);
}

/**
 * Stops the page's installed clock about a second from now. The target is read from the page
 * and can be in the past by the time `pauseAt` runs on a busy machine ("Cannot fast-forward to
 * the past"), so a missed target is read again.
 */
export async function pauseClockSoon(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
      return;
    } catch (error) {
      if (attempt >= 5 || !/to the past/.test(String(error))) throw error;
    }
  }
}

/** How long the board shows one page of a notice (NOTICE_PAGE_MS in the board's use-rotation.ts). */
export const NOTICE_PAGE_MS = 8_000;

/**
 * Turns the board's notices with the page's clock (installed before the page loaded, and
 * paused) until `notice` ('standards', 'maklumat' or 'ikm') is shown, and says how many
 * page turns that took. Fails when it does not come round within `most` turns.
 */
export async function turnToNotice(page: Page, notice: string, most = 20): Promise<number> {
  const shown = page.getByTestId('board-notice');
  for (let turns = 0; turns <= most; turns++) {
    if ((await shown.getAttribute('data-notice')) === notice) return turns;
    await page.clock.runFor(NOTICE_PAGE_MS);
  }
  throw new Error(`the board never showed the ${notice} notice in ${most} turns`);
}

/** What is wrong with the board as shown: a tile outside the screen, or a text cut off. */
export async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (element: HTMLElement) => `${element.className || element.tagName} ${element.textContent?.trim().slice(0, 24)}`;
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 2 && inner.top >= outer.top - 2 && inner.right <= outer.right + 2 && inner.bottom <= outer.bottom + 2;
    const screen = new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    // Tiles and rows: on the screen, and their content not taller than they are.
    for (const tile of document.querySelectorAll<HTMLElement>('[data-counter], [data-service], .recent-list li, .latest')) {
      if (!inside(tile.getBoundingClientRect(), screen)) problems.push(`${name(tile)} outside the screen`);
      if (tile.scrollHeight > tile.clientHeight + 2) problems.push(`${name(tile)} taller than its box (${tile.scrollHeight} > ${tile.clientHeight})`);
      // The texts a citizen reads: whole, inside their tile.
      for (const text of tile.querySelectorAll<HTMLElement>('.counter-ticket, .counter-number, .latest-number, .latest-counter, .next-number')) {
        const box = text.getBoundingClientRect();
        // A next number that does not fit wraps out of sight whole: not shown, not cut.
        const hidden = text.classList.contains('next-number') && box.top >= (text.parentElement?.getBoundingClientRect().bottom ?? 0) - 1;
        if (!hidden && (text.scrollWidth > text.clientWidth + 1 || !inside(box, tile.getBoundingClientRect()))) problems.push(`${name(text)} cut off`);
      }
    }
    return problems;
  });
}
