import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallView, type CounterView, NotFoundError, type OfficeForecast, type OfficeSnapshot, type OfficeView, type PauseReason, type ServiceView, formatTicketNumber } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { WaitForecastService } from '../forecast/wait-forecast.service.js';
import { TICKET_VIEW_SELECT, type TicketViewRow, toTicketView } from '../tickets/ticket-views.js';
import { OfficeEntity } from './office.entity.js';
import { serviceViews, toOfficeView } from './office-queries.js';

const RECENT_CALLS = 10;

interface CounterRow {
  id: string;
  number: number;
  name: string;
  priority_only: boolean;
  service_ids: string[] | null;
  state: 'open' | 'paused' | null;
  pause_reason: PauseReason | null;
  session_id: string | null;
}

interface CallRow {
  ticket_id: string;
  issued_code: string;
  number: number;
  service_id: string;
  counter_id: string;
  counter_number: number;
  counter_name: string;
  at: Date;
  type: string;
}

@Injectable()
export class OfficesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly forecasts: WaitForecastService,
  ) {}

  async list(): Promise<OfficeView[]> {
    const offices = await this.db.getRepository(OfficeEntity).find({ order: { name: 'ASC' } });
    return offices.map(toOfficeView);
  }

  async bySlug(slug: string, manager: EntityManager = this.db.manager): Promise<OfficeEntity> {
    const office = await manager.getRepository(OfficeEntity).findOneBy({ slug });
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    return office;
  }

  async byId(id: string, manager: EntityManager = this.db.manager): Promise<OfficeEntity> {
    const office = await manager.getRepository(OfficeEntity).findOneBy({ id });
    if (!office) throw new NotFoundError(`No office with the id "${id}"`);
    return office;
  }

  async services(slug: string): Promise<ServiceView[]> {
    const office = await this.bySlug(slug);
    return serviceViews(this.db.manager, office, this.clock.now(), await this.forecasts.forOffice(office));
  }

  /**
   * Everything a screen starts from. Read in one repeatable-read transaction, so the
   * state and its sequence number agree: every event after it carries a higher number.
   */
  async snapshotBySlug(slug: string): Promise<OfficeSnapshot> {
    // The forecast is read before the transaction, on a connection of its own (PGlite has one).
    const forecast = await this.forecasts.forOffice(await this.bySlug(slug));
    return this.db.transaction('REPEATABLE READ', async (manager) => this.snapshot(manager, await this.bySlug(slug, manager), forecast));
  }

  private async snapshot(manager: EntityManager, office: OfficeEntity, forecast: OfficeForecast): Promise<OfficeSnapshot> {
    const now = this.clock.now();
    const services = await serviceViews(manager, office, now, forecast);
    const counters = await this.counterViews(manager, office.id);
    const waiting = await manager.query<TicketViewRow[]>(
      `${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status = 'waiting' ORDER BY t.due_at, t.issued_at, t.issue_order`,
      [office.id],
    );
    const calls = await manager.query<CallRow[]>(
      `SELECT e.ticket_id, t.issued_code, t.number, e.service_id, e.counter_id, c.number AS counter_number,
              c.name AS counter_name, e.at, e.type
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id JOIN counters c ON c.id = e.counter_id
       WHERE e.office_id = $1 AND e.type IN ('called', 'recalled')
       ORDER BY e.id DESC LIMIT ${RECENT_CALLS}`,
      [office.id],
    );
    return {
      seq: Number(office.seq),
      at: now.toISOString(),
      office: toOfficeView(office),
      services,
      counters,
      waiting: waiting.map(toTicketView),
      recentCalls: calls.map(
        (row): CallView => ({
          ticketId: row.ticket_id,
          number: formatTicketNumber(row.issued_code, row.number),
          serviceId: row.service_id,
          counterId: row.counter_id,
          counterNumber: row.counter_number,
          counterName: row.counter_name,
          at: row.at.toISOString(),
          recall: row.type === 'recalled',
        }),
      ),
    };
  }

  /** The counters of an office with their session state and the ticket at each. */
  async counterViews(manager: EntityManager, officeId: string, onlyCounterId?: string): Promise<CounterView[]> {
    const rows = await manager.query<CounterRow[]>(
      `SELECT c.id, c.number, c.name, c.priority_only,
              (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
              cn.state, cn.pause_reason, cn.id AS session_id
       FROM counters c
       LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
       WHERE c.office_id = $1 AND c.active ${onlyCounterId ? 'AND c.id = $2' : ''}
       ORDER BY c.number`,
      onlyCounterId ? [officeId, onlyCounterId] : [officeId],
    );
    const current = await manager.query<TicketViewRow[]>(
      `${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status IN ('called', 'serving') ${onlyCounterId ? 'AND t.counter_id = $2' : ''}`,
      onlyCounterId ? [officeId, onlyCounterId] : [officeId],
    );
    const byCounter = new Map(current.map((row) => [row.counter_id, toTicketView(row)]));
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      name: row.name,
      priorityOnly: row.priority_only,
      serviceIds: row.service_ids ?? [],
      state: row.state ?? 'closed',
      pauseReason: row.pause_reason,
      sessionId: row.session_id,
      currentTicket: byCounter.get(row.id) ?? null,
    }));
  }
}
