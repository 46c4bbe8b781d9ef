import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ChecklistSubmission,
  type InteractionOutcome,
  NotFoundError,
  type PriorityCategory,
  RuleError,
  assertIssuable,
  assertCanServeToday,
  closureDuring,
  restOfToday,
  assertIssuingOpen,
  DEFAULT_ISSUE_CUTOFF_MINUTES,
  type TicketAction,
  type TicketChange,
  TicketEventType,
  type TicketView,
  type TrackedTicketView,
  type WaitRangeView,
  agencyGoverningTicketAction,
  assertAgencyScope,
  isTicketActionAtCounter,
  assertNoShowAllowed,
  assertNoShowUndoable,
  assertReinstatable,
  assertServes,
  dueTime,
  forecastRangeFor,
  forecastWaitFor,
  nextStatus,
  serviceDay,
} from '@loket/domain';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { assertCounterAction, assertCounterFree, lockCounter } from '../counters/counter-lock.js';
import { CountersRepository, type LockedCounter } from '../counters/counters.repository.js';
import { WaitForecastService } from '../forecast/wait-forecast.service.js';
import type { OfficeEntity } from '../offices/office.entity.js';
import { officeCalendar } from '../offices/office-views.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { type TicketViewRow, toCallView, toTicketView } from './ticket-views.js';
import {
  type IssuedRow,
  type LockedTicket,
  type TicketAgencies,
  type TicketState,
  TicketsRepository,
  isDuplicateIdempotencyKey,
} from './tickets.repository.js';
import { newTrackingCode } from './tracking-code.js';
import { TrackedTickets } from './tracked-tickets.js';
import { kioskTokenHash } from '../kiosks/kiosk-token.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';

/** Who asks for a ticket: a paired kiosk (its token) or an anonymous client, by address. */
export interface IssuingClient {
  kioskToken: string | null;
  address: string;
  /** The User-Agent header, '' when absent: with the address it tells anonymous clients apart. */
  userAgent?: string;
}

/**
 * Whom an Idempotency-Key belongs to: a paired kiosk by its device id (its retries may come
 * from a new address), anyone else by address and browser, kept only as a hash. The key is
 * looked up together with it, so presenting another client's key issues a new ticket
 * instead of revealing that client's tracking code.
 */
export function idempotencyClient(kioskId: string | null, client: IssuingClient): string {
  if (kioskId !== null) return `kiosk:${kioskId}`;
  const digest = createHash('sha256')
    .update(`${client.address}\n${client.userAgent ?? ''}`)
    .digest('base64url');
  return `anonymous:${digest}`;
}

interface Actor {
  kind: 'citizen' | 'staff';
  staffId: string | null;
}

/** What issuing and the ticket views need of an office. */
type IssuingOffice = Pick<OfficeEntity, 'id' | 'slug' | 'name' | 'address' | 'timeZone' | 'openingHours' | 'priorityMaxWaitMinutes' | 'seq'>;

/** What a transition writes besides the status; the rest of the ticket's state stays as it is. */
type TicketChanges = Partial<Omit<TicketState, 'status'>>;

interface Decision {
  changes: TicketChanges;
  payload: Record<string, unknown>;
  call?: 'recall';
  fromServiceId?: string;
}

@Injectable()
export class TicketsService {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketsRepository,
    private readonly counters: CountersRepository,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly publisher: OfficeEventsPublisher,
    private readonly checklists: ChecklistsService,
    private readonly forecasts: WaitForecastService,
    private readonly limiter: RateLimiter,
    private readonly trackedTickets: TrackedTickets,
  ) {}

  /**
   * Issues a ticket at the kiosk: two round trips, one to read the office and the service,
   * one statement that numbers, inserts and records it (`TicketsRepository.issue`). A
   * reached daily quota draws no number. An `idempotencyKey` seen before returns that same ticket.
   */
  async issue(
    officeSlug: string,
    request: { serviceId: string; priority?: PriorityCategory | null },
    idempotencyKey: string | null,
    client: IssuingClient = { kioskToken: null, address: 'unknown' },
  ): Promise<TrackedTicketView> {
    const now = this.clock.now();
    const found = await this.tickets.issueContext(officeSlug, request.serviceId, client.kioskToken === null ? null : kioskTokenHash(client.kioskToken), now);
    if (!found) throw new NotFoundError(`No office with the slug "${officeSlug}"`);
    // A paired kiosk issues as its office's device; anyone else is anonymous: limited per
    // address well below any quota, or refused where the office has turned that off.
    if (client.kioskToken !== null) {
      if (!found.kiosk_id) throw new RuleError('kiosk_not_paired', `This kiosk is not paired with ${found.name}, or its pairing was revoked`);
    } else {
      if (!found.anonymous_issue) throw new RuleError('anonymous_issue_off', `${found.name} takes tickets from its kiosks only`);
      await this.limiter.consume('issueAnonymous', `${client.address}|${found.slug}`);
    }
    const office: IssuingOffice = {
      id: found.id,
      slug: found.slug,
      name: found.name,
      address: found.address,
      timeZone: found.time_zone,
      openingHours: found.opening_hours,
      priorityMaxWaitMinutes: found.priority_max_wait_minutes,
      seq: found.seq,
    };
    const keyClient = idempotencyKey ? idempotencyClient(found.kiosk_id, client) : null;
    if (idempotencyKey && keyClient) {
      const existing = await this.tickets.idByIdempotencyKey(office.id, idempotencyKey, keyClient);
      if (existing) return this.trackedView(existing, office);
    }
    if (found.service_id === null) throw new NotFoundError(`No service with the id "${request.serviceId}" in ${office.name}`);
    const service = {
      id: found.service_id,
      code: found.service_code!,
      name: found.service_name!,
      max_wait_minutes: found.max_wait_minutes!,
      daily_quota: found.daily_quota,
      active: found.service_active!,
    };
    // No ticket an office cannot serve today: outside its hours, on a holiday, during a closure, past the cut-off.
    const calendar = officeCalendar(office, found);
    assertIssuingOpen(calendar, now.getTime(), found.issue_cutoff_minutes ?? DEFAULT_ISSUE_CUTOFF_MINUTES);
    assertIssuable({ name: service.name, active: service.active, countersServing: found.counters_serving ?? 0 });

    const priority = request.priority ?? null;
    if (found.dynamic_quota) {
      // Kuota dinamis: nor one the forecast says cannot be served before closing. Only these
      // services ask the forecast before issuing, and it must have seen every ticket issued so far
      // (the office's number as just read), or a burst at the kiosk would slip past the limit.
      const forecast = await this.forecasts.forOffice(office);
      assertCanServeToday(true, calendar, now.getTime(), {
        waitMinutes: forecastWaitFor(forecast, { serviceId: service.id, priority }, now.getTime()),
        serviceMinutes: forecast.serviceMinutes[service.id] ?? 0,
      });
    }
    const due = new Date(dueTime(now.getTime(), service.max_wait_minutes, priority, office.priorityMaxWaitMinutes));
    const trackingCode = newTrackingCode();
    let issued: IssuedRow | undefined;
    try {
      issued = await this.tickets.issue({
        officeId: office.id,
        serviceId: service.id,
        serviceCode: service.code,
        serviceDay: serviceDay(now, office.timeZone),
        dailyQuota: service.daily_quota,
        priority,
        issuedAt: now,
        dueAt: due,
        trackingCode,
        idempotencyKey,
        idempotencyClient: keyClient,
        eventType: TicketEventType.issued,
        payload: { priority },
      });
    } catch (error) {
      // Two requests with one key raced: the loser's insert hit the unique key; answer with the winner's ticket.
      if (idempotencyKey && keyClient && isDuplicateIdempotencyKey(error)) {
        const existing = await this.tickets.idByIdempotencyKey(office.id, idempotencyKey, keyClient);
        if (existing) return this.trackedView(existing, office);
      }
      throw error;
    }
    if (!issued) {
      throw new RuleError('quota_reached', `Today's quota of ${service.daily_quota} tickets for ${service.name} has been reached`, {
        dailyQuota: service.daily_quota,
      });
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
    this.trackedTickets.issued(trackingCode, { id: issued.id, office_id: office.id, office_slug: office.slug });
    this.publisher.publish(office.id, {
      seq: Number(issued.seq),
      at: now.toISOString(),
      kind: 'ticket',
      type: TicketEventType.issued,
      ticket,
      call: null,
      fromServiceId: null,
    });
    // A forecast read up to a second ago is good enough for a new ticket (its "new ticket" probe),
    // so a burst of issues does not read the whole queue once each.
    const forecast = await this.forecasts.forOffice(office, { acceptAgeMs: ISSUE_FORECAST_AGE_MS });
    const restOfDay = restOfToday(calendar, now.getTime());
    return {
      ...ticket,
      trackingCode,
      officeSlug: office.slug,
      officeName: office.name,
      officeAddress: office.address,
      officeTimeZone: office.timeZone,
      serviceName: service.name,
      counterName: null,
      placeInQueue: issued.ahead + 1,
      estimatedWaitMinutes: forecastWaitFor(forecast, ticket, this.clock.now().getTime()),
      estimatedWaitRange: forecastRangeFor(forecast, ticket, this.clock.now().getTime()),
      surveySubmitted: false,
      officeClosure: closureDuring(calendar, restOfDay.from, restOfDay.to),
    };
  }

  /** The phone page's view of a ticket, by its tracking code: from what this instance keeps (`TrackedTickets`), no query per phone. */
  track(trackingCode: string): Promise<TrackedTicketView> {
    return this.trackedTickets.track(trackingCode);
  }

  /** A citizen cancels their own waiting ticket from the phone page. */
  async cancelByCitizen(trackingCode: string): Promise<TrackedTicketView> {
    const ticketId = await this.tickets.idByTrackingCode(trackingCode);
    if (!ticketId) throw new NotFoundError('No ticket with this tracking code');
    await this.transition(
      ticketId,
      'cancel',
      { kind: 'citizen', staffId: null },
      () => undefined /* holding the code is the right */,
      () => ({ changes: {}, payload: { by: 'citizen' } }),
    );
    return this.trackedView(ticketId);
  }

  /**
   * Call-next: claims the waiting ticket this counter should serve next, or null when
   * nobody it may serve is waiting. The order (earliest due, then issued-at, then issue order) is
   * `compareForCall` of libs/domain; `TicketsRepository.claimNext` skips tickets other counters
   * are claiming at the same instant instead of waiting on them.
   */
  async callNext(counterId: string, staff: AuthenticatedStaff): Promise<TicketView | null> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      const counter = await lockCounter(this.counters, tx, counterId, staff);
      assertCounterAction(counter, 'call_next', staff);
      assertCounterFree(counter);
      await this.tickets.pinClaimPlan(tx);
      // A priority counter (loket khusus) takes priority tickets first, the rest only when none waits.
      const ticket =
        (counter.priority_only && (await this.tickets.claimNext(tx, counter.office_id, counter.service_ids, true))) ||
        (await this.tickets.claimNext(tx, counter.office_id, counter.service_ids, false));
      if (!ticket) return null;
      return this.markCalled(tx, ticket, counter, staff, now, { outOfOrder: false });
    });
    if (!result) return null;
    this.publisher.publish(result.officeId, result.change);
    return result.change.ticket;
  }

  /** Calls one waiting ticket out of order; the reason goes into the audit trail. */
  async callTicket(counterId: string, ticketId: string, reason: string, staff: AuthenticatedStaff): Promise<TicketView> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      const { counter, ticket } = await this.lockForCall(tx, counterId, ticketId, 'call', staff);
      return this.markCalled(tx, ticket, counter, staff, now, { outOfOrder: true, reason });
    });
    this.publisher.publish(result.officeId, result.change);
    return result.change.ticket;
  }

  /**
   * Undoes a no-show marked by mistake, within seconds (`assertNoShowUndoable`): the ticket is
   * called again at the same counter, with its call time as it was, and the undo is an event
   * of its own in the trail. The counter must still be open and free, and the officer the one
   * whose session it is. The counter is locked before the ticket, as call-next locks them.
   */
  async undoNoShow(ticketId: string, staff: AuthenticatedStaff): Promise<TicketView> {
    const now = this.clock.now();
    const at = await this.tickets.counterOf(ticketId);
    if (!at) throw new NotFoundError(`No ticket with the id "${ticketId}"`);
    if (!at.counter_id) throw new RuleError('undo_expired', 'This ticket is no longer at a counter; reinstate it instead');
    const counterId = at.counter_id;
    const result = await this.db.transaction(async (tx) => {
      const counter = await lockCounter(this.counters, tx, counterId, staff);
      const ticket = await this.lockTicket(tx, ticketId);
      assertOfficeAccess(staff, ticket.office_id);
      nextStatus(ticket.status, 'undo_no_show');
      if (ticket.counter_id !== counter.id) throw new RuleError('undo_expired', 'This ticket is no longer at this counter; reinstate it instead');
      assertNoShowUndoable(ticket.finished_at!.getTime(), now.getTime());
      assertCounterAction(counter, 'call', staff);
      assertCounterFree(counter);
      await this.tickets.writeState(tx, ticket.id, { ...stateOf(ticket), status: 'called', finished_at: null });
      const row = (await this.tickets.view(tx, ticket.id))!;
      const change = await this.recordEvent(tx, row, TicketEventType.noShowUndone, { kind: 'staff', staffId: staff.id }, now, {}, { counterId: counter.id });
      return { officeId: counter.office_id, change };
    });
    this.publisher.publish(result.officeId, result.change);
    return result.change.ticket;
  }

  /**
   * Brings back a no-show from today's list and calls it at this counter: reinstated to the
   * queue (`assertReinstatable`: the same office day) and called out of order, two events in
   * one transaction, the call's reason saying where it came from.
   */
  async callBack(counterId: string, ticketId: string, staff: AuthenticatedStaff): Promise<TicketView> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      const { counter, ticket } = await this.lockForCall(tx, counterId, ticketId, 'reinstate', staff);
      assertReinstatable(ticket.service_day, serviceDay(now, await this.tickets.officeTimeZone(tx, ticket.office_id)));
      const waiting: LockedTicket = { ...ticket, status: 'waiting', counter_id: null, staff_id: null, called_at: null, finished_at: null };
      await this.tickets.writeState(tx, ticket.id, stateOf(waiting));
      const row = (await this.tickets.view(tx, ticket.id))!;
      const reinstated = await this.recordEvent(tx, row, TicketEventType.reinstated, { kind: 'staff', staffId: staff.id }, now, {
        fromCounterId: ticket.counter_id,
      });
      const called = await this.markCalled(tx, waiting, counter, staff, now, { outOfOrder: true, reason: 'no_show_called_back' });
      return { officeId: counter.office_id, changes: [reinstated, called.change] };
    });
    for (const change of result.changes) this.publisher.publish(result.officeId, change);
    return result.changes[1].ticket;
  }

  /**
   * The checks before one named ticket is called at a counter (out of order, or called back
   * after a no-show): the counter locked first, as call-next locks it, open, held by this
   * officer and free; then the ticket locked, in the counter's office, allowed `action` from
   * its status, and of a service the counter serves.
   */
  private async lockForCall(
    tx: EntityManager,
    counterId: string,
    ticketId: string,
    action: 'call' | 'reinstate',
    staff: AuthenticatedStaff,
  ): Promise<{ counter: LockedCounter; ticket: LockedTicket }> {
    const counter = await lockCounter(this.counters, tx, counterId, staff);
    assertCounterAction(counter, 'call', staff);
    assertCounterFree(counter);
    const ticket = await this.lockTicket(tx, ticketId);
    if (ticket.office_id !== counter.office_id) throw new NotFoundError(`No ticket with the id "${ticketId}" in this office`);
    nextStatus(ticket.status, action);
    assertServes({ name: counter.name, serviceIds: counter.service_ids }, ticket.service_id);
    return { counter, ticket };
  }

  /** Every other transition of a ticket, by staff. */
  async act(
    ticketId: string,
    action: Exclude<TicketAction, 'call' | 'undo_no_show'>,
    staff: AuthenticatedStaff,
    input: { reason?: string; serviceId?: string; checklist?: ChecklistSubmission; outcome?: InteractionOutcome; note?: string } = {},
  ): Promise<TicketView> {
    const actor: Actor = { kind: 'staff', staffId: staff.id };
    // Who may act is checked before the status, so staff of another office learn nothing
    // about a ticket (not even its status) from its id, which the public board shows.
    const authorize = (ticket: LockedTicket & TicketAgencies): void => {
      assertOfficeAccess(staff, ticket.office_id);
      const agency = agencyGoverningTicketAction(action, { counterAgencyId: ticket.counter_agency_id, serviceAgencyId: ticket.service_agency_id });
      assertAgencyScope(staff, agency, 'This ticket');
      if (isTicketActionAtCounter(action) && staff.role === 'officer' && ticket.staff_id !== staff.id) {
        throw new RuleError('ticket_at_other_counter', 'This ticket is being handled at another counter');
      }
    };
    const change = await this.transition(ticketId, action, actor, authorize, async (ticket, tx, now): Promise<Decision> => {
      switch (action) {
        case 'recall':
          return { changes: { recall_count: ticket.recall_count + 1, called_at: now }, payload: {}, call: 'recall' };
        case 'start':
          return { changes: { started_at: now }, payload: {} };
        case 'finish':
          await this.recordInteractionChecklist(tx, ticket, staff, input, now);
          return { changes: { finished_at: now }, payload: input.outcome ? { outcome: input.outcome } : {} };
        case 'return':
          return { changes: { counter_id: null, staff_id: null, called_at: null }, payload: { fromCounterId: ticket.counter_id } };
        case 'no_show':
          // The citizen gets the office's minutes from the last call (a recall is a call) to reach the counter.
          assertNoShowAllowed(ticket.called_at!.getTime(), now.getTime(), await this.tickets.noShowAfterMinutes(tx, ticket.office_id));
          return { changes: { finished_at: now }, payload: {} };
        case 'reinstate': {
          assertReinstatable(ticket.service_day, serviceDay(now, await this.tickets.officeTimeZone(tx, ticket.office_id)));
          return { changes: { counter_id: null, staff_id: null, called_at: null, finished_at: null }, payload: {} };
        }
        case 'cancel':
          return { changes: { finished_at: now }, payload: { by: 'staff', reason: input.reason } };
        case 'transfer':
          return this.transferChanges(tx, ticket, input.serviceId!);
      }
    });
    return change.ticket;
  }

  /** The interaction checklist, when sent, is stored in the finish's own transaction. */
  private async recordInteractionChecklist(
    tx: EntityManager,
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
    await this.checklists.record(tx, subject, input.checklist, staff, now);
  }

  private async transferChanges(tx: EntityManager, ticket: LockedTicket, serviceId: string): Promise<Decision> {
    const target = await this.tickets.transferTarget(tx, serviceId, ticket.office_id);
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
    authorize: (ticket: LockedTicket & TicketAgencies) => void,
    decide: (ticket: LockedTicket, tx: EntityManager, now: Date) => Promise<Decision> | Decision,
  ): Promise<TicketChange> {
    const now = this.clock.now();
    const { officeId, change } = await this.db.transaction(async (tx) => {
      const ticket = await this.lockTicket(tx, ticketId);
      authorize(ticket);
      const status = nextStatus(ticket.status, action);
      const decision = await decide(ticket, tx, now);
      await this.tickets.writeState(tx, ticket.id, { ...stateOf(ticket), ...decision.changes, status });
      const row = (await this.tickets.view(tx, ticket.id))!;
      const type = EVENT_FOR_ACTION[action];
      const change = await this.recordEvent(tx, row, type, actor, now, decision.payload, {
        counterId: ticket.counter_id ?? row.counter_id,
        call: decision.call === 'recall',
        fromServiceId: decision.fromServiceId ?? null,
      });
      return { officeId: ticket.office_id, change };
    });
    this.publisher.publish(officeId, change);
    return change;
  }

  private async markCalled(
    tx: EntityManager,
    ticket: LockedTicket,
    counter: LockedCounter,
    staff: AuthenticatedStaff,
    now: Date,
    payload: Record<string, unknown>,
  ): Promise<{ officeId: string; change: TicketChange }> {
    // The ticket is served by the officer whose session it is, even when a supervisor clicks.
    const servingStaffId = counter.session_staff_id ?? staff.id;
    await this.tickets.writeState(tx, ticket.id, { ...stateOf(ticket), status: 'called', counter_id: counter.id, staff_id: servingStaffId, called_at: now });
    const row = (await this.tickets.view(tx, ticket.id))!;
    const change = await this.recordEvent(tx, row, TicketEventType.called, { kind: 'staff', staffId: staff.id }, now, payload, {
      counterId: counter.id,
      call: true,
    });
    return { officeId: counter.office_id, change };
  }

  private async lockTicket(tx: EntityManager, ticketId: string): Promise<LockedTicket & TicketAgencies> {
    const ticket = await this.tickets.lock(tx, ticketId);
    if (!ticket) throw new NotFoundError(`No ticket with the id "${ticketId}"`);
    return ticket;
  }

  /**
   * Appends the event row, with the office's next sequence number, and returns what goes on
   * the wire. The last statement of a change: the office's sequence lock it takes is held to
   * COMMIT, and every change in the office waits for it.
   */
  private async recordEvent(
    tx: EntityManager,
    row: TicketViewRow,
    type: TicketEventType,
    actor: Actor,
    now: Date,
    payload: Record<string, unknown>,
    options: { counterId?: string | null; call?: boolean; fromServiceId?: string | null } = {},
  ): Promise<TicketChange> {
    const officeId = row.office_id;
    const seq = await this.tickets.recordEvent(tx, {
      ticketId: row.id,
      officeId,
      type,
      at: now,
      actorKind: actor.kind,
      actorStaffId: actor.staffId,
      counterId: options.counterId ?? null,
      serviceId: row.service_id,
      payload,
    });
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

  private async trackedView(ticketId: string, knownOffice?: IssuingOffice): Promise<TrackedTicketView> {
    const row = (await this.tickets.tracked(ticketId))!;
    const office = knownOffice ?? (await this.offices.byId(row.office_id));
    let place: number | null = null;
    let estimate: number | null = null;
    let range: WaitRangeView | null = null;
    if (row.status === 'waiting') {
      place = (await this.tickets.countAhead(row)) + 1;
      const forecast = await this.forecasts.forOffice(office);
      const ticket = { id: row.id, serviceId: row.service_id, priority: row.priority };
      estimate = forecastWaitFor(forecast, ticket, this.clock.now().getTime());
      range = forecastRangeFor(forecast, ticket, this.clock.now().getTime());
    }
    return {
      ...toTicketView(row),
      trackingCode: row.tracking_code,
      officeSlug: office.slug,
      officeName: office.name,
      officeAddress: office.address,
      officeTimeZone: office.timeZone,
      serviceName: row.service_name,
      counterName: row.counter_name,
      placeInQueue: place,
      estimatedWaitMinutes: estimate,
      estimatedWaitRange: range,
      surveySubmitted: row.survey_submitted,
      // The phone page reads its ticket through `track`, which says so; this answer (a repeated issue, a cancel) needs not.
      officeClosure: null,
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
  undo_no_show: TicketEventType.noShowUndone,
  transfer: TicketEventType.transferred,
  cancel: TicketEventType.cancelled,
};

function stateOf(ticket: LockedTicket): TicketState {
  const { status, service_id, due_at, counter_id, staff_id, called_at, started_at, finished_at, recall_count } = ticket;
  return { status, service_id, due_at, counter_id, staff_id, called_at, started_at, finished_at, recall_count };
}
