import { createPinia, setActivePinia } from 'pinia';
import { type AlertView, SUPERVISION_RULES, type SupervisionSnapshot, type TicketChange, type TicketView } from '@loket/domain';
import { agencyView, counterView, officeSnapshot, officeView, serviceView, ticketView } from '@loket/domain/testing';
import { useSupervisionStore } from './supervision-store';

// Monday 30 November 2026, 09:00 in Jakarta.
const at = (minutes: number) => new Date(Date.parse('2026-11-30T02:00:00.000Z') + minutes * 60_000).toISOString();
const ms = (minutes: number) => Date.parse(at(minutes));

const ticket = (id: string, overrides: Partial<TicketView> = {}): TicketView =>
  ticketView({ id, number: `A-00${id}`, issuedAt: at(0), dueAt: at(30), issueOrder: Number(id), ...overrides });

function snapshot(seq: number, waiting: TicketView[] = []): SupervisionSnapshot {
  return {
    office: officeSnapshot({
      seq,
      at: at(0),
      office: officeView({ name: 'Kantor' }),
      services: [serviceView({ name: 'KTP-el', waitingCount: waiting.length, countersOpen: 1, issuedToday: waiting.length, estimatedWaitMinutes: 0 })],
      counters: [counterView()],
      waiting,
    }),
    day: '2026-11-30',
    staffing: [{ counterId: 'c1', schedule: [], staffId: 'p1', staffName: 'Siti' }],
    ticketEvents: waiting.map((t) => ({ ticketId: t.id, type: 'issued' as const, at: Date.parse(t.issuedAt), serviceId: t.serviceId, counterId: null })),
    counterEvents: [{ counterId: 'c1', type: 'opened', at: ms(-60), reason: null }],
    agencyId: null,
    figures: { services: [], counters: [] },
    alerts: [],
    rules: SUPERVISION_RULES,
    building: null,
  };
}

const change = (seq: number, type: TicketChange['type'], view: TicketView, minute: number): TicketChange => ({
  seq,
  at: at(minute),
  kind: 'ticket',
  type,
  ticket: view,
  call: null,
  fromServiceId: null,
});

function alert(id: string, officeId = 'o1', since = at(31)): AlertView {
  return {
    id,
    officeId,
    kind: 'max_wait',
    key: `max_wait:${id}`,
    serviceId: 'svc-a',
    counterId: null,
    ticketId: '1',
    agencyId: null,
    subject: 'A-001',
    since,
    raisedAt: since,
    details: { waitedMinutes: 31, limitMinutes: 30 },
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
}

describe('the supervision store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('moves the live figures with each office event, computed by the domain', () => {
    const store = useSupervisionStore();
    store.hydrate(snapshot(5, [ticket('1')]), ms(1));
    // One ahead at the open counter: the walk-up (1 min) and the 10-minute standard, 11 in the plain play; the point is the
    // replays' median, 11 here too.
    expect(store.figures?.services[0]).toMatchObject({ waitingNow: 1, estimatedWaitMinutes: 11 });
    // And its range for the tiles: the service times' spread around it, holding the point.
    const range = store.figures!.services[0].estimatedWaitRange!;
    expect(range.lo).toBeLessThanOrEqual(11);
    expect(range.hi).toBeGreaterThan(11);

    store.apply(change(6, 'issued', ticket('2', { issuedAt: at(2) }), 2), ms(2));
    store.apply(change(7, 'called', ticket('1', { status: 'called', counterId: 'c1', calledAt: at(12) }), 12), ms(12));

    const [a] = store.figures!.services;
    expect(a.waitingNow).toBe(1);
    expect(a.averageWaitMinutes).toBe(12);
    expect(store.figures!.counters[0].currentTicket?.id).toBe('1');
    expect(store.state!.ticketEvents.map((e) => `${e.ticketId}:${e.type}:${e.counterId}`)).toEqual(['1:issued:null', '2:issued:null', '1:called:c1']);
  });

  it('asks for a fresh snapshot on a gap and when a counter opens, and ignores what it already has', () => {
    const store = useSupervisionStore();
    store.hydrate(snapshot(5), ms(0));

    expect(store.apply(change(5, 'issued', ticket('1'), 0), ms(0))).toEqual({ decision: 'stale', refetch: false });
    expect(store.apply(change(7, 'issued', ticket('2'), 1), ms(1))).toEqual({ decision: 'gap', refetch: true });
    store.hydrate(snapshot(7), ms(1));
    expect(store.apply({ seq: 8, at: at(2), kind: 'counter', type: 'opened', counter: counterView({ id: 'c2', number: 2 }) }, ms(2))).toEqual({
      decision: 'apply',
      refetch: true,
    });
  });

  it('names the agency an agency supervisor’s view is narrowed to, and keeps another agency’s events out', () => {
    const store = useSupervisionStore();
    const narrowed = snapshot(5, [ticket('1')]);
    narrowed.agencyId = 'ag-1';
    narrowed.office.agencies = [agencyView({ id: 'ag-1', shortName: 'Dukcapil' })];
    // Read before the snapshot comes, as the screen does.
    expect(store.agency).toBeNull();
    store.hydrate(narrowed, ms(0));
    expect(store.agency?.shortName).toBe('Dukcapil');

    // Another agency's service issues and its counter opens: the number moves on, nothing else.
    const samsat = ticket('2', { serviceId: 'svc-s', issuedAt: at(1) });
    expect(store.apply(change(6, 'issued', samsat, 1), ms(1))).toEqual({ decision: 'apply', refetch: false });
    const opened = { seq: 7, at: at(2), kind: 'counter' as const, type: 'opened' as const, counter: counterView({ id: 'c9', number: 9, agencyId: 'ag-9' }) };
    expect(store.apply(opened, ms(2))).toEqual({ decision: 'apply', refetch: false });
    expect(store.state!.office.seq).toBe(7);
    expect(store.state!.office.waiting.map((t) => t.id)).toEqual(['1']);
    expect(store.state!.office.counters.map((c) => c.id)).toEqual(['c1']);
    expect(store.state!.ticketEvents.map((e) => e.ticketId)).toEqual(['1']);

    store.hydrate(snapshot(8), ms(3));
    expect(store.agency).toBeNull();
  });

  it('replays an event that arrived while the fresh snapshot was on its way', () => {
    const store = useSupervisionStore();
    store.hydrate(snapshot(5), ms(0));
    store.apply(change(7, 'issued', ticket('2', { issuedAt: at(1) }), 1), ms(1));

    store.hydrate(snapshot(6, [ticket('1')]), ms(2));

    expect(store.state!.office.seq).toBe(7);
    expect(store.figures!.services[0].waitingNow).toBe(2);
  });

  it('lists an alert once, only for its office, until it is acknowledged', () => {
    const store = useSupervisionStore();
    store.hydrate({ ...snapshot(5), alerts: [alert('a1', 'o1', at(40))] });

    store.alertRaised(alert('a2'));
    store.alertRaised(alert('a2'));
    store.alertRaised(alert('x', 'another-office'));
    expect(store.alerts.map((a) => a.id)).toEqual(['a2', 'a1']);

    store.alertAcknowledged(alert('a2'));
    expect(store.alerts.map((a) => a.id)).toEqual(['a1']);
  });

  it('keeps an alert that ended by itself listed, marked resolved, until it is acknowledged', () => {
    const store = useSupervisionStore();
    store.hydrate({ ...snapshot(5), alerts: [alert('a1'), alert('a2', 'o1', at(40))] });

    store.alertResolved({ ...alert('a1'), resolvedAt: at(45) });

    expect(store.alerts.map((a) => [a.id, a.resolvedAt])).toEqual([
      ['a1', at(45)],
      ['a2', null],
    ]);
  });

  it('says when the office day has turned', () => {
    const store = useSupervisionStore();
    store.hydrate(snapshot(5), ms(0));
    expect(store.tick(Date.parse('2026-11-30T16:59:00.000Z'))).toBe(false);
    expect(store.tick(Date.parse('2026-11-30T17:00:00.000Z'))).toBe(true);
  });
});
