import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createClient } from 'redis';
import { Clock } from '../clock/clock.js';

/** A fixed-window counter: how many hits in the current window, and when it ends. */
export interface WindowCount {
  count: number;
  msLeft: number;
}

/**
 * Where rate-limit and login-failure counters live. In memory for one instance; in Redis
 * (REDIS_URL) so every instance behind the load balancer counts against the same limit.
 */
export abstract class RateLimitStore {
  /** Counts one hit in the window `key`, starting the window at the first hit. */
  abstract hit(key: string, windowMs: number): Promise<WindowCount>;
  abstract peek(key: string): Promise<WindowCount | null>;
  abstract clear(key: string): Promise<void>;
}

// Bounds memory under a spray of made-up keys (IPs, usernames); expired entries go first.
const MAX_MEMORY_KEYS = 100_000;

export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly clock: Clock) {
    super();
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (this.windows.size >= MAX_MEMORY_KEYS) this.evict(now);
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, msLeft: window.endsAt - now };
  }

  async peek(key: string): Promise<WindowCount | null> {
    const now = this.clock.now().getTime();
    const window = this.windows.get(key);
    return window && window.endsAt > now ? { count: window.count, msLeft: window.endsAt - now } : null;
  }

  async clear(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private evict(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    // Still full of live windows: drop the oldest rather than grow without bound.
    while (this.windows.size >= MAX_MEMORY_KEYS) this.windows.delete(this.windows.keys().next().value!);
  }
}

/** The shared store did not answer in time, or cannot be reached: the caller applies the rule's fallback. */
export class RateLimitStoreUnavailable extends Error {}

// A limit decision waits at most this long for Redis, which answers a healthy INCR in well under a millisecond.
const REDIS_COMMAND_TIMEOUT_MS = 200;
// After a failure, Redis is left alone this long: every decision meanwhile goes to the fallback at once.
const REDIS_RETRY_AFTER_MS = 5_000;
// The client's own reconnect errors, once per this interval instead of at every attempt.
const REDIS_ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * Counters in Redis: INCR plus PEXPIRE NX in one MULTI, so the window starts at the first
 * hit and the key expires by itself. A rate limit must never make a request wait for Redis:
 * a command fails at once while the client is not connected (no offline queue), fails after
 * REDIS_COMMAND_TIMEOUT_MS when a connected Redis does not answer (a frozen server never
 * closes the socket), and after any failure Redis is not asked again for REDIS_RETRY_AFTER_MS.
 * Failures throw RateLimitStoreUnavailable; RateLimiter decides what each limit does then.
 * Time here is the machine's real time, not the product's clock: it measures the network.
 */
export class RedisRateLimitStore extends RateLimitStore implements OnModuleInit, OnModuleDestroy {
  private readonly client: ReturnType<typeof createClient>;
  private readonly logger = new Logger('RateLimit');
  private unavailableUntil = 0;
  private lastErrorLog = 0;

  constructor(url: string) {
    super();
    this.client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2_000 } });
    this.client.on('error', (error: Error) => {
      const now = Date.now();
      if (now - this.lastErrorLog < REDIS_ERROR_LOG_INTERVAL_MS) return;
      this.lastErrorLog = now;
      this.logger.warn(`Redis (rate-limit store): ${error.message}`);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.client.connect();
  }

  async onModuleDestroy(): Promise<void> {
    // quit() waits for Redis to answer; a Redis that is gone or frozen would hold the shutdown.
    await this.bounded(() => this.client.quit()).catch(() => undefined);
    if (this.client.isOpen) this.client.destroy();
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, , ttl] = await this.bounded(() => this.client.multi().incr(key).pExpire(key, windowMs, 'NX').pTTL(key).exec());
    return { count: Number(count), msLeft: Math.max(0, Number(ttl)) };
  }

  async peek(key: string): Promise<WindowCount | null> {
    const [count, ttl] = await this.bounded(() => this.client.multi().get(key).pTTL(key).exec());
    return count === null ? null : { count: Number(count), msLeft: Math.max(0, Number(ttl)) };
  }

  async clear(key: string): Promise<void> {
    await this.bounded(() => this.client.del(key));
  }

  private async bounded<T>(send: () => Promise<T>): Promise<T> {
    if (!this.client.isReady) throw new RateLimitStoreUnavailable('Redis is not connected');
    if (Date.now() < this.unavailableUntil) throw new RateLimitStoreUnavailable('Redis failed a moment ago; not asked again yet');
    const command = send();
    // A reply that comes after the timeout must not surface as an unhandled rejection.
    command.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        command,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new RateLimitStoreUnavailable(`Redis did not answer within ${REDIS_COMMAND_TIMEOUT_MS} ms`)),
            REDIS_COMMAND_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.unavailableUntil = Date.now() + REDIS_RETRY_AFTER_MS;
      throw error instanceof RateLimitStoreUnavailable ? error : new RateLimitStoreUnavailable(`Redis: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
