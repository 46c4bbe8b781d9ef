import { RuleError } from './errors.js';
import {
  assertNoShowAllowed,
  assertNoShowUndoable,
  assertReinstatable,
  noShowAllowedAt,
  canTransition,
  IllegalTransitionError,
  isOpenStatus,
  legalActions,
  nextStatus,
  ReinstateExpiredError,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketAction,
  type TicketStatus,
} from './ticket-lifecycle.js';

// The diagram of docs/domain.md, written out independently of the implementation's table.
const LEGAL: ReadonlyArray<[TicketStatus, TicketAction, TicketStatus]> = [
  ['waiting', 'call', 'called'],
  ['waiting', 'cancel', 'cancelled'],
  ['called', 'recall', 'called'],
  ['called', 'start', 'serving'],
  ['called', 'return', 'waiting'],
  ['called', 'no_show', 'no_show'],
  ['serving', 'finish', 'done'],
  ['serving', 'transfer', 'waiting'],
  ['no_show', 'reinstate', 'waiting'],
  ['no_show', 'undo_no_show', 'called'],
];

const isLegal = (status: TicketStatus, action: TicketAction) => LEGAL.some(([from, act]) => from === status && act === action);
const ILLEGAL: Array<[TicketStatus, TicketAction]> = TICKET_STATUSES.flatMap((status) =>
  TICKET_ACTIONS.filter((action) => !isLegal(status, action)).map((action): [TicketStatus, TicketAction] => [status, action]),
);

describe('ticket lifecycle', () => {
  it('knows all seven statuses and the actions of docs/domain.md', () => {
    expect([...TICKET_STATUSES].sort()).toEqual(['called', 'cancelled', 'closed_end_of_day', 'done', 'no_show', 'serving', 'waiting']);
    expect([...TICKET_ACTIONS].sort()).toEqual(
      ['call', 'cancel', 'finish', 'no_show', 'recall', 'reinstate', 'return', 'start', 'transfer', 'undo_no_show'].sort(),
    );
  });

  it.each(LEGAL)('moves a %s ticket on %s to %s', (status, action, expected) => {
    // Act
    const to = nextStatus(status, action);
    // Assert
    expect(to).toBe(expected);
    expect(canTransition(status, action)).toBe(true);
  });

  it.each(ILLEGAL)('refuses to let a %s ticket %s, naming the current status', (status, action) => {
    // Act
    let thrown: unknown;
    try {
      nextStatus(status, action);
    } catch (error) {
      thrown = error;
    }
    // Assert
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    const error = thrown as IllegalTransitionError;
    expect(error.status).toBe(status);
    expect(error.action).toBe(action);
    expect(error.message).toContain(`is ${status.replace('_', '-')}`);
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('illegal_transition');
    expect(error.details).toEqual({ status, action });
    expect(canTransition(status, action)).toBe(false);
  });

  it('names the error class so logs and the exception filter can tell it apart', () => {
    expect(() => nextStatus('done', 'call')).toThrow(new IllegalTransitionError('done', 'call'));
    expect(new IllegalTransitionError('done', 'call').name).toBe('IllegalTransitionError');
    expect(new IllegalTransitionError('no_show', 'call').message).toBe('Cannot call a ticket that is no-show');
  });

  it.each<[TicketStatus, TicketAction[]]>([
    ['waiting', ['call', 'cancel']],
    ['called', ['recall', 'start', 'return', 'no_show']],
    ['serving', ['finish', 'transfer']],
    ['no_show', ['reinstate', 'undo_no_show']],
    ['done', []],
    ['cancelled', []],
    ['closed_end_of_day', []],
  ])('offers a %s ticket exactly the actions %j, in the stable action order', (status, expected) => {
    expect(legalActions(status)).toEqual(expected);
  });

  it('counts waiting, called and serving as open, and the ends of the line as closed', () => {
    expect(TICKET_STATUSES.filter(isOpenStatus)).toEqual(['waiting', 'called', 'serving']);
  });

  describe('reinstating a no-show', () => {
    it('allows it on the day the ticket was issued', () => {
      expect(() => assertReinstatable('2026-11-28', '2026-11-28')).not.toThrow();
    });

    it('refuses it on a later day, naming both days', () => {
      // Act
      const act = () => assertReinstatable('2026-11-27', '2026-11-28');
      // Assert
      expect(act).toThrow(ReinstateExpiredError);
      expect(act).toThrow(/2026-11-27.*2026-11-28/);
      try {
        act();
      } catch (error) {
        expect((error as ReinstateExpiredError).kind).toBe('conflict');
        expect((error as ReinstateExpiredError).code).toBe('reinstate_expired');
        expect((error as ReinstateExpiredError).details).toEqual({ ticketDay: '2026-11-27', today: '2026-11-28' });
      }
    });
  });

  describe('marking a no-show', () => {
    const calledAt = Date.parse('2026-11-30T01:00:00.000Z');

    it("is refused until the office's minutes since the last call have passed, saying how long is left", () => {
      // Act
      const act = () => assertNoShowAllowed(calledAt, calledAt + 10_000, 2);
      // Assert
      expect(act).toThrow(RuleError);
      try {
        act();
      } catch (error) {
        expect((error as RuleError).code).toBe('no_show_too_soon');
        expect((error as RuleError).kind).toBe('conflict');
        expect((error as RuleError).details).toEqual({ allowedAt: '2026-11-30T01:02:00.000Z', secondsLeft: 110, afterMinutes: 2 });
      }
    });

    it('is allowed from the exact instant the minutes are up, and at once with a setting of 0', () => {
      expect(noShowAllowedAt(calledAt, 2)).toBe(calledAt + 120_000);
      expect(() => assertNoShowAllowed(calledAt, calledAt + 119_999, 2)).toThrow(RuleError);
      expect(() => assertNoShowAllowed(calledAt, calledAt + 120_000, 2)).not.toThrow();
      expect(() => assertNoShowAllowed(calledAt, calledAt, 0)).not.toThrow();
    });
  });

  describe('undoing a no-show', () => {
    const markedAt = Date.parse('2026-11-30T01:05:00.000Z');

    it('is allowed within the ten seconds the desk offers it, and the few seconds the answer takes to arrive', () => {
      expect(() => assertNoShowUndoable(markedAt, markedAt + 10_000)).not.toThrow();
      expect(() => assertNoShowUndoable(markedAt, markedAt + 15_000)).not.toThrow();
    });

    it('is refused after that with undo_expired: the ticket then comes back only by reinstatement', () => {
      const act = () => assertNoShowUndoable(markedAt, markedAt + 15_001);
      expect(act).toThrow(RuleError);
      try {
        act();
      } catch (error) {
        expect((error as RuleError).code).toBe('undo_expired');
      }
    });

    it('puts the ticket back to called', () => {
      expect(nextStatus('no_show', 'undo_no_show')).toBe('called');
      expect(() => nextStatus('waiting', 'undo_no_show')).toThrow(IllegalTransitionError);
    });
  });
});
