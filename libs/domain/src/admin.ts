/**
 * The office set-up an admin edits (offices, services, counters, staff, checklist
 * templates), the audit trail, and the rules a set-up must keep. The API checks every
 * change with these functions and the counter app shows the same shapes.
 */
import { RuleError } from './errors.js';
import type { ServiceStandardDetails } from './service-standard.js';
import type { CounterScheduleDay, OfficeView, OpeningHours, ServiceStandard, StaffRole, StaffView } from './views.js';

export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD_LENGTH = 10;

/** A problem with one field, the way the API's 400 `details` name it (`schedule.1.closes`). */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * What is wrong with a weekly schedule (office opening hours or a counter's schedule):
 * times as HH:MM, ISO weekdays 1–7, opening before closing, and one span per weekday,
 * since the punctuality measures (`scheduledHours`) read one span a day: a second one
 * on the same day would overlap it or be silently ignored.
 */
export function scheduleProblems(entries: readonly OpeningHours[], field = 'schedule'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<number, number>();
  entries.forEach((entry, index) => {
    const at = `${field}.${index}`;
    if (!Number.isInteger(entry.weekday) || entry.weekday < 1 || entry.weekday > 7) {
      problems.push({ field: `${at}.weekday`, problems: ['weekday must be 1 (Monday) … 7 (Sunday)'] });
    }
    const opensOk = typeof entry.opens === 'string' && TIME_OF_DAY_PATTERN.test(entry.opens);
    const closesOk = typeof entry.closes === 'string' && TIME_OF_DAY_PATTERN.test(entry.closes);
    if (!opensOk) problems.push({ field: `${at}.opens`, problems: ['opens must be a time HH:MM (00:00–23:59)'] });
    if (!closesOk) problems.push({ field: `${at}.closes`, problems: ['closes must be a time HH:MM (00:00–23:59)'] });
    if (opensOk && closesOk && entry.opens >= entry.closes) {
      problems.push({ field: `${at}.closes`, problems: [`closes (${entry.closes}) must be after opens (${entry.opens})`] });
    }
    const earlier = seen.get(entry.weekday);
    if (earlier !== undefined) {
      problems.push({ field: `${at}.weekday`, problems: [`weekday ${entry.weekday} already has hours (entry ${earlier + 1}); one span per day`] });
    } else {
      seen.set(entry.weekday, index);
    }
  });
  return problems;
}

/** Where a counter is scheduled outside its office's opening hours (checked only when the office has hours). */
export function scheduleOutsideHours(schedule: readonly OpeningHours[], officeHours: readonly OpeningHours[], field = 'schedule'): FieldProblem[] {
  if (officeHours.length === 0) return [];
  const problems: FieldProblem[] = [];
  schedule.forEach((entry, index) => {
    const day = officeHours.find((hours) => hours.weekday === entry.weekday);
    if (!day) {
      problems.push({ field: `${field}.${index}.weekday`, problems: [`the office is closed on weekday ${entry.weekday}`] });
    } else if (entry.opens < day.opens || entry.closes > day.closes) {
      problems.push({ field: `${field}.${index}`, problems: [`${entry.opens}–${entry.closes} is outside the office hours ${day.opens}–${day.closes}`] });
    }
  });
  return problems;
}

/** At most this many planned breaks a day: ishoma and a short one either side is already a lot. */
export const MAX_BREAKS_PER_DAY = 4;

/**
 * What is wrong with the planned breaks of a counter's schedule, by kind, so each kind has
 * its own stable code (`assertBreaksFit`): a break must lie within that day's hours
 * (`outside`), and the breaks of one day must not overlap or touch (`overlapping`: two
 * touching breaks are one break, entered as one). Malformed times and a break that ends
 * before it starts are `malformed` (400 validation_failed).
 */
export function breakProblems(
  schedule: readonly CounterScheduleDay[],
  field = 'schedule',
): { malformed: FieldProblem[]; outside: FieldProblem[]; overlapping: FieldProblem[] } {
  const malformed: FieldProblem[] = [];
  const outside: FieldProblem[] = [];
  const overlapping: FieldProblem[] = [];
  schedule.forEach((day, dayIndex) => {
    const breaks = day.breaks ?? [];
    if (!Array.isArray(breaks)) {
      malformed.push({ field: `${field}.${dayIndex}.breaks`, problems: ['breaks must be a list'] });
      return;
    }
    if (breaks.length > MAX_BREAKS_PER_DAY) {
      malformed.push({ field: `${field}.${dayIndex}.breaks`, problems: [`at most ${MAX_BREAKS_PER_DAY} breaks a day`] });
    }
    const wellFormed: { index: number; from: string; to: string }[] = [];
    breaks.forEach((window, index) => {
      const at = `${field}.${dayIndex}.breaks.${index}`;
      const fromOk = typeof window?.from === 'string' && TIME_OF_DAY_PATTERN.test(window.from);
      const toOk = typeof window?.to === 'string' && TIME_OF_DAY_PATTERN.test(window.to);
      if (!fromOk) malformed.push({ field: `${at}.from`, problems: ['from must be a time HH:MM (00:00–23:59)'] });
      if (!toOk) malformed.push({ field: `${at}.to`, problems: ['to must be a time HH:MM (00:00–23:59)'] });
      if (!fromOk || !toOk) return;
      if (window.from >= window.to) {
        malformed.push({ field: `${at}.to`, problems: [`to (${window.to}) must be after from (${window.from})`] });
        return;
      }
      if (window.from < day.opens || window.to > day.closes) {
        outside.push({ field: at, problems: [`${window.from}–${window.to} is outside the counter's hours ${day.opens}–${day.closes}`] });
      }
      wellFormed.push({ index, from: window.from, to: window.to });
    });
    const sorted = [...wellFormed].sort((a, b) => a.from.localeCompare(b.from));
    for (let i = 1; i < sorted.length; i += 1) {
      const before = sorted[i - 1];
      const after = sorted[i];
      if (after.from <= before.to) {
        overlapping.push({
          field: `${field}.${dayIndex}.breaks.${after.index}`,
          problems: [`${after.from}–${after.to} overlaps ${before.from}–${before.to}`],
        });
      }
    }
  });
  return { malformed, outside, overlapping };
}

/**
 * Refuses a schedule whose planned breaks do not fit: 400 validation_failed for a malformed
 * break, 400 break_outside_hours for one outside the day's hours, 400 breaks_overlap for two
 * that overlap; `details` names each field, the way the validation pipe does.
 */
export function assertBreaksFit(schedule: readonly CounterScheduleDay[], field = 'schedule'): void {
  const { malformed, outside, overlapping } = breakProblems(schedule, field);
  if (malformed.length > 0) throw new RuleError('validation_failed', 'A planned break is not well formed', malformed);
  if (outside.length > 0) throw new RuleError('break_outside_hours', "A planned break lies outside the counter's hours that day", outside);
  if (overlapping.length > 0) throw new RuleError('breaks_overlap', 'Two planned breaks of the same day overlap', overlapping);
}

/**
 * What is wrong with a NIP (Nomor Induk Pegawai): 18 digits — birth date YYYYMMDD,
 * appointment YYYYMM, sex 1 or 2, then a three-digit sequence. Null when it is well formed.
 */
export function nipProblem(nip: string): string | null {
  if (!/^\d{18}$/.test(nip)) return 'NIP must be exactly 18 digits';
  const birthMonth = Number(nip.slice(4, 6));
  const birthDay = Number(nip.slice(6, 8));
  const appointedMonth = Number(nip.slice(12, 14));
  const sex = nip[14];
  if (birthMonth < 1 || birthMonth > 12 || birthDay < 1 || birthDay > 31) return 'NIP digits 1–8 must be a birth date YYYYMMDD';
  if (appointedMonth < 1 || appointedMonth > 12) return 'NIP digits 9–14 must be an appointment month YYYYMM';
  if (sex !== '1' && sex !== '2') return 'NIP digit 15 must be 1 or 2';
  return null;
}

export type AdminOfficeView = OfficeView;

export interface AdminServiceView {
  id: string;
  officeId: string;
  agencyId: string;
  code: string;
  name: string;
  active: boolean;
  sortOrder: number;
  standard: ServiceStandard;
  /** The rest of the 14 components of the standard (issue 19). */
  details: ServiceStandardDetails;
  /** Minutes before the office closes from which the service issues no more tickets (issue 16). */
  issueCutoffMinutes: number;
  /** Kuota dinamis: refuse a new ticket the forecast says cannot be served before closing (`assertCanServeToday`). */
  dynamicQuota: boolean;
}

export interface AdminCounterView {
  id: string;
  officeId: string;
  agencyId: string;
  number: number;
  name: string;
  priorityOnly: boolean;
  active: boolean;
  serviceIds: string[];
  /** The weekly hours, each day with its planned breaks. */
  schedule: CounterScheduleDay[];
}

export interface AdminStaffView extends StaffView {
  active: boolean;
  createdAt: string;
}

export interface ChecklistItemInput {
  code: string;
  label: string;
  active: boolean;
}

export const AUDIT_SOURCES = ['admin', 'ticket', 'counter', 'checklist', 'alert'] as const;
/** Where an entry comes from: an admin change, or a staff action on a ticket, a counter session, an observation, an alert. */
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** The admin actions the trail records; ticket and counter actions read `ticket.called`, `counter.opened`, … */
export const ADMIN_ACTIONS = [
  'office.created',
  'office.updated',
  // When ticket.near goes out and the hour of the day-before booking reminder (issue 18).
  'office.notifications_updated',
  // An office's webhook endpoints (issue 18); the trail never holds a secret, only when one was replaced.
  'webhook.created',
  'webhook.updated',
  'webhook.enabled',
  'webhook.disabled',
  'webhook.secret_rotated',
  'webhook.deleted',
  'service.created',
  'service.updated',
  'counter.created',
  'counter.updated',
  'agency.created',
  'agency.updated',
  'agency.deleted',
  'zone.created',
  'zone.updated',
  'zone.deleted',
  'staff.created',
  'staff.updated',
  'staff.password_reset',
  'staff.deactivated',
  'staff.reactivated',
  'checklist.updated',
  'calendar.day_added',
  'calendar.day_removed',
  'calendar.closure_added',
  'calendar.closure_ended',
  'office.day_closed',
  'maklumat.recorded',
  // Complaint handling (issue 19). Internal notes are not here: each is its own authored, dated,
  // append-only row, and copying its text into the trail would only widen who reads it.
  'complaint.status_changed',
  'complaint.replied',
  'complaint.assigned',
  'complaint.handed_to_lapor',
  'complaint.settings_updated',
  // A period's IKM published with its follow-up plan (issue 19).
  'ikm.published',
  // Where one item of its follow-up plan stands, as a supervisor recorded it.
  'ikm.progress',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

export interface AuditEntryView {
  /** `source:id`, unique across the trail. */
  id: string;
  source: AuditSource;
  at: string;
  actor: { id: string; name: string; username: string; role: StaffRole } | null;
  officeId: string | null;
  officeName: string | null;
  counterId: string | null;
  counterNumber: number | null;
  counterName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** What a person reads for the subject: a ticket number, a service code, a username. */
  subjectLabel: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
