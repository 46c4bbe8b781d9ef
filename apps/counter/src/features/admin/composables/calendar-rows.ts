import type { AdminCalendarView, NationalHolidayKind } from '@loket/domain';

/** One line of the admin's calendar list: a seeded national day, or the office's own entry (which wins on its day). */
export interface CalendarRow {
  day: string;
  name: string;
  kind: NationalHolidayKind | 'holiday' | 'open';
  /** The office's own entry: it can be removed. */
  own: boolean;
  /** On an own "open" day, the national holiday it opens on. */
  national: string | null;
}

/** The national holidays and the office's own days from `from` to `to` (office-local days, inclusive), by date. */
export function calendarRows(view: AdminCalendarView, from: string, to: string): CalendarRow[] {
  const within = (day: string) => day >= from && day <= to;
  const own = new Map(view.ownDays.filter((entry) => within(entry.day)).map((entry) => [entry.day, entry]));
  const rows: CalendarRow[] = [];
  for (const holiday of view.nationalHolidays.filter((entry) => within(entry.day))) {
    const entry = own.get(holiday.day);
    if (entry) own.delete(holiday.day);
    rows.push(
      entry
        ? { day: entry.day, name: entry.name, kind: entry.kind, own: true, national: holiday.name }
        : { day: holiday.day, name: holiday.name, kind: holiday.kind, own: false, national: null },
    );
  }
  for (const entry of own.values()) rows.push({ day: entry.day, name: entry.name, kind: entry.kind, own: true, national: null });
  return rows.sort((a, b) => a.day.localeCompare(b.day));
}
