import { dueTime, type QueueEntry } from './call-order.js';
import { ARRIVAL_PROFILE, type ArrivalHistoryRow, arrivalProfile, historyDays, profiledArrivalRates } from './arrival-profile.js';
import { type ForecastCounter, forecastWaits } from './wait-estimate.js';
import { forecastOfficeWithRanges } from './wait-range.js';

// 2026-11-30 is a Monday; the office's local midnight in WIB (UTC+7).
const dayStart = Date.parse('2026-11-29T17:00:00.000Z');
const at = (hours: number, minutes = 0) => dayStart + (hours * 60 + minutes) * 60_000;
const slot = (hours: number, minutes = 0) => (hours * 60 + minutes) / ARRIVAL_PROFILE.slotMinutes;

/** A usual day of `perSlot` walk-ins of A in each half hour from 08:00 to 10:00, none after; summed over `days` days. */
const history = (days: number, perSlot: number[]): ArrivalHistoryRow[] =>
  perSlot.map((count, i) => ({ serviceId: 'A', priority: false, slot: slot(8) + i, count: count * days }));

describe('historyDays', () => {
  it('reads the same weekday back, week by week', () => {
    expect(historyDays('2026-11-30', 3)).toEqual(['2026-11-23', '2026-11-16', '2026-11-09']);
    expect(historyDays('2026-11-30')).toHaveLength(ARRIVAL_PROFILE.weeks);
  });
});

describe('arrivalProfile', () => {
  it('learns nothing from too few days', () => {
    expect(arrivalProfile(history(1, [10]), ARRIVAL_PROFILE.minDays - 1)).toBeNull();
    expect(arrivalProfile([], 8)).toBeNull();
  });

  it('is the mean tickets per day of each slot, service and kind', () => {
    const profile = arrivalProfile([...history(4, [6, 12]), { serviceId: 'A', priority: true, slot: slot(8), count: 2 }], 4)!;
    expect(profile.perDay.A.regular[slot(8)]).toBe(6);
    expect(profile.perDay.A.regular[slot(8, 30)]).toBe(12);
    expect(profile.perDay.A.priority[slot(8)]).toBe(0.5);
    expect(profile.perDay.A.regular[slot(9)]).toBe(0);
  });
});

describe('profiledArrivalRates', () => {
  const profile = arrivalProfile(history(4, [6, 12, 3, 0]), 4);

  it('keeps today’s rates where there is no history', () => {
    expect(profiledArrivalRates(null, { dayStart, windowStart: at(8), now: at(8, 30), until: at(15) }, [])).toBeNull();
  });

  it('follows the usual day from now on, slot by slot, at the usual level when today is as usual', () => {
    const steps = profiledArrivalRates(profile, { dayStart, windowStart: at(8), now: at(8, 30), until: at(10) }, [
      { serviceId: 'A', priority: false, count: 6 },
    ])!;
    expect(steps.map((step) => step.from)).toEqual([at(8, 30), at(9), at(9, 30)]);
    // 12, 3 and 0 tickets a half hour, per minute.
    expect(steps.map((step) => step.rates.A.regular)).toEqual([12 / 30, 3 / 30, 0]);
  });

  it('moves the whole day by today’s level, drawn towards the usual one', () => {
    const busier = profiledArrivalRates(profile, { dayStart, windowStart: at(8), now: at(8, 30), until: at(10) }, [
      { serviceId: 'A', priority: false, count: 12 },
    ])!;
    const level = (12 + ARRIVAL_PROFILE.levelPrior) / (6 + ARRIVAL_PROFILE.levelPrior);
    expect(busier[0].rates.A.regular).toBeCloseTo((12 / 30) * level, 10);
    expect(level).toBeLessThan(2);
  });

  it('gives a service the history does not know its rate of today', () => {
    const steps = profiledArrivalRates(profile, { dayStart, windowStart: at(8), now: at(8, 30), until: at(10) }, [
      { serviceId: 'A', priority: false, count: 6 },
      { serviceId: 'N', priority: true, count: 3 },
    ])!;
    expect(steps.every((step) => step.rates.N.priority === 3 / 30 && step.rates.N.regular === 0)).toBe(true);
  });
});

describe('the forecast on the usual day', () => {
  const now = at(9);
  const counter: ForecastCounter = { serviceIds: ['A'], priorityOnly: false, state: 'open', busyUntil: now + 10 * 60_000 };
  const waiting: QueueEntry[] = Array.from({ length: 4 }, (_, i) => ({
    id: `a${i}`,
    serviceId: 'A',
    issuedAt: now - (10 - i) * 60_000,
    dueAt: dueTime(now - (10 - i) * 60_000, 30, null, 10),
    priority: null,
  }));
  const base = { now, counters: [counter], waiting, serviceMinutes: { A: 5 }, maxWaitMinutes: { A: 30 }, priorityMaxWaitMinutes: 10, walkUpMinutes: 1 };
  const rates = (perMinute: number) => ({ A: { regular: 0, priority: perMinute } });

  it('foresees the same as a steady rate when every step has that rate', () => {
    const steady = forecastWaits({ ...base, arrivalsPerMinute: rates(0.2) });
    const stepped = forecastWaits({ ...base, arrivalSchedule: [0, 30, 60].map((m) => ({ from: now + m * 60_000, rates: rates(0.2) })) });
    for (const [id, minutes] of steady) expect(stepped.get(id)).toBeCloseTo(minutes!, 6);
    expect(steady.get('a3')).toBeGreaterThan(forecastWaits(base).get('a3')!);
  });

  it('foresees fewer arrivals when the usual day quietens than carrying the busy half hour forward', () => {
    const carried = forecastWaits({ ...base, arrivalsPerMinute: rates(0.2) });
    const quietening = forecastWaits({
      ...base,
      arrivalSchedule: [
        { from: now, rates: rates(0.2) },
        { from: now + 10 * 60_000, rates: rates(0) },
      ],
    });
    expect(quietening.get('a3')!).toBeLessThan(carried.get('a3')!);
    expect(quietening.get('a3')!).toBeGreaterThanOrEqual(forecastWaits(base).get('a3')!);
  });

  it('replays the usual day too: the same input gives the same points and ranges, each range holding its point', () => {
    const input = {
      ...base,
      arrivalsPerMinute: rates(0.2),
      arrivalSchedule: [
        { from: now, rates: rates(0.2) },
        { from: now + 30 * 60_000, rates: rates(0.05) },
      ],
    };
    const once = forecastOfficeWithRanges(input);
    expect(forecastOfficeWithRanges(input).waits).toEqual(once.waits);
    for (const [id, point] of once.waits) {
      const range = once.ranges.waits.get(id)!;
      expect(range.lo).toBeLessThanOrEqual(point!);
      expect(range.hi).toBeGreaterThanOrEqual(point!);
    }
  });
});
