import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AnswerMethod,
  EtiquetteAnswer,
  InteractionOutcome,
  OpeningHours,
  ReportCounterInfo,
  ReportServiceInfo,
  ReportSessionEvent,
  ReportTicketEvent,
} from '@loket/domain';
import { CURRENT_RESPONSE } from '../checklists/checklists.repository.js';
import { type SessionEventRow, type TicketEventRow, toSessionEvent, toTicketEvent } from '../reports/reports.repository.js';

export const OFFICER_DAY_SQL = {
  timeZone: 'SELECT time_zone FROM offices WHERE id = ANY($1::uuid[]) ORDER BY name LIMIT 1',
  officesWorked: `SELECT c.office_id FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id
       WHERE cn.staff_id = $1 AND cn.opened_at >= $2 AND cn.opened_at < $3
       UNION
       SELECT office_id FROM ticket_events WHERE actor_staff_id = $1 AND at >= $2 AND at < $3`,
  services: 'SELECT id, max_wait_minutes, service_time_minutes FROM services WHERE office_id = ANY($1::uuid[])',
  ticketEvents: `SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE t.office_id = ANY($1::uuid[]) AND t.service_day = $2::date ORDER BY e.id`,
  countersHeld: `SELECT c.id, c.name, c.schedule, c.scheduled_since, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
       FROM counters c
       WHERE c.id IN (SELECT counter_id FROM counter_sessions WHERE staff_id = $1 AND opened_at >= $2 AND opened_at < $3)
       ORDER BY c.number`,
  sessionEvents: `SELECT ev.session_id, cn.counter_id, cn.staff_id, ev.type, ev.at, ev.reason
       FROM counter_session_events ev JOIN counter_sessions cn ON cn.id = ev.session_id
       WHERE cn.counter_id = ANY($1::uuid[]) AND cn.opened_at >= $2 AND cn.opened_at < $3 ORDER BY ev.id`,
  ownAnswers: `SELECT r.kind, r.method, a.answer FROM checklist_answers a JOIN checklist_responses r ON r.id = a.response_id
       WHERE r.subject_staff_id = $1 AND r.filed_at >= $2 AND r.filed_at < $3 AND r.method <> 'observed' AND ${CURRENT_RESPONSE}`,
  ownInteractions: `SELECT r.method, r.outcome FROM checklist_responses r
       WHERE r.subject_staff_id = $1 AND r.kind = 'interaction' AND r.method <> 'observed' AND r.filed_at >= $2 AND r.filed_at < $3 AND ${CURRENT_RESPONSE}`,
} as const;

interface CounterRow {
  id: string;
  name: string;
  schedule: OpeningHours[];
  scheduled_since: Date | null;
  service_ids: string[] | null;
}

interface ServiceRow {
  id: string;
  max_wait_minutes: number;
  service_time_minutes: number;
}

/** An office-local day for one officer: `from`–`to` are its midnights, `day` its date. */
export interface OfficerDayScope {
  staffId: string;
  day: string;
  from: Date;
  to: Date;
}

/**
 * What the officer's today is computed from, selected as the supervisor's one-day report
 * selects (the day's tickets, the sessions opened that day), limited to the offices where
 * the officer worked today.
 */
@Injectable()
export class OfficerDayRepository {
  constructor(private readonly db: DataSource) {}

  /** The zone of the first (by name) of the offices given; null for none. */
  async timeZone(officeIds: readonly string[]): Promise<string | null> {
    if (officeIds.length === 0) return null;
    const [office] = await this.db.query<{ time_zone: string }[]>(OFFICER_DAY_SQL.timeZone, [officeIds]);
    return office?.time_zone ?? null;
  }

  /** Offices where the officer held a counter or acted on a ticket during the day. */
  async officesWorked(scope: OfficerDayScope): Promise<string[]> {
    const rows = await this.db.query<{ office_id: string }[]>(OFFICER_DAY_SQL.officesWorked, [scope.staffId, scope.from, scope.to]);
    return rows.map((row) => row.office_id);
  }

  async services(officeIds: readonly string[]): Promise<ReportServiceInfo[]> {
    const rows = await this.db.query<ServiceRow[]>(OFFICER_DAY_SQL.services, [officeIds]);
    return rows.map((row) => ({ id: row.id, maxWaitMinutes: row.max_wait_minutes, serviceTimeMinutes: row.service_time_minutes }));
  }

  /** Every event of the day's tickets of those offices. */
  async ticketEvents(officeIds: readonly string[], day: string): Promise<ReportTicketEvent[]> {
    const rows = await this.db.query<TicketEventRow[]>(OFFICER_DAY_SQL.ticketEvents, [officeIds, day]);
    return rows.map(toTicketEvent);
  }

  /** The counters the officer opened a session on during the day. */
  async countersHeld(scope: OfficerDayScope): Promise<(ReportCounterInfo & { name: string })[]> {
    const rows = await this.db.query<CounterRow[]>(OFFICER_DAY_SQL.countersHeld, [scope.staffId, scope.from, scope.to]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      schedule: row.schedule,
      scheduledSince: row.scheduled_since?.getTime() ?? null,
      serviceIds: row.service_ids ?? [],
    }));
  }

  /** Every event of the sessions opened during the day on those counters, whoever held them. */
  async sessionEvents(counterIds: readonly string[], scope: OfficerDayScope): Promise<ReportSessionEvent[]> {
    if (counterIds.length === 0) return [];
    const rows = await this.db.query<SessionEventRow[]>(OFFICER_DAY_SQL.sessionEvents, [counterIds, scope.from, scope.to]);
    return rows.map(toSessionEvent);
  }

  /** The officer's own checklist answers of the day; a supervisor's observation is not theirs. */
  async ownAnswers(scope: OfficerDayScope): Promise<EtiquetteAnswer[]> {
    return this.db.query<EtiquetteAnswer[]>(OFFICER_DAY_SQL.ownAnswers, [scope.staffId, scope.from, scope.to]);
  }

  /** The officer's own interaction checklists of the day, with the outcome chosen. */
  async ownInteractions(scope: OfficerDayScope): Promise<{ method: AnswerMethod; outcome: InteractionOutcome | null }[]> {
    return this.db.query<{ method: AnswerMethod; outcome: InteractionOutcome | null }[]>(OFFICER_DAY_SQL.ownInteractions, [
      scope.staffId,
      scope.from,
      scope.to,
    ]);
  }
}
