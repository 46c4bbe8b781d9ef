import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ARRIVAL_WINDOW_MINUTES,
  type BookingSettings,
  DEFAULT_BOOKING_SETTINGS,
  type CounterScheduleDay,
  type ForecastCounter,
  MINUTE_MS,
  NO_SHOW_REVERSALS,
  type OpeningHours,
  RECENT_SERVICES,
  type PauseReason,
  type PriorityCategory,
  type QueueEntry,
  type RangedForecastInput,
  arrivalRates,
  arrivalWindowMinutes,
  arrivalsEnd,
  averageServiceMinutes,
  bookedArrivals,
  expectedBackAt,
  expectedBusyUntil,
  localTimeToInstant,
  noShowShare,
  plannedBreaks,
  scheduledHours,
  serviceArrivalsEnd,
  serviceDay,
  serviceTimeSpread,
} from '@loket/domain';

/** What the forecast needs of the office itself. */
export interface ForecastOffice {
  id: string;
  timeZone: string;
  openingHours: OpeningHours[];
  priorityMaxWaitMinutes: number;
}

interface WaitingRow {
  id: string;
  service_id: string;
  issued_at: Date;
  due_at: Date;
  issue_order: string;
  priority: PriorityCategory | null;
}

interface CounterRow {
  priority_only: boolean;
  schedule: CounterScheduleDay[];
  service_ids: string[] | null;
  state: 'open' | 'paused' | null;
  pause_reason: PauseReason | null;
  paused_at: Date | null;
  opened_today: boolean;
  current_service_id: string | null;
  called_at: Date | null;
  started_at: Date | null;
}

interface ServiceRow {
  id: string;
  max_wait_minutes: number;
  service_time_minutes: number;
  issue_cutoff_minutes: number;
  recent_minutes: number[] | null;
}

/**
 * Services and counters come in the office's own order, as its snapshot lists them: the replays
 * that decide the point and the range draw their chance by place (libs/domain `drawnGaps`,
 * `drawnRates`, a busy counter's remaining time), so the same office gives the same estimates.
 */
export const FORECAST_INPUT_SQL = {
  waiting: `SELECT id, service_id, issued_at, due_at, issue_order, priority FROM tickets WHERE office_id = $1 AND status = 'waiting'`,
  counters: `SELECT c.priority_only, c.schedule,
         (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
         cn.state, cn.pause_reason,
         (SELECT e.at FROM counter_session_events e WHERE e.session_id = cn.id AND e.type = 'paused' ORDER BY e.id DESC LIMIT 1) AS paused_at,
         EXISTS (SELECT 1 FROM counter_sessions s WHERE s.counter_id = c.id AND s.opened_at >= $2) AS opened_today,
         t.service_id AS current_service_id, t.called_at, t.started_at
  FROM counters c
  LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
  LEFT JOIN tickets t ON t.counter_id = c.id AND t.status IN ('called', 'serving')
  WHERE c.office_id = $1 AND c.active
  ORDER BY c.number`,
  services: `SELECT s.id, s.max_wait_minutes, s.service_time_minutes, s.issue_cutoff_minutes,
         (SELECT array_agg(extract(epoch FROM r.finished_at - r.started_at) / 60) FROM (
            SELECT t.finished_at, t.started_at FROM tickets t
            WHERE t.service_id = s.id AND t.service_day = $2 AND t.status = 'done' AND t.started_at IS NOT NULL
            ORDER BY t.finished_at DESC LIMIT ${RECENT_SERVICES}) r) AS recent_minutes
  FROM services s WHERE s.office_id = $1 AND s.active
  ORDER BY s.sort_order, s.code`,
  // By the service the ticket was taken for: a transfer is not a new arrival.
  arrivals: `SELECT issued_service_id AS service_id, priority IS NOT NULL AS priority, count(*)::int AS count
  FROM tickets WHERE office_id = $1 AND service_day = $2 AND issued_at >= $3 AND issued_at <= $4
  GROUP BY 1, 2`,
  // A no-show undone or reinstated was none (domain `NO_SHOW_REVERSALS`): each follows exactly one no-show.
  calls: `SELECT count(*) FILTER (WHERE type = 'called')::int AS calls,
         (count(*) FILTER (WHERE type = 'no_show') - count(*) FILTER (WHERE type IN (${NO_SHOW_REVERSALS.map((type) => `'${type}'`).join(', ')})))::int AS no_shows
  FROM ticket_events WHERE office_id = $1 AND at >= $2 AND at <= $3`,
  // Today's bookings not yet checked in whose slot has not ended: known arrivals (domain `bookedArrivals`).
  bookings: `SELECT b.id, b.service_id, b.slot_starts_at, s.booking_settings
  FROM bookings b JOIN services s ON s.id = b.service_id
  WHERE b.office_id = $1 AND b.service_day = $2::date AND b.status = 'booked' AND b.slot_ends_at > $3 AND s.active`,
} as const;

interface BookingRow {
  id: string;
  service_id: string;
  slot_starts_at: Date;
  booking_settings: Partial<BookingSettings>;
}

interface ArrivalRow {
  service_id: string;
  priority: boolean;
  count: number;
}

interface CallCountRow {
  calls: number;
  no_shows: number;
}

/** The office as the wait forecast (libs/domain `forecastOffice`) reads it. */
@Injectable()
export class ForecastInputRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Reads the office as the forecast sees it at `now`: every waiting ticket, each counter's
   * state, the citizen at it and when it is expected back, the services' recent times, the
   * arrivals of the last half hour, today's no-show share, and the bookings still to come
   * today (known arrivals, due at their slots). Six reads, each an index scan over today's rows
   * of one office.
   */
  async read(office: ForecastOffice, now: Date): Promise<RangedForecastInput> {
    const at = now.getTime();
    const day = serviceDay(now, office.timeZone);
    const dayStart = new Date(localTimeToInstant(day, '00:00', office.timeZone));
    const windowStart = new Date(at - ARRIVAL_WINDOW_MINUTES * MINUTE_MS);
    const db = this.db.manager;
    const [waiting, counters, services, arrivals, calls, bookings] = await Promise.all([
      db.query<WaitingRow[]>(FORECAST_INPUT_SQL.waiting, [office.id]),
      db.query<CounterRow[]>(FORECAST_INPUT_SQL.counters, [office.id, dayStart]),
      db.query<ServiceRow[]>(FORECAST_INPUT_SQL.services, [office.id, day]),
      db.query<ArrivalRow[]>(FORECAST_INPUT_SQL.arrivals, [office.id, day, windowStart, now]),
      db.query<CallCountRow[]>(FORECAST_INPUT_SQL.calls, [office.id, dayStart, now]),
      db.query<BookingRow[]>(FORECAST_INPUT_SQL.bookings, [office.id, day, now]),
    ]);

    const serviceMinutes: Record<string, number> = {};
    const maxWaitMinutes: Record<string, number> = {};
    const serviceSpread: Record<string, number> = {};
    const cutoffMinutes: Record<string, number> = {};
    for (const service of services) {
      cutoffMinutes[service.id] = service.issue_cutoff_minutes;
      const recent = (service.recent_minutes ?? []).map(Number);
      serviceMinutes[service.id] = averageServiceMinutes(recent, service.service_time_minutes);
      serviceSpread[service.id] = serviceTimeSpread(recent);
      maxWaitMinutes[service.id] = service.max_wait_minutes;
    }
    const forecastCounters: ForecastCounter[] = counters.map((row) => {
      const state = row.state ?? 'closed';
      const breaks = plannedBreaks(row.schedule, office.timeZone, at);
      return {
        serviceIds: row.service_ids ?? [],
        priorityOnly: row.priority_only,
        state,
        busyUntil: row.current_service_id
          ? expectedBusyUntil(
              { calledAt: row.called_at?.getTime() ?? null, startedAt: row.started_at?.getTime() ?? null },
              serviceMinutes[row.current_service_id] ?? 0,
              at,
            )
          : null,
        backAt: expectedBackAt(
          {
            state,
            pauseReason: row.pause_reason,
            pausedAt: row.paused_at?.getTime() ?? null,
            openedToday: row.opened_today,
            scheduled: scheduledHours(row.schedule, office.timeZone, at),
            plannedBreaks: breaks,
          },
          at,
        ),
        plannedBreaks: breaks,
      };
    });
    const entries: QueueEntry[] = waiting.map((row) => ({
      id: row.id,
      serviceId: row.service_id,
      issuedAt: row.issued_at.getTime(),
      dueAt: row.due_at.getTime(),
      issueOrder: Number(row.issue_order),
      priority: row.priority,
    }));
    // Nobody arrives before the office opens: the rate of the first half hour is over the time open.
    const officeHours = scheduledHours(office.openingHours, office.timeZone, at);
    const closesAt = arrivalsEnd(office.openingHours, office.timeZone, at);
    const ratesFrom = Math.max(windowStart.getTime(), officeHours?.from ?? 0);
    return {
      now: at,
      counters: forecastCounters,
      waiting: entries,
      serviceMinutes,
      serviceSpread,
      maxWaitMinutes,
      priorityMaxWaitMinutes: office.priorityMaxWaitMinutes,
      arrivalsPerMinute: arrivalRates(
        arrivals.map((row) => ({ serviceId: row.service_id, priority: row.priority, count: row.count })),
        Object.keys(maxWaitMinutes),
        ratesFrom,
        at,
      ),
      arrivalWindowMinutes: arrivalWindowMinutes(ratesFrom, at),
      arrivals: bookedArrivals(
        bookings.map((row) => ({
          id: row.id,
          serviceId: row.service_id,
          slotStartsAt: row.slot_starts_at.getTime(),
          settings: { ...DEFAULT_BOOKING_SETTINGS, ...row.booking_settings },
        })),
        at,
      ),
      arrivalsUntil: closesAt,
      serviceArrivalsUntil: serviceArrivalsEnd(closesAt, cutoffMinutes),
      noShowShare: noShowShare(calls[0]?.calls ?? 0, calls[0]?.no_shows ?? 0),
    };
  }
}
