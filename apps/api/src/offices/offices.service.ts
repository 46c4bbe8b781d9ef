import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type CallView,
  type CounterView,
  NotFoundError,
  type OfficeCalendar,
  type RangedOfficeForecast,
  type OfficeSnapshot,
  type OfficeView,
  type ServiceView,
  type StaffView,
  formatTicketNumber,
  officeOpenState,
  serviceDay,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { WaitForecastService } from '../forecast/wait-forecast.service.js';
import { toTicketView } from '../tickets/ticket-views.js';
import type { OfficeEntity } from './office.entity.js';
import { officeCalendar, toOfficeView, toServiceView } from './office-views.js';
import { OfficesRepository } from './offices.repository.js';

@Injectable()
export class OfficesService {
  constructor(
    private readonly db: DataSource,
    private readonly offices: OfficesRepository,
    private readonly clock: Clock,
    private readonly forecasts: WaitForecastService,
  ) {}

  async list(): Promise<OfficeView[]> {
    return (await this.offices.list()).map(toOfficeView);
  }

  async bySlug(slug: string, tx: EntityManager = this.db.manager): Promise<OfficeEntity> {
    const office = await this.offices.bySlug(slug, tx);
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    return office;
  }

  /** The office by its slug, for staff who work in it: `not_found`, then `not_your_office` (`assertOfficeAccess`). */
  async forStaff(slug: string, staff: StaffView): Promise<OfficeEntity> {
    const office = await this.bySlug(slug);
    assertOfficeAccess(staff, office.id);
    return office;
  }

  async byId(id: string, tx: EntityManager = this.db.manager): Promise<OfficeEntity> {
    const office = await this.offices.byId(id, tx);
    if (!office) throw new NotFoundError(`No office with the id "${id}"`);
    return office;
  }

  /**
   * Everything a screen starts from. Read in one repeatable-read transaction, so the
   * state and its sequence number agree: every event after it carries a higher number.
   * A read of the database each time: the public screens read through `OfficeSnapshotCache`.
   */
  async snapshotBySlug(slug: string): Promise<OfficeSnapshot> {
    // The forecast is read before the transaction, on a connection of its own (PGlite has one).
    const forecast = await this.forecasts.forOffice(await this.bySlug(slug));
    return this.db.transaction('REPEATABLE READ', async (tx) => this.snapshot(tx, await this.bySlug(slug, tx), forecast));
  }

  private async snapshot(tx: EntityManager, office: OfficeEntity, forecast: RangedOfficeForecast): Promise<OfficeSnapshot> {
    const now = this.clock.now();
    const calendar = officeCalendar(office, await this.offices.calendar(tx, office.id, now));
    const services = await this.serviceViews(tx, office, now, forecast, calendar);
    const counters = await this.counterViews(tx, office.id);
    const waiting = await this.offices.waiting(tx, office.id);
    const calls = await this.offices.recentCalls(tx, office.id);
    return {
      seq: Number(office.seq),
      at: now.toISOString(),
      office: toOfficeView(office),
      agencies: await this.offices.agencies(tx, office.id),
      zones: await this.offices.zones(tx, office.id),
      calendar: officeOpenState(calendar, now.getTime()),
      services,
      counters,
      waiting: waiting.map(toTicketView),
      recentCalls: calls.map((row): CallView => ({
        ticketId: row.ticket_id,
        number: formatTicketNumber(row.issued_code, row.number),
        serviceId: row.service_id,
        counterId: row.counter_id,
        counterNumber: row.counter_number,
        counterName: row.counter_name,
        at: row.at.toISOString(),
        recall: row.type === 'recalled',
      })),
    };
  }

  /**
   * Every service of an office with its standard and live load: waiting now, counters open
   * for it, tickets drawn today, and from the office's forecast the recent service time and
   * the wait a ticket taken now would have.
   */
  private async serviceViews(
    tx: EntityManager,
    office: OfficeEntity,
    now: Date,
    forecast: RangedOfficeForecast,
    calendar: OfficeCalendar,
  ): Promise<ServiceView[]> {
    const rows = await this.offices.services(tx, office.id, serviceDay(now, office.timeZone));
    return rows.map((row) => toServiceView(row, forecast, now, calendar));
  }

  /** The counters of an office with their session state and the ticket at each. */
  async counterViews(tx: EntityManager, officeId: string, onlyCounterId?: string): Promise<CounterView[]> {
    const rows = await this.offices.counters(tx, officeId, onlyCounterId);
    const current = await this.offices.atCounters(tx, officeId, onlyCounterId);
    const byCounter = new Map(current.map((row) => [row.counter_id, toTicketView(row)]));
    return rows.map((row) => ({
      id: row.id,
      agencyId: row.agency_id,
      number: row.number,
      name: row.name,
      priorityOnly: row.priority_only,
      serviceIds: row.service_ids ?? [],
      state: row.state ?? 'closed',
      pauseReason: row.pause_reason,
      pauseNote: row.pause_note,
      pausedAt: row.paused_at?.toISOString() ?? null,
      sessionId: row.session_id,
      currentTicket: byCounter.get(row.id) ?? null,
    }));
  }
}
