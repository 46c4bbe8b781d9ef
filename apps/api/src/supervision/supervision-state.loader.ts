import { Injectable } from '@nestjs/common';
import { type CounterStaffing, type SupervisionState, localTimeToInstant, serviceDay } from '@loket/domain';
import { OfficesService } from '../offices/offices.service.js';
import { SupervisionRepository } from './supervision.repository.js';

/**
 * Reads what the supervisor's figures are computed from: the office snapshot, and the
 * office-local day's ticket and counter-session events up to the snapshot's sequence
 * number. Sequence order is commit order (database/office-sequence.ts), so every event at
 * or below that number is visible here and every later one reaches the screen as a live event.
 */
@Injectable()
export class SupervisionStateLoader {
  constructor(
    private readonly supervision: SupervisionRepository,
    private readonly offices: OfficesService,
  ) {}

  async load(slug: string, now: Date): Promise<SupervisionState> {
    const office = await this.offices.snapshotBySlug(slug);
    const officeId = office.office.id;
    const timeZone = office.office.timeZone;
    const day = serviceDay(now, timeZone);
    const dayStart = new Date(localTimeToInstant(day, '00:00', timeZone));
    const [ticketEvents, counterEvents, staffing] = await Promise.all([
      this.supervision.dayTicketEvents(officeId, dayStart, office.seq),
      this.supervision.dayCounterEvents(officeId, dayStart, office.seq),
      this.supervision.staffing(officeId),
    ]);
    return { office, day, staffing, ticketEvents, counterEvents };
  }

  /** Who staffs each active counter now, with its schedule: what the events do not say. */
  staffing(officeId: string): Promise<CounterStaffing[]> {
    return this.supervision.staffing(officeId);
  }
}
