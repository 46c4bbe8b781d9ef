import fc from 'fast-check';
import { type QueueEntry, dueTime } from './call-order.js';
import { type ForecastCounter, forecastOffice, forecastWaitFor } from './wait-estimate.js';
import {
  type RangedForecastInput,
  WAIT_RANGE,
  carryRanges,
  forecastOfficeWithRanges,
  forecastRangeFor,
  REPLAY_SEED,
  replaysFor,
  serviceTimeSpread,
} from './wait-range.js';

const t0 = Date.parse('2026-11-30T01:00:00.000Z');
const min = (n: number) => t0 + n * 60_000;
const entry = (id: string, serviceId: string, issuedMinute: number, priority: QueueEntry['priority'] = null): QueueEntry => ({
  id,
  serviceId,
  issuedAt: min(issuedMinute),
  dueAt: dueTime(min(issuedMinute), serviceId === 'A' ? 30 : 45, priority, 10),
  priority,
});
const counter = (serviceIds: string[], extra: Partial<ForecastCounter> = {}): ForecastCounter => ({
  serviceIds,
  priorityOnly: false,
  state: 'open',
  busyUntil: null,
  ...extra,
});
const office = (waiting: QueueEntry[], extra: Partial<RangedForecastInput> = {}): RangedForecastInput => ({
  now: t0,
  counters: [counter(['A'], { busyUntil: min(4) }), counter(['A', 'B'])],
  waiting,
  serviceMinutes: { A: 6, B: 12 },
  serviceSpread: { A: 0.45, B: 0.45 },
  maxWaitMinutes: { A: 30, B: 45 },
  priorityMaxWaitMinutes: 10,
  arrivalsPerMinute: { A: { regular: 0.2, priority: 0.02 }, B: { regular: 0.1, priority: 0 } },
  arrivalsUntil: min(240),
  noShowShare: 0.05,
  ...extra,
});
const queue = (n: number) => Array.from({ length: n }, (_, i) => entry(`t${i}`, i % 3 === 0 ? 'B' : 'A', -n + i, i % 9 === 4 ? 'lanjut_usia' : null));

describe('forecastOfficeWithRanges', () => {
  it('keeps the plain play beside the point and brackets the point, wider the further out a wait is', () => {
    const input = office(queue(12));
    const ranged = forecastOfficeWithRanges(input);
    // The point is now the replays' median (replayedPoint); the plain play it was moved from is kept as it was.
    expect(ranged.played.waits).toEqual(forecastOffice(input).waits);
    expect(ranged.played.newTicket).toEqual(forecastOffice(input).newTicket);
    for (const [id, minutes] of ranged.waits) {
      const range = ranged.ranges.waits.get(id)!;
      expect(range.lo).toBeLessThanOrEqual(minutes!);
      expect(range.hi).toBeGreaterThanOrEqual(minutes!);
    }
    const byWait = [...ranged.waits].sort((a, b) => a[1]! - b[1]!);
    const head = ranged.ranges.waits.get(byWait[0][0])!;
    const tail = ranged.ranges.waits.get(byWait[byWait.length - 1][0])!;
    expect(tail.hi - tail.lo).toBeGreaterThan(head.hi - head.lo);
    expect(tail.hi - tail.lo).toBeGreaterThan(0);
  });

  it('collapses to the point when nothing is left to chance', () => {
    const input = office(queue(6), { serviceSpread: { A: 0, B: 0 }, arrivalsPerMinute: {}, noShowShare: 0, counters: [counter(['A', 'B'])] });
    const ranged = forecastOfficeWithRanges(input);
    for (const [id, minutes] of ranged.waits) {
      const range = ranged.ranges.waits.get(id)!;
      expect(range.lo).toBeCloseTo(minutes!, 9);
      expect(range.hi).toBeCloseTo(minutes!, 9);
    }
  });

  it('leaves a long wait more room above its point than a short one (WAIT_RANGE.slackAbove)', () => {
    // Service times barely vary: the replays alone would give almost no room.
    const input = office(queue(12), { serviceSpread: { A: 0.01, B: 0.01 }, arrivalsPerMinute: {}, noShowShare: 0, counters: [counter(['A', 'B'])] });
    const ranged = forecastOfficeWithRanges(input);
    const waits = [...ranged.waits].filter(([, minutes]) => minutes !== null && minutes > 10);
    expect(waits.length).toBeGreaterThan(0);
    for (const [id, minutes] of waits) expect(ranged.ranges.waits.get(id)!.hi - minutes!).toBeGreaterThanOrEqual(WAIT_RANGE.slackAbove * minutes! - 1e-9);
  });

  it('lets the citizen at the counter get up any moment: the next one may be called well before the expected remainder', () => {
    // Nothing else is left to chance: one counter, busy for 10 more minutes as expected, one citizen waiting.
    const input = office([entry('a1', 'A', -5)], {
      counters: [counter(['A'], { busyUntil: min(10) })],
      serviceSpread: { A: 0, B: 0 },
      arrivalsPerMinute: {},
      noShowShare: 0,
    });
    const ranged = forecastOfficeWithRanges(input, { replays: 400 });
    const played = ranged.played.waits.get('a1')!;
    const range = ranged.ranges.waits.get('a1')!;
    expect(played).toBeCloseTo(10, 9);
    // The replays' lower decile, read back through the stretch (from the plain play's figure): a log-normal remainder of the prior's shape would put it near 4.6.
    const lowerDecile = played - (played - range.lo - WAIT_RANGE.slackBelow * played) / WAIT_RANGE.stretchBelow;
    expect(lowerDecile).toBeLessThan(3.5);
    expect(lowerDecile).toBeGreaterThan(1.5);
    // And the point is the remainder's median: a gamma of shape 2 and mean 10 has its median near 8.4.
    expect(ranged.waits.get('a1')!).toBeGreaterThan(7.6);
    expect(ranged.waits.get('a1')!).toBeLessThan(9.2);
  });

  it('takes the replays’ median as the point: below the plain play where service times are skewed', () => {
    // One open counter, nothing else left to chance but the service times: t1 waits for t0's walk-up and service.
    const input = office([entry('t0', 'A', -2), entry('t1', 'A', -1)], {
      counters: [counter(['A'])],
      serviceSpread: { A: 0.45, B: 0.45 },
      arrivalsPerMinute: {},
      noShowShare: 0,
    });
    const ranged = forecastOfficeWithRanges(input, { replays: 400, seed: 3 });
    // The plain play gives t0's service its mean, 6 minutes, after the 1-minute walk-up.
    expect(ranged.played.waits.get('t1')).toBeCloseTo(7, 9);
    // A log-normal of mean 6 and shape 0.45 has its median at 6 × e^(−0.45²/2) ≈ 5.42: the point is near 6.4, not 7.
    expect(ranged.waits.get('t1')!).toBeGreaterThan(6.1);
    expect(ranged.waits.get('t1')!).toBeLessThan(6.75);
    expect(ranged.waits.get('t0')).toBe(0);
    // What the screens read is that point.
    expect(forecastWaitFor(ranged, { id: 't1', serviceId: 'A', priority: null }, t0)).toBe(Math.round(ranged.waits.get('t1')!));
  });

  it('is wider where later arrivals may go first and their rate was counted over a shorter window', () => {
    // A B ticket behind a busy counter that also serves A: A tickets issued in the next 15 minutes are due sooner.
    const input = office([entry('b1', 'B', 0)], {
      counters: [counter(['A', 'B'], { busyUntil: min(8) })],
      serviceSpread: { A: 0, B: 0 },
      arrivalsPerMinute: { A: { regular: 0.2, priority: 0 }, B: { regular: 0, priority: 0 } },
      noShowShare: 0,
    });
    const width = (window: number) => {
      const range = forecastOfficeWithRanges({ ...input, arrivalWindowMinutes: window }, { replays: 400, seed: 7 }).ranges.waits.get('b1')!;
      return range.hi - range.lo;
    };
    expect(width(10)).toBeGreaterThan(width(30) * 1.15);
  });

  it('gives no range where there is no estimate (no counter for the service)', () => {
    const ranged = forecastOfficeWithRanges(office([entry('c1', 'C', -1)], { maxWaitMinutes: { A: 30, B: 45, C: 60 } }));
    expect(ranged.ranges.waits.get('c1')).toBeNull();
    expect(ranged.ranges.newTicket.C).toEqual({ regular: null, priority: null });
  });

  it('replays no more than the work allows as the queue grows, and no fewer than the minimum', () => {
    expect(replaysFor(0)).toBe(WAIT_RANGE.maxReplays);
    expect(replaysFor(2000)).toBeLessThan(WAIT_RANGE.maxReplays);
    expect(replaysFor(100_000)).toBe(WAIT_RANGE.minReplays);
  });

  it('always holds the point, for every waiting ticket and every new one, and is the same for the same snapshot', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -90, max: 0 }), fc.boolean(), fc.boolean()), { minLength: 0, maxLength: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (tickets, busy, spread, rate) => {
          const waiting = tickets.map(([issued, isB, priority], i) => ({
            ...entry(`t${i}`, isB ? 'B' : 'A', issued, priority ? 'wanita_hamil' : null),
            issueOrder: i,
          }));
          const input = office(waiting, {
            counters: [counter(['A'], { busyUntil: min(busy) }), counter(['A', 'B'], { priorityOnly: true })],
            serviceSpread: { A: spread, B: spread },
            arrivalsPerMinute: { A: { regular: rate, priority: rate / 10 }, B: { regular: rate / 2, priority: 0 } },
          });
          const ranged = forecastOfficeWithRanges(input, { replays: 6 });
          for (const [id, minutes] of ranged.waits) {
            const range = ranged.ranges.waits.get(id)!;
            expect(range.lo).toBeGreaterThanOrEqual(0);
            expect(range.lo).toBeLessThanOrEqual(minutes!);
            expect(range.hi).toBeGreaterThanOrEqual(minutes!);
          }
          for (const [serviceId, point] of Object.entries(ranged.newTicket)) {
            for (const kind of ['regular', 'priority'] as const) {
              const range = ranged.ranges.newTicket[serviceId][kind]!;
              expect(range.lo).toBeLessThanOrEqual(point[kind]!);
              expect(range.hi).toBeGreaterThanOrEqual(point[kind]!);
            }
          }
          // Later (any number of minutes) the whole-minute range still holds the whole-minute point.
          for (const later of [0, 0.4, 3]) {
            for (const ticket of [...waiting, { serviceId: 'A', priority: null }]) {
              const shown = forecastRangeFor(ranged, ticket, t0 + later * 60_000)!;
              const point = forecastWaitFor(ranged, ticket, t0 + later * 60_000)!;
              expect(Number.isInteger(shown.lo) && Number.isInteger(shown.hi)).toBe(true);
              expect(shown.lo).toBeLessThanOrEqual(point);
              expect(shown.hi).toBeGreaterThanOrEqual(point);
            }
          }
          // The same snapshot, its queue read in another order: the same seed, the same ranges.
          const again = forecastOfficeWithRanges({ ...input, waiting: [...waiting].reverse() }, { replays: 6 });
          expect(again.ranges.seed).toBe(ranged.ranges.seed);
          expect([...again.ranges.waits].sort()).toEqual([...ranged.ranges.waits].sort());
          expect(again.ranges.newTicket).toEqual(ranged.ranges.newTicket);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('draws from the seed: another seed gives other ranges, the same seed the same', () => {
    const input = office(queue(15));
    const a = forecastOfficeWithRanges(input, { seed: 1 });
    expect(forecastOfficeWithRanges(input, { seed: 1 }).ranges.waits).toEqual(a.ranges.waits);
    expect(forecastOfficeWithRanges(input, { seed: 2 }).ranges.waits).not.toEqual(a.ranges.waits);
    // Without one, every snapshot draws from the same seed: common random numbers, so one more ticket moves the others little.
    expect(forecastOfficeWithRanges(input).ranges.seed).toBe(REPLAY_SEED);
    expect(forecastOfficeWithRanges({ ...input, waiting: input.waiting.slice(1) }).ranges.seed).toBe(REPLAY_SEED);
  });

  it('draws the same replays for the same office whatever its ids: arrivals are drawn by a service’s place, not its id', () => {
    // A priority A ticket drawn to arrive goes ahead of every regular one, so the arrival streams move the points.
    const input = office(queue(15));
    const renamed = (id: string) => ({ A: '3f1c0d5e-a', B: '09ab77c2-b' })[id as 'A' | 'B'];
    const rekey = <T>(record: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(record).map(([id, value]) => [renamed(id), value]));
    const other: RangedForecastInput = {
      ...input,
      counters: input.counters.map((c) => ({ ...c, serviceIds: c.serviceIds.map(renamed) })),
      waiting: input.waiting.map((e) => ({ ...e, id: `other-${e.id}`, serviceId: renamed(e.serviceId) })),
      serviceMinutes: rekey(input.serviceMinutes),
      serviceSpread: rekey(input.serviceSpread!),
      maxWaitMinutes: rekey(input.maxWaitMinutes),
      arrivalsPerMinute: rekey(input.arrivalsPerMinute!),
    };
    const a = forecastOfficeWithRanges(input);
    const b = forecastOfficeWithRanges(other);
    expect([...b.waits.values()]).toEqual([...a.waits.values()]);
    expect([...b.ranges.waits.values()]).toEqual([...a.ranges.waits.values()]);
    expect(b.newTicket[renamed('A')]).toEqual(a.newTicket.A);
    // The points do depend on the arrivals drawn: without them they are others.
    expect([...forecastOfficeWithRanges({ ...input, arrivalsPerMinute: undefined }).waits.values()]).not.toEqual([...a.waits.values()]);
  });
});

describe('forecastRangeFor', () => {
  it('rounds the ends outwards and takes off the time since the forecast', () => {
    const input = office(queue(10));
    const ranged = forecastOfficeWithRanges(input);
    const raw = ranged.ranges.waits.get('t9')!;
    expect(forecastRangeFor(ranged, { id: 't9', serviceId: 'A', priority: null }, t0)).toEqual({ lo: Math.floor(raw.lo), hi: Math.ceil(raw.hi) });
    expect(forecastRangeFor(ranged, { id: 't9', serviceId: 'A', priority: null }, min(2))).toEqual({
      lo: Math.max(0, Math.floor(raw.lo - 2)),
      hi: Math.ceil(raw.hi - 2),
    });
  });

  it('gives a ticket the forecast has not seen the range of a new ticket of its service', () => {
    const ranged = forecastOfficeWithRanges(office(queue(10)));
    const probe = ranged.ranges.newTicket.B.regular!;
    expect(forecastRangeFor(ranged, { id: 'unknown', serviceId: 'B', priority: null }, t0)).toEqual({ lo: Math.floor(probe.lo), hi: Math.ceil(probe.hi) });
    expect(forecastRangeFor(ranged, { serviceId: 'C', priority: null }, t0)).toBeNull();
  });
});

describe('carryRanges', () => {
  it('moves each point and range with the fresh play and lends a new ticket the distances of the nearest wait', () => {
    const earlier = forecastOfficeWithRanges(office(queue(10)));
    const later = forecastOffice(office([...queue(10).slice(1), entry('new', 'A', 0)], { now: min(1) }));
    const carried = carryRanges(later, earlier);
    const before = earlier.ranges.waits.get('t5')!;
    const after = carried.ranges.waits.get('t5')!;
    // The point keeps its distance from the plain play (the replays' median below or above it); the range its distances from the point.
    const p0 = earlier.waits.get('t5')!;
    const p1 = later.waits.get('t5')! + (p0 - earlier.played.waits.get('t5')!);
    expect(carried.waits.get('t5')).toBeCloseTo(p1, 9);
    expect(after.lo).toBeCloseTo(Math.max(0, p1 - (p0 - before.lo)), 9);
    expect(after.hi).toBeCloseTo(p1 + (before.hi - p0), 9);
    const fresh = carried.ranges.waits.get('new')!;
    expect(fresh.lo).toBeLessThanOrEqual(carried.waits.get('new')!);
    expect(fresh.hi).toBeGreaterThan(carried.waits.get('new')!);
    expect(carried.played.waits).toBe(later.waits);
  });
});

describe('serviceTimeSpread', () => {
  it('is the prior with too few times, and the times’ own log spread with many', () => {
    expect(serviceTimeSpread([])).toBe(WAIT_RANGE.priorSpread);
    expect(serviceTimeSpread([10])).toBe(WAIT_RANGE.priorSpread);
    const many = Array.from({ length: 400 }, (_, i) => Math.exp(0.2 * Math.sin(i)) * 10);
    const logs = many.map(Math.log);
    const mean = logs.reduce((a, b) => a + b) / logs.length;
    const own = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
    expect(serviceTimeSpread(many)).toBeCloseTo(own, 1);
    expect(serviceTimeSpread([10, 10, 10])).toBeLessThan(WAIT_RANGE.priorSpread);
  });
});
