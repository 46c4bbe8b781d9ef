import { createPinia, setActivePinia } from 'pinia';
import type { CounterView, OfficeSnapshot, TicketChange, TicketView } from '@loket/domain';
import { counterView, officeSnapshot, officeView, ticketView } from '@loket/domain/testing';
import { useOfficeStore } from './office-store';

const at = '2026-11-30T01:00:00.000Z';
const minutes = (n: number) => new Date(Date.parse(at) + n * 60_000).toISOString();

const ticket = (id: string, overrides: Partial<TicketView> = {}): TicketView =>
  ticketView({ id, number: id.toUpperCase(), issuedAt: at, dueAt: minutes(30), ...overrides });

const counter = (id: string, serviceIds: string[], overrides: Partial<CounterView> = {}): CounterView =>
  counterView({ id, name: `Loket ${id}`, serviceIds, sessionId: 's', ...overrides });

const snapshot = (seq: number, waiting: TicketView[], counters: CounterView[]): OfficeSnapshot =>
  officeSnapshot({ seq, at, office: officeView({ id: 'o', name: 'Kantor' }), services: [], counters, waiting });

function change(seq: number, type: TicketChange['type'], changed: TicketView): TicketChange {
  return { seq, at, kind: 'ticket', type, ticket: changed, call: null, fromServiceId: null };
}

describe('the desk office store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('gives each counter its own queue in call order: earliest due first, only its services', () => {
    const store = useOfficeStore();
    store.hydrate(
      snapshot(
        5,
        [
          ticket('a1', { issueOrder: 1, dueAt: minutes(30) }),
          ticket('b1', { serviceId: 'svc-b', serviceCode: 'B', issueOrder: 2, dueAt: minutes(20) }),
          ticket('p1', { issueOrder: 3, priority: 'lanjut_usia', issuedAt: minutes(5), dueAt: minutes(15) }),
        ],
        [counter('c1', ['svc-a']), counter('c2', ['svc-a', 'svc-b'])],
      ),
    );
    expect(store.queueOf('c1').map((t) => t.id)).toEqual(['p1', 'a1']);
    expect(store.queueOf('c2').map((t) => t.id)).toEqual(['p1', 'b1', 'a1']);
    expect(store.queueOf('unknown')).toEqual([]);
  });

  it('applies the next event: a call takes the ticket out of every queue and onto its counter', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot(5, [ticket('a1')], [counter('c1', ['svc-a']), counter('c2', ['svc-a'])]));
    const called = ticket('a1', { status: 'called', counterId: 'c1', counterNumber: 1, calledAt: at });

    expect(store.apply(change(6, 'called', called))).toBe('apply');

    expect(store.queueOf('c2')).toEqual([]);
    expect(store.counter('c1')?.currentTicket?.status).toBe('called');
    expect(store.snapshot?.seq).toBe(6);
    // Finishing clears it from the counter.
    store.apply(change(7, 'finished', { ...called, status: 'done' }));
    expect(store.counter('c1')?.currentTicket).toBeNull();
  });

  it('ignores an event it already has and asks for a fresh snapshot after a gap', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot(5, [], [counter('c1', ['svc-a'])]));
    expect(store.apply(change(5, 'issued', ticket('old')))).toBe('stale');
    expect(store.queueOf('c1')).toEqual([]);

    expect(store.apply(change(7, 'issued', ticket('late', { issueOrder: 2 })))).toBe('gap');
    expect(store.needsResync).toBe(true);
    // Nothing more is applied until the snapshot comes, which the held events then complete.
    expect(store.apply(change(8, 'issued', ticket('later', { issueOrder: 3 })))).toBe('gap');
    expect(store.queueOf('c1')).toEqual([]);

    store.hydrate(snapshot(6, [ticket('missed', { issueOrder: 1 })], [counter('c1', ['svc-a'])]));
    expect(store.needsResync).toBe(false);
    expect(store.queueOf('c1').map((t) => t.id)).toEqual(['missed', 'late', 'later']);
    expect(store.snapshot?.seq).toBe(8);
  });

  it('holds events that arrive before the first snapshot', () => {
    const store = useOfficeStore();
    expect(store.apply(change(6, 'issued', ticket('early')))).toBe('not_hydrated');
    store.hydrate(snapshot(5, [], [counter('c1', ['svc-a'])]));
    expect(store.queueOf('c1').map((t) => t.id)).toEqual(['early']);
  });

  it('patches an action’s reply at once, before its event arrives', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot(5, [ticket('a1')], [counter('c1', ['svc-a'])]));
    store.patchTicket(ticket('a1', { status: 'called', counterId: 'c1' }));
    expect(store.counter('c1')?.currentTicket?.id).toBe('a1');
    expect(store.queueOf('c1')).toEqual([]);
    store.patchCounter(counter('c1', ['svc-a'], { state: 'paused', pauseReason: 'ishoma' }));
    expect(store.counter('c1')?.state).toBe('paused');
    // The event with the same content still applies in sequence.
    expect(store.apply(change(6, 'called', ticket('a1', { status: 'called', counterId: 'c1' })))).toBe('apply');
  });

  it('keeps the server’s time from the latest event, for a desk whose clock is off', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot(5, [ticket('a1')], [counter('c1', ['svc-a'])]));
    // This PC's clock runs three minutes behind the server's.
    const local = Date.parse(at) - 3 * 60_000;
    expect(store.serverNow(local)).toBe(local);

    store.noteServerTime(at, local);
    expect(store.serverNow(local + 1_000)).toBe(Date.parse(at) + 1_000);
    // An event tells it again as it arrives (here, at this machine's real time); a stamp that is no time changes nothing.
    store.apply(change(6, 'called', ticket('a1', { status: 'called', counterId: 'c1', calledAt: at })));
    expect(Math.abs(store.serverNow() - Date.parse(at))).toBeLessThan(1_000);
    store.noteServerTime(null);
    store.noteServerTime('not a time');
    expect(Math.abs(store.serverNow() - Date.parse(at))).toBeLessThan(1_000);
  });
});
