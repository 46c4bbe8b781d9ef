import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type InteractionOutcome,
  type ObservationResult,
  type StaffView,
  NotFoundError,
  RuleError,
  assertAgencyScope,
  compliance,
  formatTicketNumber,
} from '@loket/domain';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { OfficesService } from '../offices/offices.service.js';
import { SupervisionRepository } from './supervision.repository.js';
import type { ObservationDto } from './dto/observation.dto.js';

/**
 * A supervisor watching a counter fills the interaction checklist for the ticket being
 * served there. Stored with method `observed` in the same checklist tables as self-checks,
 * about the officer serving, so reports weigh it apart from what officers tick themselves.
 */
@Injectable()
export class ObservationsService {
  constructor(
    private readonly db: DataSource,
    private readonly supervision: SupervisionRepository,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly checklists: ChecklistsService,
  ) {}

  async observe(slug: string, input: ObservationDto, supervisor: StaffView): Promise<ObservationResult> {
    const office = await this.offices.forStaff(slug, supervisor);
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const counterId = input.counterId;
      const counter = await this.supervision.counterInOffice(manager, counterId, office.id);
      if (!counter) throw new NotFoundError(`No counter with the id "${counterId}" in this office`);
      assertAgencyScope(supervisor, counter.agencyId, counter.name);
      // Locked, so the ticket cannot be finished or moved while the observation is written about it.
      const ticket = await this.supervision.lockTicketAtCounter(manager, counterId);
      if (!ticket || !ticket.staffId) {
        throw new RuleError('nothing_to_observe', 'Nobody is being served at this counter: an observation is of the interaction going on');
      }
      const subject = {
        kind: 'interaction' as const,
        officeId: office.id,
        ticketId: ticket.id,
        counterId,
        subjectStaffId: ticket.staffId,
        // The outcome is the officer's to record at the finish; the column is nullable for exactly this.
        outcome: null as unknown as InteractionOutcome,
        note: input.note || null,
      };
      await this.checklists.record(manager, subject, { method: 'observed', answers: input.answers }, supervisor, now);
      const responseId = await this.supervision.latestObservation(manager, ticket.id, supervisor.id);
      return {
        responseId,
        ticketId: ticket.id,
        ticketNumber: formatTicketNumber(ticket.issuedCode, ticket.number),
        counterId,
        staffId: ticket.staffId,
        staffName: ticket.staffName ?? '',
        at: now.toISOString(),
        compliance: compliance(input.answers),
      };
    });
  }
}
