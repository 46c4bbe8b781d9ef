/** Latency summaries: nearest-rank percentiles in milliseconds. */
export interface Latency {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? null) };
}

/** Runs `task` `total` times with at most `concurrency` in flight; returns each call's duration in ms and the wall time. */
export async function closedLoop(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<{ samples: number[]; seconds: number; errors: number }> {
  const samples: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const index = next++;
        const begin = performance.now();
        try {
          await task(index);
          samples.push(performance.now() - begin);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000, errors };
}

/** Starts `task` at a fixed rate (open loop: a slow answer does not delay the next start). */
export async function openLoop(
  perSecond: number,
  seconds: number,
  task: (index: number) => Promise<unknown>,
): Promise<{ samples: number[]; seconds: number; errors: number }> {
  const total = Math.round(perSecond * seconds);
  const samples: number[] = [];
  let errors = 0;
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const begin = performance.now();
    running.push(
      task(index).then(
        () => void samples.push(performance.now() - begin),
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(running);
  return { samples, seconds: (performance.now() - started) / 1000, errors };
}

export function ratio(ours: number | null, bare: number | null): number | null {
  if (ours === null || bare === null || bare === 0) return null;
  return Math.round((ours / bare) * 100) / 100;
}
