/**
 * The supervisor's live view: per-service and per-counter figures from an office's state
 * and its events of the day (the alerts raised from them are in supervision-alerts.ts).
 * Every figure is one of the measures of measures.ts, counter-schedule.ts and
 * wait-estimate.ts, so the API's snapshot and the supervisor screen (which recomputes as
 * events arrive) agree.
 */

import { type QueueEntry, canServe, maxWaitFor } from './call-order.js';
import type { Compliance } from './checklists.js';
import {
  type CounterSessionEventRecord,
  type Interval,
  busyIntervals,
  counterDayMeasures,
  idleWhileWaitingIntervals,
  plannedBreaks,
  plannedMinutesBetween,
  scheduledHours,
  totalMinutes,
  unionIntervals,
  waitingIntervals,
  DEFAULT_OPENING_GRACE_MINUTES,
} from './counter-schedule.js';
import { type TicketEventRecord, servingSegments, shareWithinStandard, waitingSegments } from './measures.js';
import { countersOpenFor, ticketQueueEntry } from './office-state.js';
import type { OfficeEvent } from './realtime.js';
import { mean } from './stats.js';
import { reversesNoShow } from './ticket-lifecycle.js';
import { MINUTE_MS, minutesBetween } from './time.js';
import type { CounterScheduleDay, CounterState, OfficeSnapshot, PauseReason, TicketView, WaitRangeView } from './views.js';
import {
  ARRIVAL_WINDOW_MINUTES,
  RECENT_SERVICES,
  arrivalsEnd,
  serviceArrivalsEnd,
  arrivalRates,
  arrivalWindowMinutes,
  averageServiceMinutes,
  expectedBackAt,
  forecastInputFromSnapshot,
  forecastWaitFor,
  noShowShare,
} from './wait-estimate.js';
import type { AlertView } from './supervision-alerts.js';
import type { BuildingSurveys } from './building.js';
import { type RangedForecastInput, forecastOfficeWithRanges, forecastRangeFor, serviceTimeSpread } from './wait-range.js';

/**
 * When the alerts fire. "Far over the standard service time": the mean of a service's last
 * `slowServiceSample` finished services today is above `slowServiceFactor` × its standard,
 * once at least `slowServiceMinSample` have been measured (one long case is not a trend).
 */
export const SUPERVISION_RULES = {
  idleAlertMinutes: 3,
  slowServiceFactor: 1.5,
  slowServiceSample: 5,
  slowServiceMinSample: 3,
  openingGraceMinutes: DEFAULT_OPENING_GRACE_MINUTES,
  /** As the forecast's: the mean of today's latest services. */
  recentServices: RECENT_SERVICES,
} as const;

/** A ticket event as the supervisor's view needs it: which ticket, at which counter, and (for the forecast's arrival rates) whether it is a priority ticket. */
export interface SupervisionTicketEvent extends TicketEventRecord {
  ticketId: string;
  counterId: string | null;
  priority?: boolean;
}

export interface SupervisionCounterEvent extends CounterSessionEventRecord {
  counterId: string;
}

/** What the office snapshot does not say about a counter: its schedule and who holds it. */
export interface CounterStaffing {
  counterId: string;
  /** Its weekly hours with their planned breaks. */
  schedule: CounterScheduleDay[];
  /** When the counter got its first schedule (epoch ms): punctuality counts from then. Null: always. */
  scheduledSince?: number | null;
  staffId: string | null;
  staffName: string | null;
}

/** The office's state plus its event records of the office-local day `day`. */
export interface SupervisionState {
  office: OfficeSnapshot;
  day: string;
  staffing: CounterStaffing[];
  ticketEvents: SupervisionTicketEvent[];
  counterEvents: SupervisionCounterEvent[];
}

export interface ServiceFigures {
  serviceId: string;
  code: string;
  name: string;
  active: boolean;
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
  waitingNow: number;
  priorityWaiting: number;
  /** Now − issued-at of the longest-waiting ticket (the due time counts from issue too); null when nobody waits. */
  longestWaitMinutes: number | null;
  longestWaitTicket: string | null;
  /** Mean waiting time (first call − entering this queue) of today's tickets called from it. */
  averageWaitMinutes: number | null;
  measuredWaits: number;
  /** Share of those within their maximum wait (0…1; a priority ticket: the priority maximum, `maxWaitFor`). */
  withinStandardShare: number | null;
  countersOpen: number;
  averageServiceMinutes: number;
  /**
   * For a ticket taken now, the product's point (`forecastWaitFor` of the ranged forecast: the
   * replays' median); null when no counter serving it is open, or with `supervisionFigures`'
   * `estimates: false` (the alert scan reads none).
   */
  estimatedWaitMinutes: number | null;
  /** The range shown for it (`forecastRangeFor`); null with the point. */
  estimatedWaitRange: WaitRangeView | null;
  servedToday: number;
  /** Mean of the last `slowServiceSample` services today, null until `slowServiceMinSample` are measured. */
  recentServiceMinutes: number | null;
  slow: boolean;
}

export interface CounterFigures {
  counterId: string;
  number: number;
  name: string;
  priorityOnly: boolean;
  serviceIds: string[];
  state: CounterState;
  pauseReason: PauseReason | null;
  /** When the counter last opened, paused, resumed or closed today. */
  stateSince: number | null;
  staffId: string | null;
  staffName: string | null;
  currentTicket: TicketView | null;
  /** Since when the current ticket is at the counter: its start when serving, else its call. */
  currentSince: number | null;
  currentStandardMinutes: number | null;
  idleWhileWaitingMinutes: number;
  /** Start of the idle stretch going on now (open, free, someone it may serve waiting), else null. */
  idleSince: number | null;
  scheduled: Interval | null;
  lateOpeningMinutes: number;
  /** Scheduled, past the grace and not opened at all today: minutes since the scheduled opening. */
  notOpenedMinutes: number | null;
  breakOverrunMinutes: number;
  /** The allowed length of the pause going on now, null when none or unlimited. */
  currentPauseAllowedMinutes: number | null;
  earlyClosingMinutes: number;
  servedToday: number;
}

export interface SupervisionFigures {
  services: ServiceFigures[];
  counters: CounterFigures[];
}

/** What the supervisor screen starts from: the state, the figures computed from it, the open alerts. */
export interface SupervisionSnapshot extends SupervisionState {
  /** The agency the state is narrowed to (an agency supervisor's, `keepAgencyScope`); null: the whole office. */
  agencyId: string | null;
  figures: SupervisionFigures;
  alerts: AlertView[];
  rules: typeof SUPERVISION_RULES;
  /** For the office's own supervisors in a building of several agencies: the period's answers per agency (`buildingFigures`); else null. */
  building: BuildingSurveys | null;
}

function byTicket(events: readonly SupervisionTicketEvent[]): Map<string, TicketEventRecord[]> {
  const grouped = new Map<string, TicketEventRecord[]>();
  for (const event of events) {
    const list = grouped.get(event.ticketId) ?? [];
    list.push(event);
    grouped.set(event.ticketId, list);
  }
  return grouped;
}

/**
 * The office forecast's input from what the supervisor's view holds: the snapshot's queue and
 * counters, and from the day's events the pause starts, first openings, arrivals of the last
 * half hour and no-shows; so the supervisor is promised the same as the board (the API reads the
 * same facts from its tables: apps/api/src/forecast/forecast-input.query.ts).
 */
export function supervisionForecastInput(state: SupervisionState, now: number, serviceMinutes: Readonly<Record<string, number>>): RangedForecastInput {
  const { office } = state;
  const timeZone = office.office.timeZone;
  const base = forecastInputFromSnapshot(office, now, { serviceMinutes });
  const counters = base.counters.map((counter, index) => {
    const view = office.counters[index];
    const events = state.counterEvents.filter((event) => event.counterId === view.id && event.at <= now);
    const pausedAt = events.findLast((event) => event.type === 'paused')?.at ?? null;
    const staffing = state.staffing.find((entry) => entry.counterId === view.id);
    const schedule = staffing?.schedule ?? [];
    const breaks = plannedBreaks(schedule, timeZone, now, staffing?.scheduledSince ?? null);
    const backAt = expectedBackAt(
      {
        state: view.state,
        pauseReason: view.pauseReason,
        pausedAt,
        openedToday: events.some((event) => event.type === 'opened'),
        scheduled: scheduledHours(schedule, timeZone, now),
        plannedBreaks: breaks,
      },
      now,
    );
    return { ...counter, backAt, plannedBreaks: breaks };
  });
  const hours = scheduledHours(office.office.openingHours, timeZone, now);
  const closesAt = arrivalsEnd(office.office.openingHours, timeZone, now);
  const windowStart = Math.max(now - ARRIVAL_WINDOW_MINUTES * MINUTE_MS, hours?.from ?? 0);
  const issued = new Map<string, { serviceId: string; priority: boolean; count: number }>();
  let calls = 0;
  let noShows = 0;
  for (const event of state.ticketEvents) {
    if (event.at > now) continue;
    if (event.type === 'called') calls += 1;
    if (event.type === 'no_show') noShows += 1;
    // A no-show undone or reinstated was none (`NO_SHOW_REVERSALS`): each follows exactly one no-show.
    if (reversesNoShow(event.type)) noShows -= 1;
    if (event.type !== 'issued' || event.at < windowStart) continue;
    const key = `${event.serviceId}:${event.priority === true}`;
    const row = issued.get(key) ?? { serviceId: event.serviceId, priority: event.priority === true, count: 0 };
    row.count += 1;
    issued.set(key, row);
  }
  return {
    ...base,
    counters,
    arrivalsPerMinute: arrivalRates([...issued.values()], Object.keys(base.maxWaitMinutes), windowStart, now),
    // As the API's: how sure the rates are decides how widely the replays draw them, and so the point.
    arrivalWindowMinutes: arrivalWindowMinutes(windowStart, now),
    arrivalsUntil: closesAt,
    serviceArrivalsUntil: serviceArrivalsEnd(closesAt, Object.fromEntries(office.services.map((service) => [service.id, service.issueCutoffMinutes]))),
    noShowShare: noShowShare(calls, noShows),
  };
}

/**
 * The live per-service and per-counter figures at `now`, with each service's estimate for a
 * ticket taken now and its range: the replays decide both (the supervisor's screen and its
 * snapshot). With `estimates: false`, none at all (the alert scan: its rules read none, and the
 * replays play the whole queue many times).
 */
export function supervisionFigures(state: SupervisionState, now: number, options: { estimates?: boolean } = {}): SupervisionFigures {
  const tickets = byTicket(state.ticketEvents);
  const priorityTickets = new Set(state.ticketEvents.filter((event) => event.priority === true).map((event) => event.ticketId));
  const waits = new Map<string, { minutes: number; priority: boolean }[]>();
  const services = new Map<string, { minutes: number; endedAt: number }[]>();
  for (const [ticketId, events] of tickets) {
    for (const segment of waitingSegments(events)) {
      if (segment.minutes === null) continue;
      const list = waits.get(segment.serviceId) ?? [];
      list.push({ minutes: segment.minutes, priority: priorityTickets.has(ticketId) });
      waits.set(segment.serviceId, list);
    }
    for (const segment of servingSegments(events)) {
      if (segment.endedBy !== 'finished' || segment.serviceMinutes === null) continue;
      const list = services.get(segment.serviceId) ?? [];
      list.push({ minutes: segment.serviceMinutes, endedAt: segment.endedAt! });
      services.set(segment.serviceId, list);
    }
  }
  const { office } = state;
  const averages: Record<string, number> = {};
  const spreads: Record<string, number> = {};
  for (const service of office.services) {
    const recent = (services.get(service.id) ?? []).sort((a, b) => b.endedAt - a.endedAt).slice(0, SUPERVISION_RULES.recentServices);
    averages[service.id] = averageServiceMinutes(
      recent.map((s) => s.minutes),
      service.standard.serviceTimeMinutes,
    );
    spreads[service.id] = serviceTimeSpread(recent.map((s) => s.minutes));
  }
  // The replays cost a few forecasts, and decide the point: the supervisor's screen wants them, the alert scan does not.
  const ranged = options.estimates !== false ? forecastOfficeWithRanges({ ...supervisionForecastInput(state, now, averages), serviceSpread: spreads }) : null;

  const serviceFigures = office.services.map((service): ServiceFigures => {
    const waiting = office.waiting.filter((ticket) => ticket.serviceId === service.id);
    const longest = waiting.reduce<TicketView | null>(
      (oldest, ticket) => (!oldest || Date.parse(ticket.issuedAt) < Date.parse(oldest.issuedAt) ? ticket : oldest),
      null,
    );
    const measured = waits.get(service.id) ?? [];
    const served = (services.get(service.id) ?? []).sort((a, b) => b.endedAt - a.endedAt);
    const average = averages[service.id];
    const sample = served.slice(0, SUPERVISION_RULES.slowServiceSample).map((s) => s.minutes);
    const recentServiceMinutes = sample.length >= SUPERVISION_RULES.slowServiceMinSample ? mean(sample) : null;
    const countersOpen = countersOpenFor(office.counters, service.id);
    return {
      serviceId: service.id,
      code: service.code,
      name: service.name,
      active: service.active,
      maxWaitMinutes: service.standard.maxWaitMinutes,
      serviceTimeMinutes: service.standard.serviceTimeMinutes,
      waitingNow: waiting.length,
      priorityWaiting: waiting.filter((ticket) => ticket.priority !== null).length,
      longestWaitMinutes: longest ? Math.max(0, minutesBetween(Date.parse(longest.issuedAt), now)) : null,
      longestWaitTicket: longest?.number ?? null,
      averageWaitMinutes: mean(measured.map((wait) => wait.minutes)),
      measuredWaits: measured.length,
      withinStandardShare: shareWithinStandard(
        measured.map((wait) => ({
          waitingMinutes: wait.minutes,
          maxWaitMinutes: maxWaitFor(service.standard.maxWaitMinutes, wait.priority, office.office.priorityMaxWaitMinutes),
        })),
      ),
      countersOpen,
      averageServiceMinutes: average,
      estimatedWaitMinutes: ranged ? forecastWaitFor(ranged, { serviceId: service.id, priority: null }, now) : null,
      estimatedWaitRange: ranged ? forecastRangeFor(ranged, { serviceId: service.id, priority: null }, now) : null,
      servedToday: served.length,
      recentServiceMinutes,
      slow: recentServiceMinutes !== null && recentServiceMinutes > SUPERVISION_RULES.slowServiceFactor * service.standard.serviceTimeMinutes,
    };
  });

  const standardOf = new Map(office.services.map((service) => [service.id, service.standard.serviceTimeMinutes]));
  // What each counter's figures read of the day's events, gathered in one pass for them all: its
  // events by ticket (when it was busy) and its finishes; and the waiting intervals by the set of
  // services a counter serves, merged once for every counter serving that set. Read per counter,
  // 50 counters over 20,000 waiting tickets went through a million events and sorted 20,000
  // intervals 50 times at every alert scan.
  const atCounter = new Map<string, Map<string, TicketEventRecord[]>>();
  const finishedAt = new Map<string, number>();
  for (const event of state.ticketEvents) {
    if (event.counterId === null) continue;
    let ofCounter = atCounter.get(event.counterId);
    if (!ofCounter) atCounter.set(event.counterId, (ofCounter = new Map()));
    const list = ofCounter.get(event.ticketId);
    if (list) list.push(event);
    else ofCounter.set(event.ticketId, [event]);
    if (event.type === 'finished') finishedAt.set(event.counterId, (finishedAt.get(event.counterId) ?? 0) + 1);
  }
  const waitingBySet = new Map<string, Interval[]>();
  const waitingFor = (serviceIds: readonly string[]): Interval[] => {
    const key = [...serviceIds].sort().join(' ');
    let merged = waitingBySet.get(key);
    if (!merged) {
      const waiting: Interval[] = [];
      for (const events of tickets.values()) waiting.push(...waitingIntervals(events, serviceIds, now));
      waitingBySet.set(key, (merged = unionIntervals(waiting)));
    }
    return merged;
  };
  const counterFigures = office.counters.map((counter): CounterFigures => {
    const staffing = state.staffing.find((entry) => entry.counterId === counter.id);
    const sessionEvents = state.counterEvents.filter((event) => event.counterId === counter.id);
    const scheduledSince = staffing?.scheduledSince ?? null;
    const measures = counterDayMeasures(sessionEvents, staffing?.schedule ?? [], office.office.timeZone, now, {
      graceMinutes: SUPERVISION_RULES.openingGraceMinutes,
      scheduledSince,
    });
    const scheduledNow = scheduledHours(staffing?.schedule ?? [], office.office.timeZone, now, scheduledSince);
    const graceEnd = scheduledNow ? scheduledNow.from + SUPERVISION_RULES.openingGraceMinutes * MINUTE_MS : null;
    const notOpened =
      scheduledNow && graceEnd !== null && measures.firstOpenedAt === null && now > graceEnd && now < scheduledNow.to
        ? minutesBetween(scheduledNow.from, now) - plannedMinutesBetween(measures.plannedBreaks, scheduledNow.from, now)
        : null;

    const busy: Interval[] = [];
    for (const events of atCounter.get(counter.id)?.values() ?? []) busy.push(...busyIntervals(events, now));
    const idle = idleWhileWaitingIntervals({ open: measures.open, busy, waiting: waitingFor(counter.serviceIds), plannedBreaks: measures.plannedBreaks });
    const last = idle.at(-1);
    // Only an idle stretch reaching now is going on; and only while someone it may serve still waits.
    const scope = { serviceIds: counter.serviceIds, priorityOnly: counter.priorityOnly };
    const someoneWaits = office.waiting.some((ticket) => canServe(scope, ticketQueueEntry(ticket) as QueueEntry));
    const idleSince = last && last.to >= now && counter.state === 'open' && !counter.currentTicket && someoneWaits ? last.from : null;

    const current = counter.currentTicket;
    const currentSince = current
      ? current.status === 'serving' && current.startedAt
        ? Date.parse(current.startedAt)
        : current.calledAt
          ? Date.parse(current.calledAt)
          : null
      : null;
    const openPause = measures.pauses.find((pause) => pause.to === null);
    const served = finishedAt.get(counter.id) ?? 0;
    return {
      counterId: counter.id,
      number: counter.number,
      name: counter.name,
      priorityOnly: counter.priorityOnly,
      serviceIds: counter.serviceIds,
      state: counter.state,
      pauseReason: counter.pauseReason,
      stateSince: sessionEvents.length ? Math.max(...sessionEvents.map((event) => event.at)) : null,
      staffId: counter.state === 'closed' ? null : (staffing?.staffId ?? null),
      staffName: counter.state === 'closed' ? null : (staffing?.staffName ?? null),
      currentTicket: current,
      currentSince,
      currentStandardMinutes: current ? (standardOf.get(current.serviceId) ?? null) : null,
      idleWhileWaitingMinutes: totalMinutes(idle),
      idleSince,
      scheduled: measures.scheduled ?? scheduledNow,
      lateOpeningMinutes: measures.lateOpeningMinutes,
      notOpenedMinutes: notOpened,
      breakOverrunMinutes: measures.breakOverrunMinutes,
      currentPauseAllowedMinutes: counter.state === 'paused' ? (openPause?.allowedMinutes ?? null) : null,
      earlyClosingMinutes: measures.earlyClosingMinutes,
      servedToday: served,
    };
  });

  return { services: serviceFigures, counters: counterFigures };
}

/**
 * Adds what a live office event says to the day's records (after `applyOfficeEvent` has
 * moved the office state). Returns true when the view needs a fresh snapshot: a counter
 * was opened by an officer the records do not name yet.
 */
export function recordOfficeEvent(state: SupervisionState, event: OfficeEvent): boolean {
  const at = Date.parse(event.at);
  if (event.kind === 'counter') {
    state.counterEvents.push({ counterId: event.counter.id, type: event.type, at, reason: event.type === 'paused' ? event.counter.pauseReason : null });
    return event.type === 'opened';
  }
  const ticket = event.ticket;
  // The ticket view after a return, no-show or transfer no longer names the counter; the event
  // happened there all the same. Looked up only then: a search of the day's records on every
  // event grew with the queue (a call of a ticket issued 20,000 events earlier read them all).
  const counterId =
    ticket.counterId ??
    (event.type === 'issued' ? null : (state.ticketEvents.findLast((record) => record.ticketId === ticket.id && record.counterId !== null)?.counterId ?? null));
  // For a transfer, the service after it (as measures.ts records it): the ticket view already names it.
  state.ticketEvents.push({
    ticketId: ticket.id,
    type: event.type,
    at,
    serviceId: ticket.serviceId,
    counterId,
    priority: ticket.priority !== null,
  });
  return false;
}

/** What an observation recorded: about whom, for which ticket, and how it scored. */
export interface ObservationResult {
  responseId: string;
  ticketId: string;
  ticketNumber: string;
  counterId: string;
  staffId: string;
  staffName: string;
  at: string;
  compliance: Compliance;
}
