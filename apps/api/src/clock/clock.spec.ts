import { configFromEnv } from '../config/app-config.js';
import { ScaledClock } from './clock.js';

describe('ScaledClock', () => {
  it('starts at the real now and runs speed times faster', () => {
    let real = Date.parse('2026-11-30T01:00:00.000Z');
    const clock = new ScaledClock(60, undefined, () => real);
    expect(clock.now().toISOString()).toBe('2026-11-30T01:00:00.000Z');
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2026-11-30T01:01:00.000Z');
  });

  it('starts at a given instant when told', () => {
    let real = Date.parse('2026-11-30T10:00:00.000Z');
    const clock = new ScaledClock(10, new Date('2026-11-30T00:45:00.000Z'), () => real);
    real += 6_000;
    expect(clock.now().toISOString()).toBe('2026-11-30T00:46:00.000Z');
  });

  it('starts again from the given instant when restarted', () => {
    let real = Date.parse('2026-11-30T10:00:00.000Z');
    const clock = new ScaledClock(60, new Date('2026-11-30T00:40:00.000Z'), () => real);
    real += 20_000;
    clock.restart();
    expect(clock.now().toISOString()).toBe('2026-11-30T00:40:00.000Z');
    real += 500;
    expect(clock.now().toISOString()).toBe('2026-11-30T00:40:30.000Z');
  });

  it('restarted without a start instant, begins again at the real now', () => {
    let real = Date.parse('2026-11-30T10:00:00.000Z');
    const clock = new ScaledClock(60, undefined, () => real);
    real += 20_000;
    clock.restart();
    expect(clock.now().toISOString()).toBe('2026-11-30T10:00:20.000Z');
  });

  it('refuses a speed that is not positive', () => {
    expect(() => new ScaledClock(0)).toThrow(/positive speed/);
    expect(() => new ScaledClock(Number.NaN)).toThrow(/positive speed/);
  });
});

describe('CLOCK_SPEED in the configuration', () => {
  it('is off unless set', () => {
    expect(configFromEnv({}).clock).toBeNull();
  });

  it('reads the speed and the optional start', () => {
    expect(configFromEnv({ CLOCK_SPEED: '60' }).clock).toEqual({ speed: 60, start: null });
    expect(configFromEnv({ CLOCK_SPEED: '5', CLOCK_START: '2026-11-30T00:45:00Z' }).clock).toEqual({ speed: 5, start: new Date('2026-11-30T00:45:00Z') });
  });

  it('refuses to start in production with a fast clock', () => {
    expect(() => configFromEnv({ NODE_ENV: 'production', CLOCK_SPEED: '60' })).toThrow(/development and simulation only.*NODE_ENV=production/);
  });

  it('refuses a speed or start it cannot read', () => {
    expect(() => configFromEnv({ CLOCK_SPEED: 'fast' })).toThrow(/CLOCK_SPEED must be a number/);
    expect(() => configFromEnv({ CLOCK_SPEED: '-2' })).toThrow(/CLOCK_SPEED must be a number/);
    expect(() => configFromEnv({ CLOCK_SPEED: '2', CLOCK_START: 'yesterday' })).toThrow(/CLOCK_START must be/);
  });
});
