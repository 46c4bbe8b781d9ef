/**
 * Builders of the domain's views for tests, one per type: each returns a complete, valid
 * value with plain defaults, and a test overrides only the fields it is about, so the
 * fields it names are the ones that matter to it. Imported as `@loket/domain/testing`
 * (the package's subpath export), never from the main entry, so no app ships them.
 *
 * The defaults: one office ("kantor") in Jakarta, service A (`svc-a`, 30 minutes' maximum
 * wait, 10 minutes' service), counter 1 (`c1`) open for it, and a ticket A-001 issued on
 * Monday 30 November 2026 at 08:00 Jakarta time (`TEST_INSTANT`), due 30 minutes later.
 */
import { DEFAULT_ISSUE_CUTOFF_MINUTES, type OfficeOpenState } from '../calendar.js';
import type { TicketChange } from '../realtime.js';
import type { AgencyView } from '../agencies.js';
import type { ZoneView } from '../zones.js';
import type { CallView, CounterView, OfficeSnapshot, OfficeView, ServiceStandard, ServiceView, TicketView, TrackedTicketView } from '../views.js';

/** Monday 30 November 2026, 08:00 in Jakarta (UTC+7). */
export const TEST_INSTANT = '2026-11-30T01:00:00.000Z';

/** The instant `minutes` after `from` (before it when negative), as the views write instants. */
export function minutesAfter(minutes: number, from: string = TEST_INSTANT): string {
  return new Date(Date.parse(from) + minutes * 60_000).toISOString();
}

export function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  const issuedAt = overrides.issuedAt ?? TEST_INSTANT;
  return {
    id: 't1',
    number: 'A-001',
    serviceId: 'svc-a',
    serviceCode: 'A',
    priority: null,
    status: 'waiting',
    issuedAt,
    dueAt: minutesAfter(30, issuedAt),
    issueOrder: 1,
    counterId: null,
    counterNumber: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    ...overrides,
  };
}

/** What a citizen's phone shows: a ticket view plus where it stands. */
export function trackedTicketView(overrides: Partial<TrackedTicketView> = {}): TrackedTicketView {
  return {
    ...ticketView(overrides),
    trackingCode: 'ABCDE-FGHJK-MNPQR-STUVW',
    officeSlug: 'kantor',
    officeName: 'Kantor Uji',
    officeAddress: '',
    officeTimeZone: 'Asia/Jakarta',
    serviceName: 'Layanan A',
    counterName: null,
    placeInQueue: 1,
    estimatedWaitMinutes: null,
    estimatedWaitRange: null,
    surveySubmitted: false,
    officeClosure: null,
    ...overrides,
  };
}

export function serviceStandard(overrides: Partial<ServiceStandard> = {}): ServiceStandard {
  return { maxWaitMinutes: 30, serviceTimeMinutes: 10, costRupiah: 0, requirements: [], completionTime: '', dailyQuota: null, ...overrides };
}

/** A service; `standard` may name only the fields that differ from `serviceStandard()`'s. */
export function serviceView(overrides: Omit<Partial<ServiceView>, 'standard'> & { standard?: Partial<ServiceStandard> } = {}): ServiceView {
  const code = overrides.code ?? 'A';
  const standard = serviceStandard(overrides.standard);
  return {
    id: 'svc-a',
    agencyId: 'ag-1',
    code,
    name: `Layanan ${code}`,
    active: true,
    waitingCount: 0,
    countersOpen: 0,
    countersServing: 1,
    issuedToday: 0,
    quotaReached: false,
    averageServiceMinutes: standard.serviceTimeMinutes,
    estimatedWaitMinutes: null,
    estimatedWaitRange: null,
    issuingUntil: null,
    issueCutoffMinutes: DEFAULT_ISSUE_CUTOFF_MINUTES,
    ...overrides,
    standard,
  };
}

/** A counter; a closed one has no session unless the test gives one. */
export function counterView(overrides: Partial<CounterView> = {}): CounterView {
  const number = overrides.number ?? 1;
  const state = overrides.state ?? 'open';
  return {
    id: 'c1',
    agencyId: 'ag-1',
    number,
    name: `Loket ${number}`,
    priorityOnly: false,
    serviceIds: ['svc-a'],
    state,
    pauseReason: null,
    pauseNote: null,
    pausedAt: null,
    sessionId: state === 'closed' ? null : 's1',
    currentTicket: null,
    ...overrides,
  };
}

export function officeView(overrides: Partial<OfficeView> = {}): OfficeView {
  return {
    id: 'o1',
    slug: 'kantor',
    name: 'Kantor Uji',
    timeZone: 'Asia/Jakarta',
    openingHours: [],
    priorityMaxWaitMinutes: 10,
    noShowAfterMinutes: 2,
    offlineAfterMinutes: 5,
    shiftEndGraceMinutes: 30,
    address: '',
    city: '',
    ...overrides,
  };
}

/** The call of `ticket` at `counter`, at the ticket's call time (or `TEST_INSTANT`). */
export function callView(ticket: TicketView, counter: Pick<CounterView, 'id' | 'number'> = counterView(), overrides: Partial<CallView> = {}): CallView {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    counterId: counter.id,
    counterNumber: counter.number,
    counterName: `Loket ${counter.number}`,
    at: ticket.calledAt ?? TEST_INSTANT,
    recall: false,
    ...overrides,
  };
}

/** The office's one agency, unless a test names others. */
export function agencyView(overrides: Partial<AgencyView> = {}): AgencyView {
  return { id: 'ag-1', officeId: 'o1', name: 'Kantor Uji', shortName: 'Kantor Uji', color: '#1d4ed8', sortOrder: 0, ...overrides };
}

/** A zone of the office holding nothing until a test says what. */
export function zoneView(overrides: Partial<ZoneView> = {}): ZoneView {
  return { id: 'zone-1', officeId: 'o1', name: 'Lantai 1', slug: 'lantai-1', agencyIds: [], counterIds: [], sortOrder: 0, ...overrides };
}

/** The calendar state of an office open around the clock, with no holiday today. */
export const OPEN_ALL_DAY: OfficeOpenState = {
  open: true,
  closesAt: null,
  opensAt: null,
  reason: null,
  reasonText: null,
  holidayToday: null,
  closureToday: null,
};

/** The office as a board or a desk first receives it: by default service A, counter 1 open, nobody waiting. */
export function officeSnapshot(overrides: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
  return {
    seq: 1,
    at: TEST_INSTANT,
    office: officeView(),
    agencies: [agencyView()],
    zones: [],
    calendar: OPEN_ALL_DAY,
    services: [serviceView()],
    counters: [counterView()],
    waiting: [],
    recentCalls: [],
    ...overrides,
  };
}

/** The office event that tells a ticket changed, at `at` (by default `TEST_INSTANT`). */
export function ticketChange(seq: number, type: TicketChange['type'], ticket: TicketView, overrides: Partial<Omit<TicketChange, 'kind'>> = {}): TicketChange {
  return { seq, at: TEST_INSTANT, kind: 'ticket', type, ticket, call: null, fromServiceId: null, ...overrides };
}
