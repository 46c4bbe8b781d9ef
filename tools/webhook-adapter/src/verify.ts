import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a message's webhook-timestamp may be from this machine's clock (Standard Webhooks suggests 5 minutes). */
export const TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  id: string;
  timestamp: string;
  signature: string;
}

/**
 * Whether a message is Loket's, under any of `secrets` (`whsec_…`; two during a rotation):
 * `webhook-signature` holds one or more `v1,<base64 HMAC-SHA256 of id.timestamp.body>`,
 * and the timestamp is recent, so an old message cannot be replayed.
 */
export function verifyWebhook(secrets: readonly string[], headers: WebhookHeaders, body: string, nowSeconds: number): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.id || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const offered = headers.signature
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  return secrets.some((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(`${headers.id}.${headers.timestamp}.${body}`).digest();
    return offered.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  });
}
