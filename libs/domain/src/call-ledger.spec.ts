import { CallLedger } from './call-ledger.js';
import type { CallView } from './views.js';

const call = (ticketId: string, minute: number, recall = false): CallView => ({
  ticketId,
  number: `A-00${ticketId}`,
  serviceId: 's',
  counterId: 'c1',
  counterNumber: 1,
  counterName: 'Loket 1',
  at: new Date(Date.UTC(2026, 11, 1, 1, minute)).toISOString(),
  recall,
});

describe('CallLedger', () => {
  it('announces the calls a fresh snapshot brings that no event did, oldest first', () => {
    const ledger = new CallLedger();
    ledger.fromSnapshot([call('1', 0)]);
    expect(ledger.take(call('2', 1))).toBe(true);

    // Calls 3 and 4 were made while the board was resyncing or reconnecting.
    const missed = ledger.fromSnapshot([call('4', 3), call('3', 2), call('2', 1), call('1', 0)]);

    expect(missed.map((c) => c.ticketId)).toEqual(['3', '4']);
  });

  it('does not read out the calls made before the screen opened', () => {
    const ledger = new CallLedger();

    expect(ledger.fromSnapshot([call('2', 1), call('1', 0)])).toEqual([]);
    expect(ledger.take(call('2', 1))).toBe(false);
  });

  it('announces a recall of a ticket as a call of its own, once', () => {
    const ledger = new CallLedger();
    ledger.fromSnapshot([]);
    expect(ledger.take(call('1', 0))).toBe(true);

    expect(ledger.take(call('1', 2, true))).toBe(true);
    expect(ledger.fromSnapshot([call('1', 2, true)])).toEqual([]);
    expect(ledger.take(call('1', 2, true))).toBe(false);
  });

  it('remembers a bounded number of calls, forgetting the oldest', () => {
    const ledger = new CallLedger(2);
    ledger.take(call('1', 0));
    ledger.take(call('2', 1));
    ledger.take(call('3', 2));

    expect(ledger.take(call('3', 2))).toBe(false);
    expect(ledger.take(call('1', 0))).toBe(true);
  });

  it('starts afresh for another office', () => {
    const ledger = new CallLedger();
    ledger.fromSnapshot([call('1', 0)]);
    ledger.reset();

    expect(ledger.fromSnapshot([call('1', 0), call('2', 1)])).toEqual([]);
  });
});
