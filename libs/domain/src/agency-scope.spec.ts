import {
  agencyGoverningTicketAction,
  agencyHoldingIds,
  agencyScopeOf,
  assertAgencyScope,
  assertWithinAgencyScope,
  recordScopedOfficeEvent,
  supervisionStateFor,
} from './agency-scope.js';
import { applyOfficeEvent } from './office-state.js';
import { alertRooms, agencyStaffRoom, staffRoom, staffRoomFor } from './realtime.js';
import { type SupervisionState, supervisionFigures } from './supervision-figures.js';
import { agencyView, callView, counterView, officeSnapshot, serviceView, ticketChange, ticketView } from './testing/index.js';

const agencySupervisor = { role: 'supervisor' as const, agencyId: 'dukcapil' };
const officeSupervisor = { role: 'supervisor' as const, agencyId: null };
const admin = { role: 'admin' as const, agencyId: 'dukcapil' };

describe('agency scope', () => {
  it('confines a member with an agency to it, and leaves admins and unconfined staff the whole office', () => {
    expect(agencyScopeOf(agencySupervisor)).toBe('dukcapil');
    expect(agencyScopeOf(officeSupervisor)).toBeNull();
    expect(agencyScopeOf(admin)).toBeNull();
  });

  it('refuses another agency’s counter with not_your_agency', () => {
    expect(() => assertAgencyScope(agencySupervisor, 'samsat', 'Loket Samsat 1')).toThrow(expect.objectContaining({ code: 'not_your_agency' }));
    expect(() => assertAgencyScope(agencySupervisor, 'dukcapil', 'Loket 1')).not.toThrow();
    expect(() => assertAgencyScope(officeSupervisor, 'samsat', 'Loket Samsat 1')).not.toThrow();
    expect(() => assertAgencyScope(admin, 'samsat', 'Loket Samsat 1')).not.toThrow();
  });

  // Dukcapil owns service A and counter 1; Samsat owns service S and counter 2.
  function building(): SupervisionState {
    const a = ticketView({ id: 't-a', number: 'A-001', serviceId: 'svc-a' });
    const s1 = ticketView({ id: 't-s', number: 'S-001', serviceId: 'svc-s', issueOrder: 2 });
    const called = ticketView({ id: 't-s2', number: 'S-002', serviceId: 'svc-s', status: 'called', counterId: 'c2', issueOrder: 3 });
    return {
      office: officeSnapshot({
        agencies: [agencyView({ id: 'dukcapil' }), agencyView({ id: 'samsat', shortName: 'Samsat' })],
        services: [serviceView({ id: 'svc-a', agencyId: 'dukcapil' }), serviceView({ id: 'svc-s', code: 'S', agencyId: 'samsat' })],
        counters: [
          counterView({ id: 'c1', number: 1, agencyId: 'dukcapil', serviceIds: ['svc-a'] }),
          counterView({ id: 'c2', number: 2, agencyId: 'samsat', serviceIds: ['svc-s'], currentTicket: called }),
        ],
        waiting: [a, s1],
        recentCalls: [callView(called, { id: 'c2', number: 2 })],
      }),
      day: '2026-11-30',
      staffing: [
        { counterId: 'c1', schedule: [], staffId: 'p1', staffName: 'Siti' },
        { counterId: 'c2', schedule: [], staffId: 'p2', staffName: 'Budi' },
      ],
      ticketEvents: [
        { ticketId: 't-a', type: 'issued', at: 0, serviceId: 'svc-a', counterId: null },
        { ticketId: 't-s', type: 'issued', at: 0, serviceId: 'svc-s', counterId: null },
        { ticketId: 't-s2', type: 'issued', at: 0, serviceId: 'svc-s', counterId: null },
        { ticketId: 't-s2', type: 'called', at: 1, serviceId: 'svc-s', counterId: 'c2' },
      ],
      counterEvents: [
        { counterId: 'c1', type: 'opened', at: 0, reason: null },
        { counterId: 'c2', type: 'opened', at: 0, reason: null },
      ],
    };
  }

  it('narrows a supervision state to the agency’s services, counters, queue, calls, staffing and records', () => {
    const whole = building();
    const scoped = supervisionStateFor(agencySupervisor, whole);
    expect(scoped.office.agencies.map((a) => a.id)).toEqual(['dukcapil']);
    expect(scoped.office.services.map((s) => s.id)).toEqual(['svc-a']);
    expect(scoped.office.counters.map((c) => c.id)).toEqual(['c1']);
    expect(scoped.office.waiting.map((t) => t.id)).toEqual(['t-a']);
    expect(scoped.office.recentCalls).toEqual([]);
    expect(scoped.staffing.map((s) => s.staffName)).toEqual(['Siti']);
    expect(scoped.ticketEvents.map((e) => e.ticketId)).toEqual(['t-a']);
    expect(scoped.counterEvents.map((e) => e.counterId)).toEqual(['c1']);
    // The figures are the agency's alone; the state given is left whole.
    expect(supervisionFigures(scoped, 2).counters.map((c) => c.counterId)).toEqual(['c1']);
    expect(whole.office.counters).toHaveLength(2);
    expect(supervisionStateFor(officeSupervisor, whole)).toBe(whole);
  });

  it('keeps a narrowed state narrowed as the whole office’s events arrive, and keeps a ticket served at the agency’s counter', () => {
    const state = supervisionStateFor({ role: 'supervisor', agencyId: 'samsat' }, building());
    const holdings = agencyHoldingIds(state.office, 'samsat');
    const apply = (event: Parameters<typeof applyOfficeEvent>[1]) => {
      applyOfficeEvent(state.office, event);
      return recordScopedOfficeEvent(state, event, holdings);
    };
    // Dukcapil issues and calls: nothing of it stays; the number moves on all the same.
    const a2 = ticketView({ id: 't-a2', number: 'A-002', serviceId: 'svc-a', issueOrder: 4 });
    expect(apply(ticketChange(2, 'issued', a2))).toBe(false);
    expect(apply(ticketChange(3, 'called', { ...a2, status: 'called', counterId: 'c1' }))).toBe(false);
    // Dukcapil's counter opening by an officer unknown here wants no fresh snapshot.
    expect(apply({ seq: 4, at: '2026-11-30T02:00:00.000Z', kind: 'counter', type: 'opened', counter: counterView({ id: 'c1', agencyId: 'dukcapil' }) })).toBe(
      false,
    );
    expect(state.office.seq).toBe(4);
    expect(state.office.counters.map((c) => c.id)).toEqual(['c2']);
    expect(state.office.waiting.map((t) => t.id)).toEqual(['t-s']);
    expect(state.ticketEvents.map((e) => e.ticketId)).toEqual(['t-s', 't-s2', 't-s2']);
    expect(state.counterEvents.map((e) => e.counterId)).toEqual(['c2']);
    // Samsat's counter serves a Dukcapil ticket (a counter may): Samsat sees who its counter served.
    expect(apply(ticketChange(5, 'called', { ...a2, status: 'called', counterId: 'c2', issueOrder: 4 }))).toBe(false);
    expect(state.office.counters[0].currentTicket?.id).toBe('t-a2');
    expect(state.ticketEvents.at(-1)).toMatchObject({ ticketId: 't-a2', type: 'called', counterId: 'c2' });
    // Its own counter opening by an officer not named yet does want one.
    expect(apply({ seq: 6, at: '2026-11-30T02:00:00.000Z', kind: 'counter', type: 'opened', counter: counterView({ id: 'c2', agencyId: 'samsat' }) })).toBe(
      true,
    );
  });

  it('refuses an agency member another agency’s alert or the whole office’s, and pushes each alert to the rooms that may see it', () => {
    expect(() => assertWithinAgencyScope(agencySupervisor, 'samsat', 'This alert')).toThrow(expect.objectContaining({ code: 'not_your_agency' }));
    expect(() => assertWithinAgencyScope(agencySupervisor, null, 'This alert')).toThrow(expect.objectContaining({ code: 'not_your_agency' }));
    expect(() => assertWithinAgencyScope(agencySupervisor, 'dukcapil', 'This alert')).not.toThrow();
    expect(() => assertWithinAgencyScope(officeSupervisor, null, 'This alert')).not.toThrow();
    expect(() => assertWithinAgencyScope(admin, null, 'This alert')).not.toThrow();
    expect(alertRooms({ officeId: 'o1', agencyId: 'dukcapil' })).toEqual([staffRoom('o1'), agencyStaffRoom('o1', 'dukcapil')]);
    expect(alertRooms({ officeId: 'o1', agencyId: null })).toEqual([staffRoom('o1')]);
    expect(staffRoomFor('o1', agencyScopeOf(agencySupervisor))).toBe(agencyStaffRoom('o1', 'dukcapil'));
    expect(staffRoomFor('o1', agencyScopeOf(officeSupervisor))).toBe(staffRoom('o1'));
  });

  it('answers a ticket action at a counter to the counter’s agency, and one on a queue to the service’s', () => {
    const servedAcross = { counterAgencyId: 'samsat', serviceAgencyId: 'dukcapil' };
    expect(agencyGoverningTicketAction('finish', servedAcross)).toBe('samsat');
    expect(agencyGoverningTicketAction('transfer', servedAcross)).toBe('samsat');
    expect(agencyGoverningTicketAction('cancel', servedAcross)).toBe('dukcapil');
    expect(agencyGoverningTicketAction('reinstate', servedAcross)).toBe('dukcapil');
    expect(agencyGoverningTicketAction('recall', { counterAgencyId: null, serviceAgencyId: 'dukcapil' })).toBe('dukcapil');
  });
});
