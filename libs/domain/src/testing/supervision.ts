/**
 * A supervision state for tests of the figures built on the live view (the building manager's
 * agency rows, the regional dashboard's office row): one building of two agencies on the test
 * Monday, whose figures the specs assert.
 */
import type { SupervisionState, SupervisionTicketEvent } from '../supervision-figures.js';
import type { TicketView } from '../views.js';
import { agencyView, counterView, officeSnapshot, officeView, serviceView, ticketView } from './index.js';

/** The instant at `hhmm` Jakarta time (UTC+7) on the test Monday, 30 November 2026. */
export function onTestDay(hhmm: string): number {
  return Date.parse(`2026-11-30T${hhmm}:00+07:00`);
}

/** The same instant as the views write it. */
export function isoOnTestDay(hhmm: string): string {
  return new Date(onTestDay(hhmm)).toISOString();
}

/** A ticket's event at `hhmm` on the test Monday. */
export function supervisionEvent(
  ticketId: string,
  serviceId: string,
  type: SupervisionTicketEvent['type'],
  hhmm: string,
  counterId: string | null = null,
): SupervisionTicketEvent {
  return { ticketId, serviceId, type, at: onTestDay(hhmm), counterId };
}

/** Who waits in `twoAgencyBuilding()` unless a test says otherwise: A-004 since 08:30, S-001 since 08:20, S-002 since 08:50. */
export function buildingWaiting(): TicketView[] {
  return [
    ticketView({ id: 't4', number: 'A-004', serviceId: 'a', issuedAt: isoOnTestDay('08:30') }),
    ticketView({ id: 't5', number: 'S-001', serviceId: 's', issuedAt: isoOnTestDay('08:20') }),
    ticketView({ id: 't6', number: 'S-002', serviceId: 's', issuedAt: isoOnTestDay('08:50') }),
  ];
}

/**
 * "MPP Satu" (`o1`, `mpp-satu`, sequence 41) on the test Monday, every counter scheduled
 * 08:00–15:00. Dukcapil: services A (maximum wait 30 minutes) and K (60), counters 1 (opened
 * 08:00, serves A and K) and 2 (opened 12 minutes late, serves A). Samsat: service S "Pajak
 * kendaraan" (30), counter 3, scheduled and not opened. Today's waits so far: A 2 and 40
 * minutes, K 5. Those waiting (`buildingWaiting()` unless given) have their issue events.
 */
export function twoAgencyBuilding(waiting: TicketView[] = buildingWaiting()): SupervisionState {
  const schedule = [{ weekday: 1, opens: '08:00', closes: '15:00' }];
  const open = { state: 'open' as const };
  return {
    office: officeSnapshot({
      seq: 41,
      office: officeView({ id: 'o1', slug: 'mpp-satu', name: 'MPP Satu' }),
      agencies: [agencyView({ id: 'dukcapil', shortName: 'Dukcapil' }), agencyView({ id: 'samsat', shortName: 'Samsat' })],
      services: [
        serviceView({ id: 'a', code: 'A', agencyId: 'dukcapil', standard: { maxWaitMinutes: 30 } }),
        serviceView({ id: 'k', code: 'K', agencyId: 'dukcapil', standard: { maxWaitMinutes: 60 } }),
        serviceView({ id: 's', code: 'S', name: 'Pajak kendaraan', agencyId: 'samsat', standard: { maxWaitMinutes: 30 } }),
      ],
      counters: [
        counterView({ id: 'c1', number: 1, agencyId: 'dukcapil', serviceIds: ['a', 'k'], ...open }),
        counterView({ id: 'c2', number: 2, agencyId: 'dukcapil', serviceIds: ['a'], ...open }),
        counterView({ id: 'c3', number: 3, agencyId: 'samsat', serviceIds: ['s'], state: 'closed', sessionId: null }),
      ],
      waiting,
    }),
    day: '2026-11-30',
    staffing: ['c1', 'c2', 'c3'].map((counterId) => ({ counterId, schedule, staffId: null, staffName: null })),
    ticketEvents: [
      supervisionEvent('t1', 'a', 'issued', '08:00'),
      supervisionEvent('t1', 'a', 'called', '08:02', 'c1'),
      supervisionEvent('t2', 'a', 'issued', '08:00'),
      supervisionEvent('t2', 'a', 'called', '08:40', 'c2'),
      supervisionEvent('t3', 'k', 'issued', '08:05'),
      supervisionEvent('t3', 'k', 'called', '08:10', 'c1'),
      ...waiting.map((ticket) => ({
        ticketId: ticket.id,
        serviceId: ticket.serviceId,
        type: 'issued' as const,
        at: Date.parse(ticket.issuedAt),
        counterId: null,
      })),
    ],
    counterEvents: [
      { counterId: 'c1', type: 'opened', at: onTestDay('08:00') },
      { counterId: 'c2', type: 'opened', at: onTestDay('08:12') },
    ],
  };
}
