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

/** What all the sockets of one client address may send together (subscribe and resync each cost a snapshot). */
export const ADDRESS_MESSAGE_BURST = 40;
export const ADDRESS_MESSAGES_PER_SECOND = 10;

/**
 * The client address of a socket.io handshake, as Express's `request.ip` finds it (proxy-addr):
 * from the connection's own address back through `X-Forwarded-For`, the first hop that
 * `trust` (Express's compiled TRUST_PROXY) does not trust. A client cannot pose as another
 * address unless the hop in front of it is a trusted proxy.
 */
export function handshakeAddress(
  request: { headers: IncomingMessage['headers']; socket: { remoteAddress?: string } },
  trust: (address: string, hop: number) => boolean,
): string {
  const forwarded = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse();
  const chain = [request.socket.remoteAddress ?? 'unknown', ...hops];
  for (let hop = 0; hop < chain.length - 1; hop += 1) if (!trust(chain[hop], hop)) return chain[hop];
  return chain[chain.length - 1];
}

/**
 * Per client address, on this instance: how many sockets it holds (at most `maxConnections`)
 * and one message budget shared by all of them, so a thousand sockets from one address
 * cannot multiply the per-socket budget. An address is forgotten with its last socket.
 */
export class AddressLimits {
  private readonly addresses = new Map<string, { sockets: number; budget: MessageBudget }>();

  constructor(
    readonly maxConnections: number,
    private readonly burst = ADDRESS_MESSAGE_BURST,
    private readonly perSecond = ADDRESS_MESSAGES_PER_SECOND,
  ) {}

  /** Takes a connection for `address`; false when it already holds its maximum. */
  connect(address: string, now: number): boolean {
    const entry = this.addresses.get(address);
    if (!entry) {
      this.addresses.set(address, { sockets: 1, budget: new MessageBudget(now, this.burst, this.perSecond) });
      return true;
    }
    if (entry.sockets >= this.maxConnections) return false;
    entry.sockets += 1;
    return true;
  }

  disconnect(address: string): void {
    const entry = this.addresses.get(address);
    if (!entry) return;
    entry.sockets -= 1;
    if (entry.sockets <= 0) this.addresses.delete(address);
  }

  /** Spends one message of the address's shared budget. */
  message(address: string, now: number): boolean {
    return this.addresses.get(address)?.budget.take(now) ?? false;
  }

  connections(address: string): number {
    return this.addresses.get(address)?.sockets ?? 0;
  }
}
