import { createHmac, randomBytes } from 'node:crypto';
import { type LookupAddress, lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { WEBHOOK_RESPONSE_KEEP_BYTES, WEBHOOK_SECRET_PREFIX, isPrivateAddress, webhookSignatureHeader, webhookSigningInput } from '@loket/domain';

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

export interface WebhookResult {
  /** The HTTP status, or null when no answer came (refused, timed out, blocked address). */
  status: number | null;
  /** Why no answer came. */
  error: string | null;
  /** The start of the answer's body, at most 1 kB. */
  response: string | null;
}

/**
 * A DNS lookup that refuses private addresses, used for the connection itself: checking the
 * name at creation alone would let a name turn private later (DNS rebinding).
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (allowed.length === 0) return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

/**
 * Posts one webhook: Standard Webhooks headers, a timeout over the whole exchange, no
 * redirect followed (a 3xx is an answer, and a failure), at most 1 kB of the answer kept
 * and the rest not read. Never throws.
 */
export function postWebhook(request: WebhookRequest, options: { timeoutMs: number; allowPrivate: boolean }): Promise<WebhookResult> {
  return new Promise<WebhookResult>((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ status: null, error: 'invalid URL', response: null });
      return;
    }
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (!options.allowPrivate && /^[\d.]+$|:/.test(host) && isPrivateAddress(host)) {
      resolve({ status: null, error: 'private address refused', response: null });
      return;
    }
    const signature = webhookSignatureHeader(request.secrets.map((secret) => signWebhook(secret, request.id, request.timestampSeconds, request.body)));
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: WebhookResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          'user-agent': 'Loket-Webhooks/1',
          'webhook-id': request.id,
          'webhook-timestamp': String(request.timestampSeconds),
          'webhook-signature': signature,
        },
        lookup: guardedLookup(options.allowPrivate),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < WEBHOOK_RESPONSE_KEEP_BYTES) {
            chunks.push(chunk.subarray(0, WEBHOOK_RESPONSE_KEEP_BYTES - kept));
            kept += Math.min(chunk.length, WEBHOOK_RESPONSE_KEEP_BYTES - kept);
          }
          // Enough kept: the rest of a huge answer is not read.
          if (kept >= WEBHOOK_RESPONSE_KEEP_BYTES) {
            finish({ status: res.statusCode ?? null, error: null, response: Buffer.concat(chunks).toString('utf8') });
            res.destroy();
          }
        });
        res.on('end', () => finish({ status: res.statusCode ?? null, error: null, response: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => finish({ status: res.statusCode ?? null, error: null, response: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    const timer = setTimeout(() => {
      finish({ status: null, error: `timed out after ${options.timeoutMs} ms`, response: null });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, error: error.code ?? error.message, response: null }));
    req.end(request.body);
  });
}
