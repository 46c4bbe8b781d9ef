import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type EndOfDayView,
  type OfficeCalendar,
  type TicketChange,
  TicketEventType,
  assertDayOver,
  assertEndOfDayCount,
  agencyScopeOf,
  assertWithinAgencyScope,
  endOfDayDue,
  endOfDayView,
  nextDay,
  serviceDay,
} from '@loket/domain';
import { AuditTrail } from '../admin/audit-trail.js';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { Clock } from '../clock/clock.js';
import { SkipWhileRunning } from '../common/single-flight.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { OfficeEntity } from '../offices/office.entity.js';
import { officeCalendar } from '../offices/office-views.js';
import { OfficesRepository } from '../offices/offices.repository.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { EndOfDayRepository } from './end-of-day.repository.js';
import { toTicketView } from './ticket-views.js';
import { TicketsRepository } from './tickets.repository.js';

/** What the step did: how many it closed, and whether a supervisor confirmed it or the sweep ran it. */
export interface EndOfDayResult {
  closed: number;
  ticketNumbers: string[];
}

/**
 * The end-of-day step (libs/domain end-of-day.ts): a supervisor closes the tickets still
 * waiting once the office's day is over, confirming how many; the sweep does so by itself at
 * closing time plus the grace, and always for tickets of an earlier day. Each ticket gets the
 * status `closed_end_of_day` and an event of that name, in one transaction with the audit
 * record, then every event is published (boards and phone pages see each ticket go).
 */
@Injectable()
export class EndOfDayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EndOfDay');
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly ticks = new SkipWhileRunning();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly endOfDay: EndOfDayRepository,
    private readonly tickets: TicketsRepository,
    private readonly offices: OfficesService,
    private readonly officeRows: OfficesRepository,
    private readonly audit: AuditTrail,
    private readonly publisher: OfficeEventsPublisher,
  ) {}

  onApplicationBootstrap(): void {
    // The counter sweep's cadence (COUNTER_SWEEP_SECONDS): both mind what nobody is minding.
    const seconds = this.config.counterSweepSeconds ?? 30;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.logger.error(`End-of-day sweep failed: ${String(error)}`)), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /**
   * What the supervisor's control shows: how many still wait, and whether and when the day can
   * be closed. An agency supervisor is told their agency's queue only (the step itself is the
   * office's own supervisors').
   */
  async view(slug: string, staff: AuthenticatedStaff): Promise<EndOfDayView> {
    const office = await this.offices.forStaff(slug, staff);
    const now = this.clock.now();
    const calendar = await this.calendar(office, now);
    const waiting = await this.endOfDay.waitingCount(office.id, serviceDay(now, office.timeZone), agencyScopeOf(staff));
    return endOfDayView(calendar, now.getTime(), waiting);
  }

  /** The supervisor's step: refused while the day is not over, or when `confirmed` is not how many wait now. */
  async close(slug: string, confirmed: number, staff: AuthenticatedStaff): Promise<EndOfDayResult> {
    const office = await this.offices.forStaff(slug, staff);
    // It ends every agency's queue: the office's own supervisors close the day.
    assertWithinAgencyScope(staff, null, 'The office’s end of day');
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      assertDayOver(await this.calendar(office, now, tx), now.getTime());
      const ids = await this.endOfDay.lockWaiting(tx, office.id, serviceDay(now, office.timeZone));
      assertEndOfDayCount(confirmed, ids.length);
      const changes = await this.closeTickets(tx, office.id, ids, now, staff.id);
      await this.audit.record(
        tx,
        {
          actorId: staff.id,
          officeId: office.id,
          action: 'office.day_closed',
          subjectType: 'office',
          subjectId: office.id,
          subjectLabel: office.name,
          before: { waiting: ids.length },
          after: { closed: changes.length, tickets: changes.map((change) => change.ticket.number) },
        },
        now,
      );
      return changes;
    });
    for (const change of result) this.publisher.publish(office.id, change);
    return { closed: result.length, ticketNumbers: result.map((change) => change.ticket.number) };
  }

  /** The sweep: every office whose day ended a grace ago, and every ticket of an earlier day. Returns how many it closed. */
  async sweep(now: Date = this.clock.now()): Promise<number> {
    let closed = 0;
    for (const officeId of await this.endOfDay.officesWithWaiting()) {
      const office = await this.offices.byId(officeId);
      const today = serviceDay(now, office.timeZone);
      const changes = await this.db.transaction(async (tx) => {
        const due = endOfDayDue(await this.calendar(office, now, tx), now.getTime());
        const ids = await this.endOfDay.lockWaiting(tx, office.id, due ? today : nextDay(today, -1));
        return this.closeTickets(tx, office.id, ids, now, null);
      });
      for (const change of changes) this.publisher.publish(office.id, change);
      if (changes.length > 0) this.logger.log(`Closed ${changes.length} tickets still waiting at the end of the day in ${office.slug}`);
      closed += changes.length;
    }
    return closed;
  }

  async tick(now?: Date): Promise<number | 'skipped'> {
    return this.ticks.run(() => this.sweep(now));
  }

  private async closeTickets(tx: EntityManager, officeId: string, ids: readonly string[], now: Date, staffId: string | null): Promise<TicketChange[]> {
    if (ids.length === 0) return [];
    const rows = await this.endOfDay.close(tx, ids);
    const changes: TicketChange[] = [];
    for (const row of rows) {
      const seq = await this.tickets.recordEvent(tx, {
        ticketId: row.id,
        officeId,
        type: TicketEventType.closedEndOfDay,
        at: now,
        actorKind: staffId ? 'staff' : 'system',
        actorStaffId: staffId,
        counterId: null,
        serviceId: row.service_id,
        payload: { by: staffId ? 'supervisor' : 'sweep' },
      });
      changes.push({
        seq,
        at: now.toISOString(),
        kind: 'ticket',
        type: TicketEventType.closedEndOfDay,
        ticket: toTicketView(row),
        call: null,
        fromServiceId: null,
      });
    }
    return changes;
  }

  private async calendar(office: OfficeEntity, now: Date, tx: EntityManager = this.db.manager): Promise<OfficeCalendar> {
    return officeCalendar(office, await this.officeRows.calendar(tx, office.id, now));
  }
}
