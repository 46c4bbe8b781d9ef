import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { ErrorCode } from '@loket/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { defaultRateLimits, type RateLimitConfig, type RateLimitRule, type RateWindow } from './rate-limit-config.js';
import { RateLimitStore } from './rate-limit-store.js';

/** The 429 every limit answers with; `Retry-After` carries the same seconds. */
export class TooManyRequests extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
    code: ErrorCode = 'rate_limited',
  ) {
    super({ message, code, details: { retryAfterSeconds } }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export function retryPhrase(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

/** Counts hits against the configured windows of a rule; refuses with 429 past any of them. */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimit');
  readonly config: RateLimitConfig;

  constructor(
    private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) appConfig: AppConfig,
  ) {
    this.config = appConfig.rateLimits ?? defaultRateLimits(true);
  }

  /** Counts this request; throws TooManyRequests when a window of the rule is full. Off with RATE_LIMIT=off. */
  async consume(rule: RateLimitRule, subject: string): Promise<void> {
    if (!this.config.enabled) return;
    for (const window of this.config.rules[rule]) {
      const counted = await this.safely(() => this.store.hit(this.key(rule, subject, window), window.windowSeconds * 1000));
      if (counted && counted.count > window.limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil(counted.msLeft / 1000));
        throw new TooManyRequests(retryAfterSeconds, `Too many requests; try again in ${retryPhrase(retryAfterSeconds)}`);
      }
    }
  }

  /**
   * Counts one attempt against every window of the rule *before* the guarded work is done,
   * and answers the seconds left when a window is now over its limit (else 0). The count is
   * one atomic increment in the store, so of any number of attempts at once only `limit`
   * per window get through: counting after the work (a wrong password) let a parallel burst
   * have every attempt checked before the first one was counted.
   */
  async attempt(rule: RateLimitRule, subject: string): Promise<number> {
    let seconds = 0;
    for (const window of this.config.rules[rule]) {
      const counted = await this.safely(() => this.store.hit(this.key(rule, subject, window), window.windowSeconds * 1000));
      if (counted && counted.count > window.limit) seconds = Math.max(seconds, Math.max(1, Math.ceil(counted.msLeft / 1000)));
    }
    return seconds;
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    for (const window of this.config.rules[rule]) await this.safely(() => this.store.clear(this.key(rule, subject, window)));
  }

  private key(rule: RateLimitRule, subject: string, window: RateWindow): string {
    return `${this.config.keyPrefix}${rule}:${window.windowSeconds}:${subject}`;
  }

  // A store failure (Redis down) lets the request through, logged: availability first.
  private async safely<T>(operation: () => Promise<T>): Promise<T | null> {
    try {
      return await operation();
    } catch (error) {
      this.logger.warn(`Rate-limit store unavailable, request let through: ${(error as Error).message}`);
      return null;
    }
  }
}
