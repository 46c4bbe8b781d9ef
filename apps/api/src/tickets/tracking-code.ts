import { randomBytes } from 'node:crypto';

// No 0/O, 1/I/L: people may read the code aloud or type it from a printed ticket.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 4;
const GROUP_LENGTH = 5;
// Bytes at or above this would favour the first letters (256 is not a multiple of 31): drawn again.
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

/**
 * A random, unguessable code for the phone page: 20 letters from 31, about 99 bits, in
 * four groups of five (`7KQ2M-XH9PD-3RWNA-EZ4TB`) so it can be read off a slip. Never
 * derived from the ticket id, which staff screens show.
 */
export function newTrackingCode(): string {
  const letters: string[] = [];
  while (letters.length < GROUPS * GROUP_LENGTH) {
    for (const byte of randomBytes(32)) {
      if (byte < UNBIASED_BELOW && letters.length < GROUPS * GROUP_LENGTH) letters.push(ALPHABET[byte % ALPHABET.length]);
    }
  }
  return Array.from({ length: GROUPS }, (_, group) => letters.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join('')).join('-');
}

export const TRACKING_CODE_BITS = GROUPS * GROUP_LENGTH * Math.log2(ALPHABET.length);

export const TRACKING_CODE_PATTERN = /^[23456789A-HJKMNP-Z]{5}(?:-[23456789A-HJKMNP-Z]{5}){3}$/;
