import { type TicketView, placeInQueue, ticketQueueEntry } from '@loket/domain';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

describe('the wait forecast the kiosk, the board and the phone are given', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  const start = '2026-11-30T01:00:00.000Z'; // Monday 08:00 in Jakarta

  beforeEach(async () => {
    t.clock.set(start);
    office = await createOffice(t, {
      services: [
        { code: 'A', maxWaitMinutes: 60, serviceTimeMinutes: 10 },
        { code: 'B', maxWaitMinutes: 15, serviceTimeMinutes: 5 },
      ],
      counters: [
        { number: 1, services: ['A', 'B'] },
        { number: 2, services: ['A'] },
      ],
    });
  });

  const issue = async (code: string, priority?: string) =>
    (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code], ...(priority ? { priority } : {}) })).body;
  const track = async (ticket: { trackingCode: string }) => (await api.get(`/tickets/track/${ticket.trackingCode}`)).body;
  const open = async (n: number) => expect((await api.post(`/counters/${office.counters[n]}/open`, undefined, office.officers[n].token)).status).toBe(200);
  const estimates = async () =>
    Object.fromEntries(
      ((await api.get(`/offices/${office.slug}/services`)).body as { code: string; estimatedWaitMinutes: number | null }[]).map((s) => [
        s.code,
        s.estimatedWaitMinutes,
      ]),
    );

  it('sees the tickets of another service due sooner at a shared counter, which a count of one queue cannot', async () => {
    const a1 = await issue('A');
    await issue('B');
    await issue('B');
    // Half an hour on, with no arrivals in the last half hour to foresee.
    t.clock.advanceMinutes(31);
    await open(1);

    // Nobody is ahead of A-001 in its own queue, but both B tickets are due sooner at Loket 1: 5 + 1 minutes each, 12 in the
    // plain play. The point is the replays' median: 14 (a B or a priority ticket drawn to arrive may go first too).
    expect(await track(a1)).toMatchObject({ placeInQueue: 1, estimatedWaitMinutes: 14 });
    // A new A ticket comes after A-001 (12 + 10 + 1 in the plain play, 26 as the median); a new B ticket is due before A-001,
    // so after the two B tickets (12, and 13 as the median).
    expect(await estimates()).toEqual({ A: 26, B: 13 });
    const board = (await api.get(`/offices/${office.slug}/board`)).body as { services: { code: string; estimatedWaitMinutes: number | null }[] };
    expect(Object.fromEntries(board.services.map((s) => [s.code, s.estimatedWaitMinutes]))).toEqual({ A: 26, B: 13 });

    // A second counter for A opens: the very next answer knows it, though the clock has not moved.
    await open(2);
    expect(await track(a1)).toMatchObject({ estimatedWaitMinutes: 0 });
    // A new A ticket now waits for A-001's walk-up and service: 11 in the plain play, 9 as the median.
    expect((await estimates()).A).toBe(9);
  });

  it('gives every estimate as a range of whole minutes holding the point: the slip, the phone, the kiosk and the board', async () => {
    await open(1);
    const issued = [];
    for (let n = 0; n < 8; n += 1) issued.push(await issue('A'));
    type Ranged = { estimatedWaitMinutes: number | null; estimatedWaitRange: { lo: number; hi: number } | null };
    const holds = (view: Ranged) => {
      expect(view.estimatedWaitMinutes).not.toBeNull();
      const { lo, hi } = view.estimatedWaitRange!;
      expect([lo, hi].every(Number.isInteger)).toBe(true);
      expect(lo).toBeLessThanOrEqual(view.estimatedWaitMinutes!);
      expect(hi).toBeGreaterThanOrEqual(view.estimatedWaitMinutes!);
      return hi - lo;
    };
    // The slip: the ticket as issued.
    holds(issued[7] as Ranged);
    // The phone: a ticket far down the queue is less sure of its time than the first.
    const first = await track(issued[0]);
    const last = await track(issued[7]);
    expect(holds(last)).toBeGreaterThan(holds(first));
    expect(first.estimatedWaitRange.lo).toBe(0);
    // The same snapshot gives the same range, asked again.
    expect((await track(issued[7])).estimatedWaitRange).toEqual(last.estimatedWaitRange);
    // The kiosk and the board.
    const services = (await api.get(`/offices/${office.slug}/services`)).body as (Ranged & { code: string })[];
    const board = (await api.get(`/offices/${office.slug}/board`)).body as { services: (Ranged & { code: string })[] };
    for (const view of [...services, ...board.services]) holds(view);
    expect(board.services.map((s) => s.estimatedWaitRange)).toEqual(services.map((s) => s.estimatedWaitRange));
  });

  it('promises no time while no counter for the service is open or expected, and counts from a scheduled opening', async () => {
    const a1 = await issue('A');
    expect(await track(a1)).toMatchObject({ placeInQueue: 1, estimatedWaitMinutes: null, estimatedWaitRange: null });

    // Loket 2 is scheduled from 08:30 on Mondays.
    await t.db.query(`UPDATE counters SET schedule = '[{"weekday": 1, "opens": "08:30", "closes": "15:00"}]' WHERE id = $1`, [office.counters[2]]);
    t.clock.advanceMinutes(1);
    expect(await track(a1)).toMatchObject({ estimatedWaitMinutes: 29 });
  });

  it('reads the office once or twice for a burst of phones after an event, and every answer knows the event', async () => {
    const tickets = [];
    for (let n = 0; n < 40; n += 1) tickets.push(await issue('A'));
    await open(1);
    const manager = t.db.manager;
    const query = manager.query.bind(manager);
    let reads = 0;
    manager.query = ((sql: string, parameters?: unknown[]) => {
      if (sql.includes(`FROM tickets WHERE office_id = $1 AND status = 'waiting'`)) reads += 1;
      return query(sql, parameters);
    }) as typeof manager.query;
    try {
      await open(2);
      const answers = await Promise.all(tickets.map(track));
      // Two counters share the queue now: the second in line is called at once.
      expect(answers[1]).toMatchObject({ placeInQueue: 2, estimatedWaitMinutes: 0 });
      expect(reads).toBeGreaterThanOrEqual(1);
      expect(reads).toBeLessThanOrEqual(2);
    } finally {
      manager.query = query;
    }
  });

  it('places each waiting ticket as the who-is-next rule would call it', async () => {
    const issued: { id: string; trackingCode: string }[] = [];
    const pattern: (string | undefined)[] = [undefined, 'lanjut_usia', undefined, undefined, 'disabilitas', undefined, 'wanita_hamil', undefined];
    for (const [index, priority] of pattern.entries()) {
      issued.push(await issue(index % 3 === 2 ? 'B' : 'A', priority));
      t.clock.advanceMinutes(index % 2 === 0 ? 1 : 7);
    }
    const waiting = ((await api.get(`/offices/${office.slug}/board`)).body as { waiting: TicketView[] }).waiting.map(ticketQueueEntry);
    for (const ticket of issued) expect((await track(ticket)).placeInQueue).toBe(placeInQueue(waiting, ticket.id));
    // And the order is not simply the order of issue: a priority ticket passed someone.
    expect(
      issued.some(
        (ticket, index) =>
          placeInQueue(waiting, ticket.id)! <
          issued.slice(0, index).filter((other) => waiting.find((w) => w.id === other.id)!.serviceId === waiting.find((w) => w.id === ticket.id)!.serviceId)
            .length +
            1,
      ),
    ).toBe(true);
  });
});
