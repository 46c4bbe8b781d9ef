import { randomBytes } from 'node:crypto';

// No 0/O, 1/I/L: people may read the code aloud or type it from a printed ticket.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random, unguessable code for the phone page: 12 characters, about 59 bits. */
export function newTrackingCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return code;
}

export const TRACKING_CODE_PATTERN = /^[23456789A-HJKMNP-Z]{12}$/;
