import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type AnswerMethod,
  type ChecklistAnswer,
  type CounterEventType,
  type OfficeReportView,
  type OpeningHours,
  type OutcomeCounts,
  PERCENTILE_METHOD,
  REPORT_TABLES,
  type ReportFacts,
  type ReportRowView,
  type ReportTable,
  type ReportTicketEvent,
  type StaffView,
  type SurveyScore,
  type TicketEventType,
  type WaitingFigures,
  NotFoundError,
  addDays,
  figuresFor,
  localTimeToInstant,
  punctualityFacts,
  resolvePeriod,
  serviceDay,
  serviceTimeFacts,
  tableKeys,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import type { ReportQueryDto } from './dto/report-query.dto.js';
import { type Dimension, type Grouped, type PeriodScope, outcomeCountsSql, waitingFiguresSql } from './report-queries.js';

interface OfficeRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
}

/**
 * The supervisor's report for an office and a period. Counts and waiting times come from
 * SQL (report-queries.ts); service time, punctuality, etiquette and satisfaction from the
 * libs/domain definitions over the period's rows.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(slug: string, query: ReportQueryDto, staff: StaffView): Promise<OfficeReportView> {
    const [office] = await this.db.query<OfficeRow[]>('SELECT id, slug, name, time_zone FROM offices WHERE slug = $1', [slug]);
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    assertOfficeAccess(staff, office.id);
    const nowDate = this.clock.now();
    const period = resolvePeriod(query, serviceDay(nowDate, office.time_zone));
    const start = localTimeToInstant(period.from, '00:00', office.time_zone);
    const end = localTimeToInstant(addDays(period.to, 1), '00:00', office.time_zone);
    // A session still open is measured up to now, or to the end of a period already past.
    const now = Math.min(nowDate.getTime(), end);
    const scope: PeriodScope = { officeId: office.id, from: period.from, to: period.to };

    const [services, counters, ticketEvents, sessionEvents, answers, surveys, counts, waits] = await Promise.all([
      this.db.query<{ id: string; code: string; name: string; max_wait_minutes: number; service_time_minutes: number }[]>(
        'SELECT id, code, name, max_wait_minutes, service_time_minutes FROM services WHERE office_id = $1 ORDER BY sort_order, code',
        [office.id],
      ),
      this.db.query<{ id: string; number: number; name: string; schedule: OpeningHours[]; service_ids: string[] | null }[]>(
        `SELECT c.id, c.number, c.name, c.schedule, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
         FROM counters c WHERE c.office_id = $1 ORDER BY c.number`,
        [office.id],
      ),
      this.db.query<{ ticket_id: string; type: TicketEventType; at: Date; service_id: string; counter_id: string | null; actor_staff_id: string | null }[]>(
        `SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
         WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date ORDER BY e.id`,
        [office.id, period.from, period.to],
      ),
      this.db.query<{ session_id: string; counter_id: string; staff_id: string; type: CounterEventType; at: Date; reason: string | null }[]>(
        `SELECT ev.session_id, cn.counter_id, cn.staff_id, ev.type, ev.at, ev.reason
         FROM counter_session_events ev JOIN counter_sessions cn ON cn.id = ev.session_id JOIN counters c ON c.id = cn.counter_id
         WHERE c.office_id = $1 AND cn.opened_at >= $2 AND cn.opened_at < $3 ORDER BY ev.id`,
        [office.id, new Date(start), new Date(end)],
      ),
      this.db.query<{ method: AnswerMethod; answer: ChecklistAnswer; service_id: string | null; counter_id: string | null; staff_id: string }[]>(
        `SELECT r.method, a.answer, t.service_id, r.counter_id, r.subject_staff_id AS staff_id
         FROM checklist_answers a JOIN checklist_responses r ON r.id = a.response_id LEFT JOIN tickets t ON t.id = r.ticket_id
         WHERE r.office_id = $1 AND r.at >= $2 AND r.at < $3`,
        [office.id, new Date(start), new Date(end)],
      ),
      this.db.query<(Record<'u1' | 'u2' | 'u3' | 'u4' | 'u5' | 'u6' | 'u7' | 'u8' | 'u9', SurveyScore> & { service_id: string; counter_id: string | null; staff_id: string | null })[]>(
        `SELECT ss.u1, ss.u2, ss.u3, ss.u4, ss.u5, ss.u6, ss.u7, ss.u8, ss.u9, ss.service_id, ss.counter_id, ss.staff_id
         FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id
         WHERE ss.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date`,
        [office.id, period.from, period.to],
      ),
      outcomeCountsSql(this.db.manager, scope),
      waitingFiguresSql(this.db.manager, scope),
    ]);

    const events: ReportTicketEvent[] = ticketEvents.map((e) => ({
      ticketId: e.ticket_id,
      type: e.type,
      at: e.at.getTime(),
      serviceId: e.service_id,
      counterId: e.counter_id,
      staffId: e.actor_staff_id,
    }));
    const serviceInfo = services.map((s) => ({ id: s.id, maxWaitMinutes: s.max_wait_minutes, serviceTimeMinutes: s.service_time_minutes }));
    const counterInfo = counters.map((c) => ({ id: c.id, serviceIds: c.service_ids ?? [], schedule: c.schedule }));
    const facts: ReportFacts = {
      // Counts and waits are aggregated in SQL; the facts carry the rest.
      outcomes: [],
      waits: [],
      serviceTimes: serviceTimeFacts(events, serviceInfo),
      punctuality: punctualityFacts({
        counters: counterInfo,
        sessionEvents: sessionEvents.map((e) => ({ sessionId: e.session_id, counterId: e.counter_id, staffId: e.staff_id, type: e.type, at: e.at.getTime(), reason: e.reason })),
        ticketEvents: events,
        timeZone: office.time_zone,
        now,
      }),
      answers: answers.map((a) => ({ method: a.method, answer: a.answer, serviceId: a.service_id, counterId: a.counter_id, staffId: a.staff_id })),
      surveys: surveys.map(({ service_id, counter_id, staff_id, ...scores }) => ({ ...scores, serviceId: service_id, counterId: counter_id, staffId: staff_id })),
    };

    const index = <T>(rows: Grouped<T>[]) => new Map(rows.map((row) => [`${row.dimension}|${row.key}`, row.figures]));
    const countsBy = index<OutcomeCounts>(counts);
    const waitsBy = index<WaitingFigures>(waits);
    const figures = (table: ReportTable, key: string | null) => {
      const dimension: Dimension = key === null ? 'total' : table;
      const id = `${dimension}|${key ?? ''}`;
      return figuresFor(facts, table, key, { counts: countsBy.get(id) ?? zeroCounts(), waiting: waitsBy.get(id) ?? noWaits() });
    };
    const keysFromSql = (table: ReportTable) => [...counts, ...waits].filter((row) => row.dimension === table && row.key !== '').map((row) => row.key);

    const officerIds = [...new Set([...tableKeys(facts, 'officers'), ...keysFromSql('officers')])];
    const officers = officerIds.length
      ? await this.db.query<{ id: string; name: string; nip: string | null }[]>('SELECT id, name, nip FROM staff WHERE id = ANY($1::uuid[]) ORDER BY name', [officerIds])
      : [];

    const rows = (table: ReportTable, known: { id: string; code: string | null; label: string }[]): ReportRowView[] => {
      // Every service and counter of the office has a row, active or not; anything else that occurs is added after.
      const ids = new Set(known.map((k) => k.id));
      const extra = [...tableKeys(facts, table), ...keysFromSql(table)].filter((id) => !ids.has(id));
      return [...known, ...[...new Set(extra)].map((id) => ({ id, code: null, label: id }))].map((k) => ({ ...k, ...figures(table, k.id) }));
    };
    const tables = {
      services: rows('services', services.map((s) => ({ id: s.id, code: s.code, label: s.name }))),
      counters: rows('counters', counters.map((c) => ({ id: c.id, code: String(c.number), label: c.name }))),
      officers: rows('officers', officers.map((o) => ({ id: o.id, code: o.nip, label: o.name }))),
    } satisfies Record<(typeof REPORT_TABLES)[number], ReportRowView[]>;

    return {
      office: { slug: office.slug, name: office.name, timeZone: office.time_zone },
      period,
      generatedAt: nowDate.toISOString(),
      percentileMethod: PERCENTILE_METHOD,
      tables,
      total: figures('counters', null),
    };
  }
}

function zeroCounts(): OutcomeCounts {
  return { issued: 0, served: 0, noShows: 0, cancelled: 0, transferred: 0 };
}

function noWaits(): WaitingFigures {
  return { measured: 0, averageMinutes: null, medianMinutes: null, p90Minutes: null, withinStandard: 0, shareWithinStandard: null };
}
