import type { OfficeCalendar } from './calendar.js';
import { issuingUntil } from './calendar.js';
import { pastIssuingCutoff } from './office-state.js';

const mon = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+07:00`);
const calendar: OfficeCalendar = {
  timeZone: 'Asia/Jakarta',
  openingHours: [{ weekday: 1, opens: '08:00', closes: '15:00' }],
  ownDays: [],
  closures: [],
  nationalHoliday: () => null,
};

describe('the issuing cut-off the kiosk shows before a tap', () => {
  it('is closing time less the cut-off while open, and none while closed or without a closing', () => {
    expect(issuingUntil(calendar, mon('10:00'))).toBe(mon('14:30'));
    expect(issuingUntil(calendar, mon('14:45'), 45)).toBe(mon('14:15'));
    expect(issuingUntil(calendar, mon('16:00'))).toBeNull();
    expect(issuingUntil({ ...calendar, openingHours: [] }, mon('10:00'))).toBeNull();
  });

  it('closes a service for the day from its cut-off on, by the server clock given', () => {
    const service = { issuingUntil: new Date(mon('14:30')).toISOString() };
    expect(pastIssuingCutoff(service, mon('14:29'))).toBe(false);
    expect(pastIssuingCutoff(service, mon('14:30'))).toBe(true);
    expect(pastIssuingCutoff({ issuingUntil: null }, mon('23:00'))).toBe(false);
  });
});
