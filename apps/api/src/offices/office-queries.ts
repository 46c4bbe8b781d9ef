import type { EntityManager } from 'typeorm';
import { type OfficeForecast, type OfficeView, type ServiceStandard, type ServiceView, forecastWaitFor, serviceDay } from '@loket/domain';
import type { OfficeEntity } from './office.entity.js';


export function toOfficeView(office: OfficeEntity): OfficeView {
  return {
    id: office.id,
    slug: office.slug,
    name: office.name,
    timeZone: office.timeZone,
    openingHours: office.openingHours,
    priorityMaxWaitMinutes: office.priorityMaxWaitMinutes,
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

interface ServiceRow extends ServiceStandardRow {
  id: string;
  code: string;
  name: string;
  active: boolean;
  waiting_count: number;
  counters_open: number;
  issued_today: number;
}

/**
 * Every service of an office with its standard and live load: waiting now, counters open
 * for it, tickets drawn today, and from the office's forecast the recent service time and
 * the wait a ticket taken now would have.
 */
export async function serviceViews(manager: EntityManager, office: OfficeEntity, now: Date, forecast: OfficeForecast): Promise<ServiceView[]> {
  const day = serviceDay(now, office.timeZone);
  const rows = await manager.query<ServiceRow[]>(
    `SELECT s.id, s.code, s.name, s.active, s.max_wait_minutes, s.service_time_minutes, s.cost_rupiah,
            s.requirements, s.completion_time, s.daily_quota,
            (SELECT count(*)::int FROM tickets t WHERE t.office_id = s.office_id AND t.service_id = s.id AND t.status = 'waiting') AS waiting_count,
            (SELECT count(*)::int FROM counter_services cs JOIN counter_sessions cn ON cn.counter_id = cs.counter_id AND cn.state = 'open'
              WHERE cs.service_id = s.id) AS counters_open,
            COALESCE((SELECT n.last_number FROM ticket_number_counters n WHERE n.service_id = s.id AND n.service_day = $2), 0) AS issued_today
     FROM services s
     WHERE s.office_id = $1
     ORDER BY s.sort_order, s.code`,
    [office.id, day],
  );
  return rows.map((row) => {
    // The forecast's own average, so the figure shown and the estimate agree (an inactive service: its standard).
    const average = forecast.serviceMinutes[row.id] ?? row.service_time_minutes;
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      active: row.active,
      standard: serviceStandardFromRow(row),
      waitingCount: row.waiting_count,
      countersOpen: row.counters_open,
      issuedToday: row.issued_today,
      quotaReached: row.daily_quota !== null && row.issued_today >= row.daily_quota,
      averageServiceMinutes: Math.round(average * 10) / 10,
      estimatedWaitMinutes: forecastWaitFor(forecast, { serviceId: row.id, priority: null }, now.getTime()),
    };
  });
}
