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
  RuleError,
  TicketStatus,
  assertTerminalSurveyOpen,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { kioskTokenHash } from '../kiosks/kiosk-token.js';
import { TrackedTickets } from '../tickets/tracked-tickets.js';
import { SurveysRepository } from './surveys.repository.js';

export interface SurveyReceipt {
  trackingCode: string;
  submittedAt: string;
}

/** What a survey terminal is told: no tracking code (the terminal is anonymous, and shared). */
export interface TerminalSurveyReceipt {
  ticketId: string;
  submittedAt: string;
}

type Submission = SurveyAnswers & SkmProfile & { suggestion?: string | null };

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
  async submit(trackingCode: string, answers: Submission): Promise<SurveyReceipt> {
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

  /**
   * Records the answers given at counter `counterNumber`'s survey terminal for the ticket just
   * finished there. Only a device paired with the office may answer (its kiosk token), and
   * only for a ticket that counter finished within the window (`assertTerminalSurveyOpen`);
   * once per ticket, whichever of phone and terminal comes first.
   */
  async submitAtTerminal(
    officeSlug: string,
    counterNumber: number,
    ticketId: string,
    kioskToken: string | null,
    answers: Submission,
  ): Promise<TerminalSurveyReceipt> {
    if (kioskToken === null) throw new RuleError('kiosk_not_paired', 'A survey terminal answers as a paired device: pair it in the admin’s kiosk settings');
    const now = this.clock.now();
    const trackingCode = await this.db.transaction(async (manager) => {
      const ticket = await this.surveys.lockTerminalTicket(manager, officeSlug, ticketId, kioskTokenHash(kioskToken));
      if (!ticket) throw new NotFoundError('No such ticket in this office');
      if (!ticket.kiosk_id) throw new RuleError('kiosk_not_paired', 'This terminal is not paired with the office, or its pairing was revoked');
      assertTerminalSurveyOpen({ status: ticket.status, counterNumber: ticket.counter_number, finishedAt: ticket.finished_at }, counterNumber, now);
      if (!(await this.surveys.insert(manager, ticket, answers, now, 'terminal'))) throw new SurveyAlreadySubmittedError();
      return ticket.tracking_code;
    });
    this.trackedTickets.surveyed(trackingCode);
    return { ticketId, submittedAt: now.toISOString() };
  }
}
