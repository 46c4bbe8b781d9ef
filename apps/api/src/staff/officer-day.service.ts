import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type ChecklistAnswer,
  type CounterEventType,
  type InteractionOutcome,
  type Interval,
  type LateOpeningView,
  type OfficerTodayView,
  type OpeningHours,
  type StaffView,
  type TicketEventRecord,
  type TicketEventType,
  MINUTE_MS,
  busyIntervals,
  compliance,
  counterDayMeasures,
  idleWhileWaitingMinutes,
  localTimeToInstant,
  mean,
  round1,
  serviceDay,
  serviceMinutes,
  waitingIntervals,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';

interface SessionRow {
  id: string;
  counter_id: string;
  counter_name: string;
  office_id: string;
  schedule: OpeningHours[];
  service_ids: string[] | null;
  first_of_day: boolean;
  last_of_day: boolean;
}

interface EventRow {
  ticket_id: string;
  type: TicketEventType;
  at: Date;
  service_id: string;
  counter_id: string | null;
  actor_staff_id: string | null;
}

/**
 * The officer's own today, from ticket events, counter-session events and checklist
 * answers; every measure is a libs/domain function, so the supervisor's reports agree.
 */
@Injectable()
export class OfficerDayService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async today(staff: StaffView): Promise<OfficerTodayView> {
    const now = this.clock.now();
    const timeZone = await this.timeZone(staff);
    const day = serviceDay(now, timeZone);
    const dayStart = new Date(localTimeToInstant(day, '00:00', timeZone));
    const dayEnd = new Date(dayStart.getTime() + 24 * 60 * MINUTE_MS);

    const mine = await this.db.query<{ type: string; count: number }[]>(
      `SELECT type, count(*)::int AS count FROM ticket_events
       WHERE actor_staff_id = $1 AND at >= $2 AND at < $3 AND type IN ('finished', 'no_show', 'transferred') GROUP BY type`,
      [staff.id, dayStart, dayEnd],
    );
    const countOf = (type: string) => mine.find((row) => row.type === type)?.count ?? 0;

    const service = await this.serviceTimes(staff.id, dayStart, dayEnd);
    const etiquette = await this.etiquette(staff.id, dayStart, dayEnd);
    const sessions = await this.sessions(staff.id, dayStart, dayEnd, now.getTime(), timeZone);

    return {
      day,
      served: countOf('finished'),
      noShows: countOf('no_show'),
      transferred: countOf('transferred'),
      ...service,
      ...etiquette,
      ...sessions,
    };
  }

  /** The zone of the office the officer works in (the first, for someone in several). */
  private async timeZone(staff: StaffView): Promise<string> {
    if (staff.officeIds.length === 0) return 'Asia/Jakarta';
    const [office] = await this.db.query<{ time_zone: string }[]>('SELECT time_zone FROM offices WHERE id = ANY($1::uuid[]) ORDER BY name LIMIT 1', [staff.officeIds]);
    return office?.time_zone ?? 'Asia/Jakarta';
  }

  private async serviceTimes(staffId: string, dayStart: Date, dayEnd: Date) {
    const rows = await this.db.query<(EventRow & { standard: number })[]>(
      `SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id, f.standard
       FROM ticket_events e
       JOIN (SELECT fe.ticket_id, s.service_time_minutes AS standard FROM ticket_events fe JOIN services s ON s.id = fe.service_id
             WHERE fe.actor_staff_id = $1 AND fe.type = 'finished' AND fe.at >= $2 AND fe.at < $3) f ON f.ticket_id = e.ticket_id
       ORDER BY e.id`,
      [staffId, dayStart, dayEnd],
    );
    const byTicket = groupEvents(rows);
    const measured: { minutes: number; standard: number }[] = [];
    for (const [ticketId, events] of byTicket) {
      const minutes = serviceMinutes(events);
      if (minutes !== null) measured.push({ minutes, standard: rows.find((row) => row.ticket_id === ticketId)!.standard });
    }
    if (measured.length === 0) return { averageServiceMinutes: null, standardServiceMinutes: null, withinServiceStandard: null };
    return {
      averageServiceMinutes: round1(mean(measured.map((m) => m.minutes))!),
      standardServiceMinutes: round1(mean(measured.map((m) => m.standard))!),
      withinServiceStandard: measured.filter((m) => m.minutes <= m.standard).length / measured.length,
    };
  }

  private async etiquette(staffId: string, dayStart: Date, dayEnd: Date): Promise<Pick<OfficerTodayView, 'etiquette' | 'outcomes'>> {
    // The officer's own checks only: a supervisor's observation weighs more and is kept apart
    // (DESIGN), so it must not be averaged into the figure the officer sees as theirs.
    const answers = await this.db.query<{ answer: ChecklistAnswer }[]>(
      `SELECT a.answer FROM checklist_answers a JOIN checklist_responses r ON r.id = a.response_id
       WHERE r.subject_staff_id = $1 AND r.at >= $2 AND r.at < $3 AND r.method <> 'observed'`,
      [staffId, dayStart, dayEnd],
    );
    const responses = await this.db.query<{ method: string; outcome: InteractionOutcome | null }[]>(
      `SELECT method, outcome FROM checklist_responses WHERE subject_staff_id = $1 AND kind = 'interaction' AND method <> 'observed' AND at >= $2 AND at < $3`,
      [staffId, dayStart, dayEnd],
    );
    const result = compliance(answers);
    const outcomes: Partial<Record<InteractionOutcome, number>> = {};
    for (const { outcome } of responses) if (outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    return {
      etiquette: {
        checked: result.checked,
        applicable: result.applicable,
        compliance: result.ratio,
        interactionsAnswered: responses.length,
        oneKey: responses.filter((r) => r.method === 'one_key').length,
      },
      outcomes,
    };
  }

  /** Late openings, early closing, break overruns and idle-while-waiting over the officer's sessions today. */
  private async sessions(staffId: string, dayStart: Date, dayEnd: Date, now: number, timeZone: string) {
    const sessions = await this.db.query<SessionRow[]>(
      `SELECT cn.id, cn.counter_id, c.name AS counter_name, c.office_id, c.schedule,
              (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
              NOT EXISTS (SELECT 1 FROM counter_sessions o WHERE o.counter_id = cn.counter_id AND o.opened_at >= $2 AND o.opened_at < cn.opened_at) AS first_of_day,
              NOT EXISTS (SELECT 1 FROM counter_sessions o WHERE o.counter_id = cn.counter_id AND o.opened_at > cn.opened_at AND o.opened_at < $3) AS last_of_day
       FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id
       WHERE cn.staff_id = $1 AND cn.opened_at < $3 AND (cn.opened_at >= $2 OR cn.closed_at IS NULL OR cn.closed_at >= $2)
       ORDER BY cn.opened_at`,
      [staffId, dayStart, dayEnd],
    );
    const lateOpenings: LateOpeningView[] = [];
    let breakOverrun = 0;
    let earlyClosing = 0;
    let idle = 0;
    if (sessions.length === 0) return { idleWhileWaitingMinutes: 0, lateOpenings, breakOverrunMinutes: 0, earlyClosingMinutes: 0 };

    const sessionEvents = await this.db.query<{ session_id: string; type: CounterEventType; at: Date; reason: string | null }[]>(
      `SELECT session_id, type, at, reason FROM counter_session_events WHERE session_id = ANY($1::uuid[]) ORDER BY id`,
      [sessions.map((s) => s.id)],
    );
    // Every ticket event of the offices concerned today: the queue each counter could have served.
    const officeIds = [...new Set(sessions.map((s) => s.office_id))];
    const ticketEvents = await this.db.query<EventRow[]>(
      `SELECT ticket_id, type, at, service_id, counter_id, actor_staff_id FROM ticket_events
       WHERE office_id = ANY($1::uuid[]) AND at >= $2 AND at < $3 ORDER BY id`,
      [officeIds, dayStart, dayEnd],
    );
    const byTicket = groupEvents(ticketEvents);

    for (const session of sessions) {
      const events = sessionEvents.filter((e) => e.session_id === session.id).map((e) => ({ type: e.type, at: e.at.getTime(), reason: e.reason }));
      const measures = counterDayMeasures(events, session.schedule, timeZone, now);
      if (session.first_of_day && measures.lateOpeningMinutes > 0 && measures.scheduled && measures.firstOpenedAt !== null) {
        lateOpenings.push({
          counterId: session.counter_id,
          counterName: session.counter_name,
          scheduledAt: new Date(measures.scheduled.from).toISOString(),
          openedAt: new Date(measures.firstOpenedAt).toISOString(),
          minutesLate: round1(measures.lateOpeningMinutes),
        });
      }
      if (session.last_of_day) earlyClosing += measures.earlyClosingMinutes;
      breakOverrun += measures.breakOverrunMinutes;

      const serviceIds = session.service_ids ?? [];
      const waiting: Interval[] = [];
      const busy: Interval[] = [];
      for (const [, records] of byTicket) {
        waiting.push(...waitingIntervals(records, serviceIds, now));
      }
      for (const [, records] of groupEvents(ticketEvents.filter((e) => e.counter_id === session.counter_id))) {
        busy.push(...busyIntervals(records, now));
      }
      idle += idleWhileWaitingMinutes({ open: measures.open, busy, waiting });
    }
    return { idleWhileWaitingMinutes: round1(idle), lateOpenings, breakOverrunMinutes: round1(breakOverrun), earlyClosingMinutes: round1(earlyClosing) };
  }
}

function toRecord(row: EventRow): TicketEventRecord {
  return { type: row.type, at: row.at.getTime(), serviceId: row.service_id };
}

function groupEvents(rows: readonly EventRow[]): Map<string, TicketEventRecord[]> {
  const byTicket = new Map<string, TicketEventRecord[]>();
  for (const row of rows) {
    const list = byTicket.get(row.ticket_id) ?? [];
    list.push(toRecord(row));
    byTicket.set(row.ticket_id, list);
  }
  return byTicket;
}
