import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  type BookingReminderKind,
  DEFAULT_RETRY_POLICY,
  NOTIFICATION_VERSION,
  type NotificationType,
  WEBHOOK_DELIVERY_KEEP_MS,
  dueBookingReminder,
  forecastWaitFor,
  nearTickets,
  nextAttemptAt,
  webhookBody,
  webhookId,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig, type WebhookSettings, webhookSettings } from '../config/app-config.js';
import { WaitForecastService } from '../forecast/wait-forecast.service.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { type DispatchCounts, DispatchLoop } from './dispatch-loop.js';
import { OutboxRepository } from './outbox.repository.js';
import { postWebhook } from './webhook-sender.js';
import { type ClaimedDelivery, type DeliveryOutcome, WebhooksRepository } from './webhooks.repository.js';

/** How many sends one instance has in flight at most, to all endpoints. */
const IN_FLIGHT = 32;
/**
 * How many sends one instance has in flight to one endpoint at most: a slow endpoint holds
 * this many of the instance's sends for its timeout, and the others go on.
 */
export const IN_FLIGHT_PER_ENDPOINT = 8;
/** The near scan, the reminder scan and the pruning run at most this often (real time). */
const NEAR_SCAN_EVERY_MS = 2_000;
const REMINDER_SCAN_EVERY_MS = 30_000;
const PRUNE_EVERY_MS = 60 * 60_000;

const OUTCOME_KINDS = ['delivered', 'retried', 'failed', 'skipped'] as const;
export type DispatchRound = DispatchCounts<(typeof OUTCOME_KINDS)[number]>;

/**
 * Sends the outbox's webhook deliveries, on the shared dispatch loop (dispatch-loop.ts): one
 * per API instance, off the request path. Claims are short statements (on PGlite, whose one
 * connection serialises everything, issuing and calls wait for at most one), each endpoint
 * has at most IN_FLIGHT_PER_ENDPOINT sends in flight, and each outcome is recorded when its
 * send ends: an endpoint that answers slowly, or not at all until the timeout, delays only
 * its own deliveries, never another endpoint's, nor an issue or a call. A failed send is tried again on the backoff of libs/domain with the same
 * webhook-id, and given up after 24 h (the supervisor scan then raises a "webhook failing"
 * alert). Before its rounds it writes the `ticket.near` and `booking.reminder` events now due.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly settings: WebhookSettings;
  private readonly loop: DispatchLoop<ClaimedDelivery, DeliveryOutcome, (typeof OUTCOME_KINDS)[number]>;
  private lastNearScan = -Infinity;
  private lastReminderScan = -Infinity;
  private lastPrune = -Infinity;

  constructor(
    private readonly db: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly forecasts: WaitForecastService,
    private readonly offices: OfficesService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = webhookSettings(config);
    this.loop = new DispatchLoop(
      {
        outcomeKinds: OUTCOME_KINDS,
        inFlight: IN_FLIGHT,
        claim: (now, leaseUntil, limit, officeId, busy) => this.webhooks.claim(now, leaseUntil, limit, officeId, busy, IN_FLIGHT_PER_ENDPOINT),
        laneOf: (delivery) => delivery.endpoint_id,
        send: (delivery, now) => (delivery.stale ? Promise.resolve(this.skip(delivery, now)) : this.send(delivery, now)),
        record: (outcomes) => this.webhooks.record(outcomes),
        kindOf: (outcome) => (outcome.status === 'pending' ? 'retried' : outcome.status),
        beforeRounds: () => this.housekeeping(),
        officesWanting: () => this.webhooks.officesWanting(),
      },
      new Logger('Webhooks'),
      () => this.clock.now(),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start(this.settings.dispatchIntervalMs, (listener) => this.moduleRef.get(OfficeEventsPublisher, { strict: false }).onPublish(listener));
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** The timer's work before its rounds: the near and reminder scans now and then, and the pruning. */
  private async housekeeping(): Promise<void> {
    const real = performance.now();
    if (real - this.lastNearScan >= NEAR_SCAN_EVERY_MS) {
      this.lastNearScan = real;
      await this.scanNear();
    }
    if (real - this.lastReminderScan >= REMINDER_SCAN_EVERY_MS) {
      this.lastReminderScan = real;
      await this.scanReminders();
    }
    if (real - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = real;
      await this.prune();
    }
  }

  /**
   * Sends until nothing is due at `now`, in one office when `officeId` is given (tests: on a
   * shared PostgreSQL, each drains its own office, whatever the other suites' clocks say).
   */
  drain(now: Date = this.clock.now(), officeId: string | null = null): Promise<DispatchRound> {
    return this.loop.drain(now, officeId);
  }

  /** How many of this instance's sends are claimed and not yet recorded (or being claimed). */
  get inFlight(): number {
    return this.loop.inFlight;
  }

  /** One claim, its sends, and their outcomes recorded. */
  round(now: Date = this.clock.now(), officeId: string | null = null): Promise<DispatchRound> {
    return this.loop.round(now, officeId);
  }

  private skip(delivery: ClaimedDelivery, now: Date): DeliveryOutcome {
    return {
      id: delivery.id,
      status: 'skipped',
      next_attempt_at: null,
      last_status: null,
      last_error: 'ticket no longer waiting',
      last_response: null,
      finished_at: now,
    };
  }

  private async send(delivery: ClaimedDelivery, now: Date): Promise<DeliveryOutcome> {
    const type = delivery.type as NotificationType;
    const body = JSON.stringify({
      ...webhookBody(type, delivery.occurred_at, delivery.data as never),
      version: delivery.version ?? NOTIFICATION_VERSION[type],
    });
    const secrets = [delivery.secret];
    if (delivery.previous_secret && delivery.previous_secret_until && delivery.previous_secret_until.getTime() > now.getTime())
      secrets.push(delivery.previous_secret);
    // webhook-timestamp is the wall clock's: receivers check it against theirs to refuse replays.
    const result = await postWebhook(
      { url: delivery.url, id: webhookId(delivery.event_id), timestampSeconds: Math.floor(Date.now() / 1000), body, secrets },
      { timeoutMs: this.settings.timeoutMs, allowPrivate: this.settings.allowPrivate },
    );
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const error = result.error ?? (ok ? null : `HTTP ${result.status}`);
    if (ok) {
      return {
        id: delivery.id,
        status: 'delivered',
        next_attempt_at: null,
        last_status: result.status,
        last_error: null,
        last_response: result.response,
        finished_at: now,
      };
    }
    const next = nextAttemptAt(delivery.first_due_at.getTime(), now.getTime(), delivery.attempts, Math.random(), DEFAULT_RETRY_POLICY);
    return {
      id: delivery.id,
      status: next === null ? 'failed' : 'pending',
      next_attempt_at: next === null ? null : new Date(next),
      last_status: result.status,
      last_error: error,
      last_response: result.response,
      finished_at: next === null ? now : null,
    };
  }

  /** Writes `ticket.near` for the waiting tickets the domain rule picks, in offices where someone wants it. */
  async scanNear(now: Date = this.clock.now()): Promise<number> {
    let written = 0;
    for (const row of await this.outbox.nearOffices(this.db.manager)) {
      const candidates = await this.outbox.nearCandidates(this.db.manager, row.id);
      if (candidates.length === 0) continue;
      const office = await this.offices.byId(row.id);
      const forecast = await this.forecasts.forOffice(office);
      const judged = candidates.map((c) => ({
        id: c.id,
        ahead: c.ahead,
        estimatedWaitMinutes: forecastWaitFor(forecast, { id: c.id, serviceId: c.service_id, priority: c.priority as never }, now.getTime()),
        notified: false,
      }));
      const near = nearTickets(judged, { aheadAtMost: row.near_ahead, withinMinutes: row.near_minutes });
      written += await this.outbox.nearNotices(
        this.db.manager,
        row.id,
        near.map((t) => ({ id: t.id, ahead: t.ahead, estimate: t.estimatedWaitMinutes })),
        now,
      );
    }
    return written;
  }

  /**
   * Writes the `booking.reminder` events due at `now` (libs/domain `dueBookingReminder`): the
   * day before at the office's hour, and an hour before the slot, each once.
   */
  async scanReminders(now: Date = this.clock.now(), officeId: string | null = null): Promise<number> {
    const due: { id: string; kind: BookingReminderKind }[] = [];
    for (const row of await this.outbox.reminderCandidates(this.db.manager, now, officeId)) {
      const booking = { day: row.day, startsAt: row.slot_starts_at.getTime(), createdAt: row.created_at.getTime() };
      const kind = dueBookingReminder(booking, row.reminder_hour, row.time_zone, now.getTime());
      if (kind) due.push({ id: row.id, kind });
    }
    return this.outbox.reminderNotices(this.db.manager, due, now);
  }

  /** Drops deliveries (and their events) older than 30 days. */
  async prune(now: Date = this.clock.now()): Promise<{ deliveries: number; events: number }> {
    return this.webhooks.prune(new Date(now.getTime() - WEBHOOK_DELIVERY_KEEP_MS));
  }
}
