import { Logger } from '@nestjs/common';
import { DispatchLoop, type DeliveryWork } from './dispatch-loop.js';

/** A delivery kind with nothing due, counting its claims, whose consumers are in office `a` only. */
function work(): DeliveryWork<never, never, 'sent'> & { claims: number; reads: number } {
  const counted = {
    claims: 0,
    reads: 0,
    outcomeKinds: ['sent'] as const,
    inFlight: 10,
    claim: async () => ((counted.claims += 1), []),
    send: async () => undefined as never,
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

describe('DispatchLoop sends', () => {
  /** Deliveries to two receivers, `slow` never answering until let go; at most 2 in flight to each, 3 in all. */
  function twoReceivers() {
    const due = ['slow-1', 'slow-2', 'slow-3', 'fast-1', 'fast-2', 'fast-3', 'fast-4'];
    const recorded: string[][] = [];
    const sent: string[] = [];
    let letGo: () => void = () => undefined;
    const slowAnswer = new Promise<void>((resolve) => (letGo = resolve));
    const work: DeliveryWork<string, string, 'sent'> = {
      outcomeKinds: ['sent'],
      inFlight: 3,
      // As the webhook claim does: at most 2 in flight to a receiver, counting what the loop says it has there.
      claim: async (_now, _lease, limit, _office, busy) => {
        const taken: string[] = [];
        for (const id of due) {
          const receiver = work.laneOf!(id);
          const inFlight = (busy.get(receiver) ?? 0) + taken.filter((t) => work.laneOf!(t) === receiver).length;
          if (taken.length < limit && inFlight < 2) taken.push(id);
        }
        for (const id of taken) due.splice(due.indexOf(id), 1);
        return taken;
      },
      send: async (id) => {
        sent.push(id);
        if (id.startsWith('slow')) await slowAnswer;
        return id;
      },
      record: async (outcomes) => {
        recorded.push([...outcomes]);
      },
      kindOf: () => 'sent',
      laneOf: (id) => id.split('-')[0],
    };
    return { work, recorded, sent, letGo: () => letGo() };
  }

  it('lets a receiver that does not answer hold only its own places: the other’s deliveries are claimed, sent and recorded meanwhile', async () => {
    const { work, recorded, sent, letGo } = twoReceivers();
    const loop = new DispatchLoop(work, new Logger('test'), () => new Date('2026-12-07T02:00:00Z'));
    let drained = false;
    const drain = loop.drain().then((counts) => ((drained = true), counts));
    await until(() => recorded.flat().length === 4);
    expect(recorded.flat().sort()).toEqual(['fast-1', 'fast-2', 'fast-3', 'fast-4']);
    expect(sent.filter((id) => id.startsWith('slow'))).toEqual(['slow-1', 'slow-2']);
    expect(loop.inFlight).toBe(2);
    expect(drained).toBe(false);

    letGo();
    expect(await drain).toEqual({ claimed: 7, sent: 7 });
    expect(recorded.flat()).toHaveLength(7);
    expect(loop.inFlight).toBe(0);
  });
});
