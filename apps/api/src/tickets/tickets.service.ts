import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import {
  type ChecklistSubmission,
  type InteractionOutcome,
  NotFoundError,
  type OpeningHours,
  type PriorityCategory,
  RuleError,
  type TicketAction,
  type TicketChange,
  TicketEventType,
  type TicketStatus,
  type TicketView,
  type TrackedTicketView,
  assertReinstatable,
  dueTime,
  forecastWaitFor,
  nextStatus,
  serviceDay,
} from '@loket/domain';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { type LockedCounter, assertCounterAction, assertCounterFree, lockCounter } from '../counters/counter-lock.js';
import { nextOfficeSeq } from '../database/office-sequence.js';
import { WaitForecastService } from '../forecast/wait-forecast.service.js';
import type { OfficeEntity } from '../offices/office.entity.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { TICKET_VIEW_SELECT, type TicketViewRow, readTicketRow, toCallView, toTicketView } from './ticket-views.js';
import { newTrackingCode } from './tracking-code.js';

interface Actor {
  kind: 'citizen' | 'staff';
  staffId: string | null;
}

interface LockedTicket {
  id: string;
  office_id: string;
  service_id: string;
  status: TicketStatus;
  priority: PriorityCategory | null;
  issued_at: Date;
  service_day: string;
  counter_id: string | null;
  staff_id: string | null;
  tracking_code: string;
}

/** What issuing and the ticket views need of an office. */
type IssuingOffice = Pick<OfficeEntity, 'id' | 'slug' | 'name' | 'timeZone' | 'openingHours' | 'priorityMaxWaitMinutes' | 'seq'>;

interface IssueContextRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  opening_hours: OpeningHours[];
  priority_max_wait_minutes: number;
  seq: string;
  service_id: string | null;
  service_code: string | null;
  service_name: string | null;
  max_wait_minutes: number | null;
  daily_quota: number | null;
  service_active: boolean | null;
}

/**
 * What a transition writes besides the status: column → value, or a function returning
 * an SQL expression over the row (e.g. `recall_count + 1`), never user input.
 */
type TicketChanges = Record<string, unknown>;

/** The actions an officer takes on the ticket at their counter (others are office-wide). */
const COUNTER_ACTIONS: readonly TicketAction[] = ['recall', 'start', 'finish', 'return', 'no_show', 'transfer'];

@Injectable()
export class TicketsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly publisher: OfficeEventsPublisher,
    private readonly checklists: ChecklistsService,
    private readonly forecasts: WaitForecastService,
  ) {}

  /**
   * Issues a ticket at the kiosk, in one SQL statement that draws the number from the
   * service-day counter row, inserts the ticket, takes the office's next sequence number and
   * appends the event. One statement is atomic on its own, so the row locks it takes are
   * held only while it runs and commits, never across round trips: that is what lets many
   * kiosks issue at once. Numbers are consecutive and never repeat; a reached daily quota
   * draws no number. An `idempotencyKey` seen before returns that same ticket.
   */
  async issue(
    officeSlug: string,
    request: { serviceId: string; priority?: PriorityCategory | null },
    idempotencyKey: string | null,
  ): Promise<TrackedTicketView> {
    // The office and the service in one round trip: at a busy kiosk each one counts.
    const [found] = await this.db.query<IssueContextRow[]>(
      `SELECT o.id, o.slug, o.name, o.time_zone, o.opening_hours, o.priority_max_wait_minutes, o.seq,
              s.id AS service_id, s.code AS service_code, s.name AS service_name, s.max_wait_minutes, s.daily_quota, s.active AS service_active
       FROM offices o LEFT JOIN services s ON s.office_id = o.id AND s.id = $2
       WHERE o.slug = $1`,
      [officeSlug, request.serviceId],
    );
    if (!found) throw new NotFoundError(`No office with the slug "${officeSlug}"`);
    const office: IssuingOffice = {
      id: found.id,
      slug: found.slug,
      name: found.name,
      timeZone: found.time_zone,
      openingHours: found.opening_hours,
      priorityMaxWaitMinutes: found.priority_max_wait_minutes,
      seq: found.seq,
    };
    if (idempotencyKey) {
      const existing = await this.findByIdempotencyKey(office.id, idempotencyKey);
      if (existing) return this.trackedView(existing, office);
    }
    if (found.service_id === null) throw new NotFoundError(`No service with the id "${request.serviceId}" in ${office.name}`);
    const service = { id: found.service_id, code: found.service_code!, name: found.service_name!, max_wait_minutes: found.max_wait_minutes!, daily_quota: found.daily_quota, active: found.service_active! };
    if (!service.active) throw new RuleError('service_inactive', `${service.name} is not open for tickets`);

    const now = this.clock.now();
    const priority = request.priority ?? null;
    const due = new Date(dueTime(now.getTime(), service.max_wait_minutes, priority, office.priorityMaxWaitMinutes));
    const trackingCode = newTrackingCode();
    let issued: { id: string; issue_order: string; number: number; seq: string; ahead: number } | undefined;
    try {
      [issued] = await this.db.query(
        `WITH num AS (
           INSERT INTO ticket_number_counters AS n (service_id, service_day, last_number) VALUES ($1, $2, 1)
           ON CONFLICT (service_id, service_day) DO UPDATE SET last_number = n.last_number + 1
             WHERE $3::int IS NULL OR n.last_number < $3::int
           RETURNING last_number
         ), ticket AS (
           INSERT INTO tickets (office_id, service_id, issued_service_id, issued_code, service_day, number, priority, status,
                                issued_at, due_at, tracking_code, idempotency_key)
           SELECT $4, $1, $1, $5, $2, num.last_number, $6, 'waiting', $7, $8, $9, $10 FROM num
           RETURNING id, issue_order, number
         ), bumped AS (
           UPDATE offices SET seq = seq + 1 WHERE id = $4 AND EXISTS (SELECT 1 FROM ticket) RETURNING seq
         ), event AS (
           INSERT INTO ticket_events (ticket_id, office_id, type, at, actor_kind, service_id, payload, seq)
           SELECT ticket.id, $4, $11, $7, 'citizen', $1, $12, bumped.seq FROM ticket, bumped
           RETURNING seq
         )
         -- The statement does not see its own new row, so this counts the tickets ahead of it (its place - 1).
         SELECT ticket.id, ticket.issue_order, ticket.number, event.seq,
                (SELECT count(*)::int FROM tickets w
                 WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) < ($8, $7, ticket.issue_order)) AS ahead
         FROM ticket, event`,
        [
          service.id,
          serviceDay(now, office.timeZone),
          service.daily_quota,
          office.id,
          service.code,
          priority,
          now,
          due,
          trackingCode,
          idempotencyKey,
          TicketEventType.issued,
          JSON.stringify({ priority }),
        ],
      );
    } catch (error) {
      // Two requests with one key raced: the loser's insert hit the unique key; answer with the winner's ticket.
      if (idempotencyKey && isUniqueViolation(error, 'tickets_office_id_idempotency_key_key')) {
        const existing = await this.findByIdempotencyKey(office.id, idempotencyKey);
        if (existing) return this.trackedView(existing, office);
      }
      throw error;
    }
    if (!issued) {
      throw new RuleError('quota_reached', `Today's quota of ${service.daily_quota} tickets for ${service.name} has been reached`, { dailyQuota: service.daily_quota });
    }
    const ticket = toTicketView({
      id: issued.id,
      office_id: office.id,
      issued_code: service.code,
      number: issued.number,
      service_id: service.id,
      service_code: service.code,
      priority,
      status: 'waiting',
      issued_at: now,
      due_at: due,
      issue_order: issued.issue_order,
      counter_id: null,
      counter_number: null,
      counter_name: null,
      called_at: null,
      started_at: null,
      finished_at: null,
      recall_count: 0,
    });
    this.publisher.publish(office.id, { seq: Number(issued.seq), at: now.toISOString(), kind: 'ticket', type: TicketEventType.issued, ticket, call: null, fromServiceId: null });
    // A forecast read up to a second ago is good enough for a new ticket (its "new ticket" probe),
    // so a burst of issues does not read the whole queue once each.
    const forecast = await this.forecasts.forOffice(office, { acceptAgeMs: ISSUE_FORECAST_AGE_MS });
    return {
      ...ticket,
      trackingCode,
      officeSlug: office.slug,
      officeName: office.name,
      serviceName: service.name,
      counterName: null,
      placeInQueue: issued.ahead + 1,
      estimatedWaitMinutes: forecastWaitFor(forecast, ticket, this.clock.now().getTime()),
      surveySubmitted: false,
    };
  }

  /** The phone page's view of a ticket, by its tracking code. */
  async track(trackingCode: string): Promise<TrackedTicketView> {
    const [row] = await this.db.query<{ id: string }[]>('SELECT id FROM tickets WHERE tracking_code = $1', [trackingCode]);
    if (!row) throw new NotFoundError('No ticket with this tracking code');
    return this.trackedView(row.id);
  }

  /** A citizen cancels their own waiting ticket from the phone page. */
  async cancelByCitizen(trackingCode: string): Promise<TrackedTicketView> {
    const [row] = await this.db.query<{ id: string }[]>('SELECT id FROM tickets WHERE tracking_code = $1', [trackingCode]);
    if (!row) throw new NotFoundError('No ticket with this tracking code');
    await this.transition(row.id, 'cancel', { kind: 'citizen', staffId: null }, () => undefined /* holding the code is the right */, () => ({ changes: {}, payload: { by: 'citizen' } }));
    return this.trackedView(row.id);
  }

  /**
   * Call-next: claims the waiting ticket this counter should serve next, or null when
   * nobody it may serve is waiting. The order (earliest due, then issued-at, then issue order) is
   * `compareForCall` of libs/domain; `FOR UPDATE SKIP LOCKED` lets counters calling at the
   * same instant each claim a different ticket without waiting on or retrying each other.
   */
  async callNext(counterId: string, staff: AuthenticatedStaff): Promise<TicketView | null> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (manager) => {
      const counter = await lockCounter(manager, counterId, staff);
      assertCounterAction(counter, 'call_next', staff);
      await assertCounterFree(manager, counter);
      // A priority counter (loket khusus) takes priority tickets first, the rest only when none waits.
      const ticketId = (counter.priority_only && (await this.claimNext(manager, counter, true))) || (await this.claimNext(manager, counter, false));
      if (!ticketId) return null;
      return this.markCalled(manager, ticketId, counter, staff, now, { outOfOrder: false });
    });
    if (!result) return null;
    this.publisher.publish(result.officeId, result.change);
    return result.change.ticket;
  }

  /** Calls one waiting ticket out of order; the reason goes into the audit trail. */
  async callTicket(counterId: string, ticketId: string, reason: string, staff: AuthenticatedStaff): Promise<TicketView> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (manager) => {
      const counter = await lockCounter(manager, counterId, staff);
      assertCounterAction(counter, 'call', staff);
      await assertCounterFree(manager, counter);
      const ticket = await this.lockTicket(manager, ticketId);
      if (ticket.office_id !== counter.office_id) throw new NotFoundError(`No ticket with the id "${ticketId}" in this office`);
      nextStatus(ticket.status, 'call');
      if (!counter.service_ids.includes(ticket.service_id)) {
        throw new RuleError('service_not_served', `${counter.name} does not serve this ticket's service`);
      }
      return this.markCalled(manager, ticket.id, counter, staff, now, { outOfOrder: true, reason });
    });
    this.publisher.publish(result.officeId, result.change);
    return result.change.ticket;
  }

  /** Every other transition of a ticket, by staff. */
  async act(
    ticketId: string,
    action: Exclude<TicketAction, 'call'>,
    staff: AuthenticatedStaff,
    input: { reason?: string; serviceId?: string; checklist?: ChecklistSubmission; outcome?: InteractionOutcome; note?: string } = {},
  ): Promise<TicketView> {
    const actor: Actor = { kind: 'staff', staffId: staff.id };
    // Who may act is checked before the status, so staff of another office learn nothing
    // about a ticket (not even its status) from its id, which the public board shows.
    const authorize = (ticket: LockedTicket): void => {
      assertOfficeAccess(staff, ticket.office_id);
      if (COUNTER_ACTIONS.includes(action) && staff.role === 'officer' && ticket.staff_id !== staff.id) {
        throw new RuleError('ticket_at_other_counter', 'This ticket is being handled at another counter');
      }
    };
    const change = await this.transition(ticketId, action, actor, authorize, async (ticket, manager, now) => {
      switch (action) {
        case 'recall':
          return { changes: { recall_count: () => 'recall_count + 1', called_at: now }, payload: {}, call: 'recall' as const };
        case 'start':
          return { changes: { started_at: now }, payload: {} };
        case 'finish':
          await this.recordInteractionChecklist(manager, ticket, staff, input, now);
          return { changes: { finished_at: now }, payload: input.outcome ? { outcome: input.outcome } : {} };
        case 'return':
          return { changes: { counter_id: null, staff_id: null, called_at: null }, payload: { fromCounterId: ticket.counter_id } };
        case 'no_show':
          return { changes: { finished_at: now }, payload: {} };
        case 'reinstate': {
          const [office] = await manager.query<{ time_zone: string }[]>('SELECT time_zone FROM offices WHERE id = $1', [ticket.office_id]);
          assertReinstatable(ticket.service_day, serviceDay(now, office.time_zone));
          return { changes: { counter_id: null, staff_id: null, called_at: null, finished_at: null }, payload: {} };
        }
        case 'cancel':
          return { changes: { finished_at: now }, payload: { by: 'staff', reason: input.reason } };
        case 'transfer':
          return this.transferChanges(manager, ticket, input.serviceId!);
      }
    });
    return change.ticket;
  }

  /** The interaction checklist, when sent, is stored in the finish's own transaction. */
  private async recordInteractionChecklist(
    manager: EntityManager,
    ticket: LockedTicket,
    staff: AuthenticatedStaff,
    input: { checklist?: ChecklistSubmission; outcome?: InteractionOutcome; note?: string },
    now: Date,
  ): Promise<void> {
    if (!input.checklist) {
      if (input.outcome || input.note) throw new RuleError('validation_failed', 'An outcome or note goes with the interaction checklist; send checklist too');
      return;
    }
    if (!input.outcome) throw new RuleError('validation_failed', 'The interaction checklist needs an outcome');
    const subject = {
      kind: 'interaction' as const,
      officeId: ticket.office_id,
      ticketId: ticket.id,
      counterId: ticket.counter_id,
      subjectStaffId: ticket.staff_id ?? staff.id,
      outcome: input.outcome,
      note: input.note || null,
    };
    await this.checklists.record(manager, subject, input.checklist, staff, now);
  }

  private async transferChanges(manager: EntityManager, ticket: LockedTicket, serviceId: string) {
    const [target] = await manager.query<{ id: string; name: string; active: boolean; max_wait_minutes: number; priority_max_wait_minutes: number }[]>(
      `SELECT s.id, s.name, s.active, s.max_wait_minutes, o.priority_max_wait_minutes
       FROM services s JOIN offices o ON o.id = s.office_id WHERE s.id = $1 AND s.office_id = $2`,
      [serviceId, ticket.office_id],
    );
    if (!target) throw new NotFoundError(`No service with the id "${serviceId}" in this office`);
    if (target.id === ticket.service_id) throw new RuleError('same_service', 'The ticket is already in this service');
    if (!target.active) throw new RuleError('service_inactive', `${target.name} is not open for tickets`);
    // The ticket keeps its issued-at: it is due by the new service's standard, counted from the kiosk.
    const due = new Date(dueTime(ticket.issued_at.getTime(), target.max_wait_minutes, ticket.priority, target.priority_max_wait_minutes));
    return {
      changes: { service_id: target.id, due_at: due, counter_id: null, staff_id: null, called_at: null, started_at: null },
      payload: { fromServiceId: ticket.service_id, toServiceId: target.id, fromCounterId: ticket.counter_id },
      fromServiceId: ticket.service_id,
    };
  }

  /**
   * Locks a ticket, lets `authorize` refuse the caller, asks the domain whether `action` is legal from its status (409 naming
   * the status if not), writes the new status with `decide`'s changes and the event in one
   * transaction, then publishes the event.
   */
  private async transition(
    ticketId: string,
    action: TicketAction,
    actor: Actor,
    authorize: (ticket: LockedTicket) => void,
    decide: (
      ticket: LockedTicket,
      manager: EntityManager,
      now: Date,
    ) => Promise<{ changes: TicketChanges; payload: Record<string, unknown>; call?: 'recall'; fromServiceId?: string }> | { changes: TicketChanges; payload: Record<string, unknown>; call?: 'recall'; fromServiceId?: string },
  ): Promise<TicketChange> {
    const now = this.clock.now();
    const { officeId, change } = await this.db.transaction(async (manager) => {
      const ticket = await this.lockTicket(manager, ticketId);
      authorize(ticket);
      const status = nextStatus(ticket.status, action);
      const decision = await decide(ticket, manager, now);
      await this.updateTicket(manager, ticket.id, { status, ...decision.changes });
      const row = (await readTicketRow(manager, ticket.id))!;
      const type = EVENT_FOR_ACTION[action];
      const change = await this.recordEvent(manager, row, type, actor, now, decision.payload, {
        counterId: ticket.counter_id ?? row.counter_id,
        call: decision.call === 'recall',
        fromServiceId: decision.fromServiceId ?? null,
      });
      return { officeId: ticket.office_id, change };
    });
    this.publisher.publish(officeId, change);
    return change;
  }

  private async claimNext(manager: EntityManager, counter: LockedCounter, priorityOnly: boolean): Promise<string | null> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM tickets
       WHERE office_id = $1 AND status = 'waiting' AND service_id = ANY($2::uuid[]) ${priorityOnly ? 'AND priority IS NOT NULL' : ''}
       ORDER BY due_at, issued_at, issue_order
       LIMIT 1
       FOR UPDATE SKIP LOCKED`,
      [counter.office_id, counter.service_ids],
    );
    return row?.id ?? null;
  }

  private async markCalled(
    manager: EntityManager,
    ticketId: string,
    counter: LockedCounter,
    staff: AuthenticatedStaff,
    now: Date,
    payload: Record<string, unknown>,
  ): Promise<{ officeId: string; change: TicketChange }> {
    // The ticket is served by the officer whose session it is, even when a supervisor clicks.
    const servingStaffId = counter.session_staff_id ?? staff.id;
    await this.updateTicket(manager, ticketId, { status: 'called', counter_id: counter.id, staff_id: servingStaffId, called_at: now });
    const row = (await readTicketRow(manager, ticketId))!;
    const change = await this.recordEvent(manager, row, TicketEventType.called, { kind: 'staff', staffId: staff.id }, now, payload, {
      counterId: counter.id,
      call: true,
    });
    return { officeId: counter.office_id, change };
  }

  private async lockTicket(manager: EntityManager, ticketId: string): Promise<LockedTicket> {
    const [ticket] = await manager.query<LockedTicket[]>(
      `SELECT id, office_id, service_id, status, priority, issued_at, service_day::text AS service_day, counter_id, staff_id, tracking_code
       FROM tickets WHERE id = $1 FOR UPDATE`,
      [ticketId],
    );
    if (!ticket) throw new NotFoundError(`No ticket with the id "${ticketId}"`);
    return ticket;
  }

  private async updateTicket(manager: EntityManager, ticketId: string, changes: TicketChanges): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [ticketId];
    for (const [column, value] of Object.entries(changes)) {
      if (typeof value === 'function') {
        sets.push(`${column} = ${(value as () => string)()}`);
      } else {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      }
    }
    await manager.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $1`, values);
  }

  /** Appends the event row, with the office's next sequence number, and returns what goes on the wire. */
  private async recordEvent(
    manager: EntityManager,
    row: TicketViewRow,
    type: TicketEventType,
    actor: Actor,
    now: Date,
    payload: Record<string, unknown>,
    options: { counterId?: string | null; call?: boolean; fromServiceId?: string | null } = {},
  ): Promise<TicketChange> {
    const officeId = row.office_id;
    const seq = await nextOfficeSeq(manager, officeId);
    await manager.query(
      `INSERT INTO ticket_events (ticket_id, office_id, type, at, actor_kind, actor_staff_id, counter_id, service_id, payload, seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [row.id, officeId, type, now, actor.kind, actor.staffId, options.counterId ?? null, row.service_id, JSON.stringify(payload), seq],
    );
    return {
      seq,
      at: now.toISOString(),
      kind: 'ticket',
      type,
      ticket: toTicketView(row),
      call: options.call ? toCallView(row, now, type === TicketEventType.recalled) : null,
      fromServiceId: options.fromServiceId ?? null,
    };
  }

  private async findByIdempotencyKey(officeId: string, key: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }[]>('SELECT id FROM tickets WHERE office_id = $1 AND idempotency_key = $2', [officeId, key]);
    return row?.id ?? null;
  }

  private async trackedView(ticketId: string, knownOffice?: IssuingOffice): Promise<TrackedTicketView> {
    const manager = this.db.manager;
    const [row] = await manager.query<(TicketViewRow & { tracking_code: string; service_name: string; survey_submitted: boolean })[]>(
      `SELECT v.*, t.tracking_code, s.name AS service_name,
              EXISTS (SELECT 1 FROM satisfaction_surveys ss WHERE ss.ticket_id = v.id) AS survey_submitted
       FROM (${TICKET_VIEW_SELECT} WHERE t.id = $1) v JOIN tickets t ON t.id = v.id JOIN services s ON s.id = v.service_id`,
      [ticketId],
    );
    const office = knownOffice ?? (await this.offices.byId(row.office_id));
    let place: number | null = null;
    let estimate: number | null = null;
    if (row.status === 'waiting') {
      const [{ ahead }] = await manager.query<{ ahead: number }[]>(
        `SELECT count(*)::int AS ahead FROM tickets w
         WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) < ($2, $3, $4)`,
        [row.service_id, row.due_at, row.issued_at, row.issue_order],
      );
      place = ahead + 1;
      const forecast = await this.forecasts.forOffice(office);
      estimate = forecastWaitFor(forecast, { id: row.id, serviceId: row.service_id, priority: row.priority }, this.clock.now().getTime());
    }
    return {
      ...toTicketView(row),
      trackingCode: row.tracking_code,
      officeSlug: office.slug,
      officeName: office.name,
      serviceName: row.service_name,
      counterName: row.counter_name,
      placeInQueue: place,
      estimatedWaitMinutes: estimate,
      surveySubmitted: row.survey_submitted,
    };
  }
}

/** How old (real time) a forecast may be to answer a ticket just issued. */
const ISSUE_FORECAST_AGE_MS = 1000;

const EVENT_FOR_ACTION: Record<TicketAction, TicketEventType> = {
  call: TicketEventType.called,
  recall: TicketEventType.recalled,
  start: TicketEventType.started,
  finish: TicketEventType.finished,
  return: TicketEventType.returned,
  no_show: TicketEventType.noShow,
  reinstate: TicketEventType.reinstated,
  transfer: TicketEventType.transferred,
  cancel: TicketEventType.cancelled,
};

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
