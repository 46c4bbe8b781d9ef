import { type CounterScope, type QueueEntry, canServe, compareForCall, dueTime } from './call-order.js';
import { ticketQueueEntry } from './office-state.js';
import { DEFAULT_ALLOWED_BREAK_MINUTES, type Interval, plannedBreakAt, scheduledHours } from './counter-schedule.js';
import { mean } from './stats.js';
import { MINUTE_MS } from './time.js';
import type { PriorityCategory } from './priority.js';
import type { CounterState, OfficeSnapshot, OpeningHours, PauseReason } from './views.js';

/**
 * The simple estimate, from counts alone (the "naive" estimate the simulator's study
 * compares against; `forecastWaits` below is the better one when the office state is at hand).
 * Estimated wait in whole minutes for someone with `ahead` people before them in a
 * service's queue, served by `openCounters` counters taking on average
 * `averageServiceMinutes` each (recent service times, or the standard when there are none).
 * Null when no counter serving the service is open: nobody can promise a time then.
 */
export function estimateWaitMinutes(input: { ahead: number; openCounters: number; averageServiceMinutes: number }): number | null {
  const { ahead, openCounters, averageServiceMinutes } = input;
  if (openCounters <= 0) return null;
  if (ahead <= 0) return 0;
  return Math.ceil((ahead * averageServiceMinutes) / openCounters);
}

/** Mean of recent service times in minutes, falling back to the service's standard. */
export function averageServiceMinutes(recentServiceMinutes: readonly number[], standardMinutes: number): number {
  return mean(recentServiceMinutes) ?? standardMinutes;
}

/**
 * What the forecast needs of a counter. `busyUntil`: when the citizen now at the counter
 * (called or being served) is expected to leave, epoch ms; null when the counter is free.
 */
export interface ForecastCounter extends CounterScope {
  state: CounterState;
  busyUntil: number | null;
  /**
   * A counter not open now, when it is expected to be: a paused one (pause start + the
   * allowed break; default now + `pausedBackInMinutes`), or a closed one due to open by its
   * schedule (a closed counter without it is left out).
   */
  backAt?: number | null;
  /** Breaks still to come today (the midday ishoma, say): taken when the counter frees up after `at`. */
  breaks?: readonly { at: number; minutes: number }[];
  /**
   * The counter's planned breaks today (`plannedBreaks`): it calls nobody inside one. A
   * citizen called before a break is served to the end; the counter is then back when the
   * break ends.
   */
  plannedBreaks?: readonly Interval[];
}

/** Arrivals per minute of one service, as seen recently, to foresee who will come and be due sooner. */
export interface ServiceArrivalRate {
  regular: number;
  priority: number;
}

/** From `from` (epoch ms) until the next step: per service id, arrivals per minute. */
export interface ArrivalStep {
  from: number;
  rates: Readonly<Record<string, ServiceArrivalRate>>;
}

export interface WaitForecastInput {
  now: number;
  counters: readonly ForecastCounter[];
  /** Every waiting ticket of the office (any order). */
  waiting: readonly QueueEntry[];
  /**
   * Tickets that are not there, to learn when they would be called (a new ticket of each
   * service, for the kiosk and the board): placed like real ones but taking no counter time,
   * so they change nobody else's forecast.
   */
  probes?: readonly QueueEntry[];
  /** Per service id: the average service time in minutes (recent, or the standard). */
  serviceMinutes: Readonly<Record<string, number>>;
  /** Per service id: its maximum wait, to give foreseen arrivals their due time. */
  maxWaitMinutes: Readonly<Record<string, number>>;
  priorityMaxWaitMinutes: number;
  /** Per service id; none means no arrivals are foreseen. */
  arrivalsPerMinute?: Readonly<Record<string, ServiceArrivalRate>>;
  /**
   * Foreseen arrival rates that follow the office's usual day (`profiledArrivalRates`): each
   * step's rates hold from its `from` (epoch ms) until the next step's. Where given, arrivals
   * are foreseen by it instead of by `arrivalsPerMinute` (which the replays still read for how
   * sure today's count is).
   */
  arrivalSchedule?: readonly ArrivalStep[];
  /** Tickets known to come (booked visits): played in at their issued-at like foreseen ones; ids must not start with "foreseen:". */
  arrivals?: readonly QueueEntry[];
  /** When tickets stop being issued (the office closes), epoch ms; no arrivals are foreseen after it. */
  arrivalsUntil?: number | null;
  /** Per service id, when that service stops issuing, if before `arrivalsUntil` (its cut-off before closing: `serviceArrivalsEnd`). */
  serviceArrivalsUntil?: Readonly<Record<string, number>>;
  /** From a call to the start of service (the citizen walking up); the counter is taken meanwhile. */
  walkUpMinutes?: number;
  /** When a paused counter is expected back, counted from now. */
  pausedBackInMinutes?: number;
  /** How far ahead to look; tickets not called by then get the horizon. */
  horizonMinutes?: number;
  /** Share of called tickets that turn out a no-show (today's, say), each costing the counter `noShowMinutes`. */
  noShowShare?: number;
  noShowMinutes?: number;
}

export const FORECAST_DEFAULTS = { walkUpMinutes: 1, pausedBackInMinutes: 10, horizonMinutes: 12 * 60, noShowMinutes: 3 };

/** How many of a service's latest services today make its "recent service time" (the forecast's, the board's and the supervisor's). */
export const RECENT_SERVICES = 20;
/** How far back the arrival rates look; long enough to smooth chance, short enough to follow the morning peak. */
export const ARRIVAL_WINDOW_MINUTES = 30;
/** A counter past its scheduled opening and still closed is expected this much later (late openings are usually short). */
export const LATE_OPENING_GUESS_MINUTES = 5;
/** No-show shares are trusted from this many calls on; before that none are foreseen. */
export const MIN_CALLS_FOR_NO_SHOW_SHARE = 10;

interface ForecastLane {
  entries: QueueEntry[];
  head: number;
}

/**
 * Estimated wait in minutes for every waiting ticket (and every probe), by playing the
 * office forward: each open (or paused, once back) counter takes the next ticket by the
 * real who-is-next rule when it frees up, every ticket taking its service's average time
 * plus the walk-up. Unlike `estimateWaitMinutes` it sees what a count cannot: counters
 * shared by several services, the loket khusus, the citizens already at a counter, breaks
 * still to come, and (given the recent arrival rates) later tickets that are due sooner and
 * will be called first; and, when told, the share of no-shows.
 * A ticket no counter can serve (open, paused, or closed but expected) gets null, like
 * `estimateWaitMinutes`.
 *
 * The queue is kept as one lane per service and kind (priority or not), each in call order,
 * so a counter's next ticket is the best of a few lane heads: the same choice as `pickNext`
 * over the whole queue, in O(n log n) for n waiting rather than O(n²).
 */
export function forecastWaits(input: WaitForecastInput, draw?: CallMinutes, gaps?: ArrivalGaps): Map<string, number | null> {
  const { now } = input;
  const walkUp = (input.walkUpMinutes ?? FORECAST_DEFAULTS.walkUpMinutes) * MINUTE_MS;
  const horizon = now + (input.horizonMinutes ?? FORECAST_DEFAULTS.horizonMinutes) * MINUTE_MS;
  const pausedBack = now + (input.pausedBackInMinutes ?? FORECAST_DEFAULTS.pausedBackInMinutes) * MINUTE_MS;
  const noShowChance = Math.min(1, Math.max(0, input.noShowShare ?? 0));
  const noShowTime = (input.noShowMinutes ?? FORECAST_DEFAULTS.noShowMinutes) * MINUTE_MS;
  const result = new Map<string, number | null>();

  const counters = input.counters
    .filter((counter) => counter.state !== 'closed' || (counter.backAt !== null && counter.backAt !== undefined))
    .map((counter) => ({
      scope: counter,
      freeAt: Math.max(counter.state === 'open' ? now : Math.max(now, counter.backAt ?? pausedBack), counter.busyUntil ?? now),
      breaks: [...(counter.breaks ?? [])].filter((pause) => pause.minutes > 0).sort((a, b) => a.at - b.at),
      planned: (counter.plannedBreaks ?? []).filter((window) => window.to > now),
    }));
  const probes = new Set((input.probes ?? []).map((entry) => entry.id));
  const servable = (entry: QueueEntry) => counters.some((counter) => canServe(counter.scope, entry));
  const lanes = new Map<string, ForecastLane>();
  const laneOf = (entry: Pick<QueueEntry, 'serviceId' | 'priority'>) => {
    const key = `${entry.priority !== null ? 'p' : 'r'}:${entry.serviceId}`;
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { entries: [], head: 0 }));
    return lane;
  };
  let unresolved = 0;
  for (const entry of [...input.waiting, ...(input.probes ?? [])]) {
    if (!servable(entry)) {
      result.set(entry.id, null);
      continue;
    }
    laneOf(entry).entries.push(entry);
    unresolved += 1;
  }
  for (const lane of lanes.values()) lane.entries.sort(compareForCall);
  const feeds = arrivalFeeds(input, Math.min(horizon, input.arrivalsUntil ?? horizon), gaps ?? evenGaps);
  const counterLanes = counters.map((counter) => {
    const mine = (kind: 'p' | 'r') => counter.scope.serviceIds.map((serviceId) => laneOf({ serviceId, priority: kind === 'p' ? 'lanjut_usia' : null }));
    const priority = mine('p');
    const regular = mine('r');
    const fed = counter.scope.serviceIds.flatMap((serviceId) => feeds.get(serviceId) ?? []).map((feed) => ({ feed, lane: laneOf(feed) }));
    return { priority, any: [...priority, ...regular], feeds: fed };
  });
  const best = (candidates: ForecastLane[]): ForecastLane | undefined => {
    let chosen: ForecastLane | undefined;
    for (const lane of candidates) {
      if (lane.head >= lane.entries.length) continue;
      if (!chosen || compareForCall(lane.entries[lane.head], chosen.entries[chosen.head]) < 0) chosen = lane;
    }
    return chosen;
  };

  while (unresolved > 0 && counters.length > 0) {
    let index = 0;
    for (let i = 1; i < counters.length; i += 1) if (counters[i].freeAt < counters[index].freeAt) index = i;
    const counter = counters[index];
    const at = counter.freeAt;
    if (at > horizon) break;
    if (counter.breaks.length > 0 && counter.breaks[0].at <= at) {
      counter.freeAt = at + counter.breaks.shift()!.minutes * MINUTE_MS;
      continue;
    }
    const onBreak = plannedBreakAt(counter.planned, at);
    if (onBreak) {
      counter.freeAt = onBreak.to;
      continue;
    }
    const { priority, any, feeds: mine } = counterLanes[index];
    // A foreseen walk-in comes after every real one and is due later than any of its lane, so it is appended;
    // a booked citizen (`arrivals`) may be due sooner than some already waiting, and takes its place among them.
    for (const { feed, lane } of mine) for (let entry = feed.until(at); entry; entry = feed.until(at)) joinLane(lane, entry);
    const lane = (counter.scope.priorityOnly ? best(priority) : undefined) ?? best(any);
    if (!lane) {
      // Idle until a foreseen ticket it may serve arrives (or for good).
      counter.freeAt = Math.min(Number.POSITIVE_INFINITY, ...mine.map(({ feed }) => feed.nextAt()));
      continue;
    }
    const next = lane.entries[lane.head++];
    if (!next.id.startsWith(FORESEEN)) {
      result.set(next.id, (at - now) / MINUTE_MS);
      unresolved -= 1;
      if (probes.has(next.id)) continue;
    }
    // The expected time the call takes: served after the walk-up, or given up on as a no-show.
    const served = walkUp + (input.serviceMinutes[next.serviceId] ?? 0) * MINUTE_MS;
    counter.freeAt = draw ? at + draw(next) * MINUTE_MS : at + (1 - noShowChance) * served + noShowChance * noShowTime;
  }
  for (const lane of lanes.values()) {
    for (let i = lane.head; i < lane.entries.length; i += 1) {
      const entry = lane.entries[i];
      if (!entry.id.startsWith(FORESEEN)) result.set(entry.id, (horizon - now) / MINUTE_MS);
    }
  }
  return result;
}

const FORESEEN = 'foreseen:';

/** Puts an arriving ticket in its lane at its place in call order, among those not yet called (appending when it comes last, as most do). */
function joinLane(lane: ForecastLane, entry: QueueEntry): void {
  let at = lane.entries.length;
  while (at > lane.head && compareForCall(entry, lane.entries[at - 1]) < 0) at -= 1;
  lane.entries.splice(at, 0, entry);
}

/**
 * For a replay (`wait-range.ts`): the minutes one call keeps its counter (walk-up and service,
 * or a no-show), drawn instead of the expected time; tickets are passed in the order called.
 */
export type CallMinutes = (entry: QueueEntry) => number;

/**
 * The time from one foreseen ticket of a service and kind to the next, given the mean gap at
 * its rate (`first`: from now to the first one). The forecast spaces them evenly; a replay
 * (`wait-range.ts`) draws them as they come.
 */
export type ArrivalGap = (meanGapMs: number, first: boolean) => number;
/** An `ArrivalGap` per service and kind, asked for once per forecast. */
export type ArrivalGaps = (serviceId: string, kind: 'regular' | 'priority') => ArrivalGap;

/** Evenly spaced, the first half a gap from now: on average that is when the next one comes. */
const evenGaps: ArrivalGaps = () => (gap, first) => (first ? gap / 2 : gap);

/**
 * The foreseen tickets of one service and kind (the known ones, then those at its recent
 * rate), made only as the play reaches them: a forecast that settles within the hour
 * makes an hour of them, not the twelve up to the horizon.
 */
interface ArrivalFeed {
  serviceId: string;
  priority: PriorityCategory | null;
  /** The next foreseen ticket issued by `at`, taken from the feed; undefined when none is. */
  until(at: number): QueueEntry | undefined;
  /** When its next ticket comes; +∞ when none is left before closing. */
  nextAt(): number;
}

/** Per service id, its feeds (both kinds). */
function arrivalFeeds(input: WaitForecastInput, until: number, gaps: ArrivalGaps): Map<string, ArrivalFeed[]> {
  const known = new Map<string, QueueEntry[]>();
  for (const entry of input.arrivals ?? []) {
    if (entry.issuedAt <= input.now) continue;
    const key = `${entry.priority !== null ? 'priority' : 'regular'}:${entry.serviceId}`;
    let list = known.get(key);
    if (!list) known.set(key, (list = []));
    list.push({ ...entry, id: `${FORESEEN}${entry.id}` });
  }
  const feeds = new Map<string, ArrivalFeed[]>();
  const schedule = input.arrivalSchedule;
  const ratedServices = schedule ? schedule.flatMap((step) => Object.keys(step.rates)) : Object.keys(input.arrivalsPerMinute ?? {});
  for (const serviceId of new Set([...ratedServices, ...[...known.values()].map((list) => list[0].serviceId)])) {
    const maxWait = input.maxWaitMinutes[serviceId];
    const rate = input.arrivalsPerMinute?.[serviceId];
    const list: ArrivalFeed[] = [];
    for (const kind of ['regular', 'priority'] as const) {
      const booked = (known.get(`${kind}:${serviceId}`) ?? []).sort((a, b) => a.issuedAt - b.issuedAt);
      const last = Math.min(until, input.serviceArrivalsUntil?.[serviceId] ?? until);
      const times =
        maxWait === undefined
          ? null
          : schedule
            ? scheduledTimes(schedule, serviceId, kind, input.now, last, gaps)
            : evenTimes(rate?.[kind] ?? 0, serviceId, kind, input.now, gaps);
      if (booked.length === 0 && !times) continue;
      const priority: PriorityCategory | null = kind === 'priority' ? 'lanjut_usia' : null;
      let b = 0;
      let n = 0;
      let at = times ? times(true) : Number.POSITIVE_INFINITY;
      const rated = () => (at <= last ? at : Number.POSITIVE_INFINITY);
      list.push({
        serviceId,
        priority,
        // A known ticket goes before one foreseen at its rate in the same millisecond.
        nextAt: () => Math.min(b < booked.length ? booked[b].issuedAt : Number.POSITIVE_INFINITY, rated()),
        until: (limit) => {
          if (b < booked.length && booked[b].issuedAt <= limit && booked[b].issuedAt <= rated()) return booked[b++];
          if (rated() > limit) return undefined;
          const entry: QueueEntry = {
            id: `${FORESEEN}${serviceId}:${kind}:${n}`,
            serviceId,
            issuedAt: at,
            dueAt: dueTime(at, maxWait!, priority, input.priorityMaxWaitMinutes),
            priority,
          };
          n += 1;
          at = times!(false);
          return entry;
        },
      });
    }
    feeds.set(serviceId, list);
  }
  return feeds;
}

/** The foreseen tickets' times of one service and kind at a steady rate per minute (the next one each call); null when none come. */
function evenTimes(perMinute: number, serviceId: string, kind: 'regular' | 'priority', now: number, gaps: ArrivalGaps): ((first: boolean) => number) | null {
  if (!(perMinute > 0)) return null;
  const gap = MINUTE_MS / perMinute;
  const draw = gaps(serviceId, kind);
  let at = now;
  return (first) => (at += draw(gap, first));
}

/**
 * The same at rates that change step by step (`arrivalSchedule`): the gaps are drawn in expected
 * arrivals (a mean gap of one) and laid over the steps, so an hour twice as busy gets its
 * tickets twice as close; null when no step brings any before `last`.
 */
function scheduledTimes(
  schedule: readonly ArrivalStep[],
  serviceId: string,
  kind: 'regular' | 'priority',
  now: number,
  last: number,
  gaps: ArrivalGaps,
): ((first: boolean) => number) | null {
  const segments: { from: number; to: number; perMs: number }[] = [];
  for (const [i, step] of schedule.entries()) {
    const from = Math.max(now, step.from);
    const to = Math.min(last, schedule[i + 1]?.from ?? last);
    const perMinute = step.rates[serviceId]?.[kind] ?? 0;
    if (to > from && perMinute > 0) segments.push({ from, to, perMs: perMinute / MINUTE_MS });
  }
  if (segments.length === 0) return null;
  const draw = gaps(serviceId, kind);
  let segment = 0;
  let at = now;
  return (first) => {
    let need = draw(1, first);
    while (segment < segments.length) {
      const { from, to, perMs } = segments[segment];
      const start = Math.max(at, from);
      const room = (to - start) * perMs;
      if (need <= room) return (at = start + need / perMs);
      need -= room;
      segment += 1;
      at = to;
    }
    return (at = Number.POSITIVE_INFINITY);
  };
}

/**
 * When the citizen at a counter is expected to leave: the start (or the call plus the
 * walk-up) plus the service's average time, but never less than `minRemainingShare` of the
 * average from now: service times are skewed, so one already running long tends to run on
 * (for log-normal times the expected remainder levels off near 40% of the mean).
 */
export function expectedBusyUntil(
  ticket: { calledAt: number | null; startedAt: number | null } | null,
  averageServiceMinutes: number,
  now: number,
  walkUpMinutes = FORECAST_DEFAULTS.walkUpMinutes,
  minRemainingShare = 0.4,
): number | null {
  if (!ticket) return null;
  const start = ticket.startedAt ?? Math.max(now, (ticket.calledAt ?? now) + walkUpMinutes * MINUTE_MS);
  const end = start + averageServiceMinutes * MINUTE_MS;
  return Math.max(end, now + minRemainingShare * averageServiceMinutes * MINUTE_MS);
}

/**
 * The forecast's input from an office snapshot (what the API, the board and the phone page
 * already hold), so any of them can show the same estimate.
 */
export function forecastInputFromSnapshot(
  snapshot: OfficeSnapshot,
  now: number,
  options: Pick<WaitForecastInput, 'arrivalsPerMinute' | 'walkUpMinutes' | 'pausedBackInMinutes' | 'horizonMinutes'> & {
    /** Per service id, fresher averages than the snapshot's. */
    serviceMinutes?: Readonly<Record<string, number>>;
  } = {},
): WaitForecastInput {
  const serviceMinutes: Record<string, number> = {};
  const maxWaitMinutes: Record<string, number> = {};
  for (const service of snapshot.services) {
    serviceMinutes[service.id] = options.serviceMinutes?.[service.id] ?? service.averageServiceMinutes;
    maxWaitMinutes[service.id] = service.standard.maxWaitMinutes;
  }
  const counters: ForecastCounter[] = snapshot.counters.map((counter) => {
    const ticket = counter.currentTicket;
    const busyUntil = ticket
      ? expectedBusyUntil(
          { calledAt: ticket.calledAt ? Date.parse(ticket.calledAt) : null, startedAt: ticket.startedAt ? Date.parse(ticket.startedAt) : null },
          serviceMinutes[ticket.serviceId] ?? 0,
          now,
          options.walkUpMinutes,
        )
      : null;
    return { serviceIds: counter.serviceIds, priorityOnly: counter.priorityOnly, state: counter.state, busyUntil };
  });
  const { serviceMinutes: _fresher, ...rest } = options;
  return {
    ...rest,
    now,
    counters,
    waiting: snapshot.waiting.map(ticketQueueEntry),
    serviceMinutes,
    maxWaitMinutes,
    priorityMaxWaitMinutes: snapshot.office.priorityMaxWaitMinutes,
  };
}

/**
 * When a counter that is not open is expected to be: a paused one when its pause's allowed
 * length is up (a pause with no allowed length, such as a system fault, gives null: the
 * forecast then assumes `pausedBackInMinutes`); a closed one not yet opened today at its
 * scheduled opening, or soon once that has passed (a late opening), until its scheduled
 * close. Null for an open counter, or a closed one not expected today.
 */
export function expectedBackAt(
  counter: {
    state: CounterState;
    pauseReason: PauseReason | null;
    pausedAt: number | null;
    openedToday: boolean;
    scheduled: { from: number; to: number } | null;
    /** The counter's planned breaks today: one going on now decides when it is back. */
    plannedBreaks?: readonly Interval[];
  },
  now: number,
): number | null {
  const onBreak = plannedBreakAt(counter.plannedBreaks ?? [], now);
  if (counter.state === 'paused') {
    // On a planned break the officer is back when it ends (the Friday prayer is longer than an ishoma's usual hour).
    if (onBreak && counter.pauseReason !== 'system_down' && counter.pauseReason !== 'offline') return onBreak.to;
    const allowed = counter.pauseReason ? DEFAULT_ALLOWED_BREAK_MINUTES[counter.pauseReason] : null;
    return counter.pausedAt !== null && allowed !== null ? Math.max(now, counter.pausedAt + allowed * MINUTE_MS) : null;
  }
  if (counter.state !== 'closed' || counter.openedToday || !counter.scheduled || now >= counter.scheduled.to) return null;
  if (now < counter.scheduled.from) return counter.scheduled.from;
  return onBreak ? onBreak.to : now + LATE_OPENING_GUESS_MINUTES * MINUTE_MS;
}

/**
 * Arrivals per minute of each service over the last `ARRIVAL_WINDOW_MINUTES` (or since the
 * first ticket of the day, if later, but never over less than 10 minutes), from the counts of
 * tickets issued since `windowStart`.
 */
/** The minutes `arrivalRates` counts over, from `windowStart` to `now`: how much the rates can be trusted. */
export function arrivalWindowMinutes(windowStart: number, now: number): number {
  return Math.max(10, Math.min(ARRIVAL_WINDOW_MINUTES, (now - windowStart) / MINUTE_MS));
}

export function arrivalRates(
  issued: readonly { serviceId: string; priority: boolean; count: number }[],
  serviceIds: readonly string[],
  windowStart: number,
  now: number,
): Record<string, ServiceArrivalRate> {
  const minutes = arrivalWindowMinutes(windowStart, now);
  const rates: Record<string, ServiceArrivalRate> = {};
  for (const id of serviceIds) rates[id] = { regular: 0, priority: 0 };
  for (const row of issued) {
    const rate = rates[row.serviceId];
    if (rate) rate[row.priority ? 'priority' : 'regular'] += row.count / minutes;
  }
  return rates;
}

/**
 * When the office stops taking tickets today, for `arrivalsUntil`: its closing time; now, on
 * a day it does not open (nobody more is coming); null when it has no opening hours at all.
 */
export function arrivalsEnd(openingHours: readonly OpeningHours[], timeZone: string, now: number): number | null {
  if (openingHours.length === 0) return null;
  return scheduledHours(openingHours, timeZone, now)?.to ?? now;
}

/**
 * Per service, when it stops taking tickets today, for `serviceArrivalsUntil`: its cut-off
 * (minutes) before `closesAt` (`arrivalsEnd`); nothing when the office has no closing.
 */
export function serviceArrivalsEnd(closesAt: number | null, cutoffMinutes: Readonly<Record<string, number>>): Record<string, number> | undefined {
  if (closesAt === null) return undefined;
  return Object.fromEntries(Object.entries(cutoffMinutes).map(([serviceId, minutes]) => [serviceId, closesAt - minutes * MINUTE_MS]));
}

/** The share of today's calls that were no-shows, once there are enough calls to tell. */
export function noShowShare(calls: number, noShows: number): number {
  return calls >= MIN_CALLS_FOR_NO_SHOW_SHARE ? Math.min(1, noShows / calls) : 0;
}

/** The whole office's forecast at one moment, in minutes from `at` (not rounded). */
export interface OfficeForecast {
  at: number;
  /** Per waiting ticket id; null where no counter can serve it. */
  waits: ReadonlyMap<string, number | null>;
  /** Per service id: the wait of a regular and of a priority ticket taken at `at`. */
  newTicket: Readonly<Record<string, { regular: number | null; priority: number | null }>>;
  /** Per service id: the average service time it assumed (recent, or the standard). */
  serviceMinutes: Readonly<Record<string, number>>;
}

/**
 * `forecastWaits` for the office, with a probe for a new regular and a new priority ticket of
 * every service, so the kiosk and the board can promise a time to whoever comes next.
 */
export function forecastOffice(input: WaitForecastInput, draw?: CallMinutes): OfficeForecast {
  const serviceIds = Object.keys(input.maxWaitMinutes);
  const probeId = (serviceId: string, kind: 'regular' | 'priority') => `probe:${serviceId}:${kind}`;
  const probes: QueueEntry[] = serviceIds.flatMap((serviceId) =>
    (['regular', 'priority'] as const).map((kind) => {
      const priority = kind === 'priority' ? ('lanjut_usia' as const) : null;
      // Last among tickets issued in the same millisecond: a new ticket queues behind them.
      return {
        id: probeId(serviceId, kind),
        serviceId,
        issuedAt: input.now,
        dueAt: dueTime(input.now, input.maxWaitMinutes[serviceId], priority, input.priorityMaxWaitMinutes),
        priority,
        issueOrder: Number.MAX_SAFE_INTEGER,
      };
    }),
  );
  const raw = forecastWaits({ ...input, probes: [...(input.probes ?? []), ...probes] }, draw);
  const waits = new Map<string, number | null>();
  for (const entry of input.waiting) waits.set(entry.id, raw.get(entry.id) ?? null);
  const newTicket: Record<string, { regular: number | null; priority: number | null }> = {};
  for (const serviceId of serviceIds)
    newTicket[serviceId] = { regular: raw.get(probeId(serviceId, 'regular')) ?? null, priority: raw.get(probeId(serviceId, 'priority')) ?? null };
  return { at: input.now, waits, newTicket, serviceMinutes: input.serviceMinutes };
}

/**
 * The estimate in whole minutes from `now` for a waiting ticket, or (with no id, or one the
 * forecast has not seen: issued, returned or transferred since) for a ticket taken now, from a
 * forecast made a little earlier; the time since then is taken off.
 */
export function forecastWaitFor(
  forecast: OfficeForecast,
  ticket: { id?: string; serviceId: string; priority: PriorityCategory | null },
  now: number,
): number | null {
  const known = ticket.id !== undefined && forecast.waits.has(ticket.id);
  const minutes = known ? forecast.waits.get(ticket.id!)! : (forecast.newTicket[ticket.serviceId]?.[ticket.priority ? 'priority' : 'regular'] ?? null);
  if (minutes === null) return null;
  return Math.max(0, Math.round(minutes - (now - forecast.at) / MINUTE_MS));
}
