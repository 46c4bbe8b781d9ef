import { createServerClock } from './server-clock';

describe('the server clock a screen keeps', () => {
  it('counts on the server’s time from the last stamp it learnt, and ignores a missing or broken one', () => {
    const clock = createServerClock();
    expect(clock.now(1_000)).toBe(1_000);
    // The server said 10:00:00 when this PC read 09:57:00: three minutes behind.
    clock.learn('2026-12-05T03:00:00.000Z', Date.parse('2026-12-05T02:57:00.000Z'));
    expect(clock.offsetMs.value).toBe(180_000);
    expect(new Date(clock.now(Date.parse('2026-12-05T02:58:00.000Z'))).toISOString()).toBe('2026-12-05T03:01:00.000Z');
    clock.learn(null);
    clock.learn('not a time');
    expect(clock.offsetMs.value).toBe(180_000);
  });
});
