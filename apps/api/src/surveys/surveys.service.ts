import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  NotFoundError,
  SURVEY_ELEMENTS,
  SURVEY_ELEMENT_CODES,
  SurveyAlreadySubmittedError,
  SurveyNotAllowedError,
  type SurveyAnswers,
  type SurveyElement,
  TicketStatus,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';

export interface SurveyReceipt {
  trackingCode: string;
  submittedAt: string;
}

@Injectable()
export class SurveysService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  elements(): readonly SurveyElement[] {
    return SURVEY_ELEMENTS;
  }

  /**
   * Records the citizen's answers for a done ticket. The ticket row is locked so the
   * status read and the insert agree; the unique ticket_id is what makes it once only,
   * even for two submissions racing each other.
   */
  async submit(trackingCode: string, answers: SurveyAnswers): Promise<SurveyReceipt> {
    const now = this.clock.now();
    await this.db.transaction(async (manager) => {
      const [ticket] = await manager.query<{ id: string; office_id: string; service_id: string; counter_id: string | null; staff_id: string | null; status: string }[]>(
        `SELECT id, office_id, service_id, counter_id, staff_id, status FROM tickets WHERE tracking_code = $1 FOR UPDATE`,
        [trackingCode],
      );
      if (!ticket) throw new NotFoundError('No ticket with this tracking code');
      if (ticket.status !== TicketStatus.done) throw new SurveyNotAllowedError(ticket.status);
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO satisfaction_surveys (ticket_id, office_id, service_id, counter_id, staff_id, ${SURVEY_ELEMENT_CODES.join(', ')}, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (ticket_id) DO NOTHING RETURNING id`,
        [ticket.id, ticket.office_id, ticket.service_id, ticket.counter_id, ticket.staff_id, ...SURVEY_ELEMENT_CODES.map((code) => answers[code]), now],
      );
      if (inserted.length === 0) throw new SurveyAlreadySubmittedError();
    });
    return { trackingCode, submittedAt: now.toISOString() };
  }
}
