import { Injectable } from '@nestjs/common';
import {
  type OfficeReportView,
  type OutcomeCounts,
  PERCENTILE_METHOD,
  REPORT_TABLES,
  type ReportFacts,
  type ReportRowView,
  type ReportTable,
  type StaffView,
  type WaitingFigures,
  NotFoundError,
  addDays,
  agencyScopeOf,
  bookingReport,
  figuresFor,
  localTimeToInstant,
  punctualityFacts,
  resolvePeriod,
  serviceDay,
  serviceTimeFacts,
  tableKeys,
} from '@loket/domain';
import { BookingRecordsRepository } from '../bookings/booking-records.repository.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import type { ReportQueryDto } from './dto/report-query.dto.js';
import { type Dimension, type Grouped, type PeriodScope, ReportsRepository } from './reports.repository.js';

/**
 * The supervisor's report for an office and a period (an agency supervisor's: their agency's
 * services, counters and the tickets of either). Counts and waiting times come from
 * SQL (reports.repository.ts); service time, punctuality, etiquette and satisfaction from the
 * libs/domain definitions over the period's rows.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly clock: Clock,
    private readonly bookingRecords: BookingRecordsRepository,
  ) {}

  async report(slug: string, query: ReportQueryDto, staff: StaffView): Promise<OfficeReportView> {
    const office = await this.reports.office(slug);
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    assertOfficeAccess(staff, office.id);
    const nowDate = this.clock.now();
    const period = resolvePeriod(query, serviceDay(nowDate, office.time_zone));
    const start = localTimeToInstant(period.from, '00:00', office.time_zone);
    const end = localTimeToInstant(addDays(period.to, 1), '00:00', office.time_zone);
    // A session still open is measured up to now, or to the end of a period already past.
    const now = Math.min(nowDate.getTime(), end);
    // An agency supervisor's report is their agency's: every row is narrowed in SQL.
    const agencyId = agencyScopeOf(staff);
    const scope: PeriodScope = { officeId: office.id, from: period.from, to: period.to, agencyId };
    const instants = { officeId: office.id, start: new Date(start), end: new Date(end), agencyId };

    const [services, counters, events, sessionEvents, answers, surveys, counts, waits, bookings] = await Promise.all([
      this.reports.services(office.id, agencyId),
      this.reports.counters(office.id, agencyId),
      this.reports.ticketEvents(scope),
      this.reports.sessionEvents(instants),
      this.reports.answers(instants),
      this.reports.surveys(scope),
      this.reports.outcomeCounts(scope),
      this.reports.waitingFigures(scope),
      this.bookingRecords.records({ officeId: office.id, from: period.from, to: period.to, agencyId }),
    ]);

    const serviceInfo = services.map((s) => ({ id: s.id, maxWaitMinutes: s.max_wait_minutes, serviceTimeMinutes: s.service_time_minutes }));
    const counterInfo = counters.map((c) => ({
      id: c.id,
      serviceIds: c.service_ids ?? [],
      schedule: c.schedule,
      scheduledSince: c.scheduled_since?.getTime() ?? null,
    }));
    const facts: ReportFacts = {
      // Counts and waits are aggregated in SQL; the facts carry the rest.
      outcomes: [],
      waits: [],
      serviceTimes: serviceTimeFacts(events, serviceInfo),
      punctuality: punctualityFacts({
        counters: counterInfo,
        sessionEvents,
        ticketEvents: events,
        timeZone: office.time_zone,
        now,
      }),
      answers,
      surveys,
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
    const officers = await this.reports.officers(officerIds);

    const rows = (table: ReportTable, known: { id: string; code: string | null; label: string }[]): ReportRowView[] => {
      // Every service and counter of the office has a row, active or not; anything else that occurs is added after.
      const ids = new Set(known.map((k) => k.id));
      const extra = [...tableKeys(facts, table), ...keysFromSql(table)].filter((id) => !ids.has(id));
      return [...known, ...[...new Set(extra)].map((id) => ({ id, code: null, label: id }))].map((k) => ({ ...k, ...figures(table, k.id) }));
    };
    const tables = {
      services: rows(
        'services',
        services.map((s) => ({ id: s.id, code: s.code, label: s.name })),
      ),
      counters: rows(
        'counters',
        counters.map((c) => ({ id: c.id, code: String(c.number), label: c.name })),
      ),
      officers: rows(
        'officers',
        officers.map((o) => ({ id: o.id, code: o.nip, label: o.name })),
      ),
    } satisfies Record<(typeof REPORT_TABLES)[number], ReportRowView[]>;

    return {
      office: { slug: office.slug, name: office.name, address: office.address, city: office.city, timeZone: office.time_zone },
      period,
      generatedAt: nowDate.toISOString(),
      percentileMethod: PERCENTILE_METHOD,
      tables,
      total: figures('counters', null),
      // A booking still expected in a period already past is a no-show: its slot ended.
      bookings: bookingReport(bookings, services, now),
    };
  }
}

function zeroCounts(): OutcomeCounts {
  return { issued: 0, served: 0, noShows: 0, cancelled: 0, transferred: 0, closedEndOfDay: 0 };
}

function noWaits(): WaitingFigures {
  return { measured: 0, averageMinutes: null, medianMinutes: null, p90Minutes: null, withinStandard: 0, shareWithinStandard: null };
}
