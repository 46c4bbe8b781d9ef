import { officerDay, type OfficerDayInput } from './officer-day.js';
import { type ReportSessionEvent, type ReportTicketEvent, buildOfficeReport } from './reports.js';
import { round1 } from './stats.js';
import type { OpeningHours } from './views.js';

const JAKARTA = 'Asia/Jakarta';
// Monday 30 November 2026 in Jakarta (UTC+7).
const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+07:00`);
const schedule: OpeningHours[] = [{ weekday: 1, opens: '08:00', closes: '15:00' }];
const services = [
  { id: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10 },
  { id: 'B', maxWaitMinutes: 60, serviceTimeMinutes: 15 },
];
const counters = [
  { id: 'c1', name: 'Loket 1', serviceIds: ['A', 'B'], schedule },
  { id: 'c2', name: 'Loket 2', serviceIds: ['B'], schedule },
];

function ev(
  ticketId: string,
  type: ReportTicketEvent['type'],
  hhmm: string,
  serviceId: string,
  counterId: string | null = null,
  staffId: string | null = null,
): ReportTicketEvent {
  return { ticketId, type, at: at(hhmm), serviceId, counterId, staffId };
}
function session(
  sessionId: string,
  counterId: string,
  staffId: string,
  type: ReportSessionEvent['type'],
  hhmm: string,
  reason: string | null = null,
): ReportSessionEvent {
  return { sessionId, counterId, staffId, type, at: at(hhmm), reason };
}

// The day of the desk's own API test: a ticket waits from 08:00, Loket 1 opens 12 minutes
// late, idles 3 minutes while it waits, serves it in 12; a second ticket in 6; a no-show;
// a lunch break of 70 minutes (60 allowed). Officer o2 holds Loket 2 and hands nothing over.
const ticketEvents = [
  ev('t1', 'issued', '08:00', 'A'),
  ev('t1', 'called', '08:15', 'A', 'c1', 'o1'),
  ev('t1', 'started', '08:15', 'A', 'c1', 'o1'),
  ev('t1', 'finished', '08:27', 'A', 'c1', 'o1'),
  ev('t2', 'issued', '08:27', 'B'),
  ev('t2', 'called', '08:27', 'B', 'c1', 'o1'),
  ev('t2', 'started', '08:27', 'B', 'c1', 'o1'),
  ev('t2', 'finished', '08:33', 'B', 'c1', 'o1'),
  ev('t3', 'issued', '08:33', 'A'),
  ev('t3', 'called', '08:33', 'A', 'c1', 'o1'),
  ev('t3', 'no_show', '08:33', 'A', 'c1', 'o1'),
  ev('t4', 'issued', '09:00', 'B'),
  ev('t4', 'called', '09:00', 'B', 'c2', 'o2'),
  ev('t4', 'started', '09:00', 'B', 'c2', 'o2'),
  ev('t4', 'transferred', '09:05', 'A', 'c2', 'o2'),
];
const sessionEvents = [
  session('s1', 'c1', 'o1', 'opened', '08:12'),
  session('s1', 'c1', 'o1', 'paused', '08:33', 'ishoma'),
  session('s1', 'c1', 'o1', 'resumed', '09:43'),
  session('s2', 'c2', 'o2', 'opened', '09:00'),
];

const day = (staffId: string, overrides: Partial<OfficerDayInput> = {}) =>
  officerDay({
    staffId,
    day: '2026-11-30',
    timeZone: JAKARTA,
    now: at('09:43'),
    services,
    counters: counters.filter((counter) => sessionEvents.some((event) => event.staffId === staffId && event.counterId === counter.id)),
    sessionEvents,
    ticketEvents,
    answers: [],
    interactions: [],
    ...overrides,
  });

describe("the officer's own day", () => {
  it('counts what the officer served, their service time against the standard, idle, breaks and the late opening', () => {
    expect(day('o1')).toMatchObject({
      day: '2026-11-30',
      served: 2,
      noShows: 1,
      transferred: 0,
      averageServiceMinutes: 9,
      standardServiceMinutes: 12.5,
      withinServiceStandard: 0.5,
      idleWhileWaitingMinutes: 3,
      breakOverrunMinutes: 10,
      earlyClosingMinutes: 0,
      lateOpenings: [
        { counterId: 'c1', counterName: 'Loket 1', scheduledAt: '2026-11-30T01:00:00.000Z', openedAt: '2026-11-30T01:12:00.000Z', minutesLate: 12 },
      ],
    });
  });

  it("leaves another officer's work out: a transfer counts for who sent the ticket on, the late opening for who opened", () => {
    expect(day('o2')).toMatchObject({
      served: 0,
      noShows: 0,
      transferred: 1,
      averageServiceMinutes: null,
      withinServiceStandard: null,
      breakOverrunMinutes: 0,
    });
    expect(day('o2').lateOpenings).toEqual([expect.objectContaining({ counterId: 'c2', counterName: 'Loket 2', minutesLate: 60 })]);
  });

  it('has nothing for an officer who did not work', () => {
    expect(day('o3')).toMatchObject({
      served: 0,
      averageServiceMinutes: null,
      etiquette: { compliance: null, interactionsAnswered: 0 },
      lateOpenings: [],
      idleWhileWaitingMinutes: 0,
    });
  });

  it('sums the checklists the officer answered and the outcomes they chose', () => {
    const today = day('o1', {
      answers: [
        { kind: 'interaction', method: 'one_key', answer: 'checked' },
        { kind: 'interaction', method: 'self', answer: 'checked' },
        { kind: 'interaction', method: 'self', answer: 'not_checked' },
        { kind: 'interaction', method: 'self', answer: 'not_applicable' },
        // The shift checklist is shown on its own, not folded into the interactions' figure.
        { kind: 'shift_start', method: 'self', answer: 'checked' },
      ],
      interactions: [
        { method: 'one_key', outcome: 'selesai' },
        { method: 'self', outcome: 'dirujuk' },
        { method: 'self', outcome: null },
      ],
    });
    expect(today.etiquette).toEqual({
      checked: 2,
      applicable: 3,
      compliance: 2 / 3,
      oneKeyItems: 1,
      shiftStart: { checked: 1, applicable: 1, ratio: 1 },
      interactionsAnswered: 3,
      oneKey: 1,
    });
    expect(today.outcomes).toEqual({ selesai: 1, dirujuk: 1 });
  });

  it("equals the officer's row of the supervisor's report for the same day", () => {
    const report = buildOfficeReport({
      timeZone: JAKARTA,
      priorityMaxWaitMinutes: 10,
      now: at('09:43'),
      services,
      counters,
      ticketEvents,
      sessionEvents,
      answers: [],
      surveys: [],
    });
    for (const staffId of ['o1', 'o2']) {
      const row = report.tables.officers[staffId];
      const mine = day(staffId);
      expect(mine).toMatchObject({
        served: row.counts.served,
        noShows: row.counts.noShows,
        transferred: row.counts.transferred,
        withinServiceStandard: row.serviceTime.shareWithinStandard,
        idleWhileWaitingMinutes: round1(row.punctuality!.idleWhileWaitingMinutes),
        breakOverrunMinutes: round1(row.punctuality!.breakOverrunMinutes),
        earlyClosingMinutes: round1(row.punctuality!.earlyClosingMinutes),
      });
      expect(mine.averageServiceMinutes).toBe(row.serviceTime.averageMinutes === null ? null : round1(row.serviceTime.averageMinutes));
      expect(mine.lateOpenings).toHaveLength(row.punctuality!.lateOpenings);
    }
  });
});
