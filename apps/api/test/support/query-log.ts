/** Every statement the app sends to the database while `during` runs (TypeORM logs each one to its logger first). */
export async function queriesDuring(t: { db: { logger: { logQuery: (...args: never[]) => unknown } } }, during: () => Promise<unknown>): Promise<string[]> {
  const logger = t.db.logger as { logQuery: (query: string, ...rest: unknown[]) => unknown };
  const original = logger.logQuery;
  const seen: string[] = [];
  logger.logQuery = (query: string, ...rest: unknown[]) => {
    seen.push(query);
    return original.call(logger, query, ...rest);
  };
  try {
    await during();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

/** Waits until the app sends nothing to the database for a moment (background work after an event done). */
export async function backgroundSettled(t: Parameters<typeof queriesDuring>[0]): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const seen = await queriesDuring(t, () => new Promise((resolve) => setTimeout(resolve, 200)));
    if (seen.length === 0) return;
  }
  throw new Error('The app kept querying the database for 10 s with no request');
}
