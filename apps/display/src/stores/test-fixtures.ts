// Builders for the store specs: a small office snapshot and the events that change it.
import type { CallView, CounterView, OfficeSnapshot, ServiceView, TicketChange, TicketEventType, TicketView } from '@loket/domain';

export const T0 = Date.parse('2026-11-30T01:00:00.000Z');
export const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

export function service(id: string, code: string, overrides: Partial<ServiceView> = {}): ServiceView {
  return {
    id,
    code,
    name: `Layanan ${code}`,
    active: true,
    standard: { maxWaitMinutes: 30, serviceTimeMinutes: 10, costRupiah: 0, requirements: [], completionTime: '', dailyQuota: null },
    waitingCount: 0,
    countersOpen: 0,
    issuedToday: 0,
    quotaReached: false,
    averageServiceMinutes: 10,
    estimatedWaitMinutes: null,
    ...overrides,
  };
}

export function counter(id: string, number: number, serviceIds: string[], state: CounterView['state'] = 'open'): CounterView {
  return { id, number, name: `Loket ${number}`, priorityOnly: false, serviceIds, state, pauseReason: null, sessionId: state === 'closed' ? null : `s-${id}`, currentTicket: null };
}

export function ticket(n: number, serviceId = 'svc-a', overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: `t-${n}`,
    number: `A-${String(n % 1000).padStart(3, '0')}`,
    serviceId,
    serviceCode: 'A',
    priority: null,
    status: 'waiting',
    issuedAt: iso(n),
    dueAt: iso(n + 30),
    issueOrder: n,
    counterId: null,
    counterNumber: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    ...overrides,
  };
}

export function snapshot(overrides: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
  return {
    seq: 10,
    at: iso(0),
    office: { id: 'office-1', slug: 'kantor', name: 'Kantor Uji', timeZone: 'Asia/Jakarta', openingHours: [], priorityMaxWaitMinutes: 10 },
    services: [service('svc-a', 'A', { standard: { maxWaitMinutes: 30, serviceTimeMinutes: 10, costRupiah: 0, requirements: [], completionTime: '', dailyQuota: 3 } }), service('svc-b', 'B')],
    counters: [counter('c-1', 1, ['svc-a']), counter('c-2', 2, ['svc-a', 'svc-b'])],
    waiting: [],
    recentCalls: [],
    ...overrides,
  };
}

export function callOf(t: TicketView, counterId: string, counterNumber: number, recall = false): CallView {
  return { ticketId: t.id, number: t.number, serviceId: t.serviceId, counterId, counterNumber, counterName: `Loket ${counterNumber}`, at: t.calledAt ?? iso(0), recall };
}

export function change(seq: number, type: TicketEventType, t: TicketView, call: CallView | null = null): TicketChange {
  return { seq, at: iso(seq), kind: 'ticket', type, ticket: t, call, fromServiceId: null };
}
