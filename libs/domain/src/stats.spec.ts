import { mean, median, percentile, round1, round2 } from './stats.js';

describe('statistics, stated once', () => {
  it('interpolates percentiles linearly between the closest ranks, like percentile_cont', () => {
    expect(percentile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 10);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('takes the median as the mean of the middle two for an even count', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('refuses a percentile outside 0…1', () => {
    expect(() => percentile([1], 90)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('gives no mean for no values, and the arithmetic mean otherwise', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('rounds half away from zero on the last kept decimal', () => {
    expect(round1(2.25)).toBe(2.3);
    expect(round1(7)).toBe(7);
    expect(round1(1.04)).toBe(1);
    expect(round2(1.005 + 1e-9)).toBe(1.01);
    expect(round2(3.14159)).toBe(3.14);
  });
});
