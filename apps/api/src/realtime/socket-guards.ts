import type { IncomingMessage } from 'node:http';

/**
 * Whether a socket.io handshake may go on, by its `Origin`: the CORS_ORIGINS allow-list the
 * HTTP side uses, plus the page's own origin. A browser enforces CORS on HTTP responses but
 * not on a WebSocket, so here a foreign origin is refused outright instead of merely not
 * being granted. No `Origin` is not a browser page (the simulator, tests, a tool): let through.
 */
export function socketOriginAllowed(request: Pick<IncomingMessage, 'headers'>, allowList: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowList.has(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  // A proxy that rewrites Host says the original in X-Forwarded-Host; a browser can set neither.
  const forwarded = request.headers['x-forwarded-host'];
  const forwardedHosts = (Array.isArray(forwarded) ? forwarded : [forwarded ?? '']).flatMap((value) => value.split(',').map((part) => part.trim()));
  return host === request.headers.host || forwardedHosts.includes(host);
}

/** What one socket may send: `burst` messages at once, then `perSecond` on average. */
export const SOCKET_MESSAGE_BURST = 20;
export const SOCKET_MESSAGES_PER_SECOND = 5;

/**
 * A token bucket per socket. A screen sends a handful of messages per connection (subscribe,
 * the odd resync), so this only stops a client that floods the server with snapshot requests,
 * each of which costs database reads.
 */
export class MessageBudget {
  private tokens: number;
  private at: number;

  constructor(
    now: number,
    private readonly burst = SOCKET_MESSAGE_BURST,
    private readonly perSecond = SOCKET_MESSAGES_PER_SECOND,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Spends one message; false when there is none left until the bucket refills. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
