import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AnswerMethod, ChartAnswer, ChecklistAnswer, SurveyAnswers, TicketEventRecord, TicketEventType } from '@loket/domain';

interface ChartServiceRow {
  id: string;
  code: string;
  name: string;
  max_wait_minutes: number;
  service_time_minutes: number;
}

interface ChartEventRow {
  ticket_id: string;
  type: TicketEventType;
  at: Date;
  service_id: string;
}

interface ChartAnswerRow {
  method: AnswerMethod;
  staff_id: string;
  staff_name: string;
  item_code: string;
  label: string | null;
  answer: ChecklistAnswer;
}

/** A period of an office: from its first midnight (inclusive) to the last (exclusive). */
export interface OfficePeriod {
  officeId: string;
  from: Date;
  to: Date;
}

/** The supervisor's data: the charts' rows, the live state's events, the alerts and the observations. */
@Injectable()
export class SupervisionRepository {
  constructor(private readonly db: DataSource) {}

  /** The office's services in display order. */
  async chartServices(officeId: string): Promise<{ id: string; code: string; name: string; maxWaitMinutes: number; serviceTimeMinutes: number }[]> {
    const rows = await this.db.query<ChartServiceRow[]>(
      'SELECT id, code, name, max_wait_minutes, service_time_minutes FROM services WHERE office_id = $1 ORDER BY sort_order, code',
      [officeId],
    );
    return rows.map((row) => ({ id: row.id, code: row.code, name: row.name, maxWaitMinutes: row.max_wait_minutes, serviceTimeMinutes: row.service_time_minutes }));
  }

  /** Every event of the tickets issued in the period. */
  async chartTicketEvents(period: OfficePeriod): Promise<(TicketEventRecord & { ticketId: string })[]> {
    const rows = await this.db.query<ChartEventRow[]>(
      `SELECT e.ticket_id, e.type, e.at, e.service_id FROM ticket_events e
       WHERE e.ticket_id IN (SELECT id FROM tickets WHERE office_id = $1 AND issued_at >= $2 AND issued_at < $3) ORDER BY e.id`,
      [period.officeId, period.from, period.to],
    );
    return rows.map((row) => ({ ticketId: row.ticket_id, type: row.type, at: row.at.getTime(), serviceId: row.service_id }));
  }

  /** Every interaction checklist answer of the period, with its officer and item. */
  async chartAnswers(period: OfficePeriod): Promise<ChartAnswer[]> {
    const rows = await this.db.query<ChartAnswerRow[]>(
      `SELECT r.method, r.subject_staff_id AS staff_id, st.name AS staff_name, a.item_code, i.label, a.answer
       FROM checklist_answers a
       JOIN checklist_responses r ON r.id = a.response_id
       JOIN staff st ON st.id = r.subject_staff_id
       LEFT JOIN checklist_items i ON i.id = a.item_id
       WHERE r.office_id = $1 AND r.kind = 'interaction' AND r.at >= $2 AND r.at < $3`,
      [period.officeId, period.from, period.to],
    );
    return rows.map((row) => ({ method: row.method, answer: row.answer, staffId: row.staff_id, staffName: row.staff_name, itemCode: row.item_code, itemLabel: row.label }));
  }

  /** The satisfaction surveys submitted in the period. */
  async chartSurveys(period: OfficePeriod): Promise<SurveyAnswers[]> {
    const rows = await this.db.query<SurveyAnswers[]>(
      'SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM satisfaction_surveys WHERE office_id = $1 AND submitted_at >= $2 AND submitted_at < $3',
      [period.officeId, period.from, period.to],
    );
    return rows.map((row) => ({ ...row }));
  }
}
