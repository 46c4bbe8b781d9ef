import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { ErrorCode } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  defaultRateLimits,
  type RateLimitConfig,
  type RateLimitRule,
  type RateWindow,
  STORE_FAILURE_FALLBACK,
  type StoreFailureFallback,
} from './rate-limit-config.js';
import { MemoryRateLimitStore, RateLimitStore } from './rate-limit-store.js';

// While the store is down every limited request falls back: one log line per interval, not one per request.
const OUTAGE_LOG_INTERVAL_MS = 60_000;

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
  /** Decisions taken without the shared store, by rule and fallback; registered by MetricsService. */
  readonly storeFallbacks = new Counter({
    name: 'loket_rate_limit_store_fallbacks_total',
    help: 'Rate-limit decisions taken without the shared store (Redis) because it did not answer, by rule and fallback (memory or open)',
    labelNames: ['rule', 'fallback'] as const,
    registers: [],
  });
  // Where `memory` rules count while the shared store is down; the store itself when it is memory already.
  private readonly localStore: RateLimitStore;
  private outage: { since: number; fallbacks: number; lastLog: number } | null = null;

  constructor(
    private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) appConfig: AppConfig,
    clock: Clock,
  ) {
    this.config = appConfig.rateLimits ?? defaultRateLimits(true);
    this.localStore = store instanceof MemoryRateLimitStore ? store : new MemoryRateLimitStore(clock);
  }

  /** Counts this request; throws TooManyRequests when a window of the rule is full. Off with RATE_LIMIT=off. */
  async consume(rule: RateLimitRule, subject: string): Promise<void> {
    if (!this.config.enabled) return;
    for (const window of this.config.rules[rule]) {
      const counted = await this.safely(rule, (store) => store.hit(this.key(rule, subject, window), window.windowSeconds * 1000));
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
      const counted = await this.safely(rule, (store) => store.hit(this.key(rule, subject, window), window.windowSeconds * 1000));
      if (counted && counted.count > window.limit) seconds = Math.max(seconds, Math.max(1, Math.ceil(counted.msLeft / 1000)));
    }
    return seconds;
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    for (const window of this.config.rules[rule]) await this.safely(rule, (store) => store.clear(this.key(rule, subject, window)));
  }

  private key(rule: RateLimitRule, subject: string, window: RateWindow): string {
    return `${this.config.keyPrefix}${rule}:${window.windowSeconds}:${subject}`;
  }

  /**
   * Runs `operation` on the shared store; when that fails (the store answers within
   * milliseconds or not at all, see RedisRateLimitStore), the rule's documented fallback
   * decides: `memory` runs it on this instance's memory, `open` lets the request through.
   */
  private async safely<T>(rule: RateLimitRule, operation: (store: RateLimitStore) => Promise<T>): Promise<T | null> {
    try {
      const result = await operation(this.store);
      if (this.outage) this.endOutage();
      return result;
    } catch (error) {
      const fallback = STORE_FAILURE_FALLBACK[rule];
      this.storeFallbacks.inc({ rule, fallback });
      this.noteOutage(error as Error, fallback);
      if (fallback === 'open' || this.localStore === this.store) return null;
      return operation(this.localStore);
    }
  }

  private noteOutage(error: Error, fallback: StoreFailureFallback): void {
    const now = Date.now();
    if (!this.outage) {
      this.outage = { since: now, fallbacks: 0, lastLog: now };
      this.logger.warn(
        `Rate-limit store unavailable (${error.message}): limits fall back until it answers; ` +
          `${describeFallbacks()} (metric loket_rate_limit_store_fallbacks_total)`,
      );
    } else if (now - this.outage.lastLog >= OUTAGE_LOG_INTERVAL_MS) {
      this.outage.lastLog = now;
      this.logger.warn(`Rate-limit store still unavailable (${error.message}): ${this.outage.fallbacks} decisions by the fallback so far (${fallback} now)`);
    }
    this.outage.fallbacks += 1;
  }

  private endOutage(): void {
    const { since, fallbacks } = this.outage!;
    this.outage = null;
    this.logger.log(
      `Rate-limit store answers again after ${Math.round((Date.now() - since) / 1000)} s; ${fallbacks} decisions were taken by the fallback meanwhile`,
    );
  }
}

function describeFallbacks(): string {
  const rules = (fallback: StoreFailureFallback) =>
    Object.entries(STORE_FAILURE_FALLBACK)
      .filter(([, value]) => value === fallback)
      .map(([rule]) => rule)
      .join(', ');
  return `counted in this instance's memory: ${rules('memory')}; let through: ${rules('open') || 'none'}`;
}
