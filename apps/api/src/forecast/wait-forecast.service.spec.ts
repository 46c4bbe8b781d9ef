import { type RangedForecastInput, carryRanges, forecastOffice, forecastOfficeWithRanges } from '@loket/domain';
import type { Clock } from '../clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { ForecastInputRepository } from './forecast-input.repository.js';
import { WaitForecastService } from './wait-forecast.service.js';

const MINUTE = 60_000;
const t0 = Date.parse('2026-11-30T01:30:00.000Z');
const clock = { now: () => new Date(t0) } as Clock;
const office = { id: 'office', timeZone: 'Asia/Jakarta', openingHours: [], priorityMaxWaitMinutes: 10 };

/** One open counter for A, four waiting; `waiting` of them at each read, so every read is another office state. */
function input(waiting: number): RangedForecastInput {
  return {
    now: t0,
    counters: [{ serviceIds: ['A'], priorityOnly: false, state: 'open', busyUntil: t0 + 4 * MINUTE }],
    waiting: Array.from({ length: waiting }, (_, i) => ({
      id: `t${i}`,
      serviceId: 'A',
      issuedAt: t0 - (20 - i) * MINUTE,
      dueAt: t0 + (40 + i) * MINUTE,
      issueOrder: i + 1,
      priority: null,
    })),
    serviceMinutes: { A: 10 },
    serviceSpread: { A: 0.5 },
    maxWaitMinutes: { A: 60 },
    priorityMaxWaitMinutes: 10,
  };
}

/** The service over a repository that gives the next of `reads` at each read. */
function service(forecastReplayShare: number | undefined, reads: RangedForecastInput[]): WaitForecastService {
  let next = 0;
  const repository = { read: async () => reads[next++] } as unknown as ForecastInputRepository;
  return new WaitForecastService(repository, clock, { forecastReplayShare } as AppConfig);
}

describe('WaitForecastService: a refresh replays or carries the last replay, as the share allows', () => {
  const reads = [input(4), input(3), input(2)];

  it('replays at every refresh with a share of 1: each point is the replays’ median of the office as read', async () => {
    const forecasts = service(1, reads);
    for (const [seq, read] of reads.entries()) {
      const forecast = await forecasts.forOffice({ ...office, seq: seq + 1 });
      const replayed = forecastOfficeWithRanges(read);
      expect(forecast.waits).toEqual(replayed.waits);
      expect(forecast.newTicket).toEqual(replayed.newTicket);
      expect(forecast.ranges.waits).toEqual(replayed.ranges.waits);
    }
  });

  it('carries the first replay with a share of 0: the plain play moved by the replayed point’s distance', async () => {
    const forecasts = service(0, reads);
    const first = await forecasts.forOffice({ ...office, seq: 1 });
    expect(first.waits).toEqual(forecastOfficeWithRanges(reads[0]).waits);
    const second = await forecasts.forOffice({ ...office, seq: 2 });
    const carried = carryRanges(forecastOffice(reads[1]), first);
    expect(second.waits).toEqual(carried.waits);
    expect(second.ranges.waits).toEqual(carried.ranges.waits);
    // Not the replays of the second state: t3 left, t1 and t2 moved up, and each keeps its first distance from the plain play.
    expect(second.waits).not.toEqual(forecastOfficeWithRanges(reads[1]).waits);
    const third = await forecasts.forOffice({ ...office, seq: 3 });
    expect(third.waits).toEqual(carryRanges(forecastOffice(reads[2]), second).waits);
  });

  it('keeps the forecast for requests that have seen no newer event', async () => {
    const forecasts = service(1, reads);
    const first = await forecasts.forOffice({ ...office, seq: 1 });
    expect(await forecasts.forOffice({ ...office, seq: 1 })).toBe(first);
  });
});
