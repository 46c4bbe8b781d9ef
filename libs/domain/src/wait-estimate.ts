/**
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
