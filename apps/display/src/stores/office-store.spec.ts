import { createPinia, setActivePinia } from 'pinia';
import type { CallView } from '@loket/domain';
import { MAX_RECENT_CALLS, useOfficeStore } from './office-store';
import { callOf, change, counter, iso, snapshot, ticket } from './test-fixtures';

describe('useOfficeStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('applies the next event and keeps the waiting list in call order', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot());

    store.apply(change(11, 'issued', ticket(2)));
    store.apply(change(12, 'issued', ticket(1, 'svc-a', { id: 't-early', dueAt: iso(5) })));

    expect(store.seq).toBe(12);
    expect(store.waiting.map((t) => t.id)).toEqual(['t-early', 't-2']);
  });

  it('counts waiting tickets and open counters per service as events arrive, with the estimate the API gave', () => {
    const store = useOfficeStore();
    const base = snapshot();
    store.hydrate({ ...base, services: [{ ...base.services[0], estimatedWaitMinutes: 7 }, base.services[1]] });

    for (let n = 1; n <= 4; n++) store.apply(change(10 + n, 'issued', ticket(n)));

    const a = store.serviceLoad.find((s) => s.code === 'A')!;
    expect(a).toMatchObject({ waitingCount: 4, countersOpen: 2, estimatedWaitMinutes: 7, issuedToday: 4, quotaReached: true });
    expect(store.serviceLoad.find((s) => s.code === 'B')).toMatchObject({ waitingCount: 0, estimatedWaitMinutes: null });
  });

  it('takes fresh estimates without touching the live counts, and forgets them with the office', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot({ waiting: [ticket(1)] }));

    store.setEstimates([
      { id: 'svc-a', estimatedWaitMinutes: 12, estimatedWaitRange: { lo: 9, hi: 17 } },
      { id: 'svc-b', estimatedWaitMinutes: 0, estimatedWaitRange: { lo: 0, hi: 0 } },
    ]);

    expect(store.serviceLoad.map((s) => [s.code, s.waitingCount, s.estimatedWaitMinutes, s.estimatedWaitRange])).toEqual([
      ['A', 1, 12, { lo: 9, hi: 17 }],
      ['B', 0, 0, { lo: 0, hi: 0 }],
    ]);
    store.reset();
    expect(store.serviceLoad).toEqual([]);
  });

  it('shows a called ticket at its counter, records the call, tells listeners, and clears the counter when done', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot({ waiting: [ticket(1)] }));
    const heard: CallView[] = [];
    store.onCall((call) => heard.push(call));

    const called = ticket(1, 'svc-a', { status: 'called', counterId: 'c-2', counterNumber: 2, calledAt: iso(3) });
    store.apply(change(11, 'called', called, callOf(called, 'c-2', 2)));

    expect(store.waiting).toEqual([]);
    expect(store.counters.find((c) => c.id === 'c-2')?.currentTicket?.number).toBe('A-001');
    expect(store.recentCalls[0]).toMatchObject({ number: 'A-001', counterNumber: 2 });
    expect(heard.map((call) => call.number)).toEqual(['A-001']);

    const recalled = { ...called, recallCount: 1 };
    store.apply(change(12, 'recalled', recalled, callOf({ ...recalled, calledAt: iso(4) }, 'c-2', 2, true)));
    expect(heard).toHaveLength(2);
    expect(store.recentCalls).toHaveLength(1);

    store.apply(change(13, 'finished', { ...called, status: 'done' }));
    expect(store.counters.find((c) => c.id === 'c-2')?.currentTicket).toBeNull();
  });

  it('ignores an event it already has and asks for a resync on a gap, holding events until then', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot());

    expect(store.apply(change(10, 'issued', ticket(1)))).toBe('stale');
    expect(store.apply(change(12, 'issued', ticket(2)))).toBe('gap');
    expect(store.needsResync).toBe(true);
    expect(store.apply(change(13, 'issued', ticket(3)))).toBe('gap');
    expect(store.waiting).toEqual([]);

    // The fresh snapshot covers 11 and 12; the held 13 is replayed on top of it.
    store.hydrate(snapshot({ seq: 12, waiting: [ticket(1), ticket(2)] }));
    expect(store.needsResync).toBe(false);
    expect(store.seq).toBe(13);
    expect(store.waiting.map((t) => t.id)).toEqual(['t-1', 't-2', 't-3']);
  });

  it('tells of a call that only a fresh snapshot after a gap brought, once, and not of calls made before it opened', () => {
    const store = useOfficeStore();
    const before = ticket(1, 'svc-a', { status: 'done', counterId: 'c-1', counterNumber: 1, calledAt: iso(1) });
    store.hydrate(snapshot({ recentCalls: [callOf(before, 'c-1', 1)] }));
    const heard: string[] = [];
    store.onCall((call) => heard.push(`${call.number}${call.recall ? ' again' : ''}`));

    // An admin change took number 11 without a public event: the call (12) leaves a gap.
    const called = ticket(2, 'svc-a', { status: 'called', counterId: 'c-1', counterNumber: 1, calledAt: iso(5) });
    expect(store.apply(change(12, 'called', called, callOf(called, 'c-1', 1)))).toBe('gap');
    const recalled = { ...called, recallCount: 1, calledAt: iso(6) };
    expect(store.apply(change(13, 'recalled', recalled, callOf(recalled, 'c-1', 1, true)))).toBe('gap');
    // The snapshot covers 12 and 13: their events are stale, its calls are what was missed.
    store.hydrate(snapshot({ seq: 13, recentCalls: [callOf(recalled, 'c-1', 1, true), callOf(before, 'c-1', 1)] }));
    // A reconnect brings the same snapshot again: nothing is told twice.
    store.hydrate(snapshot({ seq: 13, recentCalls: [callOf(recalled, 'c-1', 1, true), callOf(before, 'c-1', 1)] }));

    expect(heard).toEqual(['A-002 again']);
  });

  it('adds a counter it did not know and replaces one that changed', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot());

    store.apply({ seq: 11, at: iso(1), kind: 'counter', type: 'paused', counter: { ...counter('c-1', 1, ['svc-a'], 'paused'), pauseReason: 'ishoma' } });
    store.apply({ seq: 12, at: iso(2), kind: 'counter', type: 'opened', counter: counter('c-0', 0, ['svc-b']) });

    expect(store.counters.map((c) => `${c.number}:${c.state}`)).toEqual(['0:open', '1:paused', '2:open']);
  });

  it('keeps memory bounded over 100,000 events: waiting, recent calls and held events stay small', () => {
    const store = useOfficeStore();
    store.hydrate(snapshot({ seq: 0 }));
    let seq = 0;
    let calls = 0;
    store.onCall(() => (calls += 1));

    // A long day on repeat: tickets issued, called at alternating counters and finished.
    for (let n = 1; seq < 100_000; n++) {
      const issued = ticket(n);
      store.apply(change(++seq, 'issued', issued));
      const counterId = n % 2 ? 'c-1' : 'c-2';
      const called = { ...issued, status: 'called' as const, counterId, counterNumber: n % 2 ? 1 : 2, calledAt: iso(n + 1) };
      store.apply(change(++seq, 'called', called, callOf(called, counterId, called.counterNumber)));
      store.apply(change(++seq, 'finished', { ...called, status: 'done' }));
      expect(store.waiting.length).toBeLessThanOrEqual(1);
    }

    expect(store.seq).toBe(seq);
    expect(calls).toBeGreaterThan(33_000);
    expect(store.waiting).toHaveLength(0);
    expect(store.recentCalls).toHaveLength(MAX_RECENT_CALLS);
    expect(JSON.stringify(store.snapshot).length).toBeLessThan(20_000);

    // A resync that never comes: held events are capped too.
    store.apply(change(seq + 2, 'issued', ticket(1)));
    for (let i = 0; i < 5_000; i++) store.apply(change(seq + 3 + i, 'issued', ticket(i)));
    store.hydrate(snapshot({ seq: seq + 5_003 }));
    expect(store.seq).toBe(seq + 5_003);
  });
});
