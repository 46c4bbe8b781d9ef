import { useI18n } from 'vue-i18n';
import type { CounterScheduleDay } from '@loket/domain';
import { createFormat } from '@loket/web';

/**
 * Money and numbers from libs/web's formatter, in British English on the English screen (as the
 * admin always was); the audit's date-time with seconds, zone names and weekly hours are admin's own.
 */
export function useAdminFormat() {
  const { t, te, locale } = useI18n();
  const tag = () => (locale.value === 'en' ? 'en-GB' : 'id-ID');

  const rupiah = (value: number) => createFormat(tag()).rupiah(value, t('admin.services.free'));
  const number = (value: number) => createFormat(tag()).number(value);
  // Admin's own: the audit trail wants the seconds, which the shared short date-time leaves out.
  const dateTime = (iso: string, timeZone: string) =>
    new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(new Date(iso));
  const zoneName = (timeZone: string) => (te(`admin.zones.${timeZone.replace('/', '_')}`) ? t(`admin.zones.${timeZone.replace('/', '_')}`) : timeZone);

  /**
   * "Sen–Kam 08:00–15:00 (istirahat 12:00–13:00); Jum 08:00–15:00 (istirahat 11:30–13:00)":
   * consecutive days with the same hours and breaks run together.
   */
  function week(hours: readonly CounterScheduleDay[]): string {
    if (hours.length === 0) return t('admin.schedule.none');
    const sorted = [...hours].sort((a, b) => a.weekday - b.weekday);
    const breaksOf = (entry: CounterScheduleDay) => (entry.breaks ?? []).map((b) => `${b.from}–${b.to}`).join(', ');
    const groups: { from: number; to: number; hours: string; breaks: string }[] = [];
    for (const entry of sorted) {
      const last = groups.at(-1);
      const span = `${entry.opens}–${entry.closes}`;
      if (last && last.to === entry.weekday - 1 && last.hours === span && last.breaks === breaksOf(entry)) last.to = entry.weekday;
      else groups.push({ from: entry.weekday, to: entry.weekday, hours: span, breaks: breaksOf(entry) });
    }
    const day = (weekday: number) => t(`admin.weekdaysShort.${weekday}`);
    return groups
      .map((g) => {
        const days = g.from === g.to ? day(g.from) : `${day(g.from)}–${day(g.to)}`;
        return `${days} ${g.hours}${g.breaks ? ` (${t('admin.schedule.breakShort', { list: g.breaks })})` : ''}`;
      })
      .join('; ');
  }

  return { rupiah, number, dateTime, week, zoneName };
}
