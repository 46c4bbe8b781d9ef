import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SURVEY_ELEMENT_CODES, type SkmProfile, type SurveyAnswers, type SurveyChannel } from '@loket/domain';

export const SURVEYS_SQL = {
  lockTicket: 'SELECT id, office_id, service_id, counter_id, staff_id, status FROM tickets WHERE tracking_code = $1 FOR NO KEY UPDATE',
  // A survey terminal's ticket: of the office the terminal's kiosk token is paired with (kiosk_id
  // null when it is not), with the number of the counter that finished it.
  lockTerminalTicket: `SELECT t.id, t.office_id, t.service_id, t.counter_id, t.staff_id, t.status, t.tracking_code, t.finished_at, c.number AS counter_number, k.id AS kiosk_id
    FROM offices o
    JOIN tickets t ON t.office_id = o.id AND t.id = $2
    LEFT JOIN counters c ON c.id = t.counter_id
    LEFT JOIN kiosk_devices k ON k.office_id = o.id AND k.token_hash = $3 AND k.revoked_at IS NULL
    WHERE o.slug = $1
    FOR NO KEY UPDATE OF t`,
  // The unique ticket_id makes it once only, even for two submissions racing each other.
  insert: `INSERT INTO satisfaction_surveys (ticket_id, office_id, service_id, counter_id, staff_id, ${SURVEY_ELEMENT_CODES.join(', ')}, submitted_at,
                                            gender, age_band, education, occupation, suggestion, channel)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
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

export interface TerminalTicketRow extends SurveyTicketRow {
  tracking_code: string;
  finished_at: Date | null;
  counter_number: number | null;
  kiosk_id: string | null;
}

/** The citizens' satisfaction surveys (SKM); always inside the caller's transaction. */
@Injectable()
export class SurveysRepository {
  /** The ticket with this tracking code, locked so its status and the survey written agree. */
  async lockTicket(tx: EntityManager, trackingCode: string): Promise<SurveyTicketRow | null> {
    const [row] = await tx.query<SurveyTicketRow[]>(SURVEYS_SQL.lockTicket, [trackingCode]);
    return row ?? null;
  }

  /** A ticket of the office by its id, for a survey terminal with this token hash; locked as `lockTicket`. */
  async lockTerminalTicket(tx: EntityManager, officeSlug: string, ticketId: string, tokenHash: string): Promise<TerminalTicketRow | null> {
    const [row] = await tx.query<TerminalTicketRow[]>(SURVEYS_SQL.lockTerminalTicket, [officeSlug, ticketId, tokenHash]);
    return row ?? null;
  }

  /** False when the ticket has a survey already. */
  async insert(
    tx: EntityManager,
    ticket: SurveyTicketRow,
    answers: SurveyAnswers & SkmProfile & { suggestion?: string | null },
    submittedAt: Date,
    channel: SurveyChannel = 'phone',
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
      channel,
    ]);
    return inserted.length > 0;
  }
}
