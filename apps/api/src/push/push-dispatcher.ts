import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PUSH_TTL_SECONDS, pushNoticeOf, pushRetryAt } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { SkipWhileRunning } from '../common/single-flight.js';
import { APP_CONFIG, type AppConfig, webhookSettings } from '../config/app-config.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { type ClaimedPush, PushDeliveriesRepository, type PushDeliveryOutcome } from './push-deliveries.repository.js';
import { PushService } from './push.service.js';

/** How many pushes one round claims and sends side by side. */
const BATCH = 50;
/** How long a claim is held before another instance may take it over: well past a send's timeout. */
const LEASE_MS = 60_000;

export interface PushRound {
  claimed: number;
  delivered: number;
  gone: number;
  retried: number;
  failed: number;
  skipped: number;
}

/**
 * Sends the web pushes the outbox fanned out (push_deliveries): one per API instance, off the
 * request path, so a call never waits for a push service. Each round claims due pushes in one
 * short statement (`FOR UPDATE SKIP LOCKED` and a lease: instances share the work, and none
 * holds a transaction across a send), sends them side by side (each bounded by
 * PUSH_TIMEOUT_MS), and records the outcomes in one more statement. It runs on the webhook
 * dispatcher's interval (WEBHOOK_DISPATCH_MS), and soon after any change an office publishes.
 *
 * At-least-once: a crash after a push service took a message but before the outcome was
 * recorded sends it again after the lease; the notification's tag (one per ticket) makes the
 * phone show it once. A "3 antrean lagi" for a ticket already called is skipped, and nothing
 * older than its time to live (15 min) is sent.
 */
@Injectable()
export class PushDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Push');
  private readonly intervalMs: number;
  private readonly rounds = new SkipWhileRunning();
  private timer: ReturnType<typeof setInterval> | undefined;
  private kicked: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly deliveries: PushDeliveriesRepository,
    private readonly push: PushService,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.intervalMs = webhookSettings(config).dispatchIntervalMs;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    // A change in an office may have written to the outbox: look soon rather than at the next tick.
    this.moduleRef.get(OfficeEventsPublisher, { strict: false }).onPublish(() => {
      if (this.kicked === undefined && !this.stopped) {
        this.kicked = setTimeout(() => {
          this.kicked = undefined;
          this.kick();
        }, 50);
        this.kicked.unref();
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.kicked);
    await this.running.catch(() => undefined);
  }

  private kick(): void {
    if (this.stopped) return;
    this.running = this.rounds
      .run(async () => {
        while (!this.stopped && (await this.round()).claimed === BATCH);
      })
      .catch((error: unknown) => this.logger.error(`Push round failed: ${String(error)}`));
  }

  /** Sends until nothing is due at `now` (tests, and a drain). */
  async drain(now: Date = this.clock.now()): Promise<PushRound> {
    const total: PushRound = { claimed: 0, delivered: 0, gone: 0, retried: 0, failed: 0, skipped: 0 };
    for (;;) {
      const round = await this.round(now);
      for (const key of Object.keys(total) as (keyof PushRound)[]) total[key] += round[key];
      if (round.claimed === 0) return total;
    }
  }

  /** One round: claim, send side by side, record. */
  async round(now: Date = this.clock.now()): Promise<PushRound> {
    const claimed = await this.deliveries.claim(now, new Date(now.getTime() + LEASE_MS), BATCH);
    const round: PushRound = { claimed: claimed.length, delivered: 0, gone: 0, retried: 0, failed: 0, skipped: 0 };
    const outcomes = await Promise.all(claimed.map((push) => this.send(push, now)));
    await this.deliveries.record(
      outcomes.filter((outcome): outcome is PushDeliveryOutcome => outcome !== 'gone'),
      now,
    );
    for (const outcome of outcomes) {
      if (outcome === 'gone') round.gone += 1;
      else if (outcome.status === 'pending') round.retried += 1;
      else round[outcome.status] += 1;
    }
    return round;
  }

  private async send(push: ClaimedPush, now: Date): Promise<PushDeliveryOutcome | 'gone'> {
    const notice = pushNoticeOf(push.type, push.data);
    const stale =
      notice === null || now.getTime() - push.occurred_at.getTime() > PUSH_TTL_SECONDS * 1000 || (notice.kind === 'near' && push.ticket_status !== 'waiting');
    if (stale) return { id: push.id, status: 'skipped', next: null, last_status: null };
    const result = await this.push.send(push, notice, push.data.link, push.ticket_id);
    if (result.outcome === 'gone') return 'gone';
    if (result.outcome === 'delivered') return { id: push.id, status: 'delivered', next: null, last_status: result.status };
    const next = pushRetryAt(push.attempts, push.occurred_at.getTime(), now.getTime());
    return { id: push.id, status: next === null ? 'failed' : 'pending', next: next === null ? null : new Date(next), last_status: result.status };
  }
}
