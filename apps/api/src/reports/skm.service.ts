import { Injectable } from '@nestjs/common';
import {
  NotFoundError,
  RuleError,
  SKM_MAX_DAYS,
  type SatisfactionFigures,
  type SkmPreset,
  type SkmProfileTable,
  type StaffView,
  agencyScopeOf,
  isCalendarDay,
  periodDays,
  satisfactionFigures,
  serviceDay,
  skmPeriod,
  SURVEY_CHANNELS,
  type SurveyChannel,
  skmProfileTables,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { type ReportOfficeRow, ReportsRepository } from './reports.repository.js';
import { SkmRepository } from './skm.repository.js';

export interface SkmReportView {
  office: { slug: string; name: string };
  period: { preset: SkmPreset | 'custom'; from: string; to: string };
  total: SatisfactionFigures;
  services: { serviceId: string; code: string; name: string; satisfaction: SatisfactionFigures }[];
  profile: SkmProfileTable[];
  /** How the responses came in: the phone page, or a counter's survey terminal. */
  channels: Record<SurveyChannel, number>;
  /** Newest first, each as the respondent wrote it (shown as text, never HTML). */
  suggestions: { submittedAt: string; serviceId: string; text: string }[];
}

export interface SkmQuery {
  preset?: SkmPreset;
  date?: string;
  from?: string;
  to?: string;
}

/**
 * The SKM tables over a half-year or a year (PermenPANRB 14/2017 asks for the IKM each semester
 * and year): per service and office IKM with its NRR per element and sample adequacy, the
 * respondent profile and the suggestions. Reads only the survey rows and a count of the
 * tickets served, so the 92-day cap of the per-ticket report does not apply; a year at most.
 */
@Injectable()
export class SkmService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly skm: SkmRepository,
    private readonly clock: Clock,
  ) {}

  private period(query: SkmQuery, today: string): SkmReportView['period'] {
    if (query.from !== undefined || query.to !== undefined) {
      if (query.preset || query.date) throw new RuleError('invalid_period', 'from and to make a custom period; leave out preset and date');
      const { from, to } = query;
      if (!from || !to || !isCalendarDay(from) || !isCalendarDay(to))
        throw new RuleError('invalid_period', 'A custom period needs from and to, days of the calendar');
      if (from > to) throw new RuleError('invalid_period', `from (${from}) must not be after to (${to})`);
      if (periodDays(from, to) > SKM_MAX_DAYS) throw new RuleError('invalid_period', `An SKM period covers at most ${SKM_MAX_DAYS} days`);
      return { preset: 'custom', from, to };
    }
    const preset = query.preset ?? 'semester';
    return { preset, ...skmPeriod(preset, query.date ?? today) };
  }

  async report(slug: string, query: SkmQuery, staff: StaffView): Promise<SkmReportView> {
    const office = await this.reports.office(slug);
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    assertOfficeAccess(staff, office.id);
    return this.reportOf(office, query, staff);
  }

  /** The report of an office the caller has read and checked the staff member's access to. */
  async reportOf(office: ReportOfficeRow, query: SkmQuery, staff: StaffView): Promise<SkmReportView> {
    const period = this.period(query, serviceDay(this.clock.now(), office.time_zone));
    // An agency supervisor's SKM is their agency's services'.
    const agencyId = agencyScopeOf(staff);
    const [services, responses, served] = await Promise.all([
      this.reports.services(office.id, agencyId),
      this.skm.responses(office.id, period.from, period.to, agencyId),
      this.skm.served(office.id, period.from, period.to, agencyId),
    ]);
    const totalServed = [...served.values()].reduce((total, count) => total + count, 0);
    return {
      office: { slug: office.slug, name: office.name },
      period,
      total: satisfactionFigures(responses, totalServed),
      services: services
        .filter((service) => served.has(service.id) || responses.some((response) => response.service_id === service.id))
        .map((service) => ({
          serviceId: service.id,
          code: service.code,
          name: service.name,
          satisfaction: satisfactionFigures(
            responses.filter((response) => response.service_id === service.id),
            served.get(service.id) ?? 0,
          ),
        })),
      profile: skmProfileTables(responses.map((row) => ({ gender: row.gender, ageBand: row.age_band, education: row.education, occupation: row.occupation }))),
      channels: Object.fromEntries(SURVEY_CHANNELS.map((channel) => [channel, responses.filter((row) => row.channel === channel).length])) as Record<
        SurveyChannel,
        number
      >,
      suggestions: responses
        .filter((row) => row.suggestion !== null)
        .map((row) => ({ submittedAt: row.submitted_at.toISOString(), serviceId: row.service_id, text: row.suggestion! })),
    };
  }
}
