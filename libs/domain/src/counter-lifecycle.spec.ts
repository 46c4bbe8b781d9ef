import {
  assertCounterFree,
  assertReasonGiven,
  assertServes,
  assertSessionHolder,
  canCounter,
  COUNTER_ACTIONS,
  COUNTER_STATES,
  counterStopNotice,
  isRemoteAction,
  type CounterAction,
  legalCounterActions,
  nextCounterState,
} from './counter-lifecycle.js';
import { RuleError } from './errors.js';
import type { CounterState } from './views.js';

// The counter's moves as the API has enforced them, written out independently of the table.
const LEGAL: ReadonlyArray<[CounterState, CounterAction, CounterState]> = [
  ['closed', 'open', 'open'],
  ['open', 'pause', 'paused'],
  ['open', 'close', 'closed'],
  ['open', 'call_next', 'open'],
  ['open', 'call', 'open'],
  ['paused', 'resume', 'open'],
  ['paused', 'close', 'closed'],
];
const isLegal = (state: CounterState, action: CounterAction) => LEGAL.some(([from, act]) => from === state && act === action);

function refusal(state: CounterState, action: CounterAction): RuleError {
  try {
    nextCounterState({ name: 'Loket 2', state }, action);
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error(`${action} from ${state} was allowed`);
}

describe('counter lifecycle', () => {
  it.each(LEGAL)('from %s, %s leaves the counter %s', (from, action, to) => {
    expect(nextCounterState({ name: 'Loket 2', state: from }, action)).toBe(to);
    expect(canCounter(from, action)).toBe(true);
  });

  it('refuses every move the table does not list, as a conflict', () => {
    for (const state of COUNTER_STATES) {
      for (const action of COUNTER_ACTIONS.filter((candidate) => !isLegal(state, candidate))) {
        expect(canCounter(state, action)).toBe(false);
        expect(refusal(state, action).kind).toBe('conflict');
      }
    }
  });

  it('refuses to open a counter that is already open or paused, naming its state', () => {
    const error = refusal('paused', 'open');
    expect(error.code).toBe('counter_already_open');
    expect(error.message).toBe('Loket 2 is already paused');
    expect(error.details).toEqual({ state: 'paused' });
    expect(refusal('open', 'open').code).toBe('counter_already_open');
  });

  it('refuses a call while the counter is not open, telling the officer to open or resume it', () => {
    const paused = refusal('paused', 'call_next');
    expect(paused.code).toBe('counter_paused');
    expect(paused.message).toBe('Loket 2 is paused; open or resume it first');
    expect(paused.details).toEqual({ state: 'paused' });
    expect(refusal('closed', 'call').code).toBe('counter_closed');
  });

  it('refuses a session move from the wrong state with the state and the action', () => {
    const closing = refusal('closed', 'close');
    expect(closing.code).toBe('counter_closed');
    expect(closing.message).toBe('Cannot close Loket 2: it is closed');
    expect(closing.details).toEqual({ state: 'closed', action: 'close' });
    expect(refusal('paused', 'pause').code).toBe('counter_paused');
    expect(refusal('open', 'resume').code).toBe('counter_already_open');
  });

  it('lists the legal actions of each state, leaving out those that need a free counter while it is busy', () => {
    expect(legalCounterActions('closed')).toEqual(['open']);
    expect(legalCounterActions('open')).toEqual(['pause', 'close', 'call_next', 'call']);
    expect(legalCounterActions('open', { busy: true })).toEqual([]);
    expect(legalCounterActions('paused')).toEqual(['resume', 'close']);
    expect(legalCounterActions('paused', { busy: true })).toEqual(['resume']);
  });

  it('agrees with the decision for every state and action', () => {
    for (const state of COUNTER_STATES) {
      for (const action of COUNTER_ACTIONS) {
        expect(legalCounterActions(state).includes(action)).toBe(isLegal(state, action));
      }
    }
  });

  it('lets an officer work only the counter they opened; supervisors and admins act for any', () => {
    const counter = { name: 'Loket 2', sessionStaffId: 'siti' };
    expect(() => assertSessionHolder(counter, { id: 'siti', role: 'officer' })).not.toThrow();
    expect(() => assertSessionHolder(counter, { id: 'bambang', role: 'supervisor' })).not.toThrow();
    expect(() => assertSessionHolder(counter, { id: 'agus', role: 'officer' })).toThrow(
      expect.objectContaining({ code: 'counter_taken_by_other', kind: 'forbidden', message: 'Loket 2 was opened by another officer' }),
    );
  });

  it('refuses while a ticket is at the counter, naming the ticket', () => {
    expect(() => assertCounterFree({ name: 'Loket 2' }, null)).not.toThrow();
    expect(() => assertCounterFree({ name: 'Loket 2' }, { issuedCode: 'A', number: 7, status: 'serving' })).toThrow(
      expect.objectContaining({
        code: 'counter_busy',
        message: 'Loket 2 still has A-007 (serving): finish it, return it or mark it no-show first',
        details: { ticket: 'A-007', status: 'serving' },
      }),
    );
  });
});

describe('the services a counter serves', () => {
  it('calls only a ticket of a service the counter serves', () => {
    const counter = { name: 'Loket 2', serviceIds: ['ktp', 'kk'] };
    expect(() => assertServes(counter, 'kk')).not.toThrow();
    expect(() => assertServes(counter, 'paspor')).toThrow(
      expect.objectContaining({ code: 'service_not_served', kind: 'conflict', message: "Loket 2 does not serve this ticket's service" }),
    );
    expect(() => assertServes({ name: 'Loket 3', serviceIds: [] }, 'ktp')).toThrow(expect.objectContaining({ code: 'service_not_served' }));
  });
});

describe('the words a pause or close must carry', () => {
  const counter = { name: 'Loket 1', sessionStaffId: 'officer-1' };
  const code = (act: () => void) => {
    try {
      act();
    } catch (error) {
      return (error as RuleError).code;
    }
    return null;
  };

  it("asks a supervisor acting on another officer's counter to say why, for pausing and for closing", () => {
    expect(code(() => assertReasonGiven(counter, { id: 'supervisor' }, 'pause', 'briefing', null))).toBe('reason_required');
    expect(code(() => assertReasonGiven(counter, { id: 'supervisor' }, 'close', null, '  '))).toBe('reason_required');
    expect(code(() => assertReasonGiven(counter, { id: 'supervisor' }, 'close', null, 'Petugas sakit'))).toBeNull();
  });

  it('asks for a few words with "other", and for nothing else when the officer pauses their own counter', () => {
    expect(code(() => assertReasonGiven(counter, { id: 'officer-1' }, 'pause', 'other', ''))).toBe('reason_required');
    expect(code(() => assertReasonGiven(counter, { id: 'officer-1' }, 'pause', 'other', 'Ke gudang arsip'))).toBeNull();
    expect(code(() => assertReasonGiven(counter, { id: 'officer-1' }, 'pause', 'ishoma', null))).toBeNull();
    expect(code(() => assertReasonGiven(counter, { id: 'officer-1' }, 'close', null, null))).toBeNull();
    expect(isRemoteAction(counter, { id: 'officer-1' })).toBe(false);
    expect(isRemoteAction({ sessionStaffId: null }, { id: 'supervisor' })).toBe(false);
  });
});

describe('counterStopNotice: what the desk tells its officer about a stop it did not make', () => {
  const now = new Date('2026-12-05T03:00:00Z'); // 10:00 WIB
  const supervisor = { id: 'sup', name: 'Siti Supervisor', role: 'supervisor' as const };
  const base = { at: new Date('2026-12-05T02:40:00Z'), sessionStaffId: 'officer-1', reason: null, note: null };

  it('names the supervisor, the reason and the words of a remote pause or close', () => {
    expect(counterStopNotice({ ...base, type: 'paused', actor: supervisor, reason: 'briefing', note: 'Rapat mendadak' }, now, 'Asia/Jakarta')).toEqual({
      type: 'paused',
      at: '2026-12-05T02:40:00.000Z',
      by: { name: 'Siti Supervisor', role: 'supervisor' },
      reason: 'briefing',
      note: 'Rapat mendadak',
    });
    expect(counterStopNotice({ ...base, type: 'closed', actor: supervisor, reason: 'briefing', note: 'Sistem diperbaiki' }, now, 'Asia/Jakarta')).toEqual({
      type: 'closed',
      at: '2026-12-05T02:40:00.000Z',
      by: { name: 'Siti Supervisor', role: 'supervisor' },
      reason: null,
      note: 'Sistem diperbaiki',
    });
  });

  it("tells of the API's own pause or close, with nobody named", () => {
    expect(counterStopNotice({ ...base, type: 'paused', actor: null, reason: 'offline' }, now, 'Asia/Jakarta')).toMatchObject({ by: null, reason: 'offline' });
  });

  it("says nothing of the officer's own stop, of a counter worked since, or of an earlier day", () => {
    const officer = { id: 'officer-1', name: 'Petugas', role: 'officer' as const };
    expect(counterStopNotice({ ...base, type: 'paused', actor: officer, reason: 'ishoma' }, now, 'Asia/Jakarta')).toBeNull();
    expect(counterStopNotice({ ...base, type: 'resumed', actor: officer }, now, 'Asia/Jakarta')).toBeNull();
    expect(counterStopNotice({ ...base, type: 'opened', actor: officer }, now, 'Asia/Jakarta')).toBeNull();
    expect(counterStopNotice(null, now, 'Asia/Jakarta')).toBeNull();
    // 16:59 WIB yesterday is another service day in Jakarta.
    const yesterday = { ...base, at: new Date('2026-12-04T09:59:00Z'), type: 'closed' as const, actor: supervisor, note: 'Tutup' };
    expect(counterStopNotice(yesterday, now, 'Asia/Jakarta')).toBeNull();
  });
});
