/**
 * The office's usual day of arrivals, learnt from its own history, for the wait forecast: how
 * many tickets each service takes in each half hour of the day on this weekday. The forecast
 * used to carry the last half hour's rate forward, which over-foresees arrivals after the
 * morning peak and into the midday break; with the profile it foresees the usual day's shape,
 * at today's level.
 */
import { type ArrivalStep, type ServiceArrivalRate, arrivalWindowMinutes } from './wait-estimate.js';
import { MINUTE_MS } from './time.js';
import { nextDay } from './calendar.js';

export const ARRIVAL_PROFILE = {
  /** The slots of the day the history is counted in. */
  slotMinutes: 30,
  /** How many of the same weekdays back the history reaches (days the office issued nothing are not counted). */
  weeks: 8,
  /** Fewer days of history than this and the forecast keeps carrying the last half hour's rate. */
  minDays: 2,
  /**
   * Today's level against the usual day is (today's arrivals in the window + this) ÷ (the usual
   * arrivals in that window + this): a quiet or busy half hour moves it, but a handful of tickets
   * does not turn the day upside down.
   */
  levelPrior: 20,
  /** The level is held inside these bounds. */
  levelMin: 0.25,
  levelMax: 4,
} as const;

/** One row of history: the tickets of a service and kind issued in one slot of the local day, summed over the history's days. */
export interface ArrivalHistoryRow {
  serviceId: string;
  priority: boolean;
  /** The slot of the local day: minutes after local midnight ÷ `slotMinutes`, rounded down. */
  slot: number;
  count: number;
}

/** Per service id, per slot of the local day: the mean tickets per day of each kind. */
export interface ArrivalProfile {
  slotMinutes: number;
  days: number;
  perDay: Readonly<Record<string, { regular: readonly number[]; priority: readonly number[] }>>;
}

/** The days the history of `day` is read from: the same weekday, each of `ARRIVAL_PROFILE.weeks` weeks back (a day the office issued nothing, a holiday say, adds no day). */
export function historyDays(day: string, weeks: number = ARRIVAL_PROFILE.weeks): string[] {
  return Array.from({ length: weeks }, (_, week) => nextDay(day, -7 * (week + 1)));
}

/** The profile from the history's rows over `days` days; null when there are too few days to learn from. */
export function arrivalProfile(rows: readonly ArrivalHistoryRow[], days: number, slotMinutes: number = ARRIVAL_PROFILE.slotMinutes): ArrivalProfile | null {
  if (days < ARRIVAL_PROFILE.minDays || rows.length === 0) return null;
  const slots = Math.ceil((24 * 60) / slotMinutes);
  const perDay: Record<string, { regular: number[]; priority: number[] }> = {};
  for (const row of rows) {
    if (row.slot < 0 || row.slot >= slots) continue;
    const service = (perDay[row.serviceId] ??= { regular: new Array<number>(slots).fill(0), priority: new Array<number>(slots).fill(0) });
    service[row.priority ? 'priority' : 'regular'][row.slot] += row.count / days;
  }
  return { slotMinutes, days, perDay };
}

/**
 * The usual arrivals of the profile between two instants of today (`dayStart` the local midnight),
 * over every service and kind: slots partly inside count for the part inside.
 */
function usualArrivals(profile: ArrivalProfile, dayStart: number, from: number, to: number): number {
  const slotMs = profile.slotMinutes * MINUTE_MS;
  let total = 0;
  for (const service of Object.values(profile.perDay)) {
    for (const counts of [service.regular, service.priority]) {
      for (let slot = Math.max(0, Math.floor((from - dayStart) / slotMs)); slot < counts.length; slot += 1) {
        const start = dayStart + slot * slotMs;
        if (start >= to) break;
        const inside = Math.min(to, start + slotMs) - Math.max(from, start);
        if (inside > 0) total += (counts[slot] * inside) / slotMs;
      }
    }
  }
  return total;
}

/**
 * The forecast's arrival schedule (`arrivalSchedule`) from now to `until`: each slot's usual
 * arrivals per minute of each service and kind, times today's level. The level is today's
 * arrivals since `windowStart` (every service, `observed`) against the usual arrivals over the
 * same time, drawn towards 1 by `ARRIVAL_PROFILE.levelPrior`. Null without a profile, when the
 * forecast keeps today's rates.
 */
export function profiledArrivalRates(
  profile: ArrivalProfile | null,
  at: { dayStart: number; windowStart: number; now: number; until: number | null },
  observed: readonly { serviceId: string; priority: boolean; count: number }[],
): ArrivalStep[] | null {
  if (!profile) return null;
  const { dayStart, windowStart, now } = at;
  // A service the history does not know (new since) keeps today's rate.
  const unknown: Record<string, ServiceArrivalRate> = {};
  const windowMinutes = arrivalWindowMinutes(windowStart, now);
  for (const row of observed) {
    if (profile.perDay[row.serviceId]) continue;
    const rate = (unknown[row.serviceId] ??= { regular: 0, priority: 0 });
    rate[row.priority ? 'priority' : 'regular'] += row.count / windowMinutes;
  }
  const until = at.until ?? dayStart + 24 * 60 * MINUTE_MS;
  const seen = observed.reduce((sum, row) => sum + (profile.perDay[row.serviceId] ? row.count : 0), 0);
  const usual = usualArrivals(profile, dayStart, windowStart, now);
  const prior = ARRIVAL_PROFILE.levelPrior;
  const level = Math.min(ARRIVAL_PROFILE.levelMax, Math.max(ARRIVAL_PROFILE.levelMin, (seen + prior) / (usual + prior)));
  const slotMs = profile.slotMinutes * MINUTE_MS;
  const steps: ArrivalStep[] = [];
  for (let slot = Math.max(0, Math.floor((now - dayStart) / slotMs)); dayStart + slot * slotMs < until; slot += 1) {
    const rates: Record<string, ServiceArrivalRate> = { ...unknown };
    for (const [serviceId, counts] of Object.entries(profile.perDay)) {
      rates[serviceId] = {
        regular: ((counts.regular[slot] ?? 0) * level) / profile.slotMinutes,
        priority: ((counts.priority[slot] ?? 0) * level) / profile.slotMinutes,
      };
    }
    steps.push({ from: Math.max(now, dayStart + slot * slotMs), rates });
  }
  return steps;
}
