import { type LookupAddress, lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '@loket/domain';

/*
 * Every request Loket makes to an address someone else chose (an office's webhook endpoint, a
 * browser's push service) goes through `postOutbound`: the address is checked where the
 * connection is made, not only where the URL was saved, so a name that resolves (or later
 * turns) to a loopback, link-local or private address is refused (DNS rebinding).
 */

export interface OutboundResult {
  /** The HTTP status, or null when no answer came (refused, timed out, blocked address). */
  status: number | null;
  /** Why no answer came. */
  error: string | null;
  /** The start of the answer's body, at most `keepBytes`. */
  response: string | null;
}

export interface OutboundOptions {
  timeoutMs: number;
  /** Let the request reach loopback, link-local and private addresses (WEBHOOK_ALLOW_PRIVATE, PUSH_ALLOW_LOCAL_ENDPOINTS). */
  allowPrivate: boolean;
  /** How much of the answer's body to keep; the rest is not read. */
  keepBytes: number;
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
 * Posts `body` to `target`: a timeout over the whole exchange, no redirect followed (a 3xx is
 * an answer), the address checked at connect time, at most `keepBytes` of the answer kept and
 * the rest not read. Never throws.
 */
export function postOutbound(
  target: string,
  request: { headers: Record<string, string | number>; body: string | Buffer },
  options: OutboundOptions,
): Promise<OutboundResult> {
  return new Promise<OutboundResult>((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      resolve({ status: null, error: 'invalid URL', response: null });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      resolve({ status: null, error: 'not an http(s) URL', response: null });
      return;
    }
    // An address written as such never goes through the lookup: judge it here.
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (!options.allowPrivate && /^[\d.]+$|:/.test(host) && isPrivateAddress(host)) {
      resolve({ status: null, error: 'private address refused', response: null });
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: OutboundResult): void => {
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
          ...Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length')),
          'content-length': Buffer.byteLength(request.body),
        },
        lookup: guardedLookup(options.allowPrivate),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const answer = (): OutboundResult => ({ status: res.statusCode ?? null, error: null, response: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          if (kept < options.keepBytes) {
            chunks.push(chunk.subarray(0, options.keepBytes - kept));
            kept += Math.min(chunk.length, options.keepBytes - kept);
          }
          // Enough kept: the rest of a huge answer is not read.
          if (kept >= options.keepBytes) {
            finish(answer());
            res.destroy();
          }
        });
        res.on('end', () => finish(answer()));
        res.on('error', () => finish(answer()));
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
