import { SingleFlight } from './single-flight.js';

/** A load the test finishes by hand, recording the sequence number each one was started for. */
function manualLoads(): { started: number[]; finish: (value: string) => void; fail: (error: Error) => void; load: (seq: number) => Promise<string> } {
  const started: number[] = [];
  const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  return {
    started,
    finish: (value) => pending.shift()!.resolve(value),
    fail: (error) => pending.shift()!.reject(error),
    load: (seq) => {
      started.push(seq);
      return new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SingleFlight', () => {
  it('shares one running load among callers who know of nothing later', async () => {
    const loads = manualLoads();
    const flight = new SingleFlight<string>();
    const first = flight.run(3, loads.load);
    const second = flight.run(2, loads.load);
    const third = flight.run(3, loads.load);
    expect(loads.started).toEqual([3]);
    loads.finish('a');
    await expect(Promise.all([first, second, third])).resolves.toEqual(['a', 'a', 'a']);
  });

  it('queues one load after the running one for callers who know of a later change, at the highest they know', async () => {
    const loads = manualLoads();
    const flight = new SingleFlight<string>();
    const first = flight.run(1, loads.load);
    const later = flight.run(4, loads.load);
    const latest = flight.run(6, loads.load);
    expect(flight.hasQueued).toBe(true);
    expect(loads.started).toEqual([1]);
    loads.finish('one');
    await expect(first).resolves.toBe('one');
    await settle();
    expect(loads.started).toEqual([1, 6]);
    expect(flight.hasQueued).toBe(false);
    loads.finish('six');
    await expect(Promise.all([later, latest])).resolves.toEqual(['six', 'six']);
  });

  it('starts the queued load even when the running one fails, and starts afresh once idle', async () => {
    const loads = manualLoads();
    const flight = new SingleFlight<string>();
    const failing = flight.run(1, loads.load);
    const queued = flight.run(2, loads.load);
    loads.fail(new Error('database gone'));
    await expect(failing).rejects.toThrow('database gone');
    await settle();
    loads.finish('two');
    await expect(queued).resolves.toBe('two');
    const fresh = flight.run(2, loads.load);
    expect(loads.started).toEqual([1, 2, 2]);
    loads.finish('again');
    await expect(fresh).resolves.toBe('again');
  });
});
