import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import webpush from 'web-push';
import {
  NotFoundError,
  PUSH_SUBSCRIPTION_HOURS,
  PUSH_TTL_SECONDS,
  type PushLanguage,
  type PushKeyView,
  type PushNotice,
  type PushSubscribedView,
  type PushSubscriptionInput,
  RuleError,
  assertPushSubscription,
  pushMessage,
  pushSubscriptionExpiry,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig, DEFAULT_VAPID_SUBJECT } from '../config/app-config.js';
import { postOutbound } from '../notifications/outbound-post.js';
import { PushSubscriptionsRepository } from './push-subscriptions.repository.js';
import { type VapidKeys, keptVapidKeys } from './vapid-keys.js';

/** How long one push service may take to answer before the message counts as not delivered. */
export const PUSH_TIMEOUT_MS = 5_000;
/** What became of one push to one browser: delivered, the browser gone (404/410: its subscription is deleted), or failed (try again). */
export type PushResult = { outcome: 'delivered' | 'gone' | 'failed'; status: number | null };

/** A subscription as sending needs it. */
export interface PushRecipient {
  endpoint: string;
  p256dh: string;
  auth: string;
  language: PushLanguage;
}

/**
 * Web push to the citizen's phone (issue 18). The `web-push` library encrypts each message
 * for the browser's keys (RFC 8291, aes128gcm) and signs the VAPID header (RFC 8292); this
 * service keeps the subscriptions and posts the request itself (`postOutbound`: a timeout, no
 * redirects followed, the answer's body not read, and the resolved address checked at connect
 * time), so a slow push service costs a delivery its timeout and nothing else.
 */
@Injectable()
export class PushService implements OnModuleInit {
  private readonly logger = new Logger('Push');
  private keys: VapidKeys | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.keys = this.config.push?.vapidKeys ?? (await keptVapidKeys(this.config.dataDir));
  }

  publicKey(): PushKeyView {
    return { publicKey: this.vapidKeys().publicKey };
  }

  /** Subscribes a browser to a ticket by its tracking code (the phone page `/t/:code`). */
  async subscribeTicket(trackingCode: string, input: PushSubscriptionInput): Promise<PushSubscribedView> {
    this.check(input);
    const now = this.clock.now();
    const ticket = await this.subscriptions.ticket(trackingCode);
    if (!ticket) throw new NotFoundError('No ticket with this tracking code');
    const expiresAt = pushSubscriptionExpiry({ kind: 'ticket', status: ticket.status, issuedAt: ticket.issued_at.getTime() }, now.getTime());
    await this.subscriptions.subscribe({ officeId: ticket.office_id, ticketId: ticket.id }, input, now);
    await this.prune(now);
    return { expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Subscribes a browser to a booking by its code (the booking page `/b/:code`): told about the ticket it becomes at check-in. */
  async subscribeBooking(code: string, input: PushSubscriptionInput): Promise<PushSubscribedView> {
    this.check(input);
    const now = this.clock.now();
    const booking = await this.subscriptions.booking(code);
    if (!booking) throw new RuleError('booking_not_found', 'No booking with this code');
    const ticket = booking.ticket_status && booking.ticket_issued_at ? { status: booking.ticket_status, issuedAt: booking.ticket_issued_at.getTime() } : null;
    const expiresAt = pushSubscriptionExpiry({ kind: 'booking', status: booking.status, slotEndsAt: booking.slot_ends_at.getTime(), ticket }, now.getTime());
    await this.subscriptions.subscribe({ officeId: booking.office_id, bookingId: booking.id }, input, now);
    await this.prune(now);
    return { expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Sends `notice` to one browser, in the language it subscribed in, linking to `url`. A 404
   * or 410 from its push service means the browser dropped the subscription: it is deleted
   * (with every pending push to it). The caller (PushDispatcher) decides whether a failure
   * is tried again.
   */
  async send(recipient: PushRecipient, notice: PushNotice, url: string, ticketId: string): Promise<PushResult> {
    const message = pushMessage(notice, recipient.language, url, ticketId);
    const status = await this.post(recipient, JSON.stringify(message), notice.kind === 'called' ? 'high' : 'normal');
    if (status === 404 || status === 410) {
      await this.subscriptions.removeEndpoint(recipient.endpoint);
      return { outcome: 'gone', status };
    }
    if (status !== null && status >= 200 && status < 300) return { outcome: 'delivered', status };
    this.logger.warn(`A push service answered ${status ?? 'nothing'} for ticket ${ticketId}`);
    return { outcome: 'failed', status };
  }

  /** One encrypted, signed message to one push service: its HTTP status, or null when it did not answer in time. */
  private async post(subscription: { endpoint: string; p256dh: string; auth: string }, payload: string, urgency: 'high' | 'normal'): Promise<number | null> {
    const keys = this.vapidKeys();
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      payload,
      {
        vapidDetails: { subject: this.config.push?.vapidSubject ?? DEFAULT_VAPID_SUBJECT, publicKey: keys.publicKey, privateKey: keys.privateKey },
        contentEncoding: 'aes128gcm',
        TTL: PUSH_TTL_SECONDS,
        urgency,
      },
    );
    // Through the webhook sender's guard: a push endpoint whose name resolves to a local address is refused at connect time.
    const result = await postOutbound(
      request.endpoint,
      { headers: request.headers as Record<string, string>, body: request.body },
      { timeoutMs: PUSH_TIMEOUT_MS, allowPrivate: this.config.push?.allowLocalEndpoints ?? false, keepBytes: 0 },
    );
    return result.status;
  }

  private check(input: PushSubscriptionInput): void {
    assertPushSubscription(input, this.config.push?.allowLocalEndpoints ?? false);
  }

  /** Subscriptions go with their ticket or booking: the lapsed ones are cleared as new ones come. */
  private prune(now: Date): Promise<void> {
    return this.subscriptions.pruneExpired(new Date(now.getTime() - PUSH_SUBSCRIPTION_HOURS * 3_600_000));
  }

  private vapidKeys(): VapidKeys {
    if (!this.keys) throw new Error('The VAPID keys are read when the module starts');
    return this.keys;
  }
}
