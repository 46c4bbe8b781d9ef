import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type AnswerMethod,
  type ChecklistAnswer,
  type MeasuredWait,
  type StaffView,
  type SupervisionCharts,
  type SurveyAnswers,
  type TicketEventRecord,
  type TicketEventType,
  MINUTE_MS,
  complianceSideBySide,
  localTimeToInstant,
  mean,
  satisfactionIndex,
  serviceDay,
  servingSegments,
  waitDistribution,
  waitingSegments,
  waitsByHour,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { OfficesService } from '../offices/offices.service.js';

const DAY_MS = 24 * 60 * MINUTE_MS;

/** The supervisor's charts over the last N office-local days; every figure from a libs/domain measure. */
@Injectable()
export class ChartsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
  ) {}

  async charts(slug: string, days: number, staff: StaffView): Promise<SupervisionCharts> {
    const office = await this.offices.bySlug(slug);
    assertOfficeAccess(staff, office.id);
    const timeZone = office.timeZone;
    const today = serviceDay(this.clock.now(), timeZone);
    // Local midnights, each taken in the zone: the first day's and the one after today.
    const firstDay = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
    const nextDay = new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    const from = new Date(localTimeToInstant(firstDay, '00:00', timeZone));
    const to = new Date(localTimeToInstant(nextDay, '00:00', timeZone));

    const services = await this.db.query<{ id: string; code: string; name: string; max_wait_minutes: number; service_time_minutes: number }[]>(
      'SELECT id, code, name, max_wait_minutes, service_time_minutes FROM services WHERE office_id = $1 ORDER BY sort_order, code',
      [office.id],
    );
    const events = await this.db.query<{ ticket_id: string; type: TicketEventType; at: Date; service_id: string }[]>(
      `SELECT e.ticket_id, e.type, e.at, e.service_id FROM ticket_events e
       WHERE e.ticket_id IN (SELECT id FROM tickets WHERE office_id = $1 AND issued_at >= $2 AND issued_at < $3) ORDER BY e.id`,
      [office.id, from, to],
    );
    const byTicket = new Map<string, TicketEventRecord[]>();
    for (const row of events) byTicket.set(row.ticket_id, [...(byTicket.get(row.ticket_id) ?? []), { type: row.type, at: row.at.getTime(), serviceId: row.service_id }]);
    const maxWait = new Map(services.map((s) => [s.id, s.max_wait_minutes]));
    const waits: MeasuredWait[] = [];
    const serviceTimes = new Map<string, number[]>();
    for (const records of byTicket.values()) {
      for (const segment of waitingSegments(records)) {
        if (segment.minutes !== null && segment.to !== null) waits.push({ calledAt: segment.to, minutes: segment.minutes, maxWaitMinutes: maxWait.get(segment.serviceId) ?? 0 });
      }
      for (const segment of servingSegments(records)) {
        if (segment.endedBy === 'finished' && segment.serviceMinutes !== null) serviceTimes.set(segment.serviceId, [...(serviceTimes.get(segment.serviceId) ?? []), segment.serviceMinutes]);
      }
    }

    const answers = await this.db.query<{ method: AnswerMethod; staff_id: string; staff_name: string; item_code: string; label: string | null; answer: ChecklistAnswer }[]>(
      `SELECT r.method, r.subject_staff_id AS staff_id, st.name AS staff_name, a.item_code, i.label, a.answer
       FROM checklist_answers a
       JOIN checklist_responses r ON r.id = a.response_id
       JOIN staff st ON st.id = r.subject_staff_id
       LEFT JOIN checklist_items i ON i.id = a.item_id
       WHERE r.office_id = $1 AND r.kind = 'interaction' AND r.at >= $2 AND r.at < $3`,
      [office.id, from, to],
    );
    const officers = new Map<string, { name: string; rows: typeof answers }>();
    const items = new Map<string, { label: string; rows: typeof answers }>();
    for (const row of answers) {
      const officer = officers.get(row.staff_id) ?? { name: row.staff_name, rows: [] };
      officer.rows.push(row);
      officers.set(row.staff_id, officer);
      const item = items.get(row.item_code) ?? { label: row.label ?? row.item_code, rows: [] };
      item.rows.push(row);
      items.set(row.item_code, item);
    }

    const surveys = await this.db.query<SurveyAnswers[]>(
      'SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM satisfaction_surveys WHERE office_id = $1 AND submitted_at >= $2 AND submitted_at < $3',
      [office.id, from, to],
    );

    return {
      from: from.toISOString(),
      to: to.toISOString(),
      days,
      timeZone,
      waitsByHour: waitsByHour(waits, timeZone),
      waitDistribution: waitDistribution(waits.map((w) => w.minutes)),
      serviceTimes: services.map((s) => ({
        serviceId: s.id,
        code: s.code,
        name: s.name,
        served: serviceTimes.get(s.id)?.length ?? 0,
        averageMinutes: mean(serviceTimes.get(s.id) ?? []),
        standardMinutes: s.service_time_minutes,
      })),
      etiquetteByOfficer: [...officers.entries()]
        .map(([staffId, officer]) => ({ staffId, name: officer.name, ...complianceSideBySide(officer.rows.map((r) => ({ method: r.method, answer: r.answer }))) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      etiquetteByItem: [...items.entries()].map(([code, item]) => ({ code, label: item.label, ...complianceSideBySide(item.rows.map((r) => ({ method: r.method, answer: r.answer }))) })),
      satisfaction: satisfactionIndex(surveys.map((row) => ({ ...row }))),
    };
  }
}
