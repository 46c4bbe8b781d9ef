import { Global, Module } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit-store.js';
import { RateLimiter } from './rate-limiter.js';

/** Rate limits for public routes and login; counters in Redis when REDIS_URL is set, else in memory. */
@Global()
@Module({
  providers: [
    {
      provide: RateLimitStore,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) => (config.redisUrl ? new RedisRateLimitStore(config.redisUrl) : new MemoryRateLimitStore(clock)),
    },
    RateLimiter,
    RateLimitGuard,
  ],
  exports: [RateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
