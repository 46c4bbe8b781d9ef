/** The supervisor's alerts: which standards are broken now, each keyed by what it is about. */
import { round1 } from './stats.js';
import { minutesBetween } from './time.js';
import { type SupervisionFigures, type SupervisionState, SUPERVISION_RULES } from './supervision-figures.js';

export const AlertKind = {
  maxWait: 'max_wait',
  priorityWait: 'priority_wait',
  lateOpening: 'late_opening',
  slowService: 'slow_service',
  idleWhileWaiting: 'idle_while_waiting',
  complaintOverdue: 'complaint_overdue',
  /** A webhook endpoint whose deliveries were given up on (issue 18). */
  webhookFailing: 'webhook_failing',
} as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];
export const ALERT_KINDS: readonly AlertKind[] = Object.values(AlertKind);

export interface AlertDetails {
  waitedMinutes?: number;
  limitMinutes?: number;
  lateMinutes?: number;
  averageMinutes?: number;
  standardMinutes?: number;
  sample?: number;
  idleMinutes?: number;
  /** A complaint past its response deadline: how long past it. */
  overdueMinutes?: number;
  /** A failing webhook endpoint: deliveries given up on since its last success. */
  failedDeliveries?: number;
}

/** An alert the rules raise now. `key` names its subject: raising the same key twice is one alert. */
export interface AlertCandidate {
  key: string;
  kind: AlertKind;
  serviceId: string | null;
  counterId: string | null;
  ticketId: string | null;
  /** What it is about, as people read it: a ticket number, a counter's or a service's name. */
  subject: string;
  since: number;
  details: AlertDetails;
}

/** A stored alert, listed until a supervisor acknowledges it. */
export interface AlertView {
  id: string;
  officeId: string;
  kind: AlertKind;
  key: string;
  serviceId: string | null;
  counterId: string | null;
  ticketId: string | null;
  /**
   * The agency it concerns: its counter's, else its service's; null for the whole office (a
   * webhook, a complaint about no service), seen by the office's own supervisors only.
   */
  agencyId: string | null;
  subject: string;
  since: string;
  raisedAt: string;
  /** The figures when it was raised; `alertFigures` gives them as they stand now (or as they stood when it ended). */
  details: AlertDetails;
  /** When its condition ended by itself (the ticket was called, the counter opened, …); null while it goes on. */
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
}

/**
 * The open alerts whose condition has ended: the rules no longer raise their key at `now`.
 * A supervisor sees them resolved, with how long they lasted, not as if still going on.
 */
export function endedAlerts<T extends { key: string; resolvedAt: string | null }>(open: readonly T[], candidates: readonly AlertCandidate[]): T[] {
  const raised = new Set(candidates.map((candidate) => candidate.key));
  return open.filter((alert) => alert.resolvedAt === null && !raised.has(alert.key));
}

/**
 * An alert's figures at `now`, counted to its end when it has ended: a wait, a late opening
 * or an idle stretch keeps growing while it goes on, so the text never freezes at the
 * moment it was raised. `lastedMinutes` is how long it lasted, null while it goes on.
 */
export function alertFigures(
  alert: Pick<AlertView, 'kind' | 'since' | 'details' | 'resolvedAt'>,
  now: number,
): AlertDetails & { lastedMinutes: number | null } {
  const since = Date.parse(alert.since);
  const end = alert.resolvedAt === null ? now : Date.parse(alert.resolvedAt);
  const running = Math.max(0, minutesBetween(since, end));
  const lastedMinutes = alert.resolvedAt === null ? null : round1(running);
  switch (alert.kind) {
    case AlertKind.maxWait:
    case AlertKind.priorityWait:
      // `since` is the due time: the wait is the limit plus the time past it.
      return { ...alert.details, waitedMinutes: round1((alert.details.limitMinutes ?? 0) + running), lastedMinutes };
    case AlertKind.lateOpening:
      return { ...alert.details, lateMinutes: round1(running), lastedMinutes };
    case AlertKind.idleWhileWaiting:
      return { ...alert.details, idleMinutes: round1(running), lastedMinutes };
    case AlertKind.slowService:
      return { ...alert.details, lastedMinutes };
    case AlertKind.complaintOverdue:
      // `since` is the deadline.
      return { ...alert.details, overdueMinutes: round1(running), lastedMinutes };
    case AlertKind.webhookFailing:
      return { ...alert.details, lastedMinutes };
  }
}

/** The alerts the rules raise at `now`, each keyed by its subject so raising it again is a no-op. */
export function detectAlerts(state: SupervisionState, figures: SupervisionFigures, now: number): AlertCandidate[] {
  const alerts: AlertCandidate[] = [];
  for (const ticket of state.office.waiting) {
    const due = Date.parse(ticket.dueAt);
    if (now <= due) continue;
    // A priority ticket is due at the priority maximum (call-order.ts `dueTime`): that is the limit it broke.
    const kind = ticket.priority ? AlertKind.priorityWait : AlertKind.maxWait;
    const issued = Date.parse(ticket.issuedAt);
    alerts.push({
      key: `${kind}:${ticket.id}:${ticket.serviceId}`,
      kind,
      serviceId: ticket.serviceId,
      counterId: null,
      ticketId: ticket.id,
      subject: ticket.number,
      since: due,
      details: { waitedMinutes: round1(minutesBetween(issued, now)), limitMinutes: round1(minutesBetween(issued, due)) },
    });
  }
  for (const counter of figures.counters) {
    if (counter.notOpenedMinutes !== null && counter.scheduled) {
      alerts.push({
        key: `${AlertKind.lateOpening}:${counter.counterId}:${state.day}`,
        kind: AlertKind.lateOpening,
        serviceId: null,
        counterId: counter.counterId,
        ticketId: null,
        subject: counter.name,
        since: counter.scheduled.from,
        details: { lateMinutes: round1(counter.notOpenedMinutes) },
      });
    }
    if (counter.idleSince !== null && minutesBetween(counter.idleSince, now) >= SUPERVISION_RULES.idleAlertMinutes) {
      alerts.push({
        key: `${AlertKind.idleWhileWaiting}:${counter.counterId}:${counter.idleSince}`,
        kind: AlertKind.idleWhileWaiting,
        serviceId: null,
        counterId: counter.counterId,
        ticketId: null,
        subject: counter.name,
        since: counter.idleSince,
        details: { idleMinutes: round1(minutesBetween(counter.idleSince, now)) },
      });
    }
  }
  for (const service of figures.services) {
    if (!service.slow || service.recentServiceMinutes === null) continue;
    const lastFinish = state.ticketEvents
      .filter((event) => event.serviceId === service.serviceId && event.type === 'finished')
      .reduce((latest, event) => Math.max(latest, event.at), 0);
    alerts.push({
      // Once a day per service: a slow day is one story, not one alert per finished ticket.
      key: `${AlertKind.slowService}:${service.serviceId}:${state.day}`,
      kind: AlertKind.slowService,
      serviceId: service.serviceId,
      counterId: null,
      ticketId: null,
      subject: `${service.code} ${service.name}`,
      since: lastFinish || now,
      details: {
        averageMinutes: round1(service.recentServiceMinutes),
        standardMinutes: service.serviceTimeMinutes,
        sample: Math.min(service.servedToday, SUPERVISION_RULES.slowServiceSample),
      },
    });
  }
  return alerts;
}
