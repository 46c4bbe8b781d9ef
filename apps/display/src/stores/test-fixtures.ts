// Builders for the store specs: a small office snapshot and the events that change it, on
// the domain's builders (@loket/domain/testing) with this app's ids and numbering.
import type { CallView, CounterView, OfficeSnapshot, ServiceView, TicketChange, TicketEventType, TicketView } from '@loket/domain';
import { counterView, officeSnapshot, officeView, serviceStandard, serviceView, ticketView } from '@loket/domain/testing';

export const T0 = Date.parse('2026-11-30T01:00:00.000Z');
export const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

export function service(id: string, code: string, overrides: Partial<ServiceView> = {}): ServiceView {
  return serviceView({ id, code, averageServiceMinutes: 10, ...overrides });
}

export function counter(id: string, number: number, serviceIds: string[], state: CounterView['state'] = 'open'): CounterView {
  return counterView({ id, number, serviceIds, state, sessionId: state === 'closed' ? null : `s-${id}` });
}

export function ticket(n: number, serviceId = 'svc-a', overrides: Partial<TicketView> = {}): TicketView {
  return ticketView({
    id: `t-${n}`,
    number: `A-${String(n % 1000).padStart(3, '0')}`,
    serviceId,
    issuedAt: iso(n),
    dueAt: iso(n + 30),
    issueOrder: n,
    ...overrides,
  });
}

export function snapshot(overrides: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
  return officeSnapshot({
    seq: 10,
    office: officeView({ id: 'office-1' }),
    services: [service('svc-a', 'A', { standard: serviceStandard({ dailyQuota: 3 }) }), service('svc-b', 'B')],
    counters: [counter('c-1', 1, ['svc-a']), counter('c-2', 2, ['svc-a', 'svc-b'])],
    ...overrides,
  });
}

export function callOf(t: TicketView, counterId: string, counterNumber: number, recall = false): CallView {
  return {
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    counterId,
    counterNumber,
    counterName: `Loket ${counterNumber}`,
    at: t.calledAt ?? iso(0),
    recall,
  };
}

export function change(seq: number, type: TicketEventType, t: TicketView, call: CallView | null = null): TicketChange {
  return { seq, at: iso(seq), kind: 'ticket', type, ticket: t, call, fromServiceId: null };
}
