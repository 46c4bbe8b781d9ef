import fc from 'fast-check';
import {
  type OfficeCalendar,
  type OfficeClosure,
  type OfficeOwnDay,
  assertCanServeToday,
  assertClosureConfirmed,
  assertCutoffsFitHours,
  closureDuring,
  dayHours,
  servableToday,
  waitingHitByDay,
  endClosureEarly,
  officeOpenState,
  waitingHitBy,
  holidayOn,
  issuingStatus,
  longestOpeningMinutes,
  nextDay,
  officeStatus,
  opensNext,
  todaysHours,
} from './calendar.js';
import { NATIONAL_HOLIDAYS, NATIONAL_HOLIDAY_SOURCES, nationalHolidayOn } from './national-holidays.js';
import { MINUTE_MS, serviceDay } from './time.js';
import type { OpeningHours } from './views.js';

const TZ = 'Asia/Jakarta';
const weekdays = (opens: string, closes: string): OpeningHours[] => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
const HOURS = weekdays('08:00', '15:00');
const at = (iso: string) => new Date(iso).getTime();
const calendar = (over: Partial<OfficeCalendar> = {}): OfficeCalendar => ({ timeZone: TZ, openingHours: HOURS, ownDays: [], closures: [], ...over });

describe('the office calendar', () => {
  it('on Saturday night says the office opens on Monday at 08:00', () => {
    // Saturday 5 December 2026, 22:00 WIB.
    const status = officeStatus(calendar(), at('2026-12-05T22:00:00+07:00'));
    expect(status).toEqual({ open: false, reason: { kind: 'outside_hours' }, opensAt: at('2026-12-07T08:00:00+07:00') });
  });

  it('is open inside the hours and says when it closes', () => {
    expect(officeStatus(calendar(), at('2026-12-07T09:30:00+07:00'))).toEqual({ open: true, closesAt: at('2026-12-07T15:00:00+07:00') });
  });

  it('keeps cuti bersama and the national holiday after it closed, naming the day', () => {
    // Thursday 24 December 2026 is cuti bersama, Friday the 25th Christmas: back on Monday the 28th.
    const status = officeStatus(calendar(), at('2026-12-24T09:00:00+07:00'));
    expect(status).toEqual({
      open: false,
      reason: { kind: 'holiday', name: 'Cuti bersama Kelahiran Yesus Kristus', national: true },
      opensAt: at('2026-12-28T08:00:00+07:00'),
    });
  });

  it('opens on a national holiday the office marked open', () => {
    const own: OfficeOwnDay[] = [{ day: '2026-12-24', kind: 'open', name: 'Pelayanan tetap buka' }];
    expect(officeStatus(calendar({ ownDays: own }), at('2026-12-24T09:00:00+07:00')).open).toBe(true);
  });

  it("closes on the office's own holiday with its name", () => {
    const own: OfficeOwnDay[] = [{ day: '2026-12-08', kind: 'holiday', name: 'Hari jadi kota' }];
    const status = officeStatus(calendar({ ownDays: own }), at('2026-12-08T10:00:00+07:00'));
    expect(status).toEqual({ open: false, reason: { kind: 'holiday', name: 'Hari jadi kota', national: false }, opensAt: at('2026-12-09T08:00:00+07:00') });
  });

  it('gives a closure its reason and reopens when it ends, within the day', () => {
    const closures: OfficeClosure[] = [{ from: at('2026-12-07T10:00:00+07:00'), to: at('2026-12-07T11:30:00+07:00'), reason: 'Gangguan jaringan' }];
    const status = officeStatus(calendar({ closures }), at('2026-12-07T10:15:00+07:00'));
    expect(status).toEqual({ open: false, reason: { kind: 'closure', reason: 'Gangguan jaringan' }, opensAt: at('2026-12-07T11:30:00+07:00') });
    expect(officeStatus(calendar({ closures }), at('2026-12-07T09:00:00+07:00'))).toEqual({ open: true, closesAt: at('2026-12-07T10:00:00+07:00') });
    expect(todaysHours(calendar({ closures }), at('2026-12-07T07:00:00+07:00')).open).toEqual([
      { from: at('2026-12-07T08:00:00+07:00'), to: at('2026-12-07T10:00:00+07:00') },
      { from: at('2026-12-07T11:30:00+07:00'), to: at('2026-12-07T15:00:00+07:00') },
    ]);
  });

  it('before the hours of a day closed all day, already gives the closure as the reason', () => {
    const closures: OfficeClosure[] = [{ from: at('2026-12-07T08:00:00+07:00'), to: at('2026-12-07T15:00:00+07:00'), reason: 'Rapat kerja' }];
    const status = officeStatus(calendar({ closures }), at('2026-12-07T07:00:00+07:00'));
    expect(status).toEqual({ open: false, reason: { kind: 'closure', reason: 'Rapat kerja' }, opensAt: at('2026-12-08T08:00:00+07:00') });
  });

  it('stops issuing at the cut-off and sends the citizen to the next opening', () => {
    const cal = calendar();
    expect(issuingStatus(cal, at('2026-12-07T14:29:00+07:00'), 30).open).toBe(true);
    expect(issuingStatus(cal, at('2026-12-07T14:30:00+07:00'), 30)).toEqual({
      open: false,
      reason: { kind: 'cutoff', closesAt: at('2026-12-07T15:00:00+07:00') },
      opensAt: at('2026-12-08T08:00:00+07:00'),
    });
    expect(issuingStatus(cal, at('2026-12-07T14:50:00+07:00'), 0).open).toBe(true);
  });

  it('with no opening hours is open around the clock, holidays or not, until a closure', () => {
    const cal = calendar({ openingHours: [] });
    expect(officeStatus(cal, at('2026-12-25T03:00:00+07:00'))).toEqual({ open: true, closesAt: null });
    expect(issuingStatus(cal, at('2026-12-05T23:59:00+07:00'), 30).open).toBe(true);
    const closures = [{ from: at('2026-12-07T10:00:00+07:00'), to: at('2026-12-07T12:00:00+07:00'), reason: 'Listrik padam' }];
    expect(officeStatus({ ...cal, closures }, at('2026-12-07T11:00:00+07:00'))).toEqual({
      open: false,
      reason: { kind: 'closure', reason: 'Listrik padam' },
      opensAt: at('2026-12-07T12:00:00+07:00'),
    });
    expect(issuingStatus({ ...cal, closures }, at('2026-12-07T09:45:00+07:00'), 30).open).toBe(false);
  });

  it('knows the longest opening day, the bound of any cut-off', () => {
    expect(longestOpeningMinutes([...HOURS, { weekday: 6, opens: '08:00', closes: '12:00' }])).toBe(420);
  });

  it('ships 17 national holidays and 8 cuti bersama days for 2026, one entry per day', () => {
    const of2026 = NATIONAL_HOLIDAYS.filter((holiday) => holiday.day.startsWith('2026-'));
    expect(of2026.filter((holiday) => holiday.kind === 'national_holiday')).toHaveLength(17);
    expect(of2026.filter((holiday) => holiday.kind === 'cuti_bersama')).toHaveLength(8);
    expect(new Set(NATIONAL_HOLIDAYS.map((holiday) => holiday.day)).size).toBe(NATIONAL_HOLIDAYS.length);
    expect(nationalHolidayOn('2026-08-17')?.name).toBe('Proklamasi Kemerdekaan');
  });

  it('ships 18 national holidays and 8 cuti bersama days for 2027, each on the weekday the decree names', () => {
    const of2027 = NATIONAL_HOLIDAYS.filter((holiday) => holiday.day.startsWith('2027-'));
    expect(of2027.filter((holiday) => holiday.kind === 'national_holiday')).toHaveLength(18);
    expect(of2027.filter((holiday) => holiday.kind === 'cuti_bersama')).toHaveLength(8);
    // The SKB gives the Idulfitri cuti bersama as Selasa 9, Jumat 12 and Senin 15 Maret: a typo in a date shows here.
    expect(['2027-03-09', '2027-03-12', '2027-03-15'].map((day) => new Date(`${day}T00:00:00Z`).getUTCDay())).toEqual([2, 5, 1]);
    expect(nationalHolidayOn('2027-03-10')?.name).toBe('Idulfitri 1448 Hijriah');
    expect(nationalHolidayOn('2027-03-15')?.kind).toBe('cuti_bersama');
    expect(NATIONAL_HOLIDAY_SOURCES.map((source) => source.year)).toEqual([2026, 2027]);
  });

  it('asks for confirmation before closing over waiting citizens, and not when nobody waits', () => {
    expect(() => assertClosureConfirmed({ waiting: 0, bookings: 0 }, false)).not.toThrow();
    expect(() => assertClosureConfirmed({ waiting: 3, bookings: 2 }, true)).not.toThrow();
    expect(() => assertClosureConfirmed({ waiting: 3, bookings: 0 }, false)).toThrow(
      expect.objectContaining({ code: 'closure_needs_confirmation', details: { waiting: 3, bookings: 0 } }),
    );
    // Booked citizens count as much as waiting ones: a closure over bookings alone asks too.
    expect(() => assertClosureConfirmed({ waiting: 0, bookings: 2 }, false)).toThrow(
      expect.objectContaining({ code: 'closure_needs_confirmation', details: { waiting: 0, bookings: 2 } }),
    );
  });

  it('ends a begun closure now, calls off one not yet begun, and refuses one already over', () => {
    const closure = { from: at('2026-12-07T10:00:00+07:00'), to: at('2026-12-07T12:00:00+07:00') };
    expect(endClosureEarly(closure, at('2026-12-07T10:30:00+07:00'))).toEqual({ kind: 'ended', at: at('2026-12-07T10:30:00+07:00') });
    expect(endClosureEarly(closure, at('2026-12-07T09:00:00+07:00'))).toEqual({ kind: 'called_off' });
    expect(endClosureEarly(closure, closure.from)).toEqual({ kind: 'called_off' });
    expect(() => endClosureEarly(closure, closure.to)).toThrow(expect.objectContaining({ code: 'closure_over' }));
  });

  it("tells the public screens, before any tap, whether the office is open, until when, and today's holiday", () => {
    expect(officeOpenState(calendar(), at('2026-12-07T09:30:00+07:00'))).toEqual({
      open: true,
      closesAt: '2026-12-07T08:00:00.000Z',
      opensAt: null,
      reason: null,
      reasonText: null,
      holidayToday: null,
      closureToday: null,
    });
    expect(officeOpenState(calendar(), at('2026-12-25T09:00:00+07:00'))).toEqual({
      open: false,
      closesAt: null,
      opensAt: '2026-12-28T01:00:00.000Z',
      reason: 'holiday',
      reasonText: 'Kelahiran Yesus Kristus',
      holidayToday: 'Kelahiran Yesus Kristus',
      closureToday: { startsAt: '2026-12-24T17:00:00.000Z', endsAt: '2026-12-25T17:00:00.000Z', reason: 'Kelahiran Yesus Kristus' },
    });
    // After closing on a working day: outside hours, no holiday, back the next morning.
    expect(officeOpenState(calendar(), at('2026-12-07T16:00:00+07:00'))).toMatchObject({
      open: false,
      reason: 'outside_hours',
      opensAt: '2026-12-08T01:00:00.000Z',
      holidayToday: null,
    });
    // Open on a national holiday it marked open: open, and the day's name still known.
    const own: OfficeOwnDay[] = [{ day: '2026-12-24', kind: 'open', name: 'Pelayanan tetap buka' }];
    expect(officeOpenState(calendar({ ownDays: own }), at('2026-12-24T09:00:00+07:00'))).toMatchObject({ open: true, holidayToday: null });
  });

  it('counts the waiting citizens a closure would strand only when it begins before today ends', () => {
    const now = at('2026-12-07T10:00:00+07:00');
    expect(waitingHitBy(now, now, TZ, 4)).toBe(4);
    expect(waitingHitBy(at('2026-12-07T23:59:00+07:00'), now, TZ, 4)).toBe(4);
    expect(waitingHitBy(at('2026-12-08T00:00:00+07:00'), now, TZ, 4)).toBe(0);
  });

  it('counts waiting citizens for an own holiday only when that holiday is today', () => {
    const now = at('2026-12-07T10:00:00+07:00');
    expect(waitingHitByDay('2026-12-07', now, TZ, 4)).toBe(4);
    expect(waitingHitByDay('2026-12-08', now, TZ, 4)).toBe(0);
  });

  it('names the closure or own holiday over a stretch, for the phone pages of those waiting or booked', () => {
    const closures: OfficeClosure[] = [
      { from: at('2026-12-07T13:00:00+07:00'), to: at('2026-12-07T15:00:00+07:00'), reason: 'Listrik padam' },
      { from: at('2026-12-07T10:00:00+07:00'), to: at('2026-12-07T11:00:00+07:00'), reason: 'Rapat' },
    ];
    // The earliest closure overlapping the stretch, running or still to come.
    expect(closureDuring(calendar({ closures }), at('2026-12-07T09:00:00+07:00'), at('2026-12-08T00:00:00+07:00'))).toEqual({
      startsAt: '2026-12-07T03:00:00.000Z',
      endsAt: '2026-12-07T04:00:00.000Z',
      reason: 'Rapat',
    });
    expect(closureDuring(calendar({ closures }), at('2026-12-07T11:00:00+07:00'), at('2026-12-07T12:00:00+07:00'))).toBeNull();
    // An own holiday takes the whole office day, midnight to midnight.
    const ownDays: OfficeOwnDay[] = [{ day: '2026-12-09', kind: 'holiday', name: 'Hari jadi kota' }];
    expect(closureDuring(calendar({ ownDays }), at('2026-12-09T09:00:00+07:00'), at('2026-12-09T09:30:00+07:00'))).toEqual({
      startsAt: '2026-12-08T17:00:00.000Z',
      endsAt: '2026-12-09T17:00:00.000Z',
      reason: 'Hari jadi kota',
    });
    expect(officeOpenState(calendar({ closures }), at('2026-12-07T12:00:00+07:00')).closureToday).toMatchObject({ reason: 'Listrik padam' });
  });

  describe('kuota dinamis', () => {
    // Monday 7 December 2026, open until 15:00.
    const monday = (time: string) => at(`2026-12-07T${time}:00+07:00`);

    it('takes a ticket whose call and service end by closing, and refuses one that ends after it', () => {
      expect(servableToday(calendar(), monday('14:00'), { waitMinutes: 45, serviceMinutes: 15 })).toEqual({ servable: true });
      const refused = servableToday(calendar(), monday('14:00'), { waitMinutes: 46, serviceMinutes: 15 });
      expect(refused).toEqual({
        servable: false,
        details: {
          closesAt: '2026-12-07T08:00:00.000Z',
          estimatedWaitMinutes: 46,
          expectedDoneAt: '2026-12-07T08:01:00.000Z',
          // The next opening, for booking another day: Tuesday 08:00.
          opensAt: '2026-12-08T01:00:00.000Z',
        },
      });
    });

    it('refuses with 409 cannot_serve_today only when the option is on', () => {
      const late = { waitMinutes: 120, serviceMinutes: 10 };
      expect(() => assertCanServeToday(false, calendar(), monday('14:00'), late)).not.toThrow();
      expect(() => assertCanServeToday(true, calendar(), monday('14:00'), late)).toThrow(
        expect.objectContaining({ code: 'cannot_serve_today', details: expect.objectContaining({ estimatedWaitMinutes: 120 }) }),
      );
    });

    it('refuses nothing without a forecast or without a closing time', () => {
      expect(servableToday(calendar(), monday('14:50'), { waitMinutes: null, serviceMinutes: 10 }).servable).toBe(true);
      expect(servableToday(calendar({ openingHours: [] }), monday('14:50'), { waitMinutes: 600, serviceMinutes: 10 }).servable).toBe(true);
    });
  });

  it('refuses new opening hours shorter than some service cut-off, naming it', () => {
    const services = [
      { code: 'A', issueCutoffMinutes: 30 },
      { code: 'B', issueCutoffMinutes: 240 },
    ];
    expect(() => assertCutoffsFitHours(services, HOURS)).not.toThrow();
    expect(() => assertCutoffsFitHours(services, weekdays('08:00', '12:00'))).toThrow(
      expect.objectContaining({ code: 'cutoff_too_long', message: expect.stringContaining('B (240 min)') }),
    );
    // An office without hours keeps no cut-off.
    expect(() => assertCutoffsFitHours(services, [])).not.toThrow();
  });

  describe('properties', () => {
    const time = fc.tuple(fc.integer({ min: 6, max: 10 }), fc.constantFrom(0, 30)).map(([h, m]) => `${String(h).padStart(2, '0')}:${m === 0 ? '00' : '30'}`);
    const hoursArb = fc
      .uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 })
      .chain((days) => fc.tuple(fc.constant(days), time, fc.integer({ min: 2, max: 9 })))
      .map(([days, opens, length]) => {
        const [h, m] = opens.split(':').map(Number);
        const closes = `${String(h + length).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        return days.map((weekday) => ({ weekday, opens, closes }));
      });
    // Around the end of 2026, where the seeded holidays are.
    const base = at('2026-12-14T00:00:00+07:00');
    const instant = fc.integer({ min: 0, max: 28 * 24 * 60 }).map((minutes) => base + minutes * MINUTE_MS);
    const dayArb = fc.integer({ min: 0, max: 27 }).map((offset) => nextDay('2026-12-14', offset));
    const closureArb = fc
      .tuple(instant, fc.integer({ min: 5, max: 3 * 24 * 60 }), fc.constantFrom('Gangguan jaringan', 'Listrik padam'))
      .map(([from, minutes, reason]) => ({ from, to: from + minutes * MINUTE_MS, reason }));
    const calendarArb = fc
      .record({
        openingHours: fc.oneof({ weight: 5, arbitrary: hoursArb }, { weight: 1, arbitrary: fc.constant<OpeningHours[]>([]) }),
        ownDays: fc.uniqueArray(fc.record({ day: dayArb, kind: fc.constantFrom<'holiday' | 'open'>('holiday', 'open'), name: fc.constant('Hari kantor') }), {
          selector: (entry) => entry.day,
          maxLength: 4,
        }),
        closures: fc.array(closureArb, { maxLength: 3 }),
      })
      .map((parts): OfficeCalendar => ({ timeZone: TZ, ...parts }));

    it('is open exactly inside a real opening interval of the day', () => {
      fc.assert(
        fc.property(calendarArb, instant, (cal, now) => {
          const inside = dayHours(cal, serviceDay(now, TZ)).open.some((interval) => interval.from <= now && now < interval.to);
          expect(officeStatus(cal, now).open).toBe(inside);
        }),
      );
    });

    it('opens again exactly when it says, and not before', () => {
      fc.assert(
        fc.property(calendarArb, instant, fc.double({ min: 0, max: 1, noNaN: true }), (cal, now, share) => {
          const status = officeStatus(cal, now);
          fc.pre(!status.open && status.opensAt !== null);
          if (status.open || status.opensAt === null) return;
          expect(status.opensAt).toBeGreaterThan(now);
          expect(officeStatus(cal, status.opensAt).open).toBe(true);
          const between = now + Math.floor((status.opensAt - now) * share);
          if (between < status.opensAt) expect(officeStatus(cal, between).open).toBe(false);
          expect(opensNext(cal, now)).toBe(status.opensAt);
        }),
      );
    });

    it('is never open during a closure or, keeping hours, on a holiday it observes', () => {
      fc.assert(
        fc.property(calendarArb, instant, (cal, now) => {
          if (!officeStatus(cal, now).open) return;
          expect(cal.closures.some((closure) => closure.from <= now && now < closure.to)).toBe(false);
          if (cal.openingHours.length > 0) expect(holidayOn(cal, serviceDay(now, TZ))).toBeNull();
        }),
      );
    });

    it('issues only while open and before the cut-off', () => {
      fc.assert(
        fc.property(calendarArb, instant, fc.integer({ min: 0, max: 120 }), (cal, now, cutoff) => {
          const issuing = issuingStatus(cal, now, cutoff);
          const office = officeStatus(cal, now);
          if (issuing.open) {
            expect(office.open).toBe(true);
            if (office.open && office.closesAt !== null) expect(now).toBeLessThan(office.closesAt - cutoff * MINUTE_MS);
          } else if (issuing.reason.kind === 'cutoff') {
            expect(office.open).toBe(true);
            expect(issuing.opensAt === null || issuing.opensAt >= issuing.reason.closesAt).toBe(true);
          } else {
            expect(issuing).toEqual(office);
          }
        }),
      );
    });
  });
});
