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

/**
 * Counters in Redis: INCR plus PEXPIRE NX in one MULTI, so the window starts at the first
 * hit and the key expires by itself. Commands fail fast when Redis is unreachable (no
 * offline queue) and the caller lets the request through: a limiter outage must not take
 * the kiosks down with it.
 */
export class RedisRateLimitStore extends RateLimitStore implements OnModuleInit, OnModuleDestroy {
  private readonly client: ReturnType<typeof createClient>;
  private readonly logger = new Logger('RateLimit');

  constructor(url: string) {
    super();
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.client.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, , ttl] = await this.client.multi().incr(key).pExpire(key, windowMs, 'NX').pTTL(key).exec();
    return { count: Number(count), msLeft: Math.max(0, Number(ttl)) };
  }

  async peek(key: string): Promise<WindowCount | null> {
    const [count, ttl] = await this.client.multi().get(key).pTTL(key).exec();
    return count === null ? null : { count: Number(count), msLeft: Math.max(0, Number(ttl)) };
  }

  async clear(key: string): Promise<void> {
    await this.client.del(key);
  }
}
