import { createOffice } from './support/fixtures.js';
import { onPostgres, useTestApp } from './support/test-app.js';

describe(`concurrency on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const t = useTestApp();
  const api = t.api;

  it('gives 200 tickets issued at once 200 distinct consecutive numbers', async () => {
    const office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });

    const replies = await Promise.all(Array.from({ length: 200 }, () => api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })));

    expect(replies.map((reply) => reply.status)).toEqual(Array(200).fill(201));
    const numbers = replies.map((reply) => reply.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`));
    const [{ count }] = await t.db.query(`SELECT count(DISTINCT number)::int AS count FROM tickets WHERE office_id = $1`, [office.id]);
    expect(count).toBe(200);
  });

  describe('50 counters calling next at the same instant', () => {
    const COUNTERS = 50;
    let office: Awaited<ReturnType<typeof createOffice>>;

    beforeEach(async () => {
      office = await createOffice(t, {
        services: [{ code: 'A' }, { code: 'B' }],
        counters: Array.from({ length: COUNTERS }, (_, i) => ({ number: i + 1, services: i % 5 === 0 ? ['A', 'B'] : ['A'] })),
      });
      await Promise.all(
        Array.from({ length: COUNTERS }, async (_, i) => {
          const reply = await api.post(`/counters/${office.counters[i + 1]}/open`, undefined, office.officers[i + 1].token);
          expect(reply.status).toBe(200);
        }),
      );
    });

    const issueMany = async (count: number, code = 'A') => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        ids.push((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code] })).body.id);
        t.clock.advanceMinutes(0.01);
      }
      return ids;
    };
    const callAll = () =>
      Promise.all(
        Array.from({ length: COUNTERS }, (_, i) => api.post(`/counters/${office.counters[i + 1]}/call-next`, undefined, office.officers[i + 1].token)),
      );

    it('never hands one ticket to two counters, and leaves nobody waiting while a counter gets 204', async () => {
      const issued = await issueMany(30);

      const replies = await callAll();

      const called = replies.filter((reply) => reply.status === 200).map((reply) => reply.body.id as string);
      expect(replies.filter((reply) => reply.status === 204)).toHaveLength(COUNTERS - 30);
      expect(replies.every((reply) => reply.status === 200 || reply.status === 204)).toBe(true);
      expect(new Set(called).size).toBe(30);
      expect([...called].sort()).toEqual([...issued].sort());
      const [{ waiting }] = await t.db.query(`SELECT count(*)::int AS waiting FROM tickets WHERE office_id = $1 AND status = 'waiting'`, [office.id]);
      expect(waiting).toBe(0);
    });

    it('serves a long queue over many rounds, each ticket called exactly once and the earliest due first', async () => {
      const issued = await issueMany(120);
      const calledOnce = new Map<string, number>();
      const rounds: string[][] = [];

      for (let round = 0; round < 5; round++) {
        const replies = await callAll();
        const called = replies.filter((reply) => reply.status === 200).map((reply) => reply.body.id as string);
        rounds.push(called);
        for (const id of called) calledOnce.set(id, (calledOnce.get(id) ?? 0) + 1);
        await Promise.all(
          replies.map(async (reply, i) => {
            if (reply.status !== 200) return;
            const token = office.officers[i + 1].token;
            expect((await api.post(`/tickets/${reply.body.id}/start`, undefined, token)).status).toBe(200);
            expect((await api.post(`/tickets/${reply.body.id}/finish`, undefined, token)).status).toBe(200);
          }),
        );
      }

      expect(rounds.map((round) => round.length)).toEqual([50, 50, 20, 0, 0]);
      expect([...calledOnce.values()].every((times) => times === 1)).toBe(true);
      expect(calledOnce.size).toBe(120);
      // All tickets share one standard, so due order is issue order: each round takes the next block.
      expect(new Set(rounds[0])).toEqual(new Set(issued.slice(0, 50)));
      expect(new Set(rounds[1])).toEqual(new Set(issued.slice(50, 100)));
      const events = await t.db.query(
        `SELECT ticket_id, count(*)::int AS calls FROM ticket_events WHERE office_id = $1 AND type = 'called' GROUP BY ticket_id HAVING count(*) > 1`,
        [office.id],
      );
      expect(events).toEqual([]);
    });

    it('keeps the office sequence gap-free: one number per change, none twice', async () => {
      await issueMany(40);
      await callAll();

      const rows = await t.db.query(
        `SELECT seq FROM ticket_events WHERE office_id = $1 UNION ALL
         SELECT e.seq FROM counter_session_events e JOIN counters c ON c.id = e.counter_id WHERE c.office_id = $1
         ORDER BY seq`,
        [office.id],
      );
      const seqs = rows.map((row: { seq: string }) => Number(row.seq));
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(seqs).toHaveLength(COUNTERS + 40 + 40);
    });
  });
});
