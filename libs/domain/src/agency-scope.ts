/**
 * Agency scope (issue 20): a staff member confined to one agency of their office (an agency
 * supervisor, or an officer of that agency) acts on that agency's counters and sees its
 * services, and no other's. Admins and unconfined staff keep the whole office.
 */
import { RuleError } from './errors.js';
import type { OfficeEvent } from './realtime.js';
import type { TicketAction } from './ticket-lifecycle.js';
import { type SupervisionState, recordOfficeEvent } from './supervision-figures.js';
import type { OfficeSnapshot, StaffView } from './views.js';

/** Null: the whole office (or every office for an admin); else the one agency the member may act for. */
export function agencyScopeOf(staff: Pick<StaffView, 'role' | 'agencyId'>): string | null {
  return staff.role === 'admin' ? null : staff.agencyId;
}

/** Refuses, 403 `not_your_agency`, an action on a counter or service of another agency than the member's. */
export function assertAgencyScope(staff: Pick<StaffView, 'role' | 'agencyId'>, agencyId: string, subject: string): void {
  const scope = agencyScopeOf(staff);
  if (scope !== null && scope !== agencyId) throw new RuleError('not_your_agency', `${subject} belongs to another agency`);
}

/** The services and counters one agency owns in an office: what its scoped reads keep. */
export interface AgencyHoldingIds {
  agencyId: string;
  serviceIds: ReadonlySet<string>;
  counterIds: ReadonlySet<string>;
}

export function agencyHoldingIds(office: Pick<OfficeSnapshot, 'services' | 'counters'>, agencyId: string): AgencyHoldingIds {
  return {
    agencyId,
    serviceIds: new Set(office.services.filter((service) => service.agencyId === agencyId).map((service) => service.id)),
    counterIds: new Set(office.counters.filter((counter) => counter.agencyId === agencyId).map((counter) => counter.id)),
  };
}

/**
 * Whether a ticket, or a record of it, is the agency's business: a ticket of one of its
 * services, or one at one of its counters (a counter may serve another agency's service, and
 * whoever supervises the counter sees who it served). A ticket transferred to another agency
 * stays in the records of the counter it left and joins the new agency's queue.
 */
export function ticketWithinAgency(ticket: { serviceId: string; counterId: string | null }, holdings: AgencyHoldingIds): boolean {
  return holdings.serviceIds.has(ticket.serviceId) || (ticket.counterId !== null && holdings.counterIds.has(ticket.counterId));
}

/**
 * Narrows a supervision state, in place, to one agency: the office as if it held that agency
 * only (its services, counters, queue, calls, staffing and records). The supervisor screen
 * calls it after each live event, since the office's public feed carries every agency's
 * events; the API calls it on a copy (`scopeSupervisionState`). Which services and counters
 * are the agency's is read from the state itself: a move between agencies changes the
 * office's number without an event, so the screen takes a fresh snapshot.
 */
export function keepAgencyScope(state: SupervisionState, holdings: AgencyHoldingIds): void {
  const office = state.office;
  office.agencies = office.agencies.filter((agency) => agency.id === holdings.agencyId);
  office.services = office.services.filter((service) => holdings.serviceIds.has(service.id));
  office.counters = office.counters.filter((counter) => holdings.counterIds.has(counter.id));
  office.waiting = office.waiting.filter((ticket) => ticketWithinAgency(ticket, holdings));
  office.recentCalls = office.recentCalls.filter((call) => ticketWithinAgency(call, holdings));
  state.staffing = state.staffing.filter((entry) => holdings.counterIds.has(entry.counterId));
  state.ticketEvents = state.ticketEvents.filter((record) => ticketWithinAgency(record, holdings));
  state.counterEvents = state.counterEvents.filter((record) => holdings.counterIds.has(record.counterId));
}

/** A copy of the state narrowed to the agency (`keepAgencyScope`); the state given is left as it is. */
export function scopeSupervisionState(state: SupervisionState, agencyId: string): SupervisionState {
  const scoped: SupervisionState = { ...state, office: { ...state.office } };
  keepAgencyScope(scoped, agencyHoldingIds(state.office, agencyId));
  return scoped;
}

/**
 * What a staff member may read of a supervision state: all of it, or their agency's part.
 * Every supervisor read of the live state goes through here (the API's snapshot, HTTP and socket).
 */
export function supervisionStateFor(staff: Pick<StaffView, 'role' | 'agencyId'>, state: SupervisionState): SupervisionState {
  const scope = agencyScopeOf(staff);
  return scope === null ? state : scopeSupervisionState(state, scope);
}

/**
 * Refuses, 403 `not_your_agency`, an agency member's read or action on something of another
 * agency, or of the whole office (`agencyId` null: a failing webhook, a complaint about no
 * service, the office's IKM publication, its end of day): those are for the office's own supervisors.
 */
export function assertWithinAgencyScope(staff: Pick<StaffView, 'role' | 'agencyId'>, agencyId: string | null, subject: string): void {
  const scope = agencyScopeOf(staff);
  if (scope !== null && agencyId !== scope) throw new RuleError('not_your_agency', `${subject} belongs to another agency or to the whole office`);
}

/**
 * Adds a live event to a supervision state's records (`recordOfficeEvent`, after
 * `applyOfficeEvent`), keeping the state narrowed to the agency when it is (`holdings`).
 * True when a fresh snapshot is needed: a counter in view opened by an officer the records do
 * not name yet (another agency's counter opening needs nothing).
 */
export function recordScopedOfficeEvent(state: SupervisionState, event: OfficeEvent, holdings: AgencyHoldingIds | null): boolean {
  const wantsSnapshot = recordOfficeEvent(state, event);
  if (holdings === null) return wantsSnapshot;
  keepAgencyScope(state, holdings);
  return wantsSnapshot && event.kind === 'counter' && holdings.counterIds.has(event.counter.id);
}

/** The ticket actions taken at the counter holding the ticket; the others (cancel, reinstate) act on its queue. */
export const TICKET_ACTIONS_AT_COUNTER: readonly TicketAction[] = ['recall', 'start', 'finish', 'return', 'no_show', 'transfer'];

export function isTicketActionAtCounter(action: TicketAction): boolean {
  return TICKET_ACTIONS_AT_COUNTER.includes(action);
}

/**
 * Which agency a ticket action answers to: at a counter, the counter's (a counter may serve
 * another agency's service, and its supervisor runs it); in a queue, the service's.
 */
export function agencyGoverningTicketAction(action: TicketAction, ticket: { counterAgencyId: string | null; serviceAgencyId: string }): string {
  return isTicketActionAtCounter(action) && ticket.counterAgencyId !== null ? ticket.counterAgencyId : ticket.serviceAgencyId;
}
