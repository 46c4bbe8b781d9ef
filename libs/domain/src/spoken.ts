/**
 * The Indonesian words of the board's voice call: "Nomor antrean A nol nol tujuh, silakan
 * menuju loket tiga". Written once here so every board speaks the same sentence.
 */
import { InvalidTicketNumberError, parseTicketNumber } from './ticket-number.js';

const DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

export const MAX_SPOKEN_NUMBER = 9999;

/** Indonesian words for a whole number 0…9999: 12 → "dua belas", 1011 → "seribu sebelas". */
export function spokenNumber(n: number): string {
  return spokenNumberWords(n).join(' ');
}

/** The words of `spokenNumber`, one by one: 12 → ["dua", "belas"]. Each word is one voice clip. */
export function spokenNumberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`Can only speak whole numbers from 0 to ${MAX_SPOKEN_NUMBER}, got ${n}`);
  }
  if (n === 0) return ['nol'];
  return belowTenThousand(n);
}

// Indonesian joins the "se-" prefix for one (seribu, seratus, sepuluh, sebelas) and
// otherwise says "<digit> <unit>"; zero parts are simply left out.
function belowTenThousand(n: number): string[] {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands === 1) words.push('seribu');
  else if (thousands > 1) words.push(DIGITS[thousands], 'ribu');
  if (rest > 0) words.push(...belowThousand(rest));
  return words;
}

function belowThousand(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(DIGITS[hundreds], 'ratus');
  if (rest > 0) words.push(...belowHundred(rest));
  return words;
}

function belowHundred(n: number): string[] {
  if (n < 10) return [DIGITS[n]];
  if (n === 10) return ['sepuluh'];
  if (n === 11) return ['sebelas'];
  if (n < 20) return [DIGITS[n - 10], 'belas'];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return ones === 0 ? [DIGITS[tens], 'puluh'] : [DIGITS[tens], 'puluh', DIGITS[ones]];
}

/**
 * A ticket number as it is called out: the service code letter by letter, then the digits
 * one by one, the way people read the printed ticket ("A-007" → "A nol nol tujuh",
 * "KK-120" → "K K satu dua nol"). Throws `InvalidTicketNumberError` for anything else.
 */
export function spokenTicketNumber(ticketNumber: string): string {
  const parsed = parseTicketNumber(ticketNumber);
  if (!parsed) throw new InvalidTicketNumberError(ticketNumber);
  const letters = [...parsed.serviceCode];
  // The digits as printed (leading zeros included), not the parsed sequence.
  const digits = [...ticketNumber.slice(parsed.serviceCode.length + 1)].map((digit) => DIGITS[Number(digit)]);
  return [...letters, ...digits].join(' ');
}

/** A counter as it is called out, its number as a whole number: 12 → "loket dua belas". */
export function spokenCounter(counterNumber: number): string {
  if (!Number.isInteger(counterNumber) || counterNumber < 1) {
    throw new RangeError(`A counter number is a positive whole number, got ${counterNumber}`);
  }
  return `loket ${spokenNumber(counterNumber)}`;
}

/**
 * The sentence the board speaks after the chime, for a call and again for each recall. In a
 * building of several agencies the counter is named with its agency, as the wall reads
 * ("silakan menuju loket lima Dukcapil"; `callAgencyName`).
 */
export function callAnnouncement(ticketNumber: string, counterNumber: number, agencyName: string | null = null): string {
  return `Nomor antrean ${spokenTicketNumber(ticketNumber)}, silakan menuju ${spokenCounter(counterNumber)}${agencyName ? ` ${agencyName}` : ''}`;
}

/**
 * The agency a call names: its counter's short name when the office hosts more than one
 * agency ("A-012, Loket 5 Dukcapil"); null in a single-agency office, which hears and reads
 * no extra word, and for a counter the office does not list.
 */
export function callAgencyName(
  call: { counterId: string },
  office: { agencies: readonly { id: string; shortName: string }[]; counters: readonly { id: string; agencyId: string }[] },
): string | null {
  if (office.agencies.length < 2) return null;
  const counter = office.counters.find((candidate) => candidate.id === call.counterId);
  return office.agencies.find((agency) => agency.id === counter?.agencyId)?.shortName ?? null;
}

const ENGLISH_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;
const ENGLISH_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'] as const;
const ENGLISH_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

/** English words for a whole number 0…9999: 12 → "twelve", 1011 → "one thousand eleven". */
export function spokenNumberEnglish(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`Can only speak whole numbers from 0 to ${MAX_SPOKEN_NUMBER}, got ${n}`);
  }
  if (n === 0) return 'zero';
  const words: string[] = [];
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const rest = n % 100;
  if (thousands > 0) words.push(ENGLISH_DIGITS[thousands], 'thousand');
  if (hundreds > 0) words.push(ENGLISH_DIGITS[hundreds], 'hundred');
  if (rest >= 20) words.push(rest % 10 === 0 ? ENGLISH_TENS[rest / 10] : `${ENGLISH_TENS[Math.floor(rest / 10)]}-${ENGLISH_DIGITS[rest % 10]}`);
  else if (rest >= 10) words.push(ENGLISH_TEENS[rest - 10]);
  else if (rest > 0) words.push(ENGLISH_DIGITS[rest]);
  return words.join(' ');
}

/**
 * The board's call in English, for a board set to English: the ticket number read as in
 * Indonesian, letter by letter and digit by digit ("A-007" → "A zero zero seven"), the
 * counter as a whole number: "Number A zero zero seven, please go to counter twelve".
 */
export function callAnnouncementEnglish(ticketNumber: string, counterNumber: number, agencyName: string | null = null): string {
  const parsed = parseTicketNumber(ticketNumber);
  if (!parsed) throw new InvalidTicketNumberError(ticketNumber);
  if (!Number.isInteger(counterNumber) || counterNumber < 1) {
    throw new RangeError(`A counter number is a positive whole number, got ${counterNumber}`);
  }
  const digits = [...ticketNumber.slice(parsed.serviceCode.length + 1)].map((digit) => ENGLISH_DIGITS[Number(digit)]);
  const agency = agencyName ? ` ${agencyName}` : '';
  return `Number ${[...parsed.serviceCode, ...digits].join(' ')}, please go to counter ${spokenNumberEnglish(counterNumber)}${agency}`;
}

/** The languages a board calls in: Indonesian (speech or the recorded clips) and English (speech). */
export type AnnouncementLanguage = 'id' | 'en';

/** The sentence a board set to `language` speaks for a call (with the counter's agency in a building of several). */
export function callAnnouncementIn(language: AnnouncementLanguage, ticketNumber: string, counterNumber: number, agencyName: string | null = null): string {
  return language === 'en' ? callAnnouncementEnglish(ticketNumber, counterNumber, agencyName) : callAnnouncement(ticketNumber, counterNumber, agencyName);
}

/**
 * The recorded voice of the board, for a browser without an Indonesian speech voice (common
 * on kiosk PCs and TV sticks): one clip per word or fixed phrase of `callAnnouncement`, keyed
 * by a file-safe name, with the words a speech synthesiser reads to record it. Letters are
 * written as Indonesians spell them ("Q" is "ki"), so the recording says the letter's name.
 */
export const VOICE_CLIPS = {
  'nomor-antrean': 'nomor antrean',
  'silakan-menuju-loket': 'silakan menuju loket',
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
  seratus: 'seratus',
  ratus: 'ratus',
  seribu: 'seribu',
  ribu: 'ribu',
  'huruf-a': 'a',
  'huruf-b': 'be',
  'huruf-c': 'ce',
  'huruf-d': 'de',
  'huruf-e': 'e',
  'huruf-f': 'ef',
  'huruf-g': 'ge',
  'huruf-h': 'ha',
  'huruf-i': 'i',
  'huruf-j': 'je',
  'huruf-k': 'ka',
  'huruf-l': 'el',
  'huruf-m': 'em',
  'huruf-n': 'en',
  'huruf-o': 'o',
  'huruf-p': 'pe',
  'huruf-q': 'ki',
  'huruf-r': 'er',
  'huruf-s': 'es',
  'huruf-t': 'te',
  'huruf-u': 'u',
  'huruf-v': 'fe',
  'huruf-w': 'we',
  'huruf-x': 'eks',
  'huruf-y': 'ye',
  'huruf-z': 'zet',
} as const satisfies Record<string, string>;

export type VoiceClip = keyof typeof VOICE_CLIPS;

function clip(name: string): VoiceClip {
  if (!(name in VOICE_CLIPS)) throw new RangeError(`No voice clip "${name}"`);
  return name as VoiceClip;
}

/**
 * The clips the board plays, in order, for the sentence `callAnnouncement` says:
 * "A-007" at counter 12 → nomor-antrean, huruf-a, nol, nol, tujuh, silakan-menuju-loket,
 * dua, belas. Throws as `callAnnouncement` does for a number it cannot read.
 */
export function callAnnouncementClips(ticketNumber: string, counterNumber: number): VoiceClip[] {
  const parsed = parseTicketNumber(ticketNumber);
  if (!parsed) throw new InvalidTicketNumberError(ticketNumber);
  spokenCounter(counterNumber); // the same check as the sentence
  const letters = [...parsed.serviceCode].map((letter) => clip(`huruf-${letter.toLowerCase()}`));
  const digits = [...ticketNumber.slice(parsed.serviceCode.length + 1)].map((digit) => clip(DIGITS[Number(digit)]));
  return [clip('nomor-antrean'), ...letters, ...digits, clip('silakan-menuju-loket'), ...spokenNumberWords(counterNumber).map(clip)];
}
