import { Logger } from '@nestjs/common';
import { DispatchLoop, type DeliveryWork } from './dispatch-loop.js';

/** A delivery kind with nothing due, counting its claims, whose consumers are in office `a` only. */
function work(): DeliveryWork<never, never, 'sent'> & { claims: number; reads: number } {
  const counted = {
    claims: 0,
    reads: 0,
    outcomeKinds: ['sent'] as const,
    batch: 10,
    claim: async () => ((counted.claims += 1), []),
    send: async () => [],
    record: async () => undefined,
    kindOf: () => 'sent' as const,
    officesWanting: async () => ((counted.reads += 1), new Set(['a'])),
  };
  return counted;
}

/** Waits (a few ms at a time, 5 s at most) until `done` holds: the kick's round runs on a 50 ms timer. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('DispatchLoop', () => {
  it('rounds after a change only in an office with someone to tell, once the timer has read which', async () => {
    const delivery = work();
    const loop = new DispatchLoop(delivery, new Logger('test'), () => new Date('2026-12-07T02:00:00Z'));
    try {
      // Not read yet: any office's change may have written a delivery.
      expect(loop.officeChanged('b')).toBe(true);
      await until(() => delivery.claims === 1);
      expect(delivery.claims).toBe(1);

      await loop.timerRound();
      expect(delivery.reads).toBe(1);
      const claims = delivery.claims;
      expect(loop.officeChanged('b')).toBe(false);
      expect(loop.officeChanged('a')).toBe(true);
      // The kick's round comes 50 ms later and claims.
      await until(() => delivery.claims > claims);
      expect(delivery.claims).toBe(claims + 1);

      // The timer re-reads only every 10 s.
      await loop.timerRound();
      expect(delivery.reads).toBe(1);
    } finally {
      await loop.stop();
    }
  });
});
