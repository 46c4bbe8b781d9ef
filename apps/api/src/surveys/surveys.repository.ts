import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SURVEY_ELEMENT_CODES, type SkmProfile, type SurveyAnswers } from '@loket/domain';

export const SURVEYS_SQL = {
  lockTicket: 'SELECT id, office_id, service_id, counter_id, staff_id, status FROM tickets WHERE tracking_code = $1 FOR NO KEY UPDATE',
  // The unique ticket_id makes it once only, even for two submissions racing each other.
  insert: `INSERT INTO satisfaction_surveys (ticket_id, office_id, service_id, counter_id, staff_id, ${SURVEY_ELEMENT_CODES.join(', ')}, submitted_at,
                                            gender, age_band, education, occupation, suggestion)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
         ON CONFLICT (ticket_id) DO NOTHING RETURNING id`,
} as const;

export interface SurveyTicketRow {
  id: string;
  office_id: string;
  service_id: string;
  counter_id: string | null;
  staff_id: string | null;
  status: string;
}

/** The citizens' satisfaction surveys (SKM); always inside the caller's transaction. */
@Injectable()
export class SurveysRepository {
  /** The ticket with this tracking code, locked so its status and the survey written agree. */
  async lockTicket(tx: EntityManager, trackingCode: string): Promise<SurveyTicketRow | null> {
    const [row] = await tx.query<SurveyTicketRow[]>(SURVEYS_SQL.lockTicket, [trackingCode]);
    return row ?? null;
  }

  /** False when the ticket has a survey already. */
  async insert(
    tx: EntityManager,
    ticket: SurveyTicketRow,
    answers: SurveyAnswers & SkmProfile & { suggestion?: string | null },
    submittedAt: Date,
  ): Promise<boolean> {
    const inserted = await tx.query<{ id: string }[]>(SURVEYS_SQL.insert, [
      ticket.id,
      ticket.office_id,
      ticket.service_id,
      ticket.counter_id,
      ticket.staff_id,
      ...SURVEY_ELEMENT_CODES.map((code) => answers[code]),
      submittedAt,
      answers.gender ?? null,
      answers.ageBand ?? null,
      answers.education ?? null,
      answers.occupation ?? null,
      answers.suggestion ?? null,
    ]);
    return inserted.length > 0;
  }
}
