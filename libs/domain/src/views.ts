/**
 * The shapes the API returns and the apps hold: written once, used by the server and
 * both apps. Times are ISO-8601 strings in UTC; each screen shows them in the office zone.
 */
import type { AgencyView } from './agencies.js';
import type { ZoneView } from './zones.js';
import type { ClosureNotice, OfficeOpenState } from './calendar.js';
import type { PriorityCategory } from './priority.js';
import type { TicketStatus } from './ticket-lifecycle.js';

/**
 * `regional` (issue 20): oversees the offices assigned to them (`officeIds`) on the regional
 * dashboard and reads each office's supervisor view; acts on none of them.
 */
export type StaffRole = 'officer' | 'supervisor' | 'admin' | 'regional';
export const STAFF_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'admin', 'regional'];
/** The roles that work in an office (every role but `regional`): what a staff route allows unless it names its roles. */
export const OFFICE_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'admin'];

export interface OpeningHours {
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weekday: number;
  opens: string;
  closes: string;
}

/** A planned break (ishoma, the Friday prayer) of a counter's day, in the office's wall-clock time. */
export interface BreakWindow {
  from: string;
  to: string;
}

/** One day of a counter's weekly schedule: its hours and the planned breaks within them (`breakProblems`). */
export interface CounterScheduleDay extends OpeningHours {
  breaks?: BreakWindow[];
}

export interface OfficeView {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  openingHours: OpeningHours[];
  priorityMaxWaitMinutes: number;
  /** Minutes after the last call before a ticket may be marked no-show (`assertNoShowAllowed`). */
  noShowAfterMinutes: number;
  /** Minutes without a heartbeat from the desk before an open counter is paused as `offline`. */
  offlineAfterMinutes: number;
  /** Minutes after its scheduled end before a counter still open or paused closes itself. */
  shiftEndGraceMinutes: number;
  /** The street address, printed on the ticket slip; '' when not given. */
  address: string;
  /** The place its letters are signed in (the report's signature block); '' when not given. */
  city: string;
}

/** A service's standard (standar pelayanan): the office's public promise. */
export interface ServiceStandard {
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
  /** In rupiah; 0 is free ("Gratis"). */
  costRupiah: number;
  requirements: string[];
  completionTime: string;
  dailyQuota: number | null;
}

export interface ServiceView {
  id: string;
  /** The agency (instansi) that owns it (`AgencyView`). */
  agencyId: string;
  code: string;
  name: string;
  active: boolean;
  standard: ServiceStandard;
  waitingCount: number;
  countersOpen: number;
  /** Active counters assigned to it, open or not: with none, nobody can serve it and it issues no tickets (`isIssuable`). */
  countersServing: number;
  issuedToday: number;
  quotaReached: boolean;
  /** Mean of today's recent service times, or the standard when none yet. */
  averageServiceMinutes: number;
  /** For a ticket taken now; null when no counter serving it is open. The point, for sorting and reports. */
  estimatedWaitMinutes: number | null;
  /** The same as the range shown (an 80% prediction interval, whole minutes, holding the point); null with the point. */
  estimatedWaitRange: WaitRangeView | null;
  /**
   * When the service stops issuing today, its cut-off before closing (`issuingUntil`), an ISO
   * instant on the server's clock (it may be past); null while the office is closed or has no
   * closing ahead. The kiosk shows the tile closed for today from then on.
   */
  issuingUntil: string | null;
  /** How many minutes before the office closes it stops issuing (its cut-off): the forecast foresees no arrivals after. */
  issueCutoffMinutes: number;
}

/** An estimated wait as shown: whole minutes from now, lo ≤ the point ≤ hi (`forecastRangeFor`). */
export interface WaitRangeView {
  lo: number;
  hi: number;
}

export interface TicketView {
  id: string;
  number: string;
  serviceId: string;
  serviceCode: string;
  priority: PriorityCategory | null;
  status: TicketStatus;
  issuedAt: string;
  dueAt: string;
  /** Increasing in issue order; breaks ties of issuedAt (see `QueueEntry.issueOrder`). */
  issueOrder: number;
  counterId: string | null;
  counterNumber: number | null;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  recallCount: number;
}

/** What the phone page gets by its tracking code. */
export interface TrackedTicketView extends TicketView {
  trackingCode: string;
  officeSlug: string;
  officeName: string;
  /** The office's street address for the slip; '' when the office has none. */
  officeAddress: string;
  /** The office's IANA zone: the page writes times in it from its first render. */
  officeTimeZone: string;
  serviceName: string;
  counterName: string | null;
  placeInQueue: number | null;
  estimatedWaitMinutes: number | null;
  /** The range shown (see `ServiceView.estimatedWaitRange`); null with the point. */
  estimatedWaitRange: WaitRangeView | null;
  /** The satisfaction survey for this ticket has been answered (once per ticket). */
  surveySubmitted: boolean;
  /** A closure (or own holiday) over the rest of today while the ticket waits or is at a counter: the phone page shows it and its reason. */
  officeClosure: ClosureNotice | null;
}

export type CounterState = 'closed' | 'open' | 'paused';
/** The reasons an officer (or a supervisor) gives for a break. */
export const OFFICER_PAUSE_REASONS = ['ishoma', 'briefing', 'system_down', 'other'] as const;
/** Every reason a counter can be paused for: `offline` is the API's own, when the desk stopped answering (`sessionUpkeep`). */
export const PAUSE_REASONS = [...OFFICER_PAUSE_REASONS, 'offline'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export type OfficerPauseReason = (typeof OFFICER_PAUSE_REASONS)[number];

export interface CounterView {
  id: string;
  /** The agency (instansi) that owns it (`AgencyView`). */
  agencyId: string;
  number: number;
  name: string;
  priorityOnly: boolean;
  serviceIds: string[];
  state: CounterState;
  pauseReason: PauseReason | null;
  /** The officer's own words for a pause (required with `other`), or the supervisor's reason for a remote pause. */
  pauseNote: string | null;
  /** When the current pause began (the desk's break timer). */
  pausedAt: string | null;
  sessionId: string | null;
  currentTicket: TicketView | null;
}

export interface CallView {
  ticketId: string;
  number: string;
  serviceId: string;
  counterId: string;
  counterNumber: number;
  counterName: string;
  at: string;
  recall: boolean;
}

/** Everything a board, kiosk or counter needs to start from, with the sequence number it is valid at. */
export interface OfficeSnapshot {
  seq: number;
  at: string;
  office: OfficeView;
  /** The agencies under its roof, in the office's order (sort order, then oldest first); one for most offices. */
  agencies: AgencyView[];
  /** Its zones (`?zone=` on a board), in the office's order; none for most offices. */
  zones: ZoneView[];
  /** Open now or closed until when, and today's holiday: what the kiosk and the board show before a tap. */
  calendar: OfficeOpenState;
  services: ServiceView[];
  counters: CounterView[];
  /** Every waiting ticket, in earliest-due-first order. */
  waiting: TicketView[];
  /** The latest calls, newest first. */
  recentCalls: CallView[];
}

export interface StaffView {
  id: string;
  username: string;
  name: string;
  nip: string | null;
  role: StaffRole;
  officeIds: string[];
  /** The one agency of their office they act for (an agency supervisor); null: the whole office (`agency-scope.ts`). */
  agencyId: string | null;
}

export interface LoginResult {
  accessToken: string;
  staff: StaffView;
}
