import { createHash } from 'node:crypto';

/** What is stored of a kiosk's token: its SHA-256 (the token has ~99 random bits, so no slow hash is needed). */
export function kioskTokenHash(token: string): string {
  return createHash('sha256').update(token.toUpperCase()).digest('hex');
}
