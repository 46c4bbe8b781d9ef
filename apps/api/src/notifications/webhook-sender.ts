import { createHmac, randomBytes } from 'node:crypto';
import { WEBHOOK_RESPONSE_KEEP_BYTES, WEBHOOK_SECRET_PREFIX, webhookSignatureHeader, webhookSigningInput } from '@loket/domain';
import { type OutboundResult, postOutbound } from './outbound-post.js';

/** A new endpoint secret: `whsec_` and 32 random bytes in base64, the form Standard Webhooks libraries take. */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The base64 HMAC-SHA256 of the signing input under a `whsec_` secret. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64');
  return createHmac('sha256', key)
    .update(webhookSigningInput(id, timestampSeconds, body))
    .digest('base64');
}

export interface WebhookRequest {
  url: string;
  id: string;
  /** Unix seconds of this attempt (Standard Webhooks' replay window is checked against it). */
  timestampSeconds: number;
  body: string;
  /** The secrets in force: the current one, and during a rotation's overlap the one before. */
  secrets: readonly string[];
}

export type WebhookResult = OutboundResult;

/**
 * Posts one webhook with the Standard Webhooks headers, through `postOutbound`: a timeout over
 * the whole exchange, no redirect followed (a 3xx is an answer, and a failure), the resolved
 * address checked at connect time, at most 1 kB of the answer kept. Never throws.
 */
export function postWebhook(request: WebhookRequest, options: { timeoutMs: number; allowPrivate: boolean }): Promise<WebhookResult> {
  const signature = webhookSignatureHeader(request.secrets.map((secret) => signWebhook(secret, request.id, request.timestampSeconds, request.body)));
  return postOutbound(
    request.url,
    {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Loket-Webhooks/1',
        'webhook-id': request.id,
        'webhook-timestamp': String(request.timestampSeconds),
        'webhook-signature': signature,
      },
      body: request.body,
    },
    { ...options, keepBytes: WEBHOOK_RESPONSE_KEEP_BYTES },
  );
}
