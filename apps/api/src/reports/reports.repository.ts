/**
 * The SQL behind a report. Counts and waiting times are aggregated in the database, so a
 * month of tickets never travels to Node for them; test/reports.spec.ts proves each figure
 * equals the libs/domain definition (reports.ts) computed from the raw event rows. The other
 * figures are computed by libs/domain from the period's rows read here.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  NO_SHOW_REVERSALS,
  type OutcomeCounts,
  type ReportChecklistAnswer,
  type ReportSessionEvent,
  type ReportSurvey,
  type ReportTable,
  type ReportTicketEvent,
  type WaitingFigures,
  type AnswerMethod,
  type ChecklistAnswer,
  type ChecklistKind,
  type CounterEventType,
  type OpeningHours,
  type SurveyScore,
  type TicketEventType,
} from '@loket/domain';
import { CURRENT_RESPONSE } from '../checklists/checklists.repository.js';
import { counterInAgency, serviceInAgency, ticketInAgency } from '../common/agency-scope-sql.js';

/** The no-show reversals of the domain, as an SQL list. */
const REVERSALS = NO_SHOW_REVERSALS.map((type) => `'${type}'`).join(', ');

/** Which table a grouping-sets row belongs to; `total` is the whole office. */
export type Dimension = ReportTable | 'total';

/** The office and the office-local days of a report (both counted). */
export interface PeriodScope {
  officeId: string;
  from: string;
  to: string;
  /** One agency's part only (an agency supervisor's report, common/agency-scope-sql.ts); null or absent: the whole office. */
  agencyId?: string | null;
}

/** The same period as instants: its first midnight and the midnight after its last day. */
export interface PeriodInstants {
  officeId: string;
  start: Date;
  end: Date;
  agencyId?: string | null;
}

export interface Grouped<T> {
  dimension: Dimension;
  /** The service, counter or staff id; '' for the total and for events without one (a ticket issued, a citizen's cancel). */
  key: string;
  figures: T;
}

// GROUPING() tells which of the three grouping sets produced a row.
const DIMENSION = `CASE WHEN GROUPING(service_id) = 0 THEN 'services' WHEN GROUPING(counter_id) = 0 THEN 'counters'
                        WHEN GROUPING(staff_id) = 0 THEN 'officers' ELSE 'total' END`;
const KEY = `COALESCE(CASE WHEN GROUPING(service_id) = 0 THEN service_id WHEN GROUPING(counter_id) = 0 THEN counter_id ELSE staff_id END::text, '')`;
const SETS = `GROUPING SETS ((service_id), (counter_id), (staff_id), ())`;

/**
 * The events of the period's tickets (issued on its office-local days); with an agency ($4),
 * its events only: of its services or at its counters, as the live view narrows them.
 */
const PERIOD_EVENTS = `ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date
         AND ${ticketInAgency('e.service_id', 'e.counter_id', '$4')}`;

export const REPORTS_SQL = {
  office: 'SELECT id, slug, name, address, city, time_zone FROM offices WHERE slug = $1',
  // Every read below takes an agency as its last parameter, null for the whole office (common/agency-scope-sql.ts).
  services: `SELECT id, code, name, max_wait_minutes, service_time_minutes FROM services WHERE office_id = $1 AND ${serviceInAgency('id', '$2')}
         ORDER BY sort_order, code`,
  counters: `SELECT c.id, c.number, c.name, c.schedule, c.scheduled_since, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
         FROM counters c WHERE c.office_id = $1 AND ${counterInAgency('c.id', '$2')} ORDER BY c.number`,
  ticketEvents: `SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id, t.priority IS NOT NULL AS priority
         FROM ${PERIOD_EVENTS} ORDER BY e.id`,
  // The sessions opened in the period, with every event of theirs.
  sessionEvents: `SELECT ev.session_id, cn.counter_id, cn.staff_id, ev.type, ev.at, ev.reason
         FROM counter_session_events ev JOIN counter_sessions cn ON cn.id = ev.session_id JOIN counters c ON c.id = cn.counter_id
         WHERE c.office_id = $1 AND cn.opened_at >= $2 AND cn.opened_at < $3 AND ${counterInAgency('c.id', '$4')} ORDER BY ev.id`,
  answers: `SELECT r.kind, r.method, a.answer, t.service_id, r.counter_id, r.subject_staff_id AS staff_id
         FROM checklist_answers a JOIN checklist_responses r ON r.id = a.response_id LEFT JOIN tickets t ON t.id = r.ticket_id
         WHERE r.office_id = $1 AND r.filed_at >= $2 AND r.filed_at < $3 AND ${CURRENT_RESPONSE} AND ${ticketInAgency('t.service_id', 'r.counter_id', '$4')}`,
  surveys: `SELECT ss.u1, ss.u2, ss.u3, ss.u4, ss.u5, ss.u6, ss.u7, ss.u8, ss.u9, ss.service_id, ss.counter_id, ss.staff_id
         FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id
         WHERE ss.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date AND ${ticketInAgency('ss.service_id', 'ss.counter_id', '$4')}`,
  officers: 'SELECT id, name, nip FROM staff WHERE id = ANY($1::uuid[]) ORDER BY name',
  // Distinct tickets per outcome and group (domain `ticketFacts` + `outcomeCounts`): a transfer counts for
  // the service it left (`payload.fromServiceId`), an issue for no counter or officer. A no-show counts only
  // as the ticket's final outcome (domain `NO_SHOW_REVERSALS`): one an undo or a reinstatement follows was none.
  outcomeCounts: `WITH ev AS (
       SELECT e.ticket_id, e.type,
              CASE WHEN e.type = 'transferred' THEN (e.payload->>'fromServiceId')::uuid ELSE e.service_id END AS service_id,
              CASE WHEN e.type = 'issued' THEN NULL ELSE e.counter_id END AS counter_id,
              CASE WHEN e.type = 'issued' THEN NULL ELSE e.actor_staff_id END AS staff_id,
              lead(e.type) OVER (PARTITION BY e.ticket_id, e.type IN ('no_show', ${REVERSALS}) ORDER BY e.at, e.id) AS next_type
       FROM ${PERIOD_EVENTS} AND e.type IN ('issued', 'finished', 'no_show', ${REVERSALS}, 'cancelled', 'transferred', 'closed_end_of_day'))
     SELECT ${DIMENSION} AS dimension, ${KEY} AS key,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'issued')::int AS issued,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'finished')::int AS served,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'no_show' AND NOT coalesce(next_type IN (${REVERSALS}), false))::int AS no_shows,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'cancelled')::int AS cancelled,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'transferred')::int AS transferred,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'closed_end_of_day')::int AS closed_end_of_day
     FROM ev GROUP BY ${SETS}`,
  // Waiting times per group (domain `waitingSegments` + `waitingFigures`): a queue stay opens at the issue
  // or a transfer and ends at the first call after it; events are ordered by time, then by recording order,
  // as the domain sorts them. The stay counts for its queue's service and for the counter and officer who
  // called. Percentiles by `percentile_cont`, which is the domain's PERCENTILE_METHOD. A priority ticket is held to the
  // office's priority maximum when that is sooner than its service's (domain `maxWaitFor`).
  waitingFigures: `WITH ev AS (
       SELECT e.id, e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id, t.priority IS NOT NULL AS priority,
              count(*) FILTER (WHERE e.type IN ('issued', 'transferred'))
                OVER (PARTITION BY e.ticket_id ORDER BY e.at, e.id ROWS UNBOUNDED PRECEDING) AS segment
       FROM ${PERIOD_EVENTS}),
     opening AS (SELECT ticket_id, segment, at AS from_at, service_id, priority FROM ev WHERE type IN ('issued', 'transferred')),
     first_call AS (
       SELECT DISTINCT ON (ticket_id, segment) ticket_id, segment, at AS to_at, counter_id, actor_staff_id AS staff_id
       FROM ev WHERE type = 'called' AND segment > 0 ORDER BY ticket_id, segment, at, id),
     waits AS (
       SELECT o.service_id, c.counter_id, c.staff_id,
              CASE WHEN o.priority THEN LEAST(s.max_wait_minutes, f.priority_max_wait_minutes) ELSE s.max_wait_minutes END AS max_wait_minutes,
              extract(epoch FROM c.to_at - o.from_at)::float8 / 60 AS minutes
       FROM opening o JOIN first_call c ON c.ticket_id = o.ticket_id AND c.segment = o.segment JOIN services s ON s.id = o.service_id
       JOIN offices f ON f.id = s.office_id)
     SELECT ${DIMENSION} AS dimension, ${KEY} AS key,
            count(*)::int AS measured,
            avg(minutes) AS average,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90,
            count(*) FILTER (WHERE minutes <= max_wait_minutes)::int AS within
     FROM waits GROUP BY ${SETS}`,
} as const;

export interface ReportOfficeRow {
  id: string;
  slug: string;
  name: string;
  address: string;
  city: string;
  time_zone: string;
}

export interface ReportServiceRow {
  id: string;
  code: string;
  name: string;
  max_wait_minutes: number;
  service_time_minutes: number;
}

export interface ReportCounterRow {
  id: string;
  number: number;
  name: string;
  schedule: OpeningHours[];
  scheduled_since: Date | null;
  service_ids: string[] | null;
}

/** A ticket event as the reports' and the officer's day's queries return it. */
export interface TicketEventRow {
  ticket_id: string;
  type: TicketEventType;
  at: Date;
  service_id: string;
  counter_id: string | null;
  actor_staff_id: string | null;
  /** Whether the ticket is a priority ticket (the reports' query says; the officer's day does not need it). */
  priority?: boolean;
}

/** A counter session event as the reports' and the officer's day's queries return it. */
export interface SessionEventRow {
  session_id: string;
  counter_id: string;
  staff_id: string;
  type: CounterEventType;
  at: Date;
  reason: string | null;
}

export function toTicketEvent(e: TicketEventRow): ReportTicketEvent {
  return {
    ticketId: e.ticket_id,
    type: e.type,
    at: e.at.getTime(),
    serviceId: e.service_id,
    counterId: e.counter_id,
    staffId: e.actor_staff_id,
    ...(e.priority === undefined ? {} : { priority: e.priority }),
  };
}

export function toSessionEvent(e: SessionEventRow): ReportSessionEvent {
  return { sessionId: e.session_id, counterId: e.counter_id, staffId: e.staff_id, type: e.type, at: e.at.getTime(), reason: e.reason };
}

interface AnswerRow {
  kind: ChecklistKind;
  method: AnswerMethod;
  answer: ChecklistAnswer;
  service_id: string | null;
  counter_id: string | null;
  staff_id: string;
}

type SurveyRow = Record<'u1' | 'u2' | 'u3' | 'u4' | 'u5' | 'u6' | 'u7' | 'u8' | 'u9', SurveyScore> & {
  service_id: string;
  counter_id: string | null;
  staff_id: string | null;
};

interface OutcomeCountsRow {
  dimension: Dimension;
  key: string;
  issued: number;
  served: number;
  no_shows: number;
  cancelled: number;
  closed_end_of_day: number;
  transferred: number;
}

interface WaitingFiguresRow {
  dimension: Dimension;
  key: string;
  measured: number;
  average: number | null;
  median: number | null;
  p90: number | null;
  within: number;
}

/** The rows of an office's report for a period, and the counts and waits aggregated in SQL. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: DataSource) {}

  async office(slug: string): Promise<ReportOfficeRow | null> {
    const [row] = await this.db.query<ReportOfficeRow[]>(REPORTS_SQL.office, [slug]);
    return row ?? null;
  }

  /** The office's services; with `agencyId`, that agency's. */
  services(officeId: string, agencyId: string | null = null): Promise<ReportServiceRow[]> {
    return this.db.query<ReportServiceRow[]>(REPORTS_SQL.services, [officeId, agencyId]);
  }

  counters(officeId: string, agencyId: string | null = null): Promise<ReportCounterRow[]> {
    return this.db.query<ReportCounterRow[]>(REPORTS_SQL.counters, [officeId, agencyId]);
  }

  /** Every event of the tickets issued in the period. */
  async ticketEvents(scope: PeriodScope): Promise<ReportTicketEvent[]> {
    const rows = await this.db.query<TicketEventRow[]>(REPORTS_SQL.ticketEvents, [scope.officeId, scope.from, scope.to, scope.agencyId ?? null]);
    return rows.map(toTicketEvent);
  }

  async sessionEvents(period: PeriodInstants): Promise<ReportSessionEvent[]> {
    const rows = await this.db.query<SessionEventRow[]>(REPORTS_SQL.sessionEvents, [period.officeId, period.start, period.end, period.agencyId ?? null]);
    return rows.map(toSessionEvent);
  }

  async answers(period: PeriodInstants): Promise<ReportChecklistAnswer[]> {
    const rows = await this.db.query<AnswerRow[]>(REPORTS_SQL.answers, [period.officeId, period.start, period.end, period.agencyId ?? null]);
    return rows.map((a) => ({ kind: a.kind, method: a.method, answer: a.answer, serviceId: a.service_id, counterId: a.counter_id, staffId: a.staff_id }));
  }

  async surveys(scope: PeriodScope): Promise<ReportSurvey[]> {
    const rows = await this.db.query<SurveyRow[]>(REPORTS_SQL.surveys, [scope.officeId, scope.from, scope.to, scope.agencyId ?? null]);
    return rows.map(({ service_id, counter_id, staff_id, ...scores }) => ({ ...scores, serviceId: service_id, counterId: counter_id, staffId: staff_id }));
  }

  /** Names and NIPs of the officers a report has rows for. */
  async officers(ids: readonly string[]): Promise<{ id: string; name: string; nip: string | null }[]> {
    if (ids.length === 0) return [];
    return this.db.query<{ id: string; name: string; nip: string | null }[]>(REPORTS_SQL.officers, [ids]);
  }

  async outcomeCounts(scope: PeriodScope): Promise<Grouped<OutcomeCounts>[]> {
    const rows = await this.db.query<OutcomeCountsRow[]>(REPORTS_SQL.outcomeCounts, [scope.officeId, scope.from, scope.to, scope.agencyId ?? null]);
    return rows.map((row) => ({
      dimension: row.dimension,
      key: row.key,
      figures: {
        issued: row.issued,
        served: row.served,
        noShows: row.no_shows,
        cancelled: row.cancelled,
        transferred: row.transferred,
        closedEndOfDay: row.closed_end_of_day,
      },
    }));
  }

  async waitingFigures(scope: PeriodScope): Promise<Grouped<WaitingFigures>[]> {
    const rows = await this.db.query<WaitingFiguresRow[]>(REPORTS_SQL.waitingFigures, [scope.officeId, scope.from, scope.to, scope.agencyId ?? null]);
    return rows.map((row) => ({
      dimension: row.dimension,
      key: row.key,
      figures: {
        measured: row.measured,
        averageMinutes: row.average === null ? null : Number(row.average),
        medianMinutes: row.median === null ? null : Number(row.median),
        p90Minutes: row.p90 === null ? null : Number(row.p90),
        withinStandard: row.within,
        shareWithinStandard: row.measured === 0 ? null : row.within / row.measured,
      },
    }));
  }
}
