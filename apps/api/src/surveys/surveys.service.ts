import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  NotFoundError,
  SURVEY_ELEMENTS,
  SurveyAlreadySubmittedError,
  SurveyNotAllowedError,
  type SkmProfile,
  type SurveyAnswers,
  type SurveyElement,
  TicketStatus,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { TrackedTickets } from '../tickets/tracked-tickets.js';
import { SurveysRepository } from './surveys.repository.js';

export interface SurveyReceipt {
  trackingCode: string;
  submittedAt: string;
}

@Injectable()
export class SurveysService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly surveys: SurveysRepository,
    private readonly trackedTickets: TrackedTickets,
  ) {}

  elements(): readonly SurveyElement[] {
    return SURVEY_ELEMENTS;
  }

  /**
   * Records the citizen's answers for a done ticket. The ticket row is locked so the
   * status read and the insert agree; the unique ticket_id is what makes it once only,
   * even for two submissions racing each other.
   */
  async submit(trackingCode: string, answers: SurveyAnswers & SkmProfile & { suggestion?: string | null }): Promise<SurveyReceipt> {
    const now = this.clock.now();
    await this.db.transaction(async (manager) => {
      const ticket = await this.surveys.lockTicket(manager, trackingCode);
      if (!ticket) throw new NotFoundError('No ticket with this tracking code');
      if (ticket.status !== TicketStatus.done) throw new SurveyNotAllowedError(ticket.status);
      if (!(await this.surveys.insert(manager, ticket, answers, now))) throw new SurveyAlreadySubmittedError();
    });
    this.trackedTickets.surveyed(trackingCode);
    return { trackingCode, submittedAt: now.toISOString() };
  }
}
