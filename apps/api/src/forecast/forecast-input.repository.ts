import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ARRIVAL_PROFILE,
  ARRIVAL_WINDOW_MINUTES,
  type ArrivalProfile,
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
  arrivalProfile,
  arrivalRates,
  arrivalWindowMinutes,
  arrivalsEnd,
  averageServiceMinutes,
  bookedArrivals,
  expectedBackAt,
  expectedBusyUntil,
  historyDays,
  localTimeToInstant,
  noShowShare,
  plannedBreaks,
  profiledArrivalRates,
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
  // Walk-ins apart: the usual day (`arrivalHistory`) counts only them, today's bookings being known arrivals.
  arrivals: `SELECT issued_service_id AS service_id, priority IS NOT NULL AS priority, count(*)::int AS count,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.ticket_id = t.id))::int AS walk_ins
  FROM tickets t WHERE office_id = $1 AND service_day = $2 AND issued_at >= $3 AND issued_at <= $4
  GROUP BY 1, 2`,
  // A no-show undone or reinstated was none (domain `NO_SHOW_REVERSALS`): each follows exactly one no-show.
  calls: `SELECT count(*) FILTER (WHERE type = 'called')::int AS calls,
         (count(*) FILTER (WHERE type = 'no_show') - count(*) FILTER (WHERE type IN (${NO_SHOW_REVERSALS.map((type) => `'${type}'`).join(', ')})))::int AS no_shows
  FROM ticket_events WHERE office_id = $1 AND at >= $2 AND at <= $3`,
  // The office's usual day (domain `arrivalProfile`): walk-in tickets per service, kind and slot of the local day over the
  // same weekdays back (`historyDays`), by the service each was taken for; read once per office and day (`ForecastInputRepository.profile`).
  arrivalHistory: `SELECT issued_service_id AS service_id, priority IS NOT NULL AS priority,
         floor(extract(epoch FROM (issued_at AT TIME ZONE $3)::time) / 60 / $4)::int AS slot, count(*)::int AS count
  FROM tickets t WHERE office_id = $1 AND service_day = ANY($2::date[]) AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.ticket_id = t.id)
  GROUP BY 1, 2, 3`,
  historyDays: `SELECT count(DISTINCT service_day)::int AS days FROM tickets WHERE office_id = $1 AND service_day = ANY($2::date[])`,
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
  walk_ins: number;
}

interface HistoryRow {
  service_id: string;
  priority: boolean;
  slot: number;
  count: number;
}

interface CallCountRow {
  calls: number;
  no_shows: number;
}

/** The office as the wait forecast (libs/domain `forecastOffice`) reads it. */
@Injectable()
export class ForecastInputRepository {
  /** Per office: its usual day (`arrivalProfile`) as read for one service day; the history does not change within the day. */
  private readonly profiles = new Map<string, { day: string; profile: Promise<ArrivalProfile | null> }>();

  constructor(private readonly db: DataSource) {}

  /**
   * The office's usual day of arrivals on `day`'s weekday, from the same weekdays back
   * (`historyDays`): read once per office and day, so a forecast refresh costs no more reads
   * than before. A failed read is not kept.
   */
  profile(office: ForecastOffice, day: string): Promise<ArrivalProfile | null> {
    const kept = this.profiles.get(office.id);
    if (kept?.day === day) return kept.profile;
    const days = historyDays(day);
    const db = this.db.manager;
    const profile = Promise.all([
      db.query<HistoryRow[]>(FORECAST_INPUT_SQL.arrivalHistory, [office.id, days, office.timeZone, ARRIVAL_PROFILE.slotMinutes]),
      db.query<{ days: number }[]>(FORECAST_INPUT_SQL.historyDays, [office.id, days]),
    ]).then(([rows, [counted]]) =>
      arrivalProfile(
        rows.map((row) => ({ serviceId: row.service_id, priority: row.priority, slot: row.slot, count: row.count })),
        counted?.days ?? 0,
      ),
    );
    this.profiles.set(office.id, { day, profile });
    profile.catch(() => {
      if (this.profiles.get(office.id)?.profile === profile) this.profiles.delete(office.id);
    });
    return profile;
  }

  /**
   * Reads the office as the forecast sees it at `now`: every waiting ticket, each counter's
   * state, the citizen at it and when it is expected back, the services' recent times, the
   * arrivals of the last half hour, today's no-show share, and the bookings still to come
   * today (known arrivals, due at their slots). Six reads, each an index scan over today's rows
   * of one office; and once per office and day, its usual day of arrivals (`profile`).
   */
  async read(office: ForecastOffice, now: Date): Promise<RangedForecastInput> {
    const at = now.getTime();
    const day = serviceDay(now, office.timeZone);
    const dayStart = new Date(localTimeToInstant(day, '00:00', office.timeZone));
    const windowStart = new Date(at - ARRIVAL_WINDOW_MINUTES * MINUTE_MS);
    const db = this.db.manager;
    const [waiting, counters, services, arrivals, calls, bookings, profile] = await Promise.all([
      db.query<WaitingRow[]>(FORECAST_INPUT_SQL.waiting, [office.id]),
      db.query<CounterRow[]>(FORECAST_INPUT_SQL.counters, [office.id, dayStart]),
      db.query<ServiceRow[]>(FORECAST_INPUT_SQL.services, [office.id, day]),
      db.query<ArrivalRow[]>(FORECAST_INPUT_SQL.arrivals, [office.id, day, windowStart, now]),
      db.query<CallCountRow[]>(FORECAST_INPUT_SQL.calls, [office.id, dayStart, now]),
      db.query<BookingRow[]>(FORECAST_INPUT_SQL.bookings, [office.id, day, now]),
      this.profile(office, day),
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
    const observed = arrivals.map((row) => ({ serviceId: row.service_id, priority: row.priority, count: row.count }));
    const walkIns = arrivals.map((row) => ({ serviceId: row.service_id, priority: row.priority, count: row.walk_ins }));
    const schedule = profiledArrivalRates(profile, { dayStart: dayStart.getTime(), windowStart: ratesFrom, now: at, until: closesAt }, walkIns);
    return {
      now: at,
      counters: forecastCounters,
      waiting: entries,
      serviceMinutes,
      serviceSpread,
      maxWaitMinutes,
      priorityMaxWaitMinutes: office.priorityMaxWaitMinutes,
      arrivalsPerMinute: arrivalRates(observed, Object.keys(maxWaitMinutes), ratesFrom, at),
      arrivalWindowMinutes: arrivalWindowMinutes(ratesFrom, at),
      // With a history, arrivals are foreseen by the office's usual day at today's level; without one, at the last half hour's rate.
      ...(schedule ? { arrivalSchedule: schedule } : {}),
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
