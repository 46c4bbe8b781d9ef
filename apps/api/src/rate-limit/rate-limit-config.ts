/** What each rate limit counts and for how long; read from the environment once at start. */

export const RATE_LIMIT_RULES = ['issue', 'issueAnonymous', 'track', 'read', 'survey', 'complaint', 'login', 'loginFailures', 'book', 'bookAddress'] as const;
export type RateLimitRule = (typeof RATE_LIMIT_RULES)[number];

export interface RateWindow {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitConfig {
  /** `RATE_LIMIT=off` turns off the request limits (the simulator and benchmark rely on it). */
  enabled: boolean;
  /** Redis key prefix, so counters never meet another application's keys. */
  keyPrefix: string;
  rules: Record<RateLimitRule, RateWindow[]>;
  /**
   * SOCKET_CONNECTIONS_PER_ADDRESS: open socket.io connections one client address may hold on
   * an instance. A server setting, not an office's: a socket connects before it names an office.
   */
  socketConnectionsPerAddress: number;
}

/** A waiting room's screens and a few phones behind one address; raise it where many phones share one NAT address. */
export const DEFAULT_SOCKET_CONNECTIONS_PER_ADDRESS = 20;

/**
 * Defaults sized for a real office. One kiosk (one IP) issues every ticket of a busy office:
 * a ticket takes a person a few seconds at the screen, so bursts stay well under 30 a minute
 * and a peak hour under 1,000. Citizens' phones share the office Wi-Fi, so tracking is generous.
 * `issueAnonymous` is a client without a paired kiosk's token (a phone, a web page), per address
 * and office, on top of `issue`: a citizen takes a ticket or two, so one address cannot take
 * a service's daily quota (docs/security.md; an office may turn anonymous issuing off).
 * `read` is an office's board and service list: served from the snapshot cache, so it costs
 * no query, but one address polling them still takes a share of the instance. A board or
 * kiosk refetches the services 2 s after each change (about 30 a minute in a busy hour), and
 * an office's screens may share one address: 600 a minute leaves room for a dozen.
 * Login counts every attempt per IP; `loginFailures` locks one username from one IP only,
 * so nobody can lock a colleague out from elsewhere.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitRule, string> = {
  issue: '30/1m,1000/1h',
  issueAnonymous: '3/1h',
  track: '300/1m',
  read: '600/1m',
  survey: '30/1m',
  // Filing a complaint from an office's shared address: the survey's pace, and a ceiling per hour.
  complaint: '30/1m,200/1h',
  login: '60/1m,300/15m',
  loginFailures: '5/15m',
  // Booking (issue 17): a client (the id its booking page keeps, with the address) tries a few
  // slots a minute; the address alone gets room for a whole office or campus behind one NAT.
  // Hoarding is held by the per-phone and per-client limit on active bookings, not here.
  book: '20/1m,100/1h',
  bookAddress: '3000/1m',
};

/**
 * What a limit does while its shared store (Redis) cannot answer (docs/security.md):
 * - `memory`: it keeps limiting, counted in this instance's memory (with N instances a
 *   client gets at most N times the limit). For what guards passwords and writes: a Redis
 *   outage must not open the door to password guessing or a flood of tickets.
 * - `open`: the request is let through unlimited. For reads a whole office's phones share
 *   behind one address: refusing them would take the service down with the limiter.
 * A new rule must choose here (the record is complete by type).
 */
export type StoreFailureFallback = 'memory' | 'open';
export const STORE_FAILURE_FALLBACK: Record<RateLimitRule, StoreFailureFallback> = {
  issue: 'memory',
  issueAnonymous: 'memory',
  track: 'open',
  read: 'open',
  survey: 'memory',
  complaint: 'memory',
  login: 'memory',
  loginFailures: 'memory',
  book: 'memory',
  bookAddress: 'memory',
};

const ENV_NAME: Record<RateLimitRule, string> = {
  issue: 'RATE_LIMIT_ISSUE',
  issueAnonymous: 'RATE_LIMIT_ISSUE_ANONYMOUS',
  track: 'RATE_LIMIT_TRACK',
  read: 'RATE_LIMIT_READ',
  survey: 'RATE_LIMIT_SURVEY',
  complaint: 'RATE_LIMIT_COMPLAINT',
  login: 'RATE_LIMIT_LOGIN',
  loginFailures: 'LOGIN_LOCKOUT',
  book: 'RATE_LIMIT_BOOK',
  bookAddress: 'RATE_LIMIT_BOOK_ADDRESS',
};

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Parses `30/1m,1000/1h`: at most 30 a minute and 1,000 an hour. */
export function parseRateWindows(text: string, name: string): RateWindow[] {
  return text.split(',').map((part) => {
    const match = /^\s*(\d{1,7})\s*\/\s*(\d{1,5})\s*([smh])\s*$/.exec(part);
    if (!match) throw new Error(`${name} must look like "30/1m,1000/1h" (count/duration with s, m or h), got "${text}"`);
    const limit = Number(match[1]);
    const windowSeconds = Number(match[2]) * UNIT_SECONDS[match[3]];
    if (limit < 1 || windowSeconds < 1) throw new Error(`${name}: counts and durations must be at least 1, got "${text}"`);
    return { limit, windowSeconds };
  });
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): RateLimitConfig {
  const switchValue = (env.RATE_LIMIT ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(switchValue)) throw new Error(`RATE_LIMIT must be "on" or "off", got "${env.RATE_LIMIT}"`);
  const rules = Object.fromEntries(
    RATE_LIMIT_RULES.map((rule) => [rule, parseRateWindows(env[ENV_NAME[rule]] || DEFAULT_RATE_LIMITS[rule], ENV_NAME[rule])]),
  ) as Record<RateLimitRule, RateWindow[]>;
  const sockets = env.SOCKET_CONNECTIONS_PER_ADDRESS || String(DEFAULT_SOCKET_CONNECTIONS_PER_ADDRESS);
  if (!/^\d{1,6}$/.test(sockets) || Number(sockets) < 1)
    throw new Error(`SOCKET_CONNECTIONS_PER_ADDRESS must be a whole number of at least 1, got "${env.SOCKET_CONNECTIONS_PER_ADDRESS}"`);
  return { enabled: switchValue === 'on', keyPrefix: env.RATE_LIMIT_PREFIX || 'loket:rl:', rules, socketConnectionsPerAddress: Number(sockets) };
}

/** The defaults, on or off: what tests and tools start from. */
export function defaultRateLimits(enabled: boolean, keyPrefix = 'loket:rl:'): RateLimitConfig {
  return { ...rateLimitsFromEnv({ RATE_LIMIT: enabled ? 'on' : 'off' }), keyPrefix };
}
