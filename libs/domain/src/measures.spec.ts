import fc from 'fast-check';
import {
  serviceMinutes,
  servingSegments,
  shareWithinStandard,
  totalWaitingMinutes,
  type TicketEventRecord,
  waitingMinutes,
  waitingSegments,
  walkUpMinutes,
  withinStandard,
} from './measures.js';
import type { TicketEventType } from './realtime.js';
import { legalActions, nextStatus, type TicketAction, type TicketStatus } from './ticket-lifecycle.js';
import { MINUTE_MS } from './time.js';

const OPENING = Date.parse('2026-11-28T01:00:00Z'); // 08:00 WIB
const at = (minute: number) => OPENING + minute * MINUTE_MS;
const event = (type: TicketEventType, minute: number, serviceId = 'ktp'): TicketEventRecord => ({ type, at: at(minute), serviceId });

describe('measures of a plain visit', () => {
  // Arrange: issued 08:00, called 08:12, started 08:14, finished 08:24.
  const events = [event('issued', 0), event('called', 12), event('started', 14), event('finished', 24)];

  it('waits from issue to first call', () => {
    expect(waitingMinutes(events)).toBe(12);
    expect(totalWaitingMinutes(events)).toBe(12);
    expect(waitingSegments(events)).toEqual([{ serviceId: 'ktp', from: at(0), to: at(12), minutes: 12 }]);
  });

  it('walks up from call to start, and is served from start to finish', () => {
    expect(walkUpMinutes(events)).toBe(2);
    expect(serviceMinutes(events)).toBe(10);
    expect(servingSegments(events)).toEqual([
      { serviceId: 'ktp', calledAt: at(12), startedAt: at(14), endedAt: at(24), endedBy: 'finished', walkUpMinutes: 2, serviceMinutes: 10 },
    ]);
  });

  it('gives the same measures whatever order the events arrive in', () => {
    const shuffled = [events[3], events[1], events[0], events[2]];
    expect(waitingMinutes(shuffled)).toBe(12);
    expect(walkUpMinutes(shuffled)).toBe(2);
    expect(serviceMinutes(shuffled)).toBe(10);
  });

  it("does not reorder the caller's array", () => {
    const given = [events[3], events[0]];
    waitingSegments(given);
    expect(given).toEqual([events[3], events[0]]);
  });

  it('measures in fractional minutes', () => {
    const quick: TicketEventRecord[] = [
      { type: 'issued', at: OPENING, serviceId: 'ktp' },
      { type: 'called', at: OPENING + 90_000, serviceId: 'ktp' },
    ];
    expect(waitingMinutes(quick)).toBe(1.5);
  });
});

describe('measures of a ticket not there yet', () => {
  it('has no waiting time while it waits, and an open segment', () => {
    const events = [event('issued', 0)];
    expect(waitingMinutes(events)).toBeNull();
    expect(totalWaitingMinutes(events)).toBeNull();
    expect(waitingSegments(events)).toEqual([{ serviceId: 'ktp', from: at(0), to: null, minutes: null }]);
    expect(walkUpMinutes(events)).toBeNull();
    expect(serviceMinutes(events)).toBeNull();
  });

  it('has no waiting time when cancelled before a call', () => {
    expect(waitingMinutes([event('issued', 0), event('cancelled', 40)])).toBeNull();
  });

  it('has no service time while it is being served', () => {
    const events = [event('issued', 0), event('called', 5), event('started', 6)];
    expect(walkUpMinutes(events)).toBe(1);
    expect(serviceMinutes(events)).toBeNull();
    expect(servingSegments(events)[0]).toMatchObject({ endedAt: null, endedBy: null, serviceMinutes: null });
  });

  it('has no measures at all without events', () => {
    expect(waitingSegments([])).toEqual([]);
    expect(waitingMinutes([])).toBeNull();
    expect(totalWaitingMinutes([])).toBeNull();
    expect(walkUpMinutes([])).toBeNull();
    expect(serviceMinutes([])).toBeNull();
  });

  it('keeps same-instant events in the order they were recorded', () => {
    // Issued and called in the same millisecond (an empty queue and an idle counter).
    const events = [event('issued', 0), event('called', 0), event('started', 1), event('finished', 3)];
    expect(waitingMinutes(events)).toBe(0);
  });
});

describe('recall, return and no-show', () => {
  it('times the walk-up from the call, not from a recall', () => {
    const events = [event('issued', 0), event('called', 10), event('recalled', 12), event('recalled', 13), event('started', 15)];
    expect(walkUpMinutes(events)).toBe(5);
    expect(waitingMinutes(events)).toBe(10);
  });

  it('keeps the waiting time at the first call when the citizen is returned to the queue', () => {
    // Called at 10, asked to wait (returned) at 11, called again at 30.
    const events = [event('issued', 0), event('called', 10), event('returned', 11), event('called', 30), event('started', 31), event('finished', 40)];
    expect(waitingSegments(events)).toHaveLength(1);
    expect(waitingMinutes(events)).toBe(10);
    expect(totalWaitingMinutes(events)).toBe(10);
    expect(walkUpMinutes(events)).toBe(1);
    expect(serviceMinutes(events)).toBe(9);
  });

  it('keeps the waiting time at the first call when a no-show is reinstated', () => {
    const events = [
      event('issued', 0),
      event('called', 5),
      event('no_show', 8),
      event('reinstated', 20),
      event('called', 25),
      event('started', 27),
      event('finished', 30),
    ];
    expect(waitingSegments(events)).toHaveLength(1);
    expect(waitingMinutes(events)).toBe(5);
    expect(walkUpMinutes(events)).toBe(2);
    expect(serviceMinutes(events)).toBe(3);
  });

  it('has no walk-up for a start without a call since the last return', () => {
    // Not a legal history, but measures must not invent a walk-up from a call that was undone.
    const events = [event('issued', 0), event('called', 5), event('returned', 6), event('started', 9)];
    expect(walkUpMinutes(events)).toBeNull();
  });
});

describe('measures of a transferred ticket', () => {
  // Arrange: KTP issued 0, called 10, started 11, transferred to KK at 20, called 35, started 36, finished 46.
  const events = [
    event('issued', 0, 'ktp'),
    event('called', 10, 'ktp'),
    event('started', 11, 'ktp'),
    event('transferred', 20, 'kk'),
    event('called', 35, 'kk'),
    event('started', 36, 'kk'),
    event('finished', 46, 'kk'),
  ];

  it('waits per queue segment, each from entering the queue to the first call there', () => {
    expect(waitingSegments(events)).toEqual([
      { serviceId: 'ktp', from: at(0), to: at(10), minutes: 10 },
      { serviceId: 'kk', from: at(20), to: at(35), minutes: 15 },
    ]);
  });

  it("gives the first queue's wait as the waiting time and the sum as the total", () => {
    expect(waitingMinutes(events)).toBe(10);
    expect(totalWaitingMinutes(events)).toBe(25);
  });

  it('gives the last start to finish as the service time, and each interaction separately', () => {
    expect(serviceMinutes(events)).toBe(10);
    expect(walkUpMinutes(events)).toBe(1);
    expect(servingSegments(events)).toEqual([
      { serviceId: 'ktp', calledAt: at(10), startedAt: at(11), endedAt: at(20), endedBy: 'transferred', walkUpMinutes: 1, serviceMinutes: 9 },
      { serviceId: 'kk', calledAt: at(35), startedAt: at(36), endedAt: at(46), endedBy: 'finished', walkUpMinutes: 1, serviceMinutes: 10 },
    ]);
  });

  it('counts only the segments called from while it still waits in the new queue', () => {
    const stillWaiting = events.slice(0, 4);
    expect(totalWaitingMinutes(stillWaiting)).toBe(10);
    expect(waitingSegments(stillWaiting)[1]).toEqual({ serviceId: 'kk', from: at(20), to: null, minutes: null });
    expect(serviceMinutes(stillWaiting)).toBeNull();
  });
});

describe('within standard', () => {
  it('counts a wait up to and including the maximum as within', () => {
    expect(withinStandard(14.9, 15)).toBe(true);
    expect(withinStandard(15, 15)).toBe(true);
    expect(withinStandard(15.01, 15)).toBe(false);
  });

  it("is the share of measured tickets within their own service's maximum wait", () => {
    const share = shareWithinStandard([
      { waitingMinutes: 10, maxWaitMinutes: 15 },
      { waitingMinutes: 20, maxWaitMinutes: 15 },
      { waitingMinutes: 20, maxWaitMinutes: 30 },
      { waitingMinutes: 30.5, maxWaitMinutes: 30 },
    ]);
    expect(share).toBe(0.5);
  });

  it('leaves out tickets that were never called', () => {
    expect(
      shareWithinStandard([
        { waitingMinutes: 10, maxWaitMinutes: 15 },
        { waitingMinutes: null, maxWaitMinutes: 15 },
        { waitingMinutes: 16, maxWaitMinutes: 15 },
      ]),
    ).toBe(0.5);
  });

  it('is null with nothing to measure', () => {
    expect(shareWithinStandard([])).toBeNull();
    expect(shareWithinStandard([{ waitingMinutes: null, maxWaitMinutes: 15 }])).toBeNull();
  });
});

// Random legal histories: a walk through the lifecycle, one event a minute or more apart.
const EVENT_OF: Record<TicketAction, TicketEventType> = {
  call: 'called',
  recall: 'recalled',
  start: 'started',
  finish: 'finished',
  return: 'returned',
  no_show: 'no_show',
  reinstate: 'reinstated',
  undo_no_show: 'no_show_undone',
  transfer: 'transferred',
  cancel: 'cancelled',
};

const historyArb = fc.array(fc.tuple(fc.nat({ max: 1000 }), fc.integer({ min: 1, max: 30 })), { minLength: 0, maxLength: 25 }).map((steps) => {
  const services = ['ktp', 'kk', 'akta'];
  let status: TicketStatus = 'waiting';
  let serviceId = 'ktp';
  let minute = 0;
  const events: TicketEventRecord[] = [event('issued', 0, serviceId)];
  for (const [choice, gap] of steps) {
    const actions = legalActions(status);
    if (actions.length === 0) break;
    const action = actions[choice % actions.length];
    status = nextStatus(status, action);
    if (action === 'transfer') serviceId = services[(services.indexOf(serviceId) + 1 + (choice % 2)) % services.length];
    minute += gap;
    events.push(event(EVENT_OF[action], minute, serviceId));
  }
  return { events, status };
});

describe('measures of any legal history', () => {
  it('open one queue segment at issue and one per transfer', () => {
    fc.assert(
      fc.property(historyArb, ({ events }) => {
        const transfers = events.filter((e) => e.type === 'transferred').length;
        expect(waitingSegments(events)).toHaveLength(1 + transfers);
      }),
    );
  });

  it('take the waiting time as first call minus issue', () => {
    fc.assert(
      fc.property(historyArb, ({ events }) => {
        const firstCall = events.find((e) => e.type === 'called');
        expect(waitingMinutes(events)).toBe(firstCall ? (firstCall.at - events[0].at) / MINUTE_MS : null);
      }),
    );
  });

  it('never give a negative duration, and a total no shorter than the first wait', () => {
    fc.assert(
      fc.property(historyArb, ({ events }) => {
        for (const segment of waitingSegments(events)) expect(segment.minutes ?? 0).toBeGreaterThanOrEqual(0);
        for (const serving of servingSegments(events)) {
          expect(serving.walkUpMinutes).not.toBeNull();
          expect(serving.walkUpMinutes!).toBeGreaterThanOrEqual(0);
          expect(serving.serviceMinutes ?? 0).toBeGreaterThanOrEqual(0);
        }
        const first = waitingMinutes(events);
        const total = totalWaitingMinutes(events);
        expect(total === null).toBe(first === null);
        if (first !== null) expect(total!).toBeGreaterThanOrEqual(first);
      }),
    );
  });

  it('have a service time exactly when the ticket is done', () => {
    fc.assert(
      fc.property(historyArb, ({ events, status }) => {
        expect(serviceMinutes(events) !== null).toBe(status === 'done');
      }),
    );
  });

  it('do not depend on the order the events arrive in', () => {
    fc.assert(
      fc.property(
        historyArb.chain((history) => fc.tuple(fc.constant(history.events), fc.shuffledSubarray(history.events, { minLength: history.events.length }))),
        ([events, shuffled]) => {
          expect(waitingSegments(shuffled)).toEqual(waitingSegments(events));
          expect(servingSegments(shuffled)).toEqual(servingSegments(events));
        },
      ),
    );
  });
});
