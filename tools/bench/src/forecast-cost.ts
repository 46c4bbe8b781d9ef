/**
 * The forecast's cost per refresh, in process: what the API's forecast cache
 * (apps/api/src/forecast/wait-forecast.service.ts) spends in libs/domain each time it reads an
 * office, the plain play alone, replayed (the point and its range), and carried (the plain play
 * with the last replay's points and ranges), at a few queue lengths.
 * `node dist/forecast-cost.js [waiting,…]` prints one JSON line per office and queue length.
 */
import { type ForecastCounter, type QueueEntry, type RangedForecastInput, carryRanges, dueTime, forecastOffice, forecastOfficeWithRanges } from '@loket/domain';

const queues = (process.argv[2] ?? '200,2000').split(',').map(Number);
const now = Date.parse('2026-11-30T03:00:00.000Z');
const services = ['A', 'B', 'C', 'D', 'PL'];

/** An office of `counterCount` counters, each serving two or three of five services, one in six a loket khusus, with `waiting` waiting and arrivals foreseen. */
function office(counterCount: number, waiting: number): RangedForecastInput {
  const counters: ForecastCounter[] = Array.from({ length: counterCount }, (_, i) => ({
    serviceIds: i % 6 === 5 ? services : [services[i % 5], services[(i + 1) % 5]],
    priorityOnly: i % 6 === 5,
    state: 'open',
    busyUntil: now + ((i * 7) % 10) * 60_000,
  }));
  const entries: QueueEntry[] = Array.from({ length: waiting }, (_, i) => {
    const issuedAt = now - (waiting - i) * 5_000;
    const priority = i % 12 === 0 ? ('lanjut_usia' as const) : null;
    const serviceId = services[i % 5];
    return { id: `t${i}`, serviceId, issuedAt, dueAt: dueTime(issuedAt, 30 + 15 * (i % 3), priority, 10), priority, issueOrder: i };
  });
  const byService = <T>(value: (s: string, i: number) => T): Record<string, T> => Object.fromEntries(services.map((s, i) => [s, value(s, i)]));
  return {
    now,
    counters,
    waiting: entries,
    serviceMinutes: byService((_, i) => 8 + 3 * i),
    serviceSpread: byService(() => 0.45),
    maxWaitMinutes: byService((_, i) => 30 + 15 * (i % 3)),
    priorityMaxWaitMinutes: 10,
    arrivalsPerMinute: byService(() => ({ regular: counterCount / 25, priority: counterCount / 250 })),
    arrivalsUntil: now + 4 * 60 * 60_000,
    noShowShare: 0.05,
  };
}

/** Wall and process CPU ms per run (CPU: what a loaded machine does not inflate as much). */
function time(run: () => unknown, minMs = 1500): { ms: number; cpuMs: number; runs: number } {
  run();
  let runs = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < minMs || runs < 3) {
    run();
    runs += 1;
  }
  const used = process.cpuUsage(cpu);
  return { ms: (performance.now() - start) / runs, cpuMs: (used.user + used.system) / 1000 / runs, runs };
}

for (const counters of [6, 50]) {
  for (const waiting of queues) {
    const input = office(counters, waiting);
    const point = time(() => forecastOffice(input));
    const ranged = time(() => forecastOfficeWithRanges(input));
    const earlier = forecastOfficeWithRanges(input);
    // A refresh the replay budget does not allow: the plain play, with the last replay's points and ranges carried.
    const carried = time(() => carryRanges(forecastOffice(input), earlier));
    const replays = earlier.ranges.replays;
    process.stdout.write(
      `${JSON.stringify({
        counters,
        waiting,
        replays,
        pointMs: +point.ms.toFixed(2),
        rangedMs: +ranged.ms.toFixed(2),
        pointCpuMs: +point.cpuMs.toFixed(2),
        rangedCpuMs: +ranged.cpuMs.toFixed(2),
        carriedCpuMs: +carried.cpuMs.toFixed(2),
      })}\n`,
    );
  }
}
