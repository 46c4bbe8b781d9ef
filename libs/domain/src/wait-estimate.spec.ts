import fc from 'fast-check';
import { averageServiceMinutes, estimateWaitMinutes } from './wait-estimate.js';

describe('estimateWaitMinutes', () => {
  it('promises nothing when no counter for the service is open', () => {
    expect(estimateWaitMinutes({ ahead: 5, openCounters: 0, averageServiceMinutes: 4 })).toBeNull();
    expect(estimateWaitMinutes({ ahead: 0, openCounters: 0, averageServiceMinutes: 4 })).toBeNull();
  });

  it('is zero for the first in line at an open counter', () => {
    expect(estimateWaitMinutes({ ahead: 0, openCounters: 1, averageServiceMinutes: 4 })).toBe(0);
  });

  it('shares the people ahead among the open counters', () => {
    expect(estimateWaitMinutes({ ahead: 6, openCounters: 1, averageServiceMinutes: 5 })).toBe(30);
    expect(estimateWaitMinutes({ ahead: 6, openCounters: 3, averageServiceMinutes: 5 })).toBe(10);
  });

  it('rounds up to whole minutes, never promising less than the arithmetic', () => {
    expect(estimateWaitMinutes({ ahead: 1, openCounters: 2, averageServiceMinutes: 3 })).toBe(2);
    expect(estimateWaitMinutes({ ahead: 3, openCounters: 1, averageServiceMinutes: 2.1 })).toBe(7);
  });

  it('never shrinks when more people are ahead, and never grows when more counters open', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        (ahead, openCounters, average) => {
          const base = estimateWaitMinutes({ ahead, openCounters, averageServiceMinutes: average })!;
          expect(estimateWaitMinutes({ ahead: ahead + 1, openCounters, averageServiceMinutes: average })!).toBeGreaterThanOrEqual(base);
          expect(estimateWaitMinutes({ ahead, openCounters: openCounters + 1, averageServiceMinutes: average })!).toBeLessThanOrEqual(base);
          expect(Number.isInteger(base)).toBe(true);
        },
      ),
    );
  });
});

describe('averageServiceMinutes', () => {
  it('falls back to the standard before anyone has been served', () => {
    expect(averageServiceMinutes([], 7)).toBe(7);
  });

  it('is the mean of the recent service times, ignoring the standard', () => {
    expect(averageServiceMinutes([4, 6, 11], 7)).toBe(7);
    expect(averageServiceMinutes([2, 3], 15)).toBe(2.5);
  });
});
