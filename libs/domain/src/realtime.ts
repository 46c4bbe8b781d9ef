/**
 * The realtime contract, written once: the server's `Server<ClientToServerEvents,
 * ServerToClientEvents>` and the apps' `Socket<ServerToClientEvents, ClientToServerEvents>`
 * are both typed by these interfaces.
 */
import type { ErrorBody } from './errors.js';
import type { CallView, CounterView, OfficeSnapshot, TicketView } from './views.js';
import type { AlertView } from './supervision-alerts.js';
import type { SupervisionSnapshot } from './supervision-figures.js';
import type { RegionalOfficeRow, RegionalSnapshot } from './regional.js';

export const REALTIME_PATH = '/socket.io';

export const ServerEvent = {
  snapshot: 'office:snapshot',
  event: 'office:event',
} as const;

export const ClientEvent = {
  subscribe: 'office:subscribe',
  unsubscribe: 'office:unsubscribe',
  resync: 'office:resync',
} as const;

/** The staff room's events: alerts are internal, so they never go to an office's public room. */
export const StaffServerEvent = {
  alertRaised: 'supervision:alert',
  alertAcknowledged: 'supervision:alert-acknowledged',
  alertResolved: 'supervision:alert-resolved',
} as const;

/**
 * Joins the office's public room and its staff room, with the staff token in the socket.io
 * handshake `auth: { token }`; the acknowledgement is the supervision snapshot. Sent again
 * after a reconnect or a gap in the office sequence, for a fresh one.
 */
export const StaffClientEvent = {
  subscribe: 'supervision:subscribe',
} as const;

/**
 * The regional dashboard (issue 20): `subscribe` (an empty object, the staff token in the
 * handshake) joins the rooms of the regional user's offices and is answered with the
 * dashboard's snapshot; each office's row then comes as `office` whenever its events move it.
 */
export const RegionalClientEvent = {
  subscribe: 'regional:subscribe',
} as const;

export const RegionalServerEvent = {
  office: 'regional:office',
} as const;

export const TicketEventType = {
  issued: 'issued',
  called: 'called',
  recalled: 'recalled',
  started: 'started',
  finished: 'finished',
  returned: 'returned',
  noShow: 'no_show',
  reinstated: 'reinstated',
  noShowUndone: 'no_show_undone',
  cancelled: 'cancelled',
  transferred: 'transferred',
  /** The end-of-day step closed a ticket still waiting (`end-of-day.ts`). */
  closedEndOfDay: 'closed_end_of_day',
} as const;
export type TicketEventType = (typeof TicketEventType)[keyof typeof TicketEventType];

export const CounterEventType = {
  opened: 'opened',
  paused: 'paused',
  resumed: 'resumed',
  closed: 'closed',
} as const;
export type CounterEventType = (typeof CounterEventType)[keyof typeof CounterEventType];

/** A change to one ticket. `call` is set for `called` and `recalled`. */
export interface TicketChange {
  seq: number;
  at: string;
  kind: 'ticket';
  type: TicketEventType;
  ticket: TicketView;
  call: CallView | null;
  /** For `transferred`: the service the ticket left. */
  fromServiceId: string | null;
}

/** A change to one counter's session. */
export interface CounterChange {
  seq: number;
  at: string;
  kind: 'counter';
  type: CounterEventType;
  counter: CounterView;
}

export type OfficeEvent = TicketChange | CounterChange;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface SubscribeRequest {
  officeSlug: string;
}

export interface ServerToClientEvents {
  [ServerEvent.snapshot]: (snapshot: OfficeSnapshot) => void;
  [ServerEvent.event]: (event: OfficeEvent) => void;
  [StaffServerEvent.alertRaised]: (alert: AlertView) => void;
  [StaffServerEvent.alertAcknowledged]: (alert: AlertView) => void;
  /** Its condition ended by itself: it stays listed, resolved, until acknowledged. */
  [StaffServerEvent.alertResolved]: (alert: AlertView) => void;
  [RegionalServerEvent.office]: (row: RegionalOfficeRow) => void;
}

export interface ClientToServerEvents {
  [ClientEvent.subscribe]: (request: SubscribeRequest, ack: (result: Ack<OfficeSnapshot>) => void) => void;
  [ClientEvent.unsubscribe]: (request: SubscribeRequest, ack: (result: Ack<null>) => void) => void;
  [ClientEvent.resync]: (request: SubscribeRequest, ack: (result: Ack<OfficeSnapshot>) => void) => void;
  [StaffClientEvent.subscribe]: (request: SubscribeRequest, ack: (result: Ack<SupervisionSnapshot>) => void) => void;
  [RegionalClientEvent.subscribe]: (request: Record<string, never>, ack: (result: Ack<RegionalSnapshot>) => void) => void;
}

export function officeRoom(officeId: string): string {
  return `office:${officeId}`;
}

/** Where an office's regional row goes: the regional dashboards whose set holds the office. */
export function regionalRoom(officeId: string): string {
  return `regional:office:${officeId}`;
}

/** The staff room of an office: its supervisors and admins who see the whole office. */
export function staffRoom(officeId: string): string {
  return `staff:office:${officeId}`;
}

/** The staff room of one agency of an office: the supervisors confined to it (issue 20). */
export function agencyStaffRoom(officeId: string, agencyId: string): string {
  return `staff:office:${officeId}:agency:${agencyId}`;
}

/** The staff room a supervisor's screen joins: the office's, or their agency's when confined to one (`agencyScopeOf`). */
export function staffRoomFor(officeId: string, agencyScope: string | null): string {
  return agencyScope === null ? staffRoom(officeId) : agencyStaffRoom(officeId, agencyScope);
}

/** Where an alert is pushed: to the whole office's staff, and to its agency's when it has one. */
export function alertRooms(alert: Pick<AlertView, 'officeId' | 'agencyId'>): string[] {
  return alert.agencyId === null ? [staffRoom(alert.officeId)] : [staffRoom(alert.officeId), agencyStaffRoom(alert.officeId, alert.agencyId)];
}

/**
 * What a client does with an event given the last sequence number it applied: apply the
 * next one, ignore one it already has, or ask for a fresh snapshot when one was missed.
 */
export function sequenceDecision(lastSeq: number, eventSeq: number): 'apply' | 'stale' | 'gap' {
  if (eventSeq <= lastSeq) return 'stale';
  if (eventSeq === lastSeq + 1) return 'apply';
  return 'gap';
}
