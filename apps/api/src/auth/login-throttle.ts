import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';

export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60_000;
// Bounds memory under a spray of made-up usernames; the oldest entries go first.
const MAX_TRACKED_USERNAMES = 10_000;

/**
 * Slows password guessing: after five wrong passwords for one username within fifteen
 * minutes, that username is refused (429) until the window has passed; a good login
 * clears it. Kept in memory per API instance, so behind N instances a guesser gets at most
 * N times the tries: still a few dozen an hour, not thousands.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  assertAllowed(username: string): void {
    const recent = this.recent(username);
    if (recent.length < MAX_FAILED_LOGINS) return;
    const retryAfterSeconds = Math.ceil((recent[0] + FAILED_LOGIN_WINDOW_MS - this.clock.now().getTime()) / 1000);
    throw new HttpException(
      { message: `Too many failed logins for this account; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, code: 'too_many_logins', details: { retryAfterSeconds } },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  failed(username: string): void {
    const key = username.toLowerCase();
    const recent = [...this.recent(key), this.clock.now().getTime()];
    this.failures.delete(key);
    this.failures.set(key, recent);
    if (this.failures.size > MAX_TRACKED_USERNAMES) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private recent(username: string): number[] {
    const since = this.clock.now().getTime() - FAILED_LOGIN_WINDOW_MS;
    return (this.failures.get(username.toLowerCase()) ?? []).filter((at) => at > since);
  }
}
