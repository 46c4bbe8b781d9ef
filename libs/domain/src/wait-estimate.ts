import { type CounterScope, type QueueEntry, canServe, dueTime, pickNext } from './call-order.js';
import { ticketQueueEntry } from './office-state.js';
import { MINUTE_MS } from './time.js';
import type { CounterState, OfficeSnapshot } from './views.js';

/**
 * The simple estimate, from counts alone (the "naive" estimate the simulator's study
 * compares against; `forecastWaits` below is the better one when the office state is at hand).
 * Estimated wait in whole minutes for someone with `ahead` people before them in a
 * service's queue, served by `openCounters` counters taking on average
 * `averageServiceMinutes` each (recent service times, or the standard when there are none).
 * Null when no counter serving the service is open: nobody can promise a time then.
 */
export function estimateWaitMinutes(input: {
  ahead: number;
  openCounters: number;
  averageServiceMinutes: number;
}): number | null {
  const { ahead, openCounters, averageServiceMinutes } = input;
  if (openCounters <= 0) return null;
  if (ahead <= 0) return 0;
  return Math.ceil((ahead * averageServiceMinutes) / openCounters);
}

/** Mean of recent service times in minutes, falling back to the service's standard. */
export function averageServiceMinutes(recentServiceMinutes: readonly number[], standardMinutes: number): number {
  if (recentServiceMinutes.length === 0) return standardMinutes;
  return recentServiceMinutes.reduce((sum, minutes) => sum + minutes, 0) / recentServiceMinutes.length;
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
}

/** Arrivals per minute of one service, as seen recently, to foresee who will come and be due sooner. */
export interface ServiceArrivalRate {
  regular: number;
  priority: number;
}

export interface WaitForecastInput {
  now: number;
  counters: readonly ForecastCounter[];
  /** Every waiting ticket of the office (any order). */
  waiting: readonly QueueEntry[];
  /** Per service id: the average service time in minutes (recent, or the standard). */
  serviceMinutes: Readonly<Record<string, number>>;
  /** Per service id: its maximum wait, to give foreseen arrivals their due time. */
  maxWaitMinutes: Readonly<Record<string, number>>;
  priorityMaxWaitMinutes: number;
  /** Per service id; none means no arrivals are foreseen. */
  arrivalsPerMinute?: Readonly<Record<string, ServiceArrivalRate>>;
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

const FORECAST_DEFAULTS = { walkUpMinutes: 1, pausedBackInMinutes: 10, horizonMinutes: 12 * 60, noShowMinutes: 3 };

/**
 * Estimated wait in minutes for every waiting ticket, by playing the office forward: each
 * open (or paused, once back) counter takes the next ticket by the real who-is-next rule
 * (`pickNext`) when it frees up, every ticket taking its service's average time plus the
 * walk-up. Unlike `estimateWaitMinutes` it sees what a count cannot: counters shared by
 * several services, the loket khusus, the citizens already at a counter, and (given the
 * recent arrival rates) later tickets that are due sooner and will be called first; and,
 * when told, the share of no-shows.
 * A ticket no counter can serve (open, paused, or closed but expected) gets null, like
 * `estimateWaitMinutes`.
 */
export function forecastWaits(input: WaitForecastInput): Map<string, number | null> {
  const { now } = input;
  const walkUp = (input.walkUpMinutes ?? FORECAST_DEFAULTS.walkUpMinutes) * MINUTE_MS;
  const horizon = now + (input.horizonMinutes ?? FORECAST_DEFAULTS.horizonMinutes) * MINUTE_MS;
  const pausedBack = now + (input.pausedBackInMinutes ?? FORECAST_DEFAULTS.pausedBackInMinutes) * MINUTE_MS;
  const noShowShare = Math.min(1, Math.max(0, input.noShowShare ?? 0));
  const noShowTime = (input.noShowMinutes ?? FORECAST_DEFAULTS.noShowMinutes) * MINUTE_MS;
  const result = new Map<string, number | null>();

  const counters = input.counters
    .filter((counter) => counter.state !== 'closed' || (counter.backAt !== null && counter.backAt !== undefined))
    .map((counter) => ({
      scope: counter,
      freeAt: Math.max(counter.state === 'open' ? now : Math.max(now, counter.backAt ?? pausedBack), counter.busyUntil ?? now),
    }));
  const real = new Set(input.waiting.map((entry) => entry.id));
  for (const entry of input.waiting) {
    if (!counters.some((counter) => canServe(counter.scope, entry))) result.set(entry.id, null);
  }
  const pool: QueueEntry[] = input.waiting.filter((entry) => !result.has(entry.id));
  let unresolved = pool.length;
  const future = foreseenArrivals(input, horizon);
  let nextFuture = 0;

  while (unresolved > 0 && counters.length > 0) {
    let counter = counters[0];
    for (const candidate of counters) if (candidate.freeAt < counter.freeAt) counter = candidate;
    const at = counter.freeAt;
    if (at > horizon) break;
    while (nextFuture < future.length && future[nextFuture].issuedAt <= at) pool.push(future[nextFuture++]);
    const next = pickNext(pool, counter.scope);
    if (!next) {
      // Idle until a foreseen ticket it may serve arrives (or for good).
      const coming = future.slice(nextFuture).find((entry) => canServe(counter.scope, entry));
      counter.freeAt = coming ? coming.issuedAt : Number.POSITIVE_INFINITY;
      continue;
    }
    pool.splice(pool.indexOf(next), 1);
    if (real.has(next.id)) {
      result.set(next.id, (at - now) / MINUTE_MS);
      unresolved -= 1;
    }
    // The expected time the call takes: served after the walk-up, or given up on as a no-show.
    const served = walkUp + (input.serviceMinutes[next.serviceId] ?? 0) * MINUTE_MS;
    counter.freeAt = at + (1 - noShowShare) * served + noShowShare * noShowTime;
  }
  for (const entry of pool) if (real.has(entry.id)) result.set(entry.id, (horizon - now) / MINUTE_MS);
  return result;
}

/** Evenly spaced tickets at each service's recent rates, from now to the horizon, in arrival order. */
function foreseenArrivals(input: WaitForecastInput, horizon: number): QueueEntry[] {
  const entries: QueueEntry[] = [];
  for (const [serviceId, rate] of Object.entries(input.arrivalsPerMinute ?? {})) {
    const maxWait = input.maxWaitMinutes[serviceId];
    if (maxWait === undefined) continue;
    for (const [kind, perMinute] of [['regular', rate.regular], ['priority', rate.priority]] as const) {
      if (!(perMinute > 0)) continue;
      const gap = MINUTE_MS / perMinute;
      // The first one half a gap from now: on average that is when the next one comes.
      for (let at = input.now + gap / 2, n = 0; at <= horizon; at += gap, n += 1) {
        const priority = kind === 'priority' ? 'lanjut_usia' : null;
        entries.push({
          id: `foreseen:${serviceId}:${kind}:${n}`,
          serviceId,
          issuedAt: at,
          dueAt: dueTime(at, maxWait, priority, input.priorityMaxWaitMinutes),
          priority,
        });
      }
    }
  }
  return entries.sort((a, b) => a.issuedAt - b.issuedAt);
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
  options: Pick<WaitForecastInput, 'arrivalsPerMinute' | 'walkUpMinutes' | 'pausedBackInMinutes' | 'horizonMinutes'> = {},
): WaitForecastInput {
  const serviceMinutes: Record<string, number> = {};
  const maxWaitMinutes: Record<string, number> = {};
  for (const service of snapshot.services) {
    serviceMinutes[service.id] = service.averageServiceMinutes;
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
  return {
    ...options,
    now,
    counters,
    waiting: snapshot.waiting.map(ticketQueueEntry),
    serviceMinutes,
    maxWaitMinutes,
    priorityMaxWaitMinutes: snapshot.office.priorityMaxWaitMinutes,
  };
}
