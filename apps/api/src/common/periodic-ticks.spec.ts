import { AlertsService } from '../supervision/alerts.service.js';
import { CountersService } from '../counters/counters.service.js';
import { SkipWhileRunning } from './single-flight.js';

/** A promise the test settles by hand: a database call still running. */
function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// The services' own timers, at the product's default periods: the test setup turns the alert
// scan's off for every other file (test/support/quiet-timers.ts).
delete process.env.SUPERVISION_SCAN_SECONDS;

/**
 * Starts `service`'s timer with setInterval replaced, and returns the timer's callback: the
 * test fires its ticks by hand, with no real time passing.
 */
function timerOf(service: { onApplicationBootstrap(): void; onModuleDestroy(): void }): () => void {
  const real = globalThis.setInterval;
  let callback: (() => void) | null = null;
  globalThis.setInterval = ((fn: () => void) => {
    callback = fn;
    return { unref: () => undefined } as unknown as ReturnType<typeof setInterval>;
  }) as typeof setInterval;
  try {
    service.onApplicationBootstrap();
  } finally {
    globalThis.setInterval = real;
  }
  if (!callback) throw new Error('the service started no timer');
  return callback;
}

const clock = { now: () => new Date('2026-11-30T01:00:00.000Z') };

describe('SkipWhileRunning', () => {
  it('skips a run while one is in progress, and runs again once it has ended', async () => {
    const ticks = new SkipWhileRunning();
    const work = pending<string>();
    const first = ticks.run(() => work.promise);
    await expect(ticks.run(() => Promise.resolve('second'))).resolves.toBe('skipped');
    expect(ticks.skipped).toBe(1);
    work.resolve('first');
    await expect(first).resolves.toBe('first');
    await expect(ticks.run(() => Promise.resolve('third'))).resolves.toBe('third');
  });

  it('runs again after a run that failed', async () => {
    const ticks = new SkipWhileRunning();
    await expect(ticks.run(() => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    await expect(ticks.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});

describe('no overlapping ticks', () => {
  it('the counter sweep skips a tick while the one before still waits for the database', async () => {
    const calls: ReturnType<typeof pending<never[]>>[] = [];
    const counters = {
      upkeepSessions: () => {
        calls.push(pending<never[]>());
        return calls.at(-1)!.promise;
      },
    };
    const service = new CountersService(
      { counterSweepSeconds: 30 } as never,
      null as never,
      counters as never,
      clock as never,
      null as never,
      null as never,
      null as never,
    );
    const fire = timerOf(service);
    fire();
    fire();
    fire();
    await settle();
    expect(calls).toHaveLength(1);
    calls[0].resolve([]);
    await settle();
    fire();
    await settle();
    expect(calls).toHaveLength(2);
    calls[1].resolve([]);
    service.onModuleDestroy();
  });

  it('the alert scan skips a tick while the one before still waits for the database', async () => {
    const calls: ReturnType<typeof pending<never[]>>[] = [];
    const supervision = {
      officesToScan: () => {
        calls.push(pending<never[]>());
        return calls.at(-1)!.promise;
      },
    };
    const moduleRef = { get: () => ({ onPublish: () => undefined }) };
    const service = new AlertsService(null as never, supervision as never, clock as never, null as never, null as never, null as never, moduleRef as never);
    const fire = timerOf(service);
    fire();
    fire();
    await settle();
    expect(calls).toHaveLength(1);
    calls[0].resolve([]);
    await settle();
    fire();
    await settle();
    expect(calls).toHaveLength(2);
    calls[1].resolve([]);
    service.onModuleDestroy();
  });
});
