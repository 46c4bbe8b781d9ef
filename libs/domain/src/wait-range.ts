/**
 * The estimate as a range: an 80% prediction interval around the office forecast, made by
 * replaying the office forward several times with chance put back in (service times drawn
 * from today's spread, no-shows, arrivals as they come rather than evenly spaced) and taking
 * the replays' lower and upper deciles. The same replays decide the product's point estimate
 * (`replayedPoint`: their median), which every screen, the kuota dinamis, notifications and
 * sorting read; `forecastOffice`'s plain play (every call its expected time) is kept beside it
 * as `played`, for the range's stretch and for `carryRanges`.
 */
import { type QueueEntry, dueTime } from './call-order.js';
import { MINUTE_MS } from './time.js';
import type { PriorityCategory } from './priority.js';
import {
  ARRIVAL_WINDOW_MINUTES,
  type ArrivalGaps,
  type ArrivalStep,
  type CallMinutes,
  FORECAST_DEFAULTS,
  type OfficeForecast,
  type ServiceArrivalRate,
  type WaitForecastInput,
  forecastOffice,
  forecastWaitFor,
  forecastWaits,
} from './wait-estimate.js';

/** A range of waits in minutes, lo ≤ hi. */
export interface WaitRange {
  lo: number;
  hi: number;
}

export interface OfficeForecastRanges {
  /** Per waiting ticket id, in minutes from the forecast's `at` (not rounded); null where the point is. */
  waits: ReadonlyMap<string, WaitRange | null>;
  /** Per service id: the range of a regular and of a priority ticket taken at `at`. */
  newTicket: Readonly<Record<string, { regular: WaitRange | null; priority: WaitRange | null }>>;
  /** How many replays it took, and the seed they were drawn from (the same snapshot, the same seed). */
  replays: number;
  seed: number;
}

/**
 * The office forecast with its ranges. Its `waits` and `newTicket` are the product's points
 * (`replayedPoint`), not the plain play's.
 */
export interface RangedOfficeForecast extends OfficeForecast {
  ranges: OfficeForecastRanges;
  /**
   * The plain play's figures (`forecastOffice`: every call taking its expected time) the points
   * were moved from: the range is stretched from them, and `carryRanges` moves a fresh play by
   * the same distance to its point.
   */
  played: Pick<OfficeForecast, 'waits' | 'newTicket'>;
}

/**
 * The replays' quantiles the point and the range are read at, and how far the range's ends are then moved from the plain play's figure:
 * tuned in the simulator's calibration study (`npm run simulate`; with the office's usual day
 * of arrivals, `arrivalProfile`, tuned on seeds 5000–5199 and 6000–6199 together, never on the
 * seeds it reports, 8000 on) so that four citizens in five are
 * called inside their range, as many below it as above. The replays know the chance in service
 * times, in arrivals and in the arrival rates themselves, not what the forecast itself gets
 * wrong (a late opening, a break taken late or overrun, a transfer), so the deciles are
 * stretched by a share of the plain play's figure rather than of their own spread.
 */
export const WAIT_RANGE = {
  /**
   * The replays' quantile that is the product's point estimate (`replayedPoint`): the median,
   * the figure off by the least on average. A wait is skewed (most calls come a little sooner
   * than the plain play's, which gives every call its mean time; a few come much later), so
   * the plain play's figure runs above what most citizens wait.
   */
  pointQuantile: 0.5,
  lowerQuantile: 0.1,
  upperQuantile: 0.9,
  /** Each side's distance from the plain play's figure is multiplied by these. */
  stretchBelow: 0.7,
  stretchAbove: 1,
  /**
   * And widened by these shares of the plain play's figure: what the forecast gets wrong grows with the wait
   * (a break taken late or overrun, a late return, a transfer joining the queue ahead), not with
   * the replays' spread, so a long wait needs more room than its replays show and a short one less.
   */
  slackBelow: 0.06,
  slackAbove: 0.1,
  /** Fewest and most replays; between them, as many as `replayWork` allows for the queue's length. */
  minReplays: 16,
  maxReplays: 32,
  /** Replays × (waiting tickets + 50): keeps a refresh's cost from growing as fast as the queue. */
  replayWork: 32_000,
  /** The log-normal shape assumed for service times before a service has many of today's times, and how many times that prior weighs. */
  priorSpread: 0.5,
  priorWeight: 5,
  /** The gamma shape of what is left of the current citizens' times, as a share of what is expected (2: from a few seconds to twice as long). */
  remainingShape: 2,
  /** Added to a stream's count in the window for the shape of its drawn rate: a stream with no arrivals yet may still bring one. */
  rateShape: 0.25,
  /** The log-normal shape of the factor by which the whole office's demand moves from the last half hour's. */
  demandDrift: 0.3,
} as const;

/**
 * The spread of a service's times today: the standard deviation of their logarithms (a
 * log-normal's shape), drawn towards `WAIT_RANGE.priorSpread` while there are few of them.
 */
export function serviceTimeSpread(recentMinutes: readonly number[]): number {
  const logs = recentMinutes.filter((minutes) => Number.isFinite(minutes)).map((minutes) => Math.log(Math.max(0.1, minutes)));
  const n = logs.length;
  const prior = WAIT_RANGE.priorSpread ** 2 * WAIT_RANGE.priorWeight;
  if (n < 2) return WAIT_RANGE.priorSpread;
  const average = logs.reduce((sum, value) => sum + value, 0) / n;
  const squares = logs.reduce((sum, value) => sum + (value - average) ** 2, 0);
  return Math.sqrt((squares + prior) / (n - 1 + WAIT_RANGE.priorWeight));
}

/** The forecast's input, plus the spread of each service's times (`serviceTimeSpread`); a service without one gets the prior. */
export type RangedForecastInput = WaitForecastInput & {
  serviceSpread?: Readonly<Record<string, number>>;
  /** The minutes the arrival rates were counted over (`arrivalWindowMinutes`; default `ARRIVAL_WINDOW_MINUTES`): how sure the rates are. */
  arrivalWindowMinutes?: number;
};

/** Seeded uniform numbers in [0, 1) (mulberry32): small, fast, and the same for the same seed. */
function uniform(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string, start = 0x811c9dc5): number {
  let h = start;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The replays' seed, the same for every snapshot (common random numbers): a queue that changed
 * by one ticket draws almost the same replays, so a point and its range move with what changed
 * rather than jumping with the draw at every issue and call (the point is a median of 16–32
 * replays, a few minutes off by chance on a long wait); and the same snapshot gives the same.
 */
export const REPLAY_SEED = 0x5eed;

/** How many replays a queue of `waiting` gets (see `WAIT_RANGE.replayWork`). */
export function replaysFor(waiting: number): number {
  return Math.max(WAIT_RANGE.minReplays, Math.min(WAIT_RANGE.maxReplays, Math.floor(WAIT_RANGE.replayWork / (waiting + 50))));
}

/**
 * The forecast's arrival rates drawn as they come: a Poisson stream per service and kind, each
 * from its own seeded numbers, so how far one stream is played does not move the others. A
 * stream is named by its service's place among the input's services (`serviceMinutes`, in the
 * order the office lists them), not by the service's id: ids are drawn anew for every office,
 * and the same queue in another office, or in another run of a test, must get the same replays.
 */
function drawnGaps(seed: number, replay: number, input: Pick<WaitForecastInput, 'serviceMinutes'>): ArrivalGaps {
  const places = new Map(Object.keys(input.serviceMinutes).map((serviceId, place) => [serviceId, place]));
  return (serviceId, kind) => {
    const random = uniform(hash(`${replay}:${kind}:${places.get(serviceId) ?? serviceId}`, seed));
    return (gap) => -gap * Math.log(1 - random());
  };
}

/** A gamma-distributed number of shape `shape` and scale 1 (Marsaglia and Tsang; below shape 1, boosted). */
function gamma(shape: number, random: () => number, normal: () => number): number {
  if (shape < 1) return gamma(shape + 1, random, normal) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - random()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * One replay's arrival rates. The forecast's rates are counts over a short window, so the
 * rate itself is uncertain: each service and kind gets a rate drawn from what its count
 * allows (a gamma of shape count + `WAIT_RANGE.rateShape`, over the window), and the whole
 * office's demand moves by one shared factor (`WAIT_RANGE.demandDrift`): the next hour is
 * rarely as busy as the last half hour was.
 */
function drawnRates(input: RangedForecastInput, random: () => number, normal: () => number): Readonly<Record<string, ServiceArrivalRate>> | undefined {
  if (!input.arrivalsPerMinute) return undefined;
  const window = input.arrivalWindowMinutes ?? ARRIVAL_WINDOW_MINUTES;
  const sigma = WAIT_RANGE.demandDrift;
  const drift = Math.exp(sigma * normal() - (sigma * sigma) / 2);
  const rates: Record<string, ServiceArrivalRate> = {};
  const draw = (perMinute: number) => {
    const count = perMinute * window;
    const shape = count + WAIT_RANGE.rateShape;
    return shape > 0 ? (drift * gamma(shape, random, normal)) / window : 0;
  };
  for (const [serviceId, rate] of Object.entries(input.arrivalsPerMinute)) rates[serviceId] = { regular: draw(rate.regular), priority: draw(rate.priority) };
  return rates;
}

/**
 * One replay's arrival schedule (`arrivalSchedule`): the usual day's shape is known, its level
 * less so, so each service and kind moves by a factor of mean 1 drawn as `drawnRates` draws a
 * rate (from its count in the window), and the whole office by the shared drift.
 */
function drawnSchedule(input: RangedForecastInput, random: () => number, normal: () => number): readonly ArrivalStep[] | undefined {
  const schedule = input.arrivalSchedule;
  if (!schedule) return undefined;
  const window = input.arrivalWindowMinutes ?? ARRIVAL_WINDOW_MINUTES;
  const sigma = WAIT_RANGE.demandDrift;
  const drift = Math.exp(sigma * normal() - (sigma * sigma) / 2);
  const factor = (perMinute: number) => {
    const shape = perMinute * window + WAIT_RANGE.rateShape;
    return (drift * gamma(shape, random, normal)) / shape;
  };
  const factors: Record<string, ServiceArrivalRate> = {};
  for (const serviceId of Object.keys(schedule[0]?.rates ?? {})) {
    const rate = schedule[0].rates[serviceId];
    factors[serviceId] = { regular: factor(rate.regular), priority: factor(rate.priority) };
  }
  return schedule.map((step) => ({
    from: step.from,
    rates: Object.fromEntries(
      Object.entries(step.rates).map(([serviceId, rate]) => [
        serviceId,
        { regular: rate.regular * (factors[serviceId]?.regular ?? drift), priority: rate.priority * (factors[serviceId]?.priority ?? drift) },
      ]),
    ),
  }));
}

/** One replay's call times: walk-up plus a log-normal service time of the service's mean and spread, or a no-show. */
function drawnCallMinutes(input: RangedForecastInput, random: () => number): CallMinutes {
  const walkUp = input.walkUpMinutes ?? FORECAST_DEFAULTS.walkUpMinutes;
  const noShowChance = Math.min(1, Math.max(0, input.noShowShare ?? 0));
  const noShowMinutes = input.noShowMinutes ?? FORECAST_DEFAULTS.noShowMinutes;
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return (entry) => {
    if (noShowChance > 0 && random() < noShowChance) return noShowMinutes;
    const average = input.serviceMinutes[entry.serviceId] ?? 0;
    const sigma = input.serviceSpread?.[entry.serviceId] ?? WAIT_RANGE.priorSpread;
    // A log-normal with this mean: its median is the mean × e^(−σ²/2). Capped at five means, as a counter would step in.
    return walkUp + Math.min(5 * average, average * Math.exp(sigma * normal() - (sigma * sigma) / 2));
  };
}

/** The q-quantile of ascending values (`percentile`'s method, on a typed array without copying). */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

/** A figure's replays, ascending, without those in which it was not called. */
function sortedReplays(replayed: Float64Array): Float64Array {
  return replayed.filter((value) => !Number.isNaN(value)).sort();
}

/**
 * The product's point estimate of one figure, decided here and nowhere else: the replays'
 * median (`WAIT_RANGE.pointQuantile`), or the plain play's figure where no replay reached it.
 * Null where the plain play has none (no counter can serve it). The median is one replay's own
 * figure, never one between two: where the replays split, half calling a citizen before the
 * counters' break and half after it, a figure between them would promise a call while every
 * counter is on its break. Of an even number it is the earlier of the middle two (either is off
 * by as little over the replays; the earlier was off by less over the simulator's seeds
 * 5000–5049, 0.253 of the mean wait against 0.256).
 */
export function replayedPoint(played: number | null, sorted: Float64Array): number | null {
  if (played === null) return null;
  return sorted.length === 0 ? played : sorted[Math.floor((sorted.length - 1) * WAIT_RANGE.pointQuantile)];
}

/**
 * The range of one figure across its replays: the deciles stretched from the plain play's
 * figure (what the stretch was tuned around), then widened to hold the point.
 */
function rangeOf(played: number | null, point: number | null, values: Float64Array): WaitRange | null {
  if (played === null || point === null) return null;
  if (values.length === 0) return { lo: point, hi: point };
  const lower = quantile(values, WAIT_RANGE.lowerQuantile);
  const upper = quantile(values, WAIT_RANGE.upperQuantile);
  // Where every replay agrees nothing is left to chance, and the range stays the point.
  const slack = upper > lower ? played : 0;
  return {
    lo: Math.max(0, Math.min(point, played - WAIT_RANGE.stretchBelow * (played - lower) - WAIT_RANGE.slackBelow * slack)),
    hi: Math.max(point, played + WAIT_RANGE.stretchAbove * (upper - played) + WAIT_RANGE.slackAbove * slack),
  };
}

/**
 * The office forecast: `forecastOffice`'s plain play replayed `replays` times (default
 * `replaysFor` the queue) with chance drawn from `seed` (default `REPLAY_SEED`), each figure's
 * point the replays' median (`replayedPoint`) and around it the 80% range: the same input gives
 * the same points and ranges. In each replay the current citizens' remaining times are drawn
 * too, and the foreseen arrivals come as a Poisson stream at the forecast's rates.
 */
export function forecastOfficeWithRanges(input: RangedForecastInput, options: { replays?: number; seed?: number } = {}): RangedOfficeForecast {
  const played = forecastOffice(input);
  const seed = options.seed ?? REPLAY_SEED;
  // With no counter to forecast, every figure is null and there is nothing to bracket.
  const anything =
    [...played.waits.values()].some((minutes) => minutes !== null) || Object.values(played.newTicket).some((t) => t.regular !== null || t.priority !== null);
  const replays = anything ? (options.replays ?? replaysFor(input.waiting.length)) : 0;
  const random = uniform(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  // Every figure gets a slot; replay r writes its wait at slot × replays + r (NaN: not called in that replay).
  const slots = new Map<string, number>();
  for (const id of played.waits.keys()) slots.set(id, slots.size);
  const probes: QueueEntry[] = [];
  for (const serviceId of Object.keys(played.newTicket)) {
    for (const priority of [null, 'lanjut_usia'] as const) {
      const id = `range-probe:${serviceId}:${priority ? 'priority' : 'regular'}`;
      slots.set(id, slots.size);
      // As forecastOffice's probes: last among tickets issued in the same millisecond.
      const dueAt = dueTime(input.now, input.maxWaitMinutes[serviceId], priority, input.priorityMaxWaitMinutes);
      probes.push({ id, serviceId, issuedAt: input.now, dueAt, priority, issueOrder: Number.MAX_SAFE_INTEGER });
    }
  }
  const values = new Float64Array(slots.size * replays).fill(Number.NaN);
  for (let replay = 0; replay < replays; replay += 1) {
    const counters = input.counters.map((counter) => {
      if (counter.busyUntil === null || counter.busyUntil <= input.now) return counter;
      // What is left of the current citizen's time, drawn around its expectation: a gamma of mean 1, which
      // (unlike a log-normal) leaves a fair chance that the citizen gets up any moment now.
      const shape = WAIT_RANGE.remainingShape;
      const factor = gamma(shape, random, normal) / shape;
      return { ...counter, busyUntil: input.now + (counter.busyUntil - input.now) * factor };
    });
    const waits = forecastWaits(
      {
        ...input,
        ...(input.arrivalSchedule ? { arrivalSchedule: drawnSchedule(input, random, normal) } : { arrivalsPerMinute: drawnRates(input, random, normal) }),
        counters,
        probes: [...(input.probes ?? []), ...probes],
        noShowShare: 0,
      },
      drawnCallMinutes(input, random),
      drawnGaps(seed, replay, input),
    );
    for (const [id, minutes] of waits) {
      const slot = slots.get(id);
      if (slot !== undefined && minutes !== null) values[slot * replays + replay] = minutes;
    }
  }
  const figure = (minutes: number | null, id: string) => {
    const slot = slots.get(id)!;
    const sorted = sortedReplays(values.subarray(slot * replays, (slot + 1) * replays));
    const point = replayedPoint(minutes, sorted);
    return { point, range: rangeOf(minutes, point, sorted) };
  };
  const waits = new Map<string, number | null>();
  const waitRanges = new Map<string, WaitRange | null>();
  for (const [id, minutes] of played.waits) {
    const { point, range } = figure(minutes, id);
    waits.set(id, point);
    waitRanges.set(id, range);
  }
  const newTicket: Record<string, { regular: number | null; priority: number | null }> = {};
  const newTicketRanges: Record<string, { regular: WaitRange | null; priority: WaitRange | null }> = {};
  for (const [serviceId, minutes] of Object.entries(played.newTicket)) {
    const regular = figure(minutes.regular, `range-probe:${serviceId}:regular`);
    const priority = figure(minutes.priority, `range-probe:${serviceId}:priority`);
    newTicket[serviceId] = { regular: regular.point, priority: priority.point };
    newTicketRanges[serviceId] = { regular: regular.range, priority: priority.range };
  }
  return {
    ...played,
    waits,
    newTicket,
    played: { waits: played.waits, newTicket: played.newTicket },
    ranges: { waits: waitRanges, newTicket: newTicketRanges, replays, seed },
  };
}

/**
 * A fresh plain play (`forecastOffice`) with the points and ranges of an earlier ranged
 * forecast, when there is no time to replay again (the API's forecast cache spends only so much
 * on replays): each figure keeps the earlier distance from its plain play to its point
 * (`replayedPoint`), and its range keeps its distances below and above the point, all moving
 * with the fresh play. A ticket the earlier forecast did not know borrows the distances of the
 * earlier ticket whose plain wait was nearest its own: how uncertain a wait is depends mostly on
 * how long it is.
 */
export function carryRanges(played: OfficeForecast, earlier: RangedOfficeForecast): RangedOfficeForecast {
  interface Carried {
    at: number;
    shift: number;
    below: number;
    above: number;
  }
  const carried = (plain: number | null | undefined, point: number | null | undefined, range: WaitRange | null | undefined): Carried | null =>
    plain === null || plain === undefined || point === null || point === undefined || !range
      ? null
      : { at: plain, shift: point - plain, below: point - range.lo, above: range.hi - point };
  const known: Carried[] = [];
  for (const [id, plain] of earlier.played.waits) {
    const one = carried(plain, earlier.waits.get(id), earlier.ranges.waits.get(id));
    if (one) known.push(one);
  }
  for (const [serviceId, plain] of Object.entries(earlier.played.newTicket)) {
    for (const kind of ['regular', 'priority'] as const) {
      const one = carried(plain[kind], earlier.newTicket[serviceId]?.[kind], earlier.ranges.newTicket[serviceId]?.[kind]);
      if (one) known.push(one);
    }
  }
  known.sort((a, b) => a.at - b.at);
  const nearest = (minutes: number) => {
    let lo = 0;
    let hi = known.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (known[mid].at < minutes) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && minutes - known[lo - 1].at < known[lo].at - minutes ? known[lo - 1] : known[lo];
  };
  const moved = (minutes: number | null, own: Carried | null): { point: number | null; range: WaitRange | null } => {
    if (minutes === null) return { point: null, range: null };
    const distances = own ?? (known.length > 0 ? nearest(minutes) : { shift: 0, below: 0, above: 0 });
    const point = Math.max(0, minutes + distances.shift);
    return { point, range: { lo: Math.max(0, Math.min(point, point - distances.below)), hi: Math.max(point, point + distances.above) } };
  };
  const waits = new Map<string, number | null>();
  const waitRanges = new Map<string, WaitRange | null>();
  for (const [id, minutes] of played.waits) {
    const { point, range } = moved(minutes, carried(earlier.played.waits.get(id), earlier.waits.get(id), earlier.ranges.waits.get(id)));
    waits.set(id, point);
    waitRanges.set(id, range);
  }
  const newTicket: Record<string, { regular: number | null; priority: number | null }> = {};
  const newTicketRanges: Record<string, { regular: WaitRange | null; priority: WaitRange | null }> = {};
  for (const [serviceId, minutes] of Object.entries(played.newTicket)) {
    const before = earlier.played.newTicket[serviceId];
    const points = earlier.newTicket[serviceId];
    const ranges = earlier.ranges.newTicket[serviceId];
    const regular = moved(minutes.regular, carried(before?.regular, points?.regular, ranges?.regular));
    const priority = moved(minutes.priority, carried(before?.priority, points?.priority, ranges?.priority));
    newTicket[serviceId] = { regular: regular.point, priority: priority.point };
    newTicketRanges[serviceId] = { regular: regular.range, priority: priority.range };
  }
  return {
    ...played,
    waits,
    newTicket,
    played: { waits: played.waits, newTicket: played.newTicket },
    ranges: { ...earlier.ranges, waits: waitRanges, newTicket: newTicketRanges },
  };
}

/**
 * The range in whole minutes from `now` for a waiting ticket or one taken now, as
 * `forecastWaitFor` gives the point (of a ranged forecast: the replays' median): the time since
 * the forecast taken off, the lower end rounded down and the upper up, and always holding it.
 */
export function forecastRangeFor(
  forecast: RangedOfficeForecast,
  ticket: { id?: string; serviceId: string; priority: PriorityCategory | null },
  now: number,
): WaitRange | null {
  const point = forecastWaitFor(forecast, ticket, now);
  if (point === null) return null;
  const known = ticket.id !== undefined && forecast.ranges.waits.has(ticket.id);
  const range = known ? forecast.ranges.waits.get(ticket.id!) : forecast.ranges.newTicket[ticket.serviceId]?.[ticket.priority ? 'priority' : 'regular'];
  if (!range) return { lo: point, hi: point };
  const elapsed = (now - forecast.at) / MINUTE_MS;
  return {
    lo: Math.min(point, Math.max(0, Math.floor(range.lo - elapsed))),
    hi: Math.max(point, Math.max(0, Math.ceil(range.hi - elapsed))),
  };
}
