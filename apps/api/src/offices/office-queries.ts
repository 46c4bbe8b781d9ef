import type { EntityManager } from 'typeorm';
import { averageServiceMinutes, estimateWaitMinutes, serviceDay, type OfficeView, type ServiceView } from '@loket/domain';
import type { OfficeEntity } from './office.entity.js';

// How many of today's latest services make the "recent service time" of a service.
const RECENT_SERVICES = 20;

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

interface ServiceRow {
  id: string;
  code: string;
  name: string;
  active: boolean;
  max_wait_minutes: number;
  service_time_minutes: number;
  cost_rupiah: number;
  requirements: string[];
  completion_time: string;
  daily_quota: number | null;
  waiting_count: number;
  counters_open: number;
  issued_today: number;
  recent_minutes: number[] | null;
}

/**
 * Every service of an office with its standard and live load: waiting now, counters open
 * for it, tickets drawn today, and the recent service times the wait estimate uses.
 */
export async function serviceViews(manager: EntityManager, office: OfficeEntity, now: Date, onlyServiceId?: string): Promise<ServiceView[]> {
  const day = serviceDay(now, office.timeZone);
  const rows = await manager.query<ServiceRow[]>(
    `SELECT s.id, s.code, s.name, s.active, s.max_wait_minutes, s.service_time_minutes, s.cost_rupiah,
            s.requirements, s.completion_time, s.daily_quota,
            (SELECT count(*)::int FROM tickets t WHERE t.office_id = s.office_id AND t.service_id = s.id AND t.status = 'waiting') AS waiting_count,
            (SELECT count(*)::int FROM counter_services cs JOIN counter_sessions cn ON cn.counter_id = cs.counter_id AND cn.state = 'open'
              WHERE cs.service_id = s.id) AS counters_open,
            COALESCE((SELECT n.last_number FROM ticket_number_counters n WHERE n.service_id = s.id AND n.service_day = $2), 0) AS issued_today,
            (SELECT array_agg(extract(epoch FROM r.finished_at - r.started_at) / 60) FROM (
               SELECT t.finished_at, t.started_at FROM tickets t
               WHERE t.office_id = s.office_id AND t.service_id = s.id AND t.service_day = $2 AND t.status = 'done' AND t.started_at IS NOT NULL
               ORDER BY t.finished_at DESC LIMIT ${RECENT_SERVICES}) r) AS recent_minutes
     FROM services s
     WHERE s.office_id = $1 ${onlyServiceId ? 'AND s.id = $3' : ''}
     ORDER BY s.sort_order, s.code`,
    onlyServiceId ? [office.id, day, onlyServiceId] : [office.id, day],
  );
  return rows.map((row) => {
    const average = averageServiceMinutes((row.recent_minutes ?? []).map(Number), row.service_time_minutes);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      active: row.active,
      standard: {
        maxWaitMinutes: row.max_wait_minutes,
        serviceTimeMinutes: row.service_time_minutes,
        costRupiah: row.cost_rupiah,
        requirements: row.requirements,
        completionTime: row.completion_time,
        dailyQuota: row.daily_quota,
      },
      waitingCount: row.waiting_count,
      countersOpen: row.counters_open,
      issuedToday: row.issued_today,
      quotaReached: row.daily_quota !== null && row.issued_today >= row.daily_quota,
      averageServiceMinutes: Math.round(average * 10) / 10,
      estimatedWaitMinutes: estimateWaitMinutes({ ahead: row.waiting_count, openCounters: row.counters_open, averageServiceMinutes: average }),
    };
  });
}
