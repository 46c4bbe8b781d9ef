import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  NotFoundError,
  type OfficeSnapshot,
  type TicketView,
  type TrackedTicketView,
  type WaitRangeView,
  TicketStatus,
  forecastRangeFor,
  forecastWaitFor,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { WaitForecastService } from '../forecast/wait-forecast.service.js';
import { OfficeChanges } from '../offices/office-changes.js';
import { OfficeSnapshotCache } from '../offices/office-snapshot-cache.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { toTicketView } from './ticket-views.js';
import { type TrackingCodeRow, TicketsRepository } from './tickets.repository.js';

/** Codes remembered, found or not; past this many the oldest are forgotten (and read again if asked). */
const MAX_CODES = 100_000;
/** Tickets no longer in the queue or at a counter whose view is kept. */
const MAX_ENDED = 20_000;

interface Ended {
  officeId: string;
  view: TrackedTicketView;
}

/**
 * The phone page's view of a ticket (`GET /tickets/track/:code`), answered from what this
 * instance keeps rather than read per request: a thousand phones polling cost no query.
 *
 * - A code is looked up in the database once (its ticket and office), then remembered,
 *   and so is a code that matched no ticket: codes are random and about 99 bits, so one
 *   unknown now is unknown for good (no phone learns a code before its ticket is issued).
 *   A code never asked before must be read once: its ticket may have been issued before
 *   this process started, or on another instance. The `track` rate limit bounds how many
 *   such first reads one address can cause.
 * - A ticket waiting or at a counter is read from the office's shared snapshot
 *   (`OfficeSnapshotCache`, current with every number announced for the office): its place
 *   is its position among its service's waiting tickets there, its estimate the office's
 *   forecast (`WaitForecastService`, read once per change of the office, not per phone).
 * - A ticket that has left both (done, no-show, cancelled) is read once and its view kept
 *   until an event of this instance touches it, a survey is sent for it, or the office
 *   changes by a number this instance published no event for (another instance, the set-up).
 * - A ticket the snapshot does not show yet but the database has in the queue (a change of
 *   another instance not relayed yet) is answered from the database, and nothing is kept.
 */
@Injectable()
export class TrackedTickets implements OnApplicationBootstrap {
  private readonly codes = new Map<string, TrackingCodeRow | null>();
  private readonly ended = new Map<string, Ended>();
  /** Lookups of a code under way: phones polling the same new code share one. */
  private readonly lookups = new Map<string, Promise<TrackingCodeRow | null>>();
  /** The number this instance announced last per office, until its event is published. */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly tickets: TicketsRepository,
    private readonly snapshots: OfficeSnapshotCache,
    private readonly forecasts: WaitForecastService,
    private readonly changes: OfficeChanges,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    // An event published here is announced just before it is published, in the same turn;
    // a number announced with no event after it (another instance, the set-up) may have
    // changed any ticket of the office: its ended views are read again.
    this.changes.onChange((officeId, seq) => {
      this.announced.set(officeId, seq);
      queueMicrotask(() => {
        if (this.announced.get(officeId) !== seq) return;
        this.announced.delete(officeId);
        this.forgetOffice(officeId);
      });
    });
    this.moduleRef.get(OfficeEventsPublisher, { strict: false }).onPublish((officeId, event) => {
      if (this.announced.get(officeId) === event.seq) this.announced.delete(officeId);
      if (event.kind === 'ticket') this.ended.delete(event.ticket.id);
    });
  }

  /** A ticket just issued here: its code needs no lookup. */
  issued(code: string, row: TrackingCodeRow): void {
    this.remember(code, row);
  }

  /** A survey was sent for the ticket with this code: its kept view says so no more. */
  surveyed(code: string): void {
    const row = this.codes.get(code);
    if (row) this.ended.delete(row.id);
  }

  async track(code: string): Promise<TrackedTicketView> {
    let row = await this.lookup(code);
    if (!row) throw new NotFoundError('No ticket with this tracking code');
    let snapshot: OfficeSnapshot;
    try {
      snapshot = await this.snapshots.snapshot(row.office_slug);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      // The office's slug changed since the code was looked up: look it up again.
      this.codes.delete(code);
      row = await this.lookup(code);
      if (!row) throw new NotFoundError('No ticket with this tracking code');
      snapshot = await this.snapshots.snapshot(row.office_slug);
    }
    const live = liveTicket(snapshot, row.id);
    if (live) return this.liveView(code, live, snapshot);
    const kept = this.ended.get(row.id);
    if (kept) return kept.view;
    return this.readEnded(code, row, snapshot);
  }

  private async liveView(code: string, ticket: TicketView, snapshot: OfficeSnapshot): Promise<TrackedTicketView> {
    let place: number | null = null;
    let estimate: number | null = null;
    let range: WaitRangeView | null = null;
    if (ticket.status === TicketStatus.waiting) {
      place = 1;
      for (const other of snapshot.waiting) {
        if (other.id === ticket.id) break;
        if (other.serviceId === ticket.serviceId) place += 1;
      }
      const forecast = await this.forecasts.forOffice({ ...snapshot.office, seq: snapshot.seq });
      const now = this.clock.now().getTime();
      estimate = forecastWaitFor(forecast, ticket, now);
      range = forecastRangeFor(forecast, ticket, now);
    }
    const office = snapshot.office;
    return {
      ...ticket,
      trackingCode: code,
      officeSlug: office.slug,
      officeName: office.name,
      officeAddress: office.address,
      officeTimeZone: office.timeZone,
      serviceName: snapshot.services.find((service) => service.id === ticket.serviceId)?.name ?? '',
      counterName: ticket.counterId === null ? null : (snapshot.counters.find((counter) => counter.id === ticket.counterId)?.name ?? null),
      placeInQueue: place,
      estimatedWaitMinutes: estimate,
      estimatedWaitRange: range,
      surveySubmitted: false,
      officeClosure: snapshot.calendar.closureToday,
    };
  }

  /** A ticket the snapshot does not show: ended (kept from now on), or one the snapshot has not seen yet (read as it is). */
  private async readEnded(code: string, row: TrackingCodeRow, snapshot: OfficeSnapshot): Promise<TrackedTicketView> {
    const seq = snapshot.seq;
    const knownBefore = this.changes.knownSeq(row.office_id);
    const tracked = await this.tickets.tracked(row.id);
    if (!tracked) throw new NotFoundError('No ticket with this tracking code');
    const office = snapshot.office;
    const view: TrackedTicketView = {
      ...toTicketView(tracked),
      trackingCode: code,
      officeSlug: office.slug,
      officeName: office.name,
      officeAddress: office.address,
      officeTimeZone: office.timeZone,
      serviceName: tracked.service_name,
      counterName: tracked.counter_name,
      placeInQueue: null,
      estimatedWaitMinutes: null,
      estimatedWaitRange: null,
      surveySubmitted: tracked.survey_submitted,
      officeClosure: null,
    };
    const inQueue = view.status === TicketStatus.waiting || view.status === TicketStatus.called || view.status === TicketStatus.serving;
    if (inQueue) {
      view.officeClosure = snapshot.calendar.closureToday;
      // Not in the snapshot yet (a change it has not seen): answered as read, place and all.
      if (view.status === TicketStatus.waiting) {
        view.placeInQueue = (await this.tickets.countAhead(tracked)) + 1;
        const forecast = await this.forecasts.forOffice({ ...office, seq });
        view.estimatedWaitMinutes = forecastWaitFor(forecast, view, this.clock.now().getTime());
        view.estimatedWaitRange = forecastRangeFor(forecast, view, this.clock.now().getTime());
      }
      return view;
    }
    // Kept unless the office changed while it was read: an event about it may have come before the read ended.
    if (this.changes.knownSeq(row.office_id) === knownBefore) {
      if (this.ended.size >= MAX_ENDED) this.ended.delete(this.ended.keys().next().value!);
      this.ended.set(row.id, { officeId: row.office_id, view });
    }
    return view;
  }

  private lookup(code: string): Promise<TrackingCodeRow | null> {
    if (this.codes.has(code)) return Promise.resolve(this.codes.get(code)!);
    let pending = this.lookups.get(code);
    if (!pending) {
      pending = this.tickets
        .byTrackingCode(code)
        .then((row) => (this.remember(code, row), row))
        .finally(() => this.lookups.delete(code));
      this.lookups.set(code, pending);
    }
    return pending;
  }

  private remember(code: string, row: TrackingCodeRow | null): void {
    if (this.codes.size >= MAX_CODES && !this.codes.has(code)) this.codes.delete(this.codes.keys().next().value!);
    this.codes.set(code, row);
  }

  private forgetOffice(officeId: string): void {
    for (const [ticketId, kept] of this.ended) if (kept.officeId === officeId) this.ended.delete(ticketId);
  }
}

/** The ticket as the snapshot shows it: waiting, or at a counter; null when it is neither. */
function liveTicket(snapshot: OfficeSnapshot, ticketId: string): TicketView | null {
  return (
    snapshot.waiting.find((ticket) => ticket.id === ticketId) ??
    snapshot.counters.find((counter) => counter.currentTicket?.id === ticketId)?.currentTicket ??
    null
  );
}
