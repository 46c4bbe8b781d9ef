import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type InteractionOutcome, type ObservationResult, type StaffView, NotFoundError, RuleError, compliance, formatTicketNumber } from '@loket/domain';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { OfficesService } from '../offices/offices.service.js';
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
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly checklists: ChecklistsService,
  ) {}

  async observe(slug: string, input: ObservationDto, supervisor: StaffView): Promise<ObservationResult> {
    const office = await this.offices.bySlug(slug);
    assertOfficeAccess(supervisor, office.id);
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const [counter] = await manager.query<{ id: string }[]>('SELECT id FROM counters WHERE id = $1 AND office_id = $2', [input.counterId, office.id]);
      if (!counter) throw new NotFoundError(`No counter with the id "${input.counterId}" in this office`);
      // Locked, so the ticket cannot be finished or moved while the observation is written about it.
      const [ticket] = await manager.query<{ id: string; issued_code: string; number: number; staff_id: string | null; staff_name: string | null }[]>(
        `SELECT t.id, t.issued_code, t.number, t.staff_id, st.name AS staff_name
         FROM tickets t LEFT JOIN staff st ON st.id = t.staff_id
         WHERE t.counter_id = $1 AND t.status IN ('called', 'serving') FOR UPDATE OF t`,
        [counter.id],
      );
      if (!ticket || !ticket.staff_id) {
        throw new RuleError('nothing_to_observe', 'Nobody is being served at this counter: an observation is of the interaction going on');
      }
      const subject = {
        kind: 'interaction' as const,
        officeId: office.id,
        ticketId: ticket.id,
        counterId: counter.id,
        subjectStaffId: ticket.staff_id,
        // The outcome is the officer's to record at the finish; the column is nullable for exactly this.
        outcome: null as unknown as InteractionOutcome,
        note: input.note || null,
      };
      await this.checklists.record(manager, subject, { method: 'observed', answers: input.answers }, supervisor, now);
      const [response] = await manager.query<{ id: string }[]>(
        `SELECT id FROM checklist_responses WHERE ticket_id = $1 AND method = 'observed' AND answered_by_staff_id = $2 ORDER BY at DESC LIMIT 1`,
        [ticket.id, supervisor.id],
      );
      return {
        responseId: response.id,
        ticketId: ticket.id,
        ticketNumber: formatTicketNumber(ticket.issued_code, ticket.number),
        counterId: counter.id,
        staffId: ticket.staff_id,
        staffName: ticket.staff_name ?? '',
        at: now.toISOString(),
        compliance: compliance(input.answers),
      };
    });
  }
}
