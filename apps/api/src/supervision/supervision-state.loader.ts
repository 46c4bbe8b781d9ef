import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type CounterEventType,
  type OpeningHours,
  type SupervisionState,
  type TicketEventType,
  localTimeToInstant,
  serviceDay,
} from '@loket/domain';
import { OfficesService } from '../offices/offices.service.js';

/**
 * Reads what the supervisor's figures are computed from: the office snapshot, and the
 * office-local day's ticket and counter-session events up to the snapshot's sequence
 * number. Sequence order is commit order (database/office-sequence.ts), so every event at
 * or below that number is visible here and every later one reaches the screen as a live event.
 */
@Injectable()
export class SupervisionStateLoader {
  constructor(
    private readonly db: DataSource,
    private readonly offices: OfficesService,
  ) {}

  async load(slug: string, now: Date): Promise<SupervisionState> {
    const office = await this.offices.snapshotBySlug(slug);
    const officeId = office.office.id;
    const timeZone = office.office.timeZone;
    const day = serviceDay(now, timeZone);
    const dayStart = new Date(localTimeToInstant(day, '00:00', timeZone));
    const [ticketEvents, counterEvents, staffing] = await Promise.all([
      this.db.query<{ ticket_id: string; type: TicketEventType; at: Date; service_id: string; counter_id: string | null; priority: boolean }[]>(
        `SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, t.priority IS NOT NULL AS priority
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.office_id = $1 AND e.at >= $2 AND e.seq <= $3 ORDER BY e.id`,
        [officeId, dayStart, office.seq],
      ),
      this.db.query<{ counter_id: string; type: CounterEventType; at: Date; reason: string | null }[]>(
        `SELECT e.counter_id, e.type, e.at, e.reason FROM counter_session_events e JOIN counters c ON c.id = e.counter_id
         WHERE c.office_id = $1 AND e.at >= $2 AND e.seq <= $3 ORDER BY e.id`,
        [officeId, dayStart, office.seq],
      ),
      this.db.query<{ id: string; schedule: OpeningHours[]; staff_id: string | null; staff_name: string | null }[]>(
        `SELECT c.id, c.schedule, cn.staff_id, st.name AS staff_name
         FROM counters c
         LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
         LEFT JOIN staff st ON st.id = cn.staff_id
         WHERE c.office_id = $1 AND c.active`,
        [officeId],
      ),
    ]);
    return {
      office,
      day,
      staffing: staffing.map((row) => ({ counterId: row.id, schedule: row.schedule, staffId: row.staff_id, staffName: row.staff_name })),
      ticketEvents: ticketEvents.map((row) => ({ ticketId: row.ticket_id, type: row.type, at: row.at.getTime(), serviceId: row.service_id, counterId: row.counter_id, priority: row.priority })),
      counterEvents: counterEvents.map((row) => ({ counterId: row.counter_id, type: row.type, at: row.at.getTime(), reason: row.reason })),
    };
  }
}
