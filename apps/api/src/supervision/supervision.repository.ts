import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AlertCandidate,
  AlertDetails,
  AlertKind,
  AlertView,
  AnswerMethod,
  ChartAnswer,
  ChecklistAnswer,
  CounterEventType,
  CounterStaffing,
  FailingEndpoint,
  OpeningHours,
  SupervisionCounterEvent,
  SupervisionTicketEvent,
  SurveyAnswers,
  TicketEventRecord,
  TicketEventType,
} from '@loket/domain';
import { NOTIFICATION_VERSION, SURVEY_ELEMENT_CODES, type SurveyTotals } from '@loket/domain';
import { CURRENT_RESPONSE } from '../checklists/checklists.repository.js';
import { counterInAgency, serviceInAgency, ticketInAgency } from '../common/agency-scope-sql.js';
import { OFFICE_JSON, fanOutSql } from '../notifications/outbox.repository.js';

/**
 * The agency an alert concerns (issue 20), over `ac` (its counter) and `asv` (its service):
 * the counter's, else the service's; null for the whole office (a webhook, a complaint about
 * no service). libs/domain `AlertView.agencyId` says the same.
 */
const ALERT_AGENCY = 'COALESCE(ac.agency_id, asv.agency_id)';
/** The joins `ALERT_AGENCY` reads, for the alert rows named `alias`. */
const alertAgencyJoins = (alias: string) => `LEFT JOIN counters ac ON ac.id = ${alias}.counter_id LEFT JOIN services asv ON asv.id = ${alias}.service_id`;

/** The one select every alert view is read with. */
const ALERT_VIEW_SELECT = `SELECT a.id, a.office_id, a.kind, a.subject_key, a.subject, a.service_id, a.counter_id, a.ticket_id, a.since, a.raised_at,
         a.details, a.resolved_at, a.acknowledged_at, a.acknowledged_by_staff_id, st.name AS acknowledged_by_name, ${ALERT_AGENCY} AS agency_id
  FROM supervision_alerts a LEFT JOIN staff st ON st.id = a.acknowledged_by_staff_id ${alertAgencyJoins('a')}`;

/** Answers summed per element over `ss` (satisfaction_surveys), with `count(*)` as responses: read back by `surveyTotalsOfRow`. */
const SURVEY_TOTALS_COLUMNS = `count(*)::int AS responses,
         ${SURVEY_ELEMENT_CODES.map((code) => `coalesce(sum(ss.${code}), 0)::int AS ${code}_sum, count(ss.${code})::int AS ${code}_count`).join(',\n         ')}`;

function surveyTotalsOfRow(row: Record<string, unknown>): SurveyTotals {
  return {
    responses: row.responses as number,
    elements: Object.fromEntries(
      SURVEY_ELEMENT_CODES.map((code) => [code, { sum: row[`${code}_sum`] as number, count: row[`${code}_count`] as number }]),
    ) as SurveyTotals['elements'],
  };
}

/** One agency's answers of a period, in one office. */
export interface AgencySurveyTotals {
  officeId: string;
  agencyId: string;
  totals: SurveyTotals;
}

export const SUPERVISION_SQL = {
  // The day's events up to the snapshot's sequence number: sequence order is commit order (database/office-sequence.ts),
  // so every event at or below it is visible here and every later one reaches the screen as a live event.
  dayTicketEvents: `SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, t.priority IS NOT NULL AS priority
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.office_id = $1 AND e.at >= $2 AND e.seq <= $3 ORDER BY e.id`,
  dayCounterEvents: `SELECT e.counter_id, e.type, e.at, e.reason FROM counter_session_events e JOIN counters c ON c.id = e.counter_id
         WHERE c.office_id = $1 AND e.at >= $2 AND e.seq <= $3 ORDER BY e.id`,
  staffing: `SELECT c.id, c.schedule, c.scheduled_since, cn.staff_id, st.name AS staff_name
         FROM counters c
         LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
         LEFT JOIN staff st ON st.id = cn.staff_id
         WHERE c.office_id = $1 AND c.active`,
  // Only offices where a rule can fire: someone waiting, a scheduled or open counter, or a service finished since $1.
  // Someone waiting is read from the services' waiting counts (`service_waiting`, kept by the
  // database with every ticket), not from tickets: with a large queue in the statistics the
  // planner took "a waiting ticket of this office" for a row found at once and answered it with a
  // sequential scan of tickets per office, to the end of the table for each office with none
  // (121 offices, 122,000 tickets: 14 million rows and 3.6 s every 15 s). The day's finishes and
  // the open alerts are each read once for all offices (IN, a hashed subplan), not once per office.
  officesToScan: `SELECT o.id, o.slug FROM offices o
       WHERE EXISTS (SELECT 1 FROM services s JOIN service_waiting w ON w.service_id = s.id WHERE s.office_id = o.id AND w.waiting > 0)
          OR EXISTS (SELECT 1 FROM counters c WHERE c.office_id = o.id AND c.active AND c.schedule <> '[]'::jsonb)
          OR o.id IN (SELECT e.office_id FROM ticket_events e WHERE e.type = 'finished' AND e.at >= $1)
          OR o.id IN (SELECT a.office_id FROM supervision_alerts a WHERE a.resolved_at IS NULL AND a.acknowledged_at IS NULL)
          OR EXISTS (SELECT 1 FROM complaints k WHERE k.office_id = o.id AND k.closed_at IS NULL AND k.due_at < $2)
          OR EXISTS (SELECT 1 FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                     WHERE e.office_id = o.id AND d.status = 'failed' AND d.finished_at >= $1)
       ORDER BY o.slug`,
  // Complaints open past their deadline (complaints_open_due): each raises an alert until it is closed.
  overdueComplaints: 'SELECT id, number, service_id, due_at FROM complaints WHERE office_id = $1 AND closed_at IS NULL AND due_at < $2 ORDER BY due_at',
  officeSlug: 'SELECT slug FROM offices WHERE id = $1',
  // Enabled endpoints with deliveries given up on within the last day ($2) and since their last success (libs/domain webhookAlerts).
  failingWebhooks: `SELECT e.id, e.url, e.description, count(*)::int AS failed, min(d.finished_at) AS since
  FROM webhook_endpoints e JOIN webhook_deliveries d ON d.endpoint_id = e.id AND d.status = 'failed' AND d.finished_at >= $2
  WHERE e.office_id = $1 AND e.enabled
    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries ok WHERE ok.endpoint_id = e.id AND ok.status = 'delivered' AND ok.finished_at > d.finished_at)
  GROUP BY e.id, e.url, e.description`,
  knownAlertKeys: 'SELECT subject_key FROM supervision_alerts WHERE office_id = $1 AND subject_key = ANY($2::text[])',
  // The unique (office, subject key) makes raising idempotent: a second scan, here or on another instance, inserts nothing.
  // The same statement writes `alert.raised` to the outbox (staff only: an office's endpoints, never a phone) when an endpoint wants it.
  raiseAlert: `WITH raised AS (
           INSERT INTO supervision_alerts (office_id, kind, subject_key, subject, service_id, counter_id, ticket_id, since, raised_at, details)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (office_id, subject_key) DO NOTHING RETURNING *
         ), notice AS (
           INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
           SELECT raised.office_id, 'alert.raised', $11, 'alert:' || raised.id,
                  jsonb_build_object('office', ${OFFICE_JSON},
                                     'alert', jsonb_build_object('id', raised.id, 'kind', raised.kind, 'subject', raised.subject, 'since', raised.since)),
                  raised.raised_at
           FROM raised JOIN offices o ON o.id = raised.office_id
           WHERE EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = raised.office_id AND w.enabled AND 'alert.raised' = ANY(w.events))
           RETURNING id, office_id, type, subject_key, occurred_at
         ), fanout AS (
           ${fanOutSql('notice')}
         )
         SELECT raised.*, NULL::text AS acknowledged_by_name, ${ALERT_AGENCY} AS agency_id FROM raised ${alertAgencyJoins('raised')}`,
  // $2: an agency's alerts only (an agency supervisor's); null: the whole office's.
  openAlerts: `${ALERT_VIEW_SELECT} WHERE a.office_id = $1 AND a.acknowledged_at IS NULL AND ($2::uuid IS NULL OR ${ALERT_AGENCY} = $2::uuid)
         ORDER BY a.since, a.raised_at`,
  // Only alerts still going on: a scan marks those whose condition has ended.
  // (A statement's CTE sees the rows as they were before it: so the updated rows come from RETURNING, not a re-read.)
  resolveAlerts: `WITH resolved AS (
           UPDATE supervision_alerts SET resolved_at = $3
           WHERE office_id = $1 AND id = ANY($2::uuid[]) AND resolved_at IS NULL AND acknowledged_at IS NULL RETURNING *)
         SELECT resolved.*, NULL::text AS acknowledged_by_name, ${ALERT_AGENCY} AS agency_id FROM resolved ${alertAgencyJoins('resolved')}
         ORDER BY resolved.since`,
  alertById: `${ALERT_VIEW_SELECT} WHERE a.id = $1`,
  lockAlert: `SELECT a.office_id, a.acknowledged_at, ${ALERT_AGENCY} AS agency_id FROM supervision_alerts a ${alertAgencyJoins('a')}
         WHERE a.id = $1 FOR UPDATE OF a`,
  acknowledgeAlert: 'UPDATE supervision_alerts SET acknowledged_at = $2, acknowledged_by_staff_id = $3 WHERE id = $1',
  counterOfOffice: 'SELECT id, name, agency_id FROM counters WHERE id = $1 AND office_id = $2',
  // Locked, so the ticket cannot be finished or moved while an observation is written about it.
  lockTicketAtCounter: `SELECT t.id, t.issued_code, t.number, t.staff_id, st.name AS staff_name
         FROM tickets t LEFT JOIN staff st ON st.id = t.staff_id
         WHERE t.counter_id = $1 AND t.status IN ('called', 'serving') FOR NO KEY UPDATE OF t`,
  latestObservation: `SELECT id FROM checklist_responses WHERE ticket_id = $1 AND method = 'observed' AND answered_by_staff_id = $2 ORDER BY at DESC LIMIT 1`,
  // The charts' rows are narrowed to an agency by their last parameter (null: the whole office; common/agency-scope-sql.ts).
  chartServices: `SELECT id, code, name, max_wait_minutes, service_time_minutes FROM services WHERE office_id = $1 AND ${serviceInAgency('id', '$2')}
       ORDER BY sort_order, code`,
  chartTicketEvents: `SELECT e.ticket_id, e.type, e.at, e.service_id, t.priority IS NOT NULL AS priority FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE t.office_id = $1 AND t.issued_at >= $2 AND t.issued_at < $3 AND ${ticketInAgency('e.service_id', 'e.counter_id', '$4')} ORDER BY e.id`,
  chartAnswers: `SELECT r.method, r.subject_staff_id AS staff_id, st.name AS staff_name, a.item_code, i.label, a.answer
       FROM checklist_answers a
       JOIN checklist_responses r ON r.id = a.response_id
       JOIN staff st ON st.id = r.subject_staff_id
       LEFT JOIN checklist_items i ON i.id = a.item_id
       WHERE r.office_id = $1 AND r.kind = 'interaction' AND r.filed_at >= $2 AND r.filed_at < $3 AND ${CURRENT_RESPONSE}
         AND ${counterInAgency('r.counter_id', '$4')}`,
  chartSurveys: `SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM satisfaction_surveys
       WHERE office_id = $1 AND submitted_at >= $2 AND submitted_at < $3 AND ${ticketInAgency('service_id', 'counter_id', '$4')}`,
  // The period's answers of each agency of these offices ($1), by their ticket's service day as the SKM counts them, summed
  // per element (libs/domain SurveyTotals): one row per office and agency, not one per answer. The building manager's rows
  // read one office's; the regional dashboard sums each office's agencies (issue 20).
  surveyTotals: `SELECT ss.office_id, s.agency_id, ${SURVEY_TOTALS_COLUMNS}
       FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id JOIN services s ON s.id = ss.service_id
       WHERE ss.office_id = ANY($1::uuid[]) AND t.service_day BETWEEN $2::date AND $3::date
       GROUP BY ss.office_id, s.agency_id`,
} as const;

interface DayTicketEventRow {
  ticket_id: string;
  type: TicketEventType;
  at: Date;
  service_id: string;
  counter_id: string | null;
  priority: boolean;
}

interface DayCounterEventRow {
  counter_id: string;
  type: CounterEventType;
  at: Date;
  reason: string | null;
}

interface StaffingRow {
  id: string;
  schedule: OpeningHours[];
  scheduled_since: Date | null;
  staff_id: string | null;
  staff_name: string | null;
}

interface AlertRow {
  id: string;
  office_id: string;
  kind: AlertKind;
  subject_key: string;
  subject: string;
  service_id: string | null;
  counter_id: string | null;
  ticket_id: string | null;
  since: Date;
  raised_at: Date;
  details: AlertDetails;
  resolved_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by_staff_id: string | null;
  acknowledged_by_name: string | null;
  agency_id: string | null;
}

function toAlertView(row: AlertRow): AlertView {
  return {
    id: row.id,
    officeId: row.office_id,
    kind: row.kind,
    key: row.subject_key,
    serviceId: row.service_id,
    counterId: row.counter_id,
    ticketId: row.ticket_id,
    agencyId: row.agency_id,
    subject: row.subject,
    since: row.since.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    details: row.details,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by_staff_id ? { id: row.acknowledged_by_staff_id, name: row.acknowledged_by_name ?? '' } : null,
  };
}

interface ChartServiceRow {
  id: string;
  code: string;
  name: string;
  max_wait_minutes: number;
  service_time_minutes: number;
}

interface ChartEventRow {
  ticket_id: string;
  type: TicketEventType;
  at: Date;
  service_id: string;
  priority: boolean;
}

interface ChartAnswerRow {
  method: AnswerMethod;
  staff_id: string;
  staff_name: string;
  item_code: string;
  label: string | null;
  answer: ChecklistAnswer;
}

/** The ticket being served at a counter, and the officer serving it. */
export interface TicketAtCounter {
  id: string;
  issuedCode: string;
  number: number;
  staffId: string | null;
  staffName: string | null;
}

/** A period of an office: from its first midnight (inclusive) to the last (exclusive). */
export interface OfficePeriod {
  officeId: string;
  from: Date;
  to: Date;
  /** One agency's rows only (an agency supervisor's); null: the whole office's. */
  agencyId: string | null;
}

/** The supervisor's data: the live state's events, the alerts, the observations and the charts' rows. */
@Injectable()
export class SupervisionRepository {
  constructor(private readonly db: DataSource) {}

  /** The office's ticket events since `dayStart`, up to sequence number `seq`. */
  async dayTicketEvents(officeId: string, dayStart: Date, seq: number): Promise<SupervisionTicketEvent[]> {
    const rows = await this.db.query<DayTicketEventRow[]>(SUPERVISION_SQL.dayTicketEvents, [officeId, dayStart, seq]);
    return rows.map((row) => ({
      ticketId: row.ticket_id,
      type: row.type,
      at: row.at.getTime(),
      serviceId: row.service_id,
      counterId: row.counter_id,
      priority: row.priority,
    }));
  }

  /** The office's counter-session events since `dayStart`, up to sequence number `seq`. */
  async dayCounterEvents(officeId: string, dayStart: Date, seq: number): Promise<SupervisionCounterEvent[]> {
    const rows = await this.db.query<DayCounterEventRow[]>(SUPERVISION_SQL.dayCounterEvents, [officeId, dayStart, seq]);
    return rows.map((row) => ({ counterId: row.counter_id, type: row.type, at: row.at.getTime(), reason: row.reason }));
  }

  /** Each active counter's schedule and who holds it now. */
  async staffing(officeId: string): Promise<CounterStaffing[]> {
    const rows = await this.db.query<StaffingRow[]>(SUPERVISION_SQL.staffing, [officeId]);
    return rows.map((row) => ({
      counterId: row.id,
      schedule: row.schedule,
      scheduledSince: row.scheduled_since?.getTime() ?? null,
      staffId: row.staff_id,
      staffName: row.staff_name,
    }));
  }

  officesToScan(finishedSince: Date, now: Date): Promise<{ id: string; slug: string }[]> {
    return this.db.query<{ id: string; slug: string }[]>(SUPERVISION_SQL.officesToScan, [finishedSince, now]);
  }

  async overdueComplaints(officeId: string, now: Date): Promise<{ id: string; number: number; serviceId: string | null; dueAt: number }[]> {
    const rows = await this.db.query<{ id: string; number: number; service_id: string | null; due_at: Date }[]>(SUPERVISION_SQL.overdueComplaints, [
      officeId,
      now,
    ]);
    return rows.map((row) => ({ id: row.id, number: row.number, serviceId: row.service_id, dueAt: row.due_at.getTime() }));
  }

  /** The office's webhook endpoints failing since `since` (libs/domain `webhookAlerts`). */
  async failingWebhooks(officeId: string, since: Date): Promise<FailingEndpoint[]> {
    const rows = await this.db.query<{ id: string; url: string; description: string; failed: number; since: Date }[]>(SUPERVISION_SQL.failingWebhooks, [
      officeId,
      since,
    ]);
    return rows.map((row) => ({ id: row.id, url: row.url, description: row.description, failed: row.failed, since: row.since.getTime() }));
  }

  async officeSlug(officeId: string): Promise<string | null> {
    const [row] = await this.db.query<{ slug: string }[]>(SUPERVISION_SQL.officeSlug, [officeId]);
    return row?.slug ?? null;
  }

  /** Which of the subject keys already have an alert in the office. */
  async knownAlertKeys(officeId: string, keys: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ subject_key: string }[]>(SUPERVISION_SQL.knownAlertKeys, [officeId, keys]);
    return new Set(rows.map((row) => row.subject_key));
  }

  /** Stores the alert; null when its subject key was raised already. */
  async raiseAlert(officeId: string, candidate: AlertCandidate, raisedAt: Date): Promise<AlertView | null> {
    const [row] = await this.db.query<AlertRow[]>(SUPERVISION_SQL.raiseAlert, [
      officeId,
      candidate.kind,
      candidate.key,
      candidate.subject,
      candidate.serviceId,
      candidate.counterId,
      candidate.ticketId,
      new Date(candidate.since),
      raisedAt,
      JSON.stringify(candidate.details),
      NOTIFICATION_VERSION['alert.raised'],
    ]);
    return row ? toAlertView(row) : null;
  }

  /** The office's alerts not yet acknowledged; with `agencyId`, that agency's only. */
  async openAlerts(officeId: string, agencyId: string | null = null): Promise<AlertView[]> {
    return (await this.db.query<AlertRow[]>(SUPERVISION_SQL.openAlerts, [officeId, agencyId])).map(toAlertView);
  }

  /** Marks the alerts resolved at `at`; returns those that were still going on (another scan may have been first). */
  async resolveAlerts(officeId: string, ids: readonly string[], at: Date): Promise<AlertView[]> {
    if (ids.length === 0) return [];
    return (await this.db.query<AlertRow[]>(SUPERVISION_SQL.resolveAlerts, [officeId, ids, at])).map(toAlertView);
  }

  /** The alert's office, agency and acknowledgement, locked to the end of the caller's transaction. */
  async lockAlert(tx: EntityManager, alertId: string): Promise<{ officeId: string; agencyId: string | null; acknowledgedAt: Date | null } | null> {
    const [row] = await tx.query<{ office_id: string; agency_id: string | null; acknowledged_at: Date | null }[]>(SUPERVISION_SQL.lockAlert, [alertId]);
    return row ? { officeId: row.office_id, agencyId: row.agency_id, acknowledgedAt: row.acknowledged_at } : null;
  }

  async acknowledgeAlert(tx: EntityManager, alertId: string, at: Date, staffId: string): Promise<AlertView> {
    await tx.query(SUPERVISION_SQL.acknowledgeAlert, [alertId, at, staffId]);
    const [row] = await tx.query<AlertRow[]>(SUPERVISION_SQL.alertById, [alertId]);
    return toAlertView(row);
  }

  /** The counter's name and agency when it is one of the office's, else null. */
  async counterInOffice(tx: EntityManager, counterId: string, officeId: string): Promise<{ name: string; agencyId: string } | null> {
    const [row] = await tx.query<{ name: string; agency_id: string }[]>(SUPERVISION_SQL.counterOfOffice, [counterId, officeId]);
    return row ? { name: row.name, agencyId: row.agency_id } : null;
  }

  /** The ticket called or being served at the counter, locked to the end of the caller's transaction. */
  async lockTicketAtCounter(tx: EntityManager, counterId: string): Promise<TicketAtCounter | null> {
    const [row] = await tx.query<{ id: string; issued_code: string; number: number; staff_id: string | null; staff_name: string | null }[]>(
      SUPERVISION_SQL.lockTicketAtCounter,
      [counterId],
    );
    return row ? { id: row.id, issuedCode: row.issued_code, number: row.number, staffId: row.staff_id, staffName: row.staff_name } : null;
  }

  /** The id of the latest observation the supervisor recorded about the ticket. */
  async latestObservation(tx: EntityManager, ticketId: string, supervisorId: string): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(SUPERVISION_SQL.latestObservation, [ticketId, supervisorId]);
    return row.id;
  }

  /** The office's services in display order. */
  async chartServices(
    officeId: string,
    agencyId: string | null,
  ): Promise<{ id: string; code: string; name: string; maxWaitMinutes: number; serviceTimeMinutes: number }[]> {
    const rows = await this.db.query<ChartServiceRow[]>(SUPERVISION_SQL.chartServices, [officeId, agencyId]);
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      maxWaitMinutes: row.max_wait_minutes,
      serviceTimeMinutes: row.service_time_minutes,
    }));
  }

  /** Every event of the tickets issued in the period. */
  async chartTicketEvents(period: OfficePeriod): Promise<(TicketEventRecord & { ticketId: string; priority: boolean })[]> {
    const rows = await this.db.query<ChartEventRow[]>(SUPERVISION_SQL.chartTicketEvents, [period.officeId, period.from, period.to, period.agencyId]);
    return rows.map((row) => ({ ticketId: row.ticket_id, type: row.type, at: row.at.getTime(), serviceId: row.service_id, priority: row.priority }));
  }

  /** Every interaction checklist answer of the period, with its officer and item. */
  async chartAnswers(period: OfficePeriod): Promise<ChartAnswer[]> {
    const rows = await this.db.query<ChartAnswerRow[]>(SUPERVISION_SQL.chartAnswers, [period.officeId, period.from, period.to, period.agencyId]);
    return rows.map((row) => ({
      method: row.method,
      answer: row.answer,
      staffId: row.staff_id,
      staffName: row.staff_name,
      itemCode: row.item_code,
      itemLabel: row.label,
    }));
  }

  /** Each agency's survey answers of the period `from`–`to` (office-local days), summed per element, for each of the offices; an agency with none is left out. */
  async surveyTotals(officeIds: readonly string[], from: string, to: string): Promise<AgencySurveyTotals[]> {
    const rows = await this.db.query<Record<string, number | string>[]>(SUPERVISION_SQL.surveyTotals, [officeIds, from, to]);
    return rows.map((row) => ({ officeId: row.office_id as string, agencyId: row.agency_id as string, totals: surveyTotalsOfRow(row) }));
  }

  /** The satisfaction surveys submitted in the period. */
  async chartSurveys(period: OfficePeriod): Promise<SurveyAnswers[]> {
    const rows = await this.db.query<SurveyAnswers[]>(SUPERVISION_SQL.chartSurveys, [period.officeId, period.from, period.to, period.agencyId]);
    return rows.map((row) => ({ ...row }));
  }
}
