import fc from 'fast-check';
import { compareForCall } from './call-order.js';
import {
  MAX_RECENT_CALLS,
  OfficeFeed,
  applyOfficeEvent,
  assertIssuable,
  countersServingFor,
  isIssuable,
  placeTicket,
  quotaLeft,
  ticketQueueEntry,
} from './office-state.js';
import type { TicketChange } from './realtime.js';
import { counterView, officeSnapshot, officeView, serviceView, ticketView } from './testing/index.js';
import type { CallView, CounterView, OfficeSnapshot, TicketView } from './views.js';

const T0 = Date.parse('2026-11-30T01:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const ticket = (id: string, over: Partial<TicketView> = {}): TicketView =>
  ticketView({ id, number: `A-${id.padStart(3, '0')}`, dueAt: iso(30), issueOrder: Number(id), ...over });

const counter = (id: string, number: number): CounterView => counterView({ id, number, sessionId: 's' });

function snapshot(): OfficeSnapshot {
  return officeSnapshot({
    seq: 5,
    office: officeView({ id: 'o', slug: 'o', name: 'O' }),
    services: [serviceView({ id: 'svc-a', code: 'A', name: 'A', standard: { dailyQuota: 3 }, countersOpen: 1, issuedToday: 2, estimatedWaitMinutes: 0 })],
    counters: [counter('c1', 1)],
  });
}

function change(type: TicketChange['type'], t: TicketView, seq: number, call: CallView | null = null): TicketChange {
  return { seq, at: iso(seq), kind: 'ticket', type, ticket: t, call, fromServiceId: null };
}

const callOf = (t: TicketView, at: number): CallView => ({
  ticketId: t.id,
  number: t.number,
  serviceId: t.serviceId,
  counterId: 'c1',
  counterNumber: 1,
  counterName: 'Loket 1',
  at: iso(at),
  recall: false,
});

describe('applyOfficeEvent', () => {
  it('keeps the waiting list in call order, ties of the same instant by issue order', () => {
    const state = snapshot();

    applyOfficeEvent(state, change('issued', ticket('2', { issueOrder: 2 }), 6));
    applyOfficeEvent(state, change('issued', ticket('1', { issueOrder: 1 }), 7));
    applyOfficeEvent(state, change('issued', ticket('3', { priority: 'lanjut_usia', dueAt: iso(10), issueOrder: 3 }), 8));

    expect(state.waiting.map((t) => t.id)).toEqual(['3', '1', '2']);
    expect(state.seq).toBe(8);
  });

  it('keeps the waiting list in call order through any issues, transfers, returns and calls', () => {
    // A change: a ticket (one of 12) issued, moved back to waiting with a new due time, or called away.
    const step = fc.record({
      id: fc.integer({ min: 1, max: 12 }),
      status: fc.constantFrom('waiting', 'waiting', 'called'),
      dueMinutes: fc.integer({ min: 0, max: 40 }),
      issuedMinutes: fc.integer({ min: 0, max: 5 }),
      priority: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const state = snapshot();
        for (const [index, { id, status, dueMinutes, issuedMinutes, priority }] of steps.entries()) {
          const t = ticket(String(id), {
            status: status as TicketView['status'],
            counterId: status === 'called' ? 'c1' : null,
            issuedAt: iso(issuedMinutes),
            dueAt: iso(dueMinutes),
            priority: priority ? 'lanjut_usia' : null,
          });
          applyOfficeEvent(state, change(status === 'called' ? 'called' : 'issued', t, 6 + index, status === 'called' ? callOf(t, 6 + index) : null));
        }
        const sorted = [...state.waiting].sort((a, b) => compareForCall(ticketQueueEntry(a), ticketQueueEntry(b)));
        expect(state.waiting.map((t) => t.id)).toEqual(sorted.map((t) => t.id));
        expect(new Set(state.waiting.map((t) => t.id)).size).toBe(state.waiting.length);
      }),
    );
  });

  it('counts issued tickets against the daily quota', () => {
    const state = snapshot();

    applyOfficeEvent(state, change('issued', ticket('1'), 6));

    expect(state.services[0]).toMatchObject({ issuedToday: 3, quotaReached: true });
  });

  it('moves a called ticket from the queue to its counter and records the call', () => {
    const state = snapshot();
    const waiting = ticket('1');
    applyOfficeEvent(state, change('issued', waiting, 6));
    const called = { ...waiting, status: 'called' as const, counterId: 'c1', counterNumber: 1 };

    applyOfficeEvent(state, change('called', called, 7, callOf(called, 7)));

    expect(state.waiting).toEqual([]);
    expect(state.counters[0].currentTicket?.id).toBe('1');
    expect(state.recentCalls.map((call) => call.ticketId)).toEqual(['1']);
  });

  it('clears the counter when its ticket is finished', () => {
    const state = snapshot();
    const called = ticket('1', { status: 'called', counterId: 'c1' });
    placeTicket(state, called);

    applyOfficeEvent(state, change('finished', { ...called, status: 'done' }, 6));

    expect(state.counters[0].currentTicket).toBeNull();
    expect(state.waiting).toEqual([]);
  });

  it('keeps a bounded list of recent calls, a recall replacing the earlier call of its ticket', () => {
    const state = snapshot();
    let seq = 5;
    for (let n = 1; n <= MAX_RECENT_CALLS + 5; n++) {
      const t = ticket(String(n), { status: 'called', counterId: 'c1' });
      applyOfficeEvent(state, change('called', t, ++seq, callOf(t, seq)));
    }
    const last = ticket(String(MAX_RECENT_CALLS + 5), { status: 'called', counterId: 'c1' });

    applyOfficeEvent(state, change('recalled', last, ++seq, { ...callOf(last, seq), recall: true }));

    expect(state.recentCalls).toHaveLength(MAX_RECENT_CALLS);
    expect(state.recentCalls.filter((call) => call.ticketId === last.id)).toHaveLength(1);
    expect(state.recentCalls[0].recall).toBe(true);
  });

  it('drops the call of a ticket transferred back into a queue from the latest calls', () => {
    const state = snapshot();
    const serving = ticket('1', { status: 'serving', counterId: 'c1', counterNumber: 1 });
    const other = ticket('2', { status: 'done', counterId: 'c1', counterNumber: 1 });
    applyOfficeEvent(state, change('called', other, 6, callOf(other, 6)));
    applyOfficeEvent(state, change('called', serving, 7, callOf(serving, 7)));

    applyOfficeEvent(state, {
      ...change('transferred', { ...serving, status: 'waiting', serviceId: 'svc-b', counterId: null, counterNumber: null }, 8),
      fromServiceId: 'svc-a',
    });

    expect(state.recentCalls.map((call) => call.ticketId)).toEqual(['2']);
    expect(state.counters[0].currentTicket).toBeNull();
  });

  it('replaces a counter, or adds a new one in number order', () => {
    const state = snapshot();

    applyOfficeEvent(state, { seq: 6, at: iso(1), kind: 'counter', type: 'paused', counter: { ...counter('c1', 1), state: 'paused', pauseReason: 'ishoma' } });
    applyOfficeEvent(state, { seq: 7, at: iso(2), kind: 'counter', type: 'opened', counter: counter('c0', 0) });

    expect(state.counters.map((c) => [c.id, c.state])).toEqual([
      ['c0', 'open'],
      ['c1', 'paused'],
    ]);
  });
});

describe('OfficeFeed', () => {
  const issued = (seq: number) => change('issued', ticket(String(seq), { issueOrder: seq }), seq);

  it('holds events until the first snapshot, then replays the ones it does not cover', () => {
    const feed = new OfficeFeed();
    const applied: number[] = [];

    expect(feed.offer(issued(5))).toBe('not_hydrated');
    expect(feed.offer(issued(6))).toBe('not_hydrated');
    const state = snapshot(); // seq 5: event 5 is already in it
    feed.hydrate(state, (event) => applied.push(event.seq));

    expect(applied).toEqual([6]);
    expect(state.seq).toBe(6);
    expect(state.waiting.map((t) => t.id)).toEqual(['6']);
  });

  it('raises a resync on a missed number and applies nothing until a fresh snapshot', () => {
    const feed = new OfficeFeed();
    const state = snapshot();
    feed.hydrate(state);

    expect(feed.offer(issued(7))).toBe('gap');
    expect(feed.resyncNeeded).toBe(true);
    expect(feed.offer(issued(8))).toBe('gap');
    expect(state.seq).toBe(5);

    const fresh = { ...snapshot(), seq: 7 };
    feed.hydrate(fresh);
    expect(feed.resyncNeeded).toBe(false);
    expect(fresh.seq).toBe(8);
  });

  it('ignores an event it already has', () => {
    const feed = new OfficeFeed();
    feed.hydrate(snapshot());

    expect(feed.offer(issued(5))).toBe('stale');
    expect(feed.offer(issued(6))).toBe('apply');
  });

  it('keeps a bounded number of held events', () => {
    const feed = new OfficeFeed(3);
    for (let seq = 10; seq < 20; seq++) feed.offer(issued(seq));
    const state = { ...snapshot(), seq: 16 };

    feed.hydrate(state);

    expect(state.seq).toBe(19);
    expect(state.waiting.map((t) => t.id)).toEqual(['17', '18', '19']);
  });
});

describe('which services a kiosk may issue tickets for', () => {
  it('refuses a service no counter serves, however active, and offers it once a counter serves it', () => {
    const counters = [{ serviceIds: ['svc-a'] }, { serviceIds: ['svc-a', 'svc-b'] }];
    expect(countersServingFor(counters, 'svc-a')).toBe(2);
    expect(countersServingFor(counters, 'svc-p')).toBe(0);
    expect(isIssuable({ active: true, quotaReached: false, countersServing: 0 })).toBe(false);
    expect(isIssuable({ active: true, quotaReached: false, countersServing: 1 })).toBe(true);
    expect(isIssuable({ active: false, quotaReached: false, countersServing: 1 })).toBe(false);
    expect(isIssuable({ active: true, quotaReached: true, countersServing: 1 })).toBe(false);
    expect(() => assertIssuable({ name: 'Paspor', active: true, countersServing: 0 })).toThrow(expect.objectContaining({ code: 'service_without_counter' }));
    expect(() => assertIssuable({ name: 'Paspor', active: false, countersServing: 0 })).toThrow(expect.objectContaining({ code: 'service_inactive' }));
    expect(() => assertIssuable({ name: 'Paspor', active: true, countersServing: 1 })).not.toThrow();
  });

  it('says how many tickets a service with a daily quota can still issue today, and nothing for one without', () => {
    expect(quotaLeft(serviceView({ standard: { dailyQuota: 30 }, issuedToday: 12, quotaReached: false }))).toBe(18);
    expect(quotaLeft(serviceView({ standard: { dailyQuota: 30 }, issuedToday: 30, quotaReached: true }))).toBe(0);
    // A quota lowered below what was already issued today leaves none, never a negative count.
    expect(quotaLeft(serviceView({ standard: { dailyQuota: 10 }, issuedToday: 12, quotaReached: true }))).toBe(0);
    expect(quotaLeft(serviceView({ standard: { dailyQuota: null }, issuedToday: 500 }))).toBeNull();
  });
});
