import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { type AdminCalendarView, type ClosureView, type OfficeOwnDay, localTimeToInstant, nextDay, serviceDay } from '@loket/domain';
import { ApiError } from '../../../shared/api/http';
import { adminApi } from '../admin-api';
import { useAdminStore } from '../stores/admin-store';
import { useAdminForm } from './use-admin-form';
import { calendarRows } from './calendar-rows';
import { createServerClock } from '@loket/web/server-clock';

/** How many months ahead the calendar lists. */
export const CALENDAR_MONTHS = 4;

/**
 * The office's calendar as the admin's calendar panel works on it (issue 16): loaded for the
 * chosen office, its rows for the coming months, and the saves (an own day added or removed, a
 * closure made, ended early or called off). The API and the domain decide what is allowed.
 */
export function useOfficeCalendar() {
  const { t, locale } = useI18n();
  const store = useAdminStore();
  const form = useAdminForm('calendar');
  const { errors } = form;

  const calendar = ref<AdminCalendarView | null>(null);
  const loadFailed = ref(false);
  const day = ref<OfficeOwnDay>({ day: '', kind: 'holiday', name: '' });
  const closure = ref({ startsAt: '', endsAt: '', reason: '' });
  /**
   * When the API asked to confirm a closure or an own holiday (`closure_needs_confirmation`):
   * how many citizens wait and how many are booked in it, and the save to send again, confirmed.
   */
  const stranded = ref<{ waiting: number; bookings: number; confirm: () => Promise<void> } | null>(null);
  const ending = ref<ClosureView | null>(null);
  /** The server's clock, from the last answer: "today" and "running" are the office's, not the PC's. */
  const clock = createServerClock();
  watch(calendar, (view) => clock.learn(view?.at));

  const timeZone = computed(() => store.office?.timeZone ?? 'Asia/Jakarta');
  const today = computed(() => (calendar.value ? serviceDay(Date.parse(calendar.value.at), timeZone.value) : ''));
  const rows = computed(() => (calendar.value ? calendarRows(calendar.value, today.value, nextDay(today.value, CALENDAR_MONTHS * 31)) : []));
  const source = computed(() => calendar.value?.sources.find((entry) => entry.year === Number(today.value.slice(0, 4))) ?? null);
  const missingYear = computed(() => {
    const years = new Set(calendar.value?.sources.map((entry) => entry.year));
    const last = Number(nextDay(today.value, CALENDAR_MONTHS * 31).slice(0, 4));
    return years.has(last) ? null : last;
  });

  const tag = () => (locale.value === 'en' ? 'en-GB' : 'id-ID');
  const longDay = (value: string) =>
    new Intl.DateTimeFormat(tag(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  const when = (iso: string) =>
    new Intl.DateTimeFormat(tag(), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: timeZone.value }).format(
      new Date(iso),
    );
  const running = (entry: ClosureView) => Date.parse(entry.startsAt) <= clock.now();
  /** A `datetime-local` value read as the office's wall time (the admin may sit in another zone). */
  const instant = (value: string) => new Date(localTimeToInstant(value.slice(0, 10), value.slice(11, 16), timeZone.value)).toISOString();

  async function load(): Promise<void> {
    const id = store.officeId;
    if (!id) return;
    loadFailed.value = false;
    try {
      const answer = await adminApi.calendar(id);
      if (store.officeId === id) calendar.value = answer;
    } catch {
      loadFailed.value = true;
    }
  }
  watch(() => store.officeId, load, { immediate: true });

  /** A refusal asking for confirmation is kept to ask the admin (`stranded`); anything else goes on to the form. */
  function askOrThrow(error: unknown, confirm: () => Promise<void>): void {
    if (!(error instanceof ApiError) || error.body?.code !== 'closure_needs_confirmation') throw error;
    const details = (error.body.details ?? {}) as { waiting?: number; bookings?: number };
    stranded.value = { waiting: details.waiting ?? 0, bookings: details.bookings ?? 0, confirm };
  }

  async function addDay(entry: OfficeOwnDay, confirm = false): Promise<void> {
    const id = store.officeId;
    if (!id) return;
    errors.clear();
    let asked = false;
    const saved = await form.run(async () => {
      try {
        calendar.value = await adminApi.addOfficeDay(id, { ...entry, name: entry.name.trim(), ...(confirm ? { confirm } : {}) });
      } catch (error) {
        askOrThrow(error, () => addDay(entry, true));
        asked = true;
        return () => '';
      }
      return () => t('admin.calendar.daySaved', { day: longDay(entry.day) });
    });
    if (asked) form.saved.value = null;
    if (saved && !asked) {
      stranded.value = null;
      if (entry === day.value) day.value = { day: '', kind: 'holiday', name: '' };
    }
  }

  async function removeDay(value: string): Promise<void> {
    const id = store.officeId;
    if (!id) return;
    errors.clear();
    await form.run(async () => {
      calendar.value = await adminApi.removeOfficeDay(id, value);
      return () => t('admin.calendar.dayRemoved', { day: longDay(value) });
    });
  }

  async function close(confirm = false): Promise<void> {
    const id = store.officeId;
    if (!id) return;
    errors.clear();
    const input = closure.value;
    const body = { ...(input.startsAt ? { startsAt: instant(input.startsAt) } : {}), endsAt: instant(input.endsAt), reason: input.reason.trim(), confirm };
    let asked = false;
    const saved = await form.run(async () => {
      try {
        calendar.value = await adminApi.addClosure(id, body);
      } catch (error) {
        askOrThrow(error, () => close(true));
        asked = true;
        return () => '';
      }
      return () => t('admin.calendar.closureSaved', { until: when(body.endsAt) });
    });
    if (asked) form.saved.value = null;
    if (saved && !asked) {
      closure.value = { startsAt: '', endsAt: '', reason: '' };
      stranded.value = null;
    }
  }

  async function endClosure(): Promise<void> {
    const id = store.officeId;
    const entry = ending.value;
    if (!id || !entry) return;
    errors.clear();
    const begun = running(entry);
    await form.run(async () => {
      calendar.value = await adminApi.endClosure(id, entry.id);
      return () => (begun ? t('admin.calendar.closureEnded') : t('admin.calendar.closureCalledOff'));
    });
    ending.value = null;
  }

  return {
    form,
    calendar,
    loadFailed,
    day,
    closure,
    stranded,
    ending,
    timeZone,
    rows,
    source,
    missingYear,
    longDay,
    when,
    running,
    addDay,
    removeDay,
    close,
    endClosure,
  };
}
