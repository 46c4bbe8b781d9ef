import type { BookingStatus } from './booking.js';
import { RuleError } from './errors.js';
import { type TicketStatus, isOpenStatus } from './ticket-lifecycle.js';
import { MINUTE_MS } from './time.js';

/**
 * Web push to the citizen's phone (issue 18): what a subscription must look like, and the
 * text of each notification in Indonesian and English. The API sends it through the
 * `web-push` library; the display app's service worker shows it as it comes.
 */

/** The languages a notification is written in: the phone page's own. */
export const PUSH_LANGUAGES = ['id', 'en'] as const;
export type PushLanguage = (typeof PUSH_LANGUAGES)[number];

/** What the phone page sends to subscribe: the browser's PushSubscription, and its language. */
export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  language: PushLanguage;
}

/** The public VAPID key the browser subscribes with (`applicationServerKey`). */
export interface PushKeyView {
  publicKey: string;
}

export interface PushSubscribedView {
  /** When the subscription lapses at the latest (it goes with its ticket or booking). */
  expiresAt: string;
}

/** What a notification is about. */
export type PushNotice = { kind: 'near'; number: string; ahead: number } | { kind: 'called'; number: string; counterName: string; recall: boolean };

/** The push message's JSON, as the service worker reads it. */
export interface PushMessage {
  title: string;
  body: string;
  /** Where a tap on the notification goes: the ticket page, same-origin path. */
  url: string;
  /** One notification per ticket on the phone: a call replaces "3 antrean lagi". */
  tag: string;
  /** A vibration pattern (ms) for a call; empty for the rest. */
  vibrate: number[];
  lang: PushLanguage;
}

/** Buzz-pause-buzz-pause-long buzz: felt in a pocket. */
export const CALL_VIBRATION = [300, 100, 300, 100, 600];

const TEXT: Record<
  PushLanguage,
  { near: (n: PushNotice & { kind: 'near' }) => [string, string]; called: (n: PushNotice & { kind: 'called' }) => [string, string] }
> = {
  id: {
    near: ({ number, ahead }) => [`${number}: ${ahead} antrean lagi`, 'Bersiaplah, giliran Anda sebentar lagi.'],
    called: ({ number, counterName, recall }) => [
      `${number} dipanggil ke ${counterName}`,
      recall ? 'Panggilan ulang: silakan segera menuju loket.' : 'Silakan menuju loket sekarang.',
    ],
  },
  en: {
    near: ({ number, ahead }) => [`${number}: ${ahead} ${ahead === 1 ? 'ticket' : 'tickets'} to go`, 'Get ready: your turn is coming soon.'],
    called: ({ number, counterName, recall }) => [
      `${number} is called to ${counterName}`,
      recall ? 'Called again: please go to the counter now.' : 'Please go to the counter now.',
    ],
  },
};

/** The notification for `notice`, in `language`, opening `url` when tapped. */
export function pushMessage(notice: PushNotice, language: PushLanguage, url: string, ticketId: string): PushMessage {
  const [title, body] = notice.kind === 'near' ? TEXT[language].near(notice) : TEXT[language].called(notice);
  return { title, body, url, tag: `ticket-${ticketId}`, vibrate: notice.kind === 'called' ? CALL_VIBRATION : [], lang: language };
}

/** A P-256 public key, uncompressed (65 bytes, first 0x04), in unpadded base64url: 87 characters starting with B. */
const P256DH = /^B[A-Za-z0-9_-]{86}$/;
/** The 16-byte auth secret in unpadded base64url. */
const AUTH = /^[A-Za-z0-9_-]{22}$/;

/**
 * Checks a subscription before it is kept. The server will POST to its endpoint, so the
 * endpoint must look like a push service: https, a host name (no address literal, no
 * localhost), unless `allowLocal` (PUSH_ALLOW_LOCAL_ENDPOINTS: tests and development, where
 * the push service is a local receiver over plain http).
 */
export function assertPushSubscription(input: PushSubscriptionInput, allowLocal: boolean): void {
  // scheme://authority/…, read by hand: the domain has no URL class (no DOM, no Node).
  const parts = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]+)(?:[/?#]\S*)?$/i.exec(input.endpoint);
  if (!parts) throw new RuleError('push_endpoint_refused', 'The push endpoint is not a URL');
  const scheme = parts[1].toLowerCase();
  const authority = parts[2];
  if (authority.includes('@')) throw new RuleError('push_endpoint_refused', 'The push endpoint must not carry credentials');
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0];
  if (scheme !== 'https' && !(allowLocal && scheme === 'http')) {
    throw new RuleError('push_endpoint_refused', allowLocal ? 'The push endpoint must be an http(s) URL' : 'The push endpoint must be an https URL');
  }
  if (!allowLocal && isLocalHost(host))
    throw new RuleError('push_endpoint_refused', 'The push endpoint must be a push service on the internet, not an address');
  if (!P256DH.test(input.keys.p256dh) || !AUTH.test(input.keys.auth)) {
    throw new RuleError('push_keys_invalid', 'The subscription keys must be a P-256 public key (65 bytes) and a 16-byte auth secret, in base64url');
  }
}

/** An IP literal or a name that stays on this machine or network: never a push service. */
function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host.startsWith('[') || /^[0-9.]+$/.test(host) || !/^[a-z0-9.-]+$/.test(host)) return true;
  if (!host.includes('.')) return true;
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal');
}

/** How long after its ticket was issued (or its booked slot ended) a subscription lapses: tickets live within their day. */
export const PUSH_SUBSCRIPTION_HOURS = 24;

/** What a subscription is for, as far as its life goes. */
export type PushTarget =
  | { kind: 'ticket'; status: TicketStatus; issuedAt: number }
  | { kind: 'booking'; status: BookingStatus; slotEndsAt: number; ticket: { status: TicketStatus; issuedAt: number } | null };

/**
 * When a new subscription for `target` lapses; refused (`push_ticket_over`) when nothing is
 * left to tell: the ticket is over (done, cancelled, no-show), the booking cancelled or past.
 */
export function pushSubscriptionExpiry(target: PushTarget, now: number): number {
  const ticket = target.kind === 'ticket' ? target : target.ticket;
  if (target.kind === 'booking' && target.status === 'cancelled') throw new RuleError('push_ticket_over', 'This booking is cancelled');
  if (ticket && !isOpenStatus(ticket.status)) throw new RuleError('push_ticket_over', `This ticket is ${ticket.status}: there is nothing left to notify`);
  const from = ticket ? ticket.issuedAt : (target as { slotEndsAt: number }).slotEndsAt;
  const expiresAt = from + PUSH_SUBSCRIPTION_HOURS * 60 * MINUTE_MS;
  if (expiresAt <= now) throw new RuleError('push_ticket_over', 'This ticket or booking is past');
  return expiresAt;
}

/** How long a push service keeps a message for an offline phone, and how long Loket tries: past this a "3 antrean lagi" is stale. */
export const PUSH_TTL_SECONDS = 15 * 60;

/** The waits before sending a failed push again (a push service down, a timeout): then it is given up. */
export const PUSH_RETRY_DELAYS_MS = [10_000, 60_000, 300_000] as const;

/**
 * When to try a failed push again after `attempts` tries, or null to give up: after the
 * last delay, or when the retry would land past the message's time to live.
 */
export function pushRetryAt(attempts: number, occurredAt: number, now: number): number | null {
  const delay = PUSH_RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) return null;
  const at = now + delay;
  return at - occurredAt > PUSH_TTL_SECONDS * 1000 ? null : at;
}

/** The notification events a citizen's phone is told about. */
export const PUSH_NOTIFICATIONS = ['ticket.near', 'ticket.called', 'ticket.recalled'] as const;

/** What a push needs of a `ticket.*` notification's payload (`TicketNotificationData` of notifications.ts). */
export interface PushSource {
  ticket: { number: string };
  counter: { name: string } | null;
  ahead: number | null;
}

/** The notice for a notification event, or null when it is not one a phone is told about (or lacks what it needs). */
export function pushNoticeOf(type: string, data: PushSource): PushNotice | null {
  if (type === 'ticket.near') return data.ahead === null ? null : { kind: 'near', number: data.ticket.number, ahead: data.ahead };
  if (type === 'ticket.called' || type === 'ticket.recalled') {
    return data.counter ? { kind: 'called', number: data.ticket.number, counterName: data.counter.name, recall: type === 'ticket.recalled' } : null;
  }
  return null;
}
