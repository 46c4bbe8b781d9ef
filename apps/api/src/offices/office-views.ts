import {
  DEFAULT_ISSUE_CUTOFF_MINUTES,
  type OfficeCalendar,
  type OfficeView,
  type RangedOfficeForecast,
  type ServiceStandard,
  type ServiceStandardDetails,
  type ServiceView,
  forecastRangeFor,
  forecastWaitFor,
  issuingUntil,
  round1,
} from '@loket/domain';
import type { OfficeEntity } from './office.entity.js';
import type { OfficeCalendarRows, ServiceLoadRow } from './offices.repository.js';

export function toOfficeView(office: OfficeEntity): OfficeView {
  return {
    id: office.id,
    slug: office.slug,
    name: office.name,
    timeZone: office.timeZone,
    openingHours: office.openingHours,
    priorityMaxWaitMinutes: office.priorityMaxWaitMinutes,
    noShowAfterMinutes: office.noShowAfterMinutes,
    offlineAfterMinutes: office.offlineAfterMinutes,
    shiftEndGraceMinutes: office.shiftEndGraceMinutes,
    address: office.address,
    city: office.city,
  };
}

/** The domain's calendar of an office from its hours and the calendar rows read with it (issuing, the snapshot). */
export function officeCalendar(office: Pick<OfficeView, 'timeZone' | 'openingHours'>, rows: OfficeCalendarRows): OfficeCalendar {
  return {
    timeZone: office.timeZone,
    openingHours: office.openingHours,
    ownDays: rows.own_days,
    closures: rows.closures.map((closure) => ({ from: Date.parse(closure.from), to: Date.parse(closure.to), reason: closure.reason })),
  };
}

/** A services row's standard columns (what the Maklumat Pelayanan promises). */
export interface ServiceStandardRow {
  max_wait_minutes: number;
  service_time_minutes: number;
  cost_rupiah: number;
  requirements: string[];
  completion_time: string;
  daily_quota: number | null;
}

export function serviceStandardFromRow(row: ServiceStandardRow): ServiceStandard {
  return {
    maxWaitMinutes: row.max_wait_minutes,
    serviceTimeMinutes: row.service_time_minutes,
    costRupiah: row.cost_rupiah,
    requirements: row.requirements,
    completionTime: row.completion_time,
    dailyQuota: row.daily_quota,
  };
}

/** The columns of the standard's components added in issue 19, read only where the whole standard is shown. */
export interface ServiceDetailsRow {
  procedure: string[];
  product: string;
  complaint_handling: string;
  legal_basis: string[];
  facilities: string;
  executor_competence: string;
  internal_supervision: string;
  executor_count: number | null;
  service_guarantee: string;
  safety_guarantee: string;
  performance_evaluation: string;
}

export function serviceDetailsFromRow(row: ServiceDetailsRow): ServiceStandardDetails {
  return {
    procedure: row.procedure,
    product: row.product,
    complaintHandling: row.complaint_handling,
    legalBasis: row.legal_basis,
    facilities: row.facilities,
    competence: row.executor_competence,
    internalSupervision: row.internal_supervision,
    executorCount: row.executor_count,
    serviceGuarantee: row.service_guarantee,
    safetyGuarantee: row.safety_guarantee,
    performanceEvaluation: row.performance_evaluation,
  };
}

/** A service's row and the office's forecast as the kiosk and the board show the service. */
export function toServiceView(row: ServiceLoadRow, forecast: RangedOfficeForecast, now: Date, calendar: OfficeCalendar): ServiceView {
  const until = issuingUntil(calendar, now.getTime(), row.issue_cutoff_minutes ?? DEFAULT_ISSUE_CUTOFF_MINUTES);
  // The forecast's own average, so the figure shown and the estimate agree (an inactive service: its standard).
  const average = forecast.serviceMinutes[row.id] ?? row.service_time_minutes;
  return {
    id: row.id,
    agencyId: row.agency_id,
    code: row.code,
    name: row.name,
    active: row.active,
    standard: serviceStandardFromRow(row),
    waitingCount: row.waiting_count,
    countersOpen: row.counters_open,
    countersServing: row.counters_serving,
    issuedToday: row.issued_today,
    quotaReached: row.daily_quota !== null && row.issued_today >= row.daily_quota,
    averageServiceMinutes: round1(average),
    estimatedWaitMinutes: forecastWaitFor(forecast, { serviceId: row.id, priority: null }, now.getTime()),
    estimatedWaitRange: forecastRangeFor(forecast, { serviceId: row.id, priority: null }, now.getTime()),
    issuingUntil: until === null ? null : new Date(until).toISOString(),
    issueCutoffMinutes: row.issue_cutoff_minutes ?? DEFAULT_ISSUE_CUTOFF_MINUTES,
  };
}
