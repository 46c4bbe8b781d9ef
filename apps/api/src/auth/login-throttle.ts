import { Injectable } from '@nestjs/common';
import { RateLimiter, TooManyRequests, retryPhrase } from '../rate-limit/rate-limiter.js';

/**
 * Slows password guessing without letting anyone lock a colleague out:
 * - every login attempt counts against the caller's IP (RATE_LIMIT_LOGIN, off with RATE_LIMIT=off);
 * - password checks count per username *and* IP (LOGIN_LOCKOUT, default 5 in 15 minutes):
 *   past that, that username is refused from that IP until the window ends, while the
 *   owner logs in from their own desk as usual. A good login clears the count.
 * The attempt is counted before its password is checked, in one atomic increment, so 40
 * guesses sent at once get at most 5 passwords checked, not 40 (issue 13).
 * Counters live in the rate-limit store: Redis when REDIS_URL is set, so every instance
 * sees the same count.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly limiter: RateLimiter) {}

  /** Counts one password check for `username` from `ip`, or refuses it (429) past the limits. Call it before checking the password. */
  async attempt(username: string, ip: string): Promise<void> {
    await this.limiter.consume('login', ip);
    const retryAfterSeconds = await this.limiter.attempt('loginFailures', this.subject(username, ip));
    if (retryAfterSeconds > 0) {
      throw new TooManyRequests(
        retryAfterSeconds,
        `Too many failed logins for this account; try again in ${retryPhrase(retryAfterSeconds)}`,
        'too_many_logins',
      );
    }
  }

  succeeded(username: string, ip: string): Promise<void> {
    return this.limiter.reset('loginFailures', this.subject(username, ip));
  }

  private subject(username: string, ip: string): string {
    return `${ip}|${username.toLowerCase().slice(0, 64)}`;
  }
}
