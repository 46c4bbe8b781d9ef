import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PUSH_TTL_SECONDS, pushNoticeOf, pushRetryAt } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig, webhookSettings } from '../config/app-config.js';
import { type DispatchCounts, DispatchLoop } from '../notifications/dispatch-loop.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { type ClaimedPush, PushDeliveriesRepository, type PushDeliveryOutcome } from './push-deliveries.repository.js';
import { PushService } from './push.service.js';

/** How many pushes one instance has in flight at most. */
const IN_FLIGHT = 50;

const OUTCOME_KINDS = ['delivered', 'gone', 'retried', 'failed', 'skipped'] as const;
export type PushRound = DispatchCounts<(typeof OUTCOME_KINDS)[number]>;

/**
 * Sends the web pushes the outbox fanned out (push_deliveries), on the shared dispatch loop
 * (notifications/dispatch-loop.ts): one per API instance, off the request path, so a call
 * never waits for a push service. Claims are short statements; up to IN_FLIGHT pushes are
 * sent side by side (each bounded by PUSH_TIMEOUT_MS), and each outcome is recorded when its
 * send ends, so a slow push service delays the others only once its pushes fill all
 * IN_FLIGHT places. It runs on the webhook dispatcher's interval (WEBHOOK_DISPATCH_MS), and
 * soon after any change an office publishes.
 *
 * At-least-once: a crash after a push service took a message but before the outcome was
 * recorded sends it again after the lease; the notification's tag (one per ticket) makes the
 * phone show it once. A "3 antrean lagi" for a ticket already called is skipped, and nothing
 * older than its time to live (15 min) is sent.
 */
@Injectable()
export class PushDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly intervalMs: number;
  private readonly loop: DispatchLoop<ClaimedPush, PushDeliveryOutcome | 'gone', (typeof OUTCOME_KINDS)[number]>;

  constructor(
    private readonly deliveries: PushDeliveriesRepository,
    private readonly push: PushService,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.intervalMs = webhookSettings(config).dispatchIntervalMs;
    this.loop = new DispatchLoop(
      {
        outcomeKinds: OUTCOME_KINDS,
        inFlight: IN_FLIGHT,
        claim: (now, leaseUntil, limit) => this.deliveries.claim(now, leaseUntil, limit),
        send: (push, now) => this.send(push, now),
        // A push whose browser is gone was deleted with its subscription: nothing left to record.
        record: (outcomes, now) =>
          this.deliveries.record(
            outcomes.filter((outcome): outcome is PushDeliveryOutcome => outcome !== 'gone'),
            now,
          ),
        kindOf: (outcome) => (outcome === 'gone' ? 'gone' : outcome.status === 'pending' ? 'retried' : outcome.status),
        officesWanting: () => this.deliveries.officesWanting(),
      },
      new Logger('Push'),
      () => this.clock.now(),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start(this.intervalMs, (listener) => this.moduleRef.get(OfficeEventsPublisher, { strict: false }).onPublish(listener));
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends until nothing is due at `now` (tests, and a drain). */
  drain(now: Date = this.clock.now()): Promise<PushRound> {
    return this.loop.drain(now);
  }

  /** One claim, its sends, and their outcomes recorded. */
  round(now: Date = this.clock.now()): Promise<PushRound> {
    return this.loop.round(now);
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
