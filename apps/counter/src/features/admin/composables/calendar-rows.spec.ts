import type { AdminCalendarView } from '@loket/domain';
import { calendarRows } from './calendar-rows';

const view = (over: Partial<AdminCalendarView>): AdminCalendarView => ({
  officeId: 'o',
  at: '2026-12-05T03:00:00.000Z',
  ownDays: [],
  closures: [],
  nationalHolidays: [
    { day: '2026-12-24', kind: 'cuti_bersama', name: 'Cuti bersama Kelahiran Yesus Kristus' },
    { day: '2026-12-25', kind: 'national_holiday', name: 'Kelahiran Yesus Kristus' },
    { day: '2027-03-01', kind: 'national_holiday', name: 'Jauh' },
  ],
  sources: [],
  ...over,
});

describe('the admin calendar list', () => {
  it('lists national and own days within the window by date, the own entry in place of the national one it opens', () => {
    const rows = calendarRows(
      view({
        ownDays: [
          { day: '2026-12-29', kind: 'holiday', name: 'Hari jadi kota' },
          { day: '2026-12-24', kind: 'open', name: 'Buka khusus' },
          { day: '2026-11-01', kind: 'holiday', name: 'Lewat' },
        ],
      }),
      '2026-12-05',
      '2027-02-28',
    );
    expect(rows).toEqual([
      { day: '2026-12-24', name: 'Buka khusus', kind: 'open', own: true, national: 'Cuti bersama Kelahiran Yesus Kristus' },
      { day: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national_holiday', own: false, national: null },
      { day: '2026-12-29', name: 'Hari jadi kota', kind: 'holiday', own: true, national: null },
    ]);
  });
});
