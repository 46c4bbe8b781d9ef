import { isCalendarDay, isOfficeTimeZone, isProductDay, MINUTE_MS, minutesBetween, OFFICE_TIME_ZONES, serviceDay } from './time.js';

describe('serviceDay', () => {
  // Local midnight of 28 November 2026 in each zone, and the last second before it.
  it.each([
    ['Asia/Jakarta (WIB, UTC+7)', OFFICE_TIME_ZONES.WIB, '2026-11-27T17:00:00Z', '2026-11-27T16:59:59Z'],
    ['Asia/Makassar (WITA, UTC+8)', OFFICE_TIME_ZONES.WITA, '2026-11-27T16:00:00Z', '2026-11-27T15:59:59Z'],
    ['Asia/Jayapura (WIT, UTC+9)', OFFICE_TIME_ZONES.WIT, '2026-11-27T15:00:00Z', '2026-11-27T14:59:59Z'],
  ])('turns the day at local midnight in %s', (_label, zone, midnight, lastSecondBefore) => {
    expect(serviceDay(Date.parse(midnight), zone)).toBe('2026-11-28');
    expect(serviceDay(Date.parse(lastSecondBefore), zone)).toBe('2026-11-27');
    expect(serviceDay(Date.parse(midnight) - 1, zone)).toBe('2026-11-27');
  });

  it('gives different office days for the same instant in different zones', () => {
    // Arrange: 15:30Z is 22:30 in Jakarta, 23:30 in Makassar, 00:30 the next day in Jayapura.
    const at = Date.parse('2026-11-27T15:30:00Z');
    // Act / Assert
    expect(serviceDay(at, 'Asia/Jakarta')).toBe('2026-11-27');
    expect(serviceDay(at, 'Asia/Makassar')).toBe('2026-11-27');
    expect(serviceDay(at, 'Asia/Jayapura')).toBe('2026-11-28');
  });

  it('is not the UTC date for the early office morning', () => {
    // 07:30 WIB on the 28th is still the 27th in UTC.
    expect(serviceDay(Date.parse('2026-11-28T00:30:00Z'), 'Asia/Jakarta')).toBe('2026-11-28');
    expect(serviceDay(Date.parse('2026-11-27T23:30:00Z'), 'Asia/Jakarta')).toBe('2026-11-28');
  });

  it('accepts a Date as well as epoch milliseconds, always as YYYY-MM-DD', () => {
    const at = Date.parse('2027-01-01T16:59:59Z');
    expect(serviceDay(new Date(at), 'Asia/Jakarta')).toBe('2027-01-01');
    expect(serviceDay(at + 1000, 'Asia/Jakarta')).toBe('2027-01-02');
    expect(serviceDay(at, 'Asia/Jayapura')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('crosses a month and year end at local midnight', () => {
    expect(serviceDay(Date.parse('2026-12-31T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-12-31');
    expect(serviceDay(Date.parse('2026-12-31T17:00:00Z'), 'Asia/Jakarta')).toBe('2027-01-01');
  });
});

describe('office time zones', () => {
  it('recognises exactly WIB, WITA and WIT', () => {
    expect(isOfficeTimeZone('Asia/Jakarta')).toBe(true);
    expect(isOfficeTimeZone('Asia/Makassar')).toBe(true);
    expect(isOfficeTimeZone('Asia/Jayapura')).toBe(true);
    expect(isOfficeTimeZone('Asia/Singapore')).toBe(false);
    expect(isOfficeTimeZone('WIB')).toBe(false);
  });
});

describe('minutesBetween', () => {
  it('measures in minutes, fractional and signed', () => {
    expect(minutesBetween(0, 5 * MINUTE_MS)).toBe(5);
    expect(minutesBetween(0, 90_000)).toBe(1.5);
    expect(minutesBetween(2 * MINUTE_MS, 0)).toBe(-2);
  });
});

describe('days', () => {
  it('knows real calendar days', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-2-3')).toBe(false);
  });

  it('holds the product to the days between 2000 and 2099', () => {
    expect(isProductDay('2000-01-01')).toBe(true);
    expect(isProductDay('2099-12-31')).toBe(true);
    expect(isProductDay('1999-12-31')).toBe(false);
    expect(isProductDay('2100-01-01')).toBe(false);
    expect(isProductDay('2026-02-31')).toBe(false);
  });
});
