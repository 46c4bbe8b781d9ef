/**
 * Complaints (pengaduan, UU 25/2009 Pasal 36 ff.): what a citizen may file, the statuses a
 * complaint moves through, its response deadline on the office calendar, when it is overdue,
 * and the figures a report shows. Pure: times are epoch milliseconds.
 */
import { type OfficeCalendar, OPENING_SEARCH_DAYS, dayHours, nextDay } from './calendar.js';
import { DomainError, RuleError } from './errors.js';
import { median, round1 } from './stats.js';
import { minutesBetween, serviceDay } from './time.js';
import { type AlertCandidate, AlertKind } from './supervision-alerts.js';

export const ComplaintStatus = {
  received: 'diterima',
  inProgress: 'diproses',
  resolved: 'selesai',
  rejected: 'ditolak',
} as const;
export type ComplaintStatus = (typeof ComplaintStatus)[keyof typeof ComplaintStatus];
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = Object.values(ComplaintStatus);

/** Every legal move: received → in progress → resolved, or rejected (with a reason) before it is resolved. */
const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  diterima: ['diproses', 'ditolak'],
  diproses: ['selesai', 'ditolak'],
  selesai: [],
  ditolak: [],
};

/** A closed complaint (resolved or rejected) takes no more status, reply or assignment. */
export function isComplaintClosed(status: ComplaintStatus): boolean {
  return COMPLAINT_TRANSITIONS[status].length === 0;
}

export function complaintNextStatuses(status: ComplaintStatus): readonly ComplaintStatus[] {
  return COMPLAINT_TRANSITIONS[status];
}

export class ComplaintTransitionError extends DomainError {
  readonly code = 'illegal_transition';
  constructor(status: ComplaintStatus, to: ComplaintStatus) {
    super(`A complaint that is ${status} cannot become ${to}`, { status, to });
  }
}

/** How the complaint reached the office. */
export const COMPLAINT_CHANNELS = ['ticket_page', 'web', 'counter'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** What it is about; the apps name each category in both languages. */
export const COMPLAINT_CATEGORIES = ['pelayanan', 'petugas', 'biaya', 'persyaratan', 'waktu', 'sarana', 'lainnya'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_LIMITS = {
  description: { min: 10, max: 2000 },
  contactName: { max: 80 },
  contact: { max: 120 },
  note: { min: 1, max: 2000 },
  reply: { min: 1, max: 2000 },
  reason: { min: 5, max: 500 },
  laporChannel: { max: 200 },
  responseWorkingDays: { min: 1, max: 60 },
} as const;

export const DEFAULT_COMPLAINT_RESPONSE_DAYS = 5;

/** A complaint's tracking code: PGD- and four groups of five from the ticket codes' alphabet (no 0/O, 1/I/L). */
export const COMPLAINT_CODE_PATTERN = /^PGD-[23456789A-HJKMNP-Z]{5}(?:-[23456789A-HJKMNP-Z]{5}){3}$/;
/** A SP4N-LAPOR! tracking number as the citizen or the office copies it: letters, digits and dashes. */
export const LAPOR_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

export interface ComplaintStatusChange {
  to: ComplaintStatus;
  /** Why it is rejected: required for ditolak. */
  reason?: string | null;
}

/**
 * The status a complaint moves to. Refuses an illegal move naming the current status, a
 * rejection without a reason, and a resolution without a public reply to the citizen.
 */
export function changeComplaintStatus(current: { status: ComplaintStatus; publicReply: string | null }, change: ComplaintStatusChange): ComplaintStatus {
  if (!COMPLAINT_TRANSITIONS[current.status].includes(change.to)) throw new ComplaintTransitionError(current.status, change.to);
  if (change.to === 'ditolak' && !change.reason?.trim()) throw new RuleError('reason_required', 'A rejected complaint needs the reason the citizen is told');
  if (change.to === 'selesai' && !current.publicReply?.trim())
    throw new RuleError('reply_required', 'Write the public reply to the citizen before marking the complaint resolved');
  return change.to;
}

/** Refuses a reply, an assignment or a status on a complaint that is closed. */
export function assertComplaintOpen(status: ComplaintStatus): void {
  if (isComplaintClosed(status)) throw new RuleError('complaint_closed', `The complaint is ${status} and takes no more changes`, { status });
}

/**
 * The response deadline: the close of the office's `workingDays`-th working day after the
 * day it was filed (a working day is a day the calendar gives open hours: no weekend,
 * holiday or whole-day closure). Filed on a Friday with 5 days: the close of the next Friday.
 * Past the calendar's search horizon the deadline is that many calendar days on.
 */
export function complaintDueAt(calendar: OfficeCalendar, filedAt: number, workingDays: number): number {
  let day = serviceDay(filedAt, calendar.timeZone);
  let counted = 0;
  for (let i = 0; i < OPENING_SEARCH_DAYS; i += 1) {
    day = nextDay(day);
    const open = dayHours(calendar, day).open;
    if (open.length === 0) continue;
    counted += 1;
    if (counted === workingDays) return open[open.length - 1].to;
  }
  return filedAt + workingDays * 24 * 60 * 60_000;
}

export function isComplaintOverdue(complaint: { status: ComplaintStatus; dueAt: number }, now: number): boolean {
  return !isComplaintClosed(complaint.status) && now > complaint.dueAt;
}

/** One complaint as a report counts it. */
export interface ComplaintFact {
  serviceId: string | null;
  status: ComplaintStatus;
  filedAt: number;
  dueAt: number;
  /** When it was resolved or rejected; null while open. */
  closedAt: number | null;
}

export interface ComplaintFigures {
  count: number;
  open: number;
  resolved: number;
  rejected: number;
  /** Open past their deadline now. */
  overdue: number;
  /**
   * Of the complaints whose deadline has passed or that are closed, the share closed by the
   * deadline (0–1); null when there are none yet. A complaint still open before its
   * deadline is not counted either way.
   */
  withinDeadlineShare: number | null;
  /** Median hours from filing to closing, over the closed ones; null when none is closed. */
  medianHoursToClose: number | null;
}

export function complaintFigures(facts: readonly ComplaintFact[], now: number): ComplaintFigures {
  const closed = facts.filter((fact) => fact.closedAt !== null);
  const overdue = facts.filter((fact) => fact.closedAt === null && now > fact.dueAt).length;
  const decided = closed.length + overdue;
  const inTime = closed.filter((fact) => fact.closedAt! <= fact.dueAt).length;
  const hours = median(closed.map((fact) => (fact.closedAt! - fact.filedAt) / 3_600_000));
  return {
    count: facts.length,
    open: facts.length - closed.length,
    resolved: facts.filter((fact) => fact.status === 'selesai').length,
    rejected: facts.filter((fact) => fact.status === 'ditolak').length,
    overdue,
    withinDeadlineShare: decided === 0 ? null : inTime / decided,
    medianHoursToClose: hours === null ? null : round1(hours),
  };
}

export interface ComplaintReportRow extends ComplaintFigures {
  serviceId: string | null;
}

/** The figures per service (null: no service named) and for the whole office. */
export function complaintReport(facts: readonly ComplaintFact[], now: number): { rows: ComplaintReportRow[]; total: ComplaintFigures } {
  const byService = new Map<string | null, ComplaintFact[]>();
  for (const fact of facts) byService.set(fact.serviceId, [...(byService.get(fact.serviceId) ?? []), fact]);
  const rows = [...byService.entries()].map(([serviceId, list]) => ({ serviceId, ...complaintFigures(list, now) }));
  return { rows, total: complaintFigures(facts, now) };
}

/** What the public status page shows: never a contact, an internal note or who handles it. */
export interface ComplaintPublicView {
  code: string;
  officeName: string;
  officeSlug: string;
  serviceName: string | null;
  category: ComplaintCategory;
  description: string;
  status: ComplaintStatus;
  filedAt: string;
  dueAt: string;
  rejectionReason: string | null;
  publicReply: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  laporNumber: string | null;
  laporChannel: string;
  /** The office's IANA zone: the dates are written in it, not in the phone's. */
  timeZone: string;
}

export interface ComplaintNoteView {
  id: string;
  body: string;
  at: string;
  staff: { id: string; name: string };
}

/** A complaint as staff handle it (never its tracking code, which is the citizen's key). */
export interface ComplaintStaffView {
  id: string;
  number: number;
  serviceId: string | null;
  serviceName: string | null;
  ticketNumber: string | null;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  description: string;
  contactName: string | null;
  contact: string | null;
  status: ComplaintStatus;
  filedAt: string;
  dueAt: string;
  overdue: boolean;
  rejectionReason: string | null;
  publicReply: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  assignedTo: { id: string; name: string } | null;
  recordedBy: { id: string; name: string } | null;
  laporNumber: string | null;
  laporHandedAt: string | null;
  notes: ComplaintNoteView[];
}

/** The office's complaint settings and what a public filing form needs. */
export interface ComplaintOfficeInfo {
  officeName: string;
  officeSlug: string;
  laporChannel: string;
  responseWorkingDays: number;
  services: { id: string; code: string; name: string }[];
}

/**
 * The supervisor's alerts for complaints open past their deadline, one per complaint
 * (its key names it), raised from the deadline on and ended when it is closed.
 */
export function complaintAlerts(open: readonly { id: string; number: number; serviceId: string | null; dueAt: number }[], now: number): AlertCandidate[] {
  return open
    .filter((complaint) => now > complaint.dueAt)
    .map((complaint) => ({
      key: `${AlertKind.complaintOverdue}:${complaint.id}`,
      kind: AlertKind.complaintOverdue,
      serviceId: complaint.serviceId,
      counterId: null,
      ticketId: null,
      subject: `#${complaint.number}`,
      since: complaint.dueAt,
      details: { overdueMinutes: round1(minutesBetween(complaint.dueAt, now)) },
    }));
}

/** What the citizen keeps after filing: the code of the status page, and when the office answers by. */
export interface ComplaintReceipt {
  code: string;
  number: number;
  dueAt: string;
  laporChannel: string;
  /** The office's IANA zone, in which the deadline is written. */
  timeZone: string;
}

/** The complaint report of a period: per service and for the office. */
export interface ComplaintReportView {
  office: { slug: string; name: string };
  period: { from: string; to: string };
  responseWorkingDays: number;
  rows: (ComplaintReportRow & { serviceName: string | null })[];
  total: ComplaintFigures;
}
