/**
 * What Loket tells the world outside it: the catalogue of notification events (webhooks to
 * an office's WhatsApp/SMS gateway, web push to a citizen's phone), their payloads, when a
 * ticket is "near", and the pure parts of delivering a webhook (Standard Webhooks signing
 * input, the retry schedule, which addresses an endpoint may not point at).
 */
import { nextDay } from './calendar.js';
import { localTimeToInstant } from './counter-schedule.js';
import type { FieldProblem } from './admin.js';
import { TicketEventType } from './realtime.js';
import { type AlertCandidate, AlertKind } from './supervision-alerts.js';

/** Every event a webhook endpoint or a push subscription can receive. */
export const NotificationType = {
  ticketIssued: 'ticket.issued',
  ticketNear: 'ticket.near',
  ticketCalled: 'ticket.called',
  ticketRecalled: 'ticket.recalled',
  ticketNoShow: 'ticket.no_show',
  ticketDone: 'ticket.done',
  bookingCreated: 'booking.created',
  bookingRescheduled: 'booking.rescheduled',
  bookingCancelled: 'booking.cancelled',
  bookingReminder: 'booking.reminder',
  officeClosedUnexpectedly: 'office.closed_unexpectedly',
  alertRaised: 'alert.raised',
  complaintUpdated: 'complaint.updated',
  /** Sent only by "send test event" in the admin view; no endpoint subscribes to it. */
  test: 'webhook.test',
} as const;
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];

/** The events an endpoint may subscribe to (all but the test event). */
export const NOTIFICATION_TYPES: readonly NotificationType[] = Object.values(NotificationType).filter((type) => type !== NotificationType.test);

/**
 * The version of each event's payload. A receiver reads `version` from the body; a change
 * that removes or renames a field raises it, an added field does not.
 */
export const NOTIFICATION_VERSION: Record<NotificationType, number> = {
  'ticket.issued': 1,
  'ticket.near': 1,
  'ticket.called': 1,
  'ticket.recalled': 1,
  'ticket.no_show': 1,
  'ticket.done': 1,
  'booking.created': 1,
  'booking.rescheduled': 1,
  'booking.cancelled': 1,
  'booking.reminder': 1,
  'office.closed_unexpectedly': 1,
  'alert.raised': 1,
  'complaint.updated': 1,
  'webhook.test': 1,
};

/** Events that only staff may receive: never sent to a citizen's phone. */
export const STAFF_ONLY_NOTIFICATIONS: readonly NotificationType[] = [NotificationType.alertRaised];

export function isNotificationType(value: unknown): value is NotificationType {
  return typeof value === 'string' && (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

/** Which ticket events a citizen hears about; the others (start, transfer, …) are the office's own business. */
const NOTIFICATION_OF_TICKET_EVENT: Partial<Record<TicketEventType, NotificationType>> = {
  [TicketEventType.issued]: NotificationType.ticketIssued,
  [TicketEventType.called]: NotificationType.ticketCalled,
  [TicketEventType.recalled]: NotificationType.ticketRecalled,
  [TicketEventType.noShow]: NotificationType.ticketNoShow,
  [TicketEventType.finished]: NotificationType.ticketDone,
};

/** The notification a ticket event raises, or null when it raises none. */
export function notificationForTicketEvent(type: TicketEventType): NotificationType | null {
  return NOTIFICATION_OF_TICKET_EVENT[type] ?? null;
}

/** The office, as every payload names it. */
export interface NotificationOffice {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

/** A citizen's contact: only when the citizen gave one for this ticket or booking. */
export interface NotificationContact {
  name: string | null;
  phone: string | null;
}

/** The payload (`data`) of every `ticket.*` event. */
export interface TicketNotificationData {
  ticket: {
    id: string;
    /** As people read it, `A-007`. */
    number: string;
    trackingCode: string;
    recallCount: number;
  };
  office: NotificationOffice;
  service: { id: string; code: string; name: string };
  /** Where to go: set from the call on. */
  counter: { id: string; number: number; name: string } | null;
  /** Tickets ahead of it when issued or found near; null after the call. */
  ahead: number | null;
  /** The forecast wait in minutes (`ticket.near`); null where none is known. */
  estimatedWaitMinutes: number | null;
  /** The phone ticket page (and, once done, its satisfaction survey), as a path from the product's address. */
  link: string;
  /** Tickets hold no personal data; set only for a ticket checked in from a booking that gave one. */
  contact: NotificationContact | null;
}

/** The payload of every `booking.*` event. */
export interface BookingNotificationData {
  booking: {
    id: string;
    /** The short reference said at the kiosk. */
    reference: string;
    code: string;
    day: string;
    startsAt: string;
    endsAt: string;
  };
  office: NotificationOffice;
  service: { id: string; code: string; name: string };
  link: string;
  contact: NotificationContact | null;
}

/** Which of a booking's two reminders: the day before (at the office's hour) or an hour before the slot. */
export type BookingReminderKind = 'day_before' | 'hour_before';

/** `booking.reminder`: the booking as in every `booking.*` event, and which reminder this is. */
export interface BookingReminderNotificationData extends BookingNotificationData {
  reminder: BookingReminderKind;
}

/**
 * `office.closed_unexpectedly`: sent once per citizen a closure (or an own holiday) strands,
 * when the admin confirms it: each of today's waiting tickets (`ticket`) and each booking of
 * the closed time (`booking`); the other of the two is null.
 */
export interface OfficeClosedNotificationData {
  office: NotificationOffice;
  from: string;
  to: string;
  reason: string;
  service: { id: string; code: string; name: string };
  ticket: { id: string; number: string; trackingCode: string } | null;
  booking: BookingNotificationData['booking'] | null;
  /** The citizen's phone page (`/t/…` or `/b/…`), which shows the closure and its reason. */
  link: string;
  contact: NotificationContact | null;
}

/** `alert.raised` (staff only). */
export interface AlertNotificationData {
  office: NotificationOffice;
  alert: { id: string; kind: string; subject: string; since: string };
}

/** `complaint.updated`: its status changed, or the office replied. */
export interface ComplaintNotificationData {
  office: NotificationOffice;
  complaint: { id: string; number: string; status: string; code: string; publicReply: string | null };
  /** The complaint's public status page, as a path from the product's address. */
  link: string;
  /** The name and contact the citizen left (`phone` holds whatever contact they gave). */
  contact: NotificationContact | null;
}

export interface TestNotificationData {
  office: NotificationOffice;
  endpointId: string;
  message: string;
}

export interface NotificationDataOf {
  'ticket.issued': TicketNotificationData;
  'ticket.near': TicketNotificationData;
  'ticket.called': TicketNotificationData;
  'ticket.recalled': TicketNotificationData;
  'ticket.no_show': TicketNotificationData;
  'ticket.done': TicketNotificationData;
  'booking.created': BookingNotificationData;
  'booking.rescheduled': BookingNotificationData;
  'booking.cancelled': BookingNotificationData;
  'booking.reminder': BookingReminderNotificationData;
  'office.closed_unexpectedly': OfficeClosedNotificationData;
  'alert.raised': AlertNotificationData;
  'complaint.updated': ComplaintNotificationData;
  'webhook.test': TestNotificationData;
}

/** The body of a webhook: the Standard Webhooks layout (`type`, `timestamp`, `data`), plus the payload's version. */
export interface WebhookBody<T extends NotificationType = NotificationType> {
  type: T;
  version: number;
  /** When the event happened (ISO 8601), not when it was sent. */
  timestamp: string;
  data: NotificationDataOf[T];
}

export function webhookBody<T extends NotificationType>(type: T, occurredAt: Date | string, data: NotificationDataOf[T]): WebhookBody<T> {
  return { type, version: NOTIFICATION_VERSION[type], timestamp: new Date(occurredAt).toISOString(), data };
}

// ── When a ticket is near ────────────────────────────────────────────────────────────────

/** The office's setting for `ticket.near`: at most this many tickets ahead, or a forecast wait under this many minutes. */
export interface NearSettings {
  aheadAtMost: number;
  withinMinutes: number;
}

export const DEFAULT_NEAR_SETTINGS: NearSettings = { aheadAtMost: 3, withinMinutes: 10 };

export interface NearCandidate {
  id: string;
  /** Waiting tickets of its service ahead of it in call order. */
  ahead: number;
  /** The forecast wait in minutes; null when there is no forecast. */
  estimatedWaitMinutes: number | null;
  /** A `ticket.near` was already sent for it. */
  notified: boolean;
}

/**
 * The waiting tickets to tell "your turn is near" now: N or fewer ahead, or a forecast wait
 * under M minutes; each ticket once (`notified`), so a ticket moving back (a priority
 * ticket jumping ahead) is not told twice.
 */
export function nearTickets(candidates: readonly NearCandidate[], settings: NearSettings = DEFAULT_NEAR_SETTINGS): NearCandidate[] {
  return candidates.filter(
    (ticket) =>
      !ticket.notified &&
      (ticket.ahead <= settings.aheadAtMost || (ticket.estimatedWaitMinutes !== null && ticket.estimatedWaitMinutes < settings.withinMinutes)),
  );
}

/** Limits of the office's `ticket.near` setting (the database checks the same). */
export const NEAR_AHEAD_MAX = 50;
export const NEAR_MINUTES_MAX = 240;

// ── Booking reminders ───────────────────────────────────────────────────────────────────

/** The office-local hour of the day-before reminder, unless the office sets another. */
export const DEFAULT_BOOKING_REMINDER_HOUR = 16;
/** The second reminder goes this long before the slot. */
export const BOOKING_REMINDER_BEFORE_MS = 60 * 60_000;

/** An office's notification settings, as the admin sets them. */
export interface NotificationSettingsView {
  /** `ticket.near` when at most this many tickets are ahead … */
  nearAhead: number;
  /** … or the forecast wait is under this many minutes. */
  nearMinutes: number;
  /** The office-local hour (0–23) of the day-before booking reminder. */
  reminderHour: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettingsView = {
  nearAhead: DEFAULT_NEAR_SETTINGS.aheadAtMost,
  nearMinutes: DEFAULT_NEAR_SETTINGS.withinMinutes,
  reminderHour: DEFAULT_BOOKING_REMINDER_HOUR,
};

/** What is wrong with notification settings, one problem per field (an empty list: nothing). */
export function notificationSettingsProblems(settings: NotificationSettingsView): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const whole = (field: keyof NotificationSettingsView, min: number, max: number, what: string): void => {
    const value = settings[field];
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push({ field, problems: [`${field} must be a whole number of ${what} from ${min} to ${max}`] });
  };
  whole('nearAhead', 0, NEAR_AHEAD_MAX, 'tickets');
  whole('nearMinutes', 0, NEAR_MINUTES_MAX, 'minutes');
  whole('reminderHour', 0, 23, 'hours');
  return problems;
}

export interface RemindableBooking {
  /** The office-local day of the slot (`YYYY-MM-DD`). */
  day: string;
  startsAt: number;
  createdAt: number;
}

/** When a booking's reminder of this kind is due: the day before at the office's hour, or an hour before the slot. */
export function bookingReminderAt(
  kind: BookingReminderKind,
  booking: Pick<RemindableBooking, 'day' | 'startsAt'>,
  reminderHour: number,
  timeZone: string,
): number {
  if (kind === 'hour_before') return booking.startsAt - BOOKING_REMINDER_BEFORE_MS;
  return localTimeToInstant(nextDay(booking.day, -1), `${String(reminderHour).padStart(2, '0')}:00`, timeZone);
}

/**
 * The reminder a booked citizen is due now, or null. Each is sent once (the outbox keeps a
 * key per booking, kind and slot, so a rescheduled booking is reminded of its new slot), and
 * only while it still helps:
 * - the day-before one from the office's hour until the hour-before one takes over;
 * - the hour-before one until the slot starts;
 * - neither when the booking was made after its moment (whoever booked at 14:30 for 15:00
 *   has just been told, and the confirmation says it).
 * When both are due (a server that was down), only the hour-before one is sent.
 */
export function dueBookingReminder(booking: RemindableBooking, reminderHour: number, timeZone: string, now: number): BookingReminderKind | null {
  if (now >= booking.startsAt) return null;
  const hourBefore = bookingReminderAt('hour_before', booking, reminderHour, timeZone);
  if (now >= hourBefore) return booking.createdAt < hourBefore ? 'hour_before' : null;
  const dayBefore = bookingReminderAt('day_before', booking, reminderHour, timeZone);
  if (now >= dayBefore) return booking.createdAt < dayBefore ? 'day_before' : null;
  return null;
}

// ── Standard Webhooks ───────────────────────────────────────────────────────────────────

/** Secrets are `whsec_` and base64 of the key bytes, as Standard Webhooks libraries read them. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** What is signed: `webhook-id.webhook-timestamp.body`, the body exactly as sent. */
export function webhookSigningInput(id: string, timestampSeconds: number, body: string): string {
  return `${id}.${timestampSeconds}.${body}`;
}

/** The `webhook-signature` header: one `v1,<base64>` per secret in force, space-separated (two during a rotation's overlap). */
export function webhookSignatureHeader(signaturesBase64: readonly string[]): string {
  return signaturesBase64.map((signature) => `v1,${signature}`).join(' ');
}

/** The webhook-id of an event: the same on every retry and every replay, so receivers dedupe. */
export function webhookId(eventId: string): string {
  return `msg_${eventId}`;
}

export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { firstDelayMs: 10_000, maxDelayMs: 60 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 };

/**
 * The wait before the next attempt after `attempts` failed ones: 10 s, 20 s, 40 s … doubled
 * each time up to 1 h, each drawn at random between half and all of that ("equal jitter"),
 * so endpoints that failed together do not come back in step. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, random: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, attempts - 1);
  const full = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(full / 2 + (full / 2) * random);
}

/**
 * When to try a failed delivery again, or null to give up: the next attempt would fall more
 * than 24 h after the delivery was first due.
 */
export function nextAttemptAt(firstDueAt: number, now: number, attempts: number, random: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number | null {
  const next = now + retryDelayMs(attempts, random, policy);
  return next - firstDueAt > policy.giveUpAfterMs ? null : next;
}

/** Response bodies are kept for the admin view up to this many bytes. */
export const WEBHOOK_RESPONSE_KEEP_BYTES = 1024;

/** Delivery rows older than this are pruned. */
export const WEBHOOK_DELIVERY_KEEP_MS = 30 * 24 * 60 * 60_000;

// ── Where an endpoint may point ─────────────────────────────────────────────────────────

function ipv4Bytes(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return bytes.every((byte) => Number.isInteger(byte) && byte <= 255) ? bytes : null;
}

function ipv6Words(address: string): number[] | null {
  let text = address.toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A dotted IPv4 tail (::ffff:10.0.0.1) is two words.
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (!v4) return null;
    text = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (half: string): number[] | null => {
    if (half === '') return [];
    const words = half.split(':').map((word) => (/^[0-9a-f]{1,4}$/.test(word) ? parseInt(word, 16) : NaN));
    return words.every((word) => !Number.isNaN(word)) ? words : null;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

function privateIpv4(b: number[]): boolean {
  return (
    b[0] === 0 || // "this network"
    b[0] === 10 ||
    b[0] === 127 || // loopback
    (b[0] === 100 && b[1] >= 64 && b[1] <= 127) || // carrier-grade NAT
    (b[0] === 169 && b[1] === 254) || // link-local (cloud metadata lives here)
    (b[0] === 172 && b[1] >= 16 && b[1] <= 31) ||
    (b[0] === 192 && b[1] === 168) ||
    (b[0] === 192 && b[1] === 0 && b[2] === 0) || // IETF protocol assignments
    (b[0] === 198 && (b[1] === 18 || b[1] === 19)) || // benchmarking
    b[0] >= 224 // multicast, reserved, broadcast
  );
}

/**
 * Whether an IP address is one a webhook may not reach unless the office allows private
 * targets: loopback, link-local, private and shared ranges, multicast and reserved ones,
 * in IPv4 and IPv6 (including IPv4 written inside IPv6). Anything that is not an IP address
 * at all counts as private: the caller resolves names first.
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = ipv4Bytes(address);
  if (v4) return privateIpv4(v4);
  const w = ipv6Words(address);
  if (!w) return true;
  const allZeroTo = (n: number): boolean => w.slice(0, n).every((word) => word === 0);
  if (allZeroTo(7) && (w[7] === 0 || w[7] === 1)) return true; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 inside.
  if (allZeroTo(5) && (w[5] === 0xffff || w[5] === 0)) return privateIpv4([w[6] >> 8, w[6] & 0xff, w[7] >> 8, w[7] & 0xff]);
  if (w[0] === 0x64 && w[1] === 0xff9b) return privateIpv4([w[6] >> 8, w[6] & 0xff, w[7] >> 8, w[7] & 0xff]); // NAT64
  return (
    (w[0] & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (w[0] & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (w[0] & 0xffc0) === 0xfec0 || // site-local (deprecated) fec0::/10
    (w[0] & 0xff00) === 0xff00 || // multicast
    (w[0] === 0x2001 && w[1] === 0x0db8) // documentation
  );
}

/**
 * An endpoint URL as the WHATWG URL parser gives it (the parser the HTTP client uses too, so
 * `http://2130706433/` and `http://0x7f.1/` arrive here as 127.0.0.1); null when it did not parse.
 */
export interface ParsedUrl {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
}

/** Why an endpoint URL is refused, or null when it is acceptable as written (its name is resolved and checked again at each send). */
export function webhookUrlProblem(parsed: ParsedUrl | null, allowPrivate: boolean): 'not_http' | 'private_target' | null {
  if (parsed === null) return 'not_http';
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'not_http';
  if (parsed.username || parsed.password) return 'not_http';
  if (allowPrivate) return null;
  const host = parsed.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return 'private_target';
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  if (ipv4Bytes(literal) || literal.includes(':')) return isPrivateAddress(literal) ? 'private_target' : null;
  // A name of digits (http://2130706433/) is an IPv4 address to WHATWG URL parsing already; anything else is resolved at send time.
  return null;
}

// ── What the admin view shows ───────────────────────────────────────────────────────────

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface WebhookEndpointView {
  id: string;
  officeId: string;
  url: string;
  events: NotificationType[];
  enabled: boolean;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Until when the secret before the last rotation still signs (both signatures are sent); null when none. */
  previousSecretUntil: string | null;
  pending: number;
  failed: number;
}

/** An endpoint as created or rotated: the only time its secret is shown. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

/** An endpoint as the audit trail keeps it (no secret ever; the URL without what follows `?` or `#`). */
export interface WebhookEndpointAudit {
  url: string;
  events: NotificationType[];
  enabled: boolean;
  description: string;
}

/**
 * What the audit trail records of an endpoint. Supervisors read the trail and only admins the
 * endpoints, and a gateway's token often rides in the URL's query: the trail keeps `?…` in
 * its place, so a change there still shows without the token.
 */
export function webhookEndpointAudit(endpoint: {
  url: string;
  events: readonly NotificationType[];
  enabled: boolean;
  description: string;
}): WebhookEndpointAudit {
  const cut = endpoint.url.search(/[?#]/);
  const url = cut < 0 ? endpoint.url : `${endpoint.url.slice(0, cut)}${endpoint.url[cut] === '?' ? '?…' : ''}`;
  return { url, events: [...endpoint.events], enabled: endpoint.enabled, description: endpoint.description };
}

/** The audit action of an endpoint change: switching it on or off, and nothing else, reads as that. */
export function webhookChangeAction(before: WebhookEndpointAudit, after: WebhookEndpointAudit): 'webhook.updated' | 'webhook.enabled' | 'webhook.disabled' {
  const same = before.url === after.url && before.description === after.description && before.events.join() === after.events.join();
  if (same && before.enabled !== after.enabled) return after.enabled ? 'webhook.enabled' : 'webhook.disabled';
  return 'webhook.updated';
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  /** The `webhook-id` header: the same on every attempt. */
  webhookId: string;
  type: NotificationType;
  status: WebhookDeliveryStatus;
  attempts: number;
  occurredAt: string;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  /** The start of the receiver's answer, at most 1 kB. */
  lastResponse: string | null;
  finishedAt: string | null;
}

/** An endpoint with deliveries given up on since its last success, as the supervisor scan reads it. */
export interface FailingEndpoint {
  id: string;
  url: string;
  description: string;
  failed: number;
  /** When the first of those deliveries was given up on. */
  since: number;
}

/**
 * The supervisor's "webhook failing" alerts: one per endpoint whose deliveries were given up on
 * (after 24 h of retries) since it last took one; it ends when a delivery gets through again.
 */
export function webhookAlerts(failing: readonly FailingEndpoint[]): AlertCandidate[] {
  return failing
    .filter((endpoint) => endpoint.failed > 0)
    .map((endpoint) => ({
      key: `${AlertKind.webhookFailing}:${endpoint.id}`,
      kind: AlertKind.webhookFailing,
      serviceId: null,
      counterId: null,
      ticketId: null,
      subject: endpoint.description || hostOf(endpoint.url),
      since: endpoint.since,
      details: { failedDeliveries: endpoint.failed },
    }));
}

/** The host and port of a URL, without any credentials. */
function hostOf(url: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1] ?? url;
  return authority.slice(authority.lastIndexOf('@') + 1);
}
