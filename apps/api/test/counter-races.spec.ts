import { randomBytes } from 'node:crypto';
import type { Reply } from './support/http.js';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { onPostgres, useTestApp } from './support/test-app.js';

/**
 * Two requests about one counter (or one officer) sent at the same instant, many rounds
 * over: exactly one wins, the other is refused with a stable 409 code (or 401/403/404
 * where the winner took the loser's right away), never a 500, and the state left behind is
 * one the rules allow. On PGlite the pool of one runs transactions one after the other;
 * PostgreSQL is where they really overlap, so only there do the rounds run many times over.
 * On PGlite a few rounds check the same outcomes and states: more would repeat one order.
 */
describe(`counter races on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const t = useTestApp();
  const api = t.api;
  const ROUNDS = onPostgres ? 30 : 4;

  type Outcome = [status: number, code: string | null];
  const outcome = (reply: Reply): Outcome => [reply.status, reply.status >= 400 ? ((reply.body as { code?: string })?.code ?? null) : null];
  const same = (a: Outcome, b: Outcome) => a[0] === b[0] && a[1] === b[1];

  /**
   * Runs `round` ROUNDS times; each returns the two outcomes and whether the state it left
   * is allowed. A round is right when its outcomes are one of `allowed` (in the order sent)
   * and its state check passed. Returns every wrong round, so a failure shows them all.
   */
  async function race(
    rounds: number,
    allowed: [Outcome, Outcome][],
    round: (i: number) => Promise<{ replies: [Reply, Reply]; stateProblem: string | null }>,
  ): Promise<{ wrong: string[]; seen: Map<string, number> }> {
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < rounds; i++) {
      const { replies, stateProblem } = await round(i);
      const got = replies.map(outcome) as [Outcome, Outcome];
      const key = JSON.stringify(got);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (!allowed.some(([a, b]) => same(a, got[0]) && same(b, got[1]))) wrong.push(`round ${i}: ${key}`);
      if (stateProblem) wrong.push(`round ${i}: ${stateProblem}`);
    }
    return { wrong, seen };
  }

  /** One request wins with 200 and the other is refused: `first` is the first's refusal when the second wins, `second` the second's when the first wins. */
  const oneWins = (first: Outcome, second: Outcome): [Outcome, Outcome][] => [
    [[200, null], second],
    [first, [200, null]],
  ];

  const office = (counters = 1): Promise<OfficeFixture> =>
    createOffice(t, { services: [{ code: 'A' }], counters: Array.from({ length: counters }, (_, i) => ({ number: i + 1, services: ['A'] })) });

  const open = (o: OfficeFixture, counter: number, token = o.officers[counter].token) => api.post(`/counters/${o.counters[counter]}/open`, undefined, token);

  const issue = async (o: OfficeFixture) => {
    const reply = await api.post(`/offices/${o.slug}/tickets`, { serviceId: o.services.A });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };

  const sessionState = async (counterId: string): Promise<string | null> => {
    const rows = await t.db.query<{ state: string }[]>(`SELECT state FROM counter_sessions WHERE counter_id = $1 AND state <> 'closed'`, [counterId]);
    return rows[0]?.state ?? null;
  };

  /** Tickets called to or served at a counter whose session is not open: a citizen sent to a closed or paused window. */
  const strandedTickets = async (counterId: string): Promise<number> => {
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tickets t
       WHERE t.counter_id = $1 AND t.status IN ('called', 'serving')
         AND NOT EXISTS (SELECT 1 FROM counter_sessions cn WHERE cn.counter_id = t.counter_id AND cn.state = 'open')`,
      [counterId],
    );
    return n;
  };

  const makeAdmin = async () => {
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Admin Uji', 'admin', 'no-login', $2) RETURNING id`,
      [`admin-${randomBytes(5).toString('hex')}`, t.clock.now()],
    );
    return { id: row.id, token: await t.jwt.signAsync({ sub: row.id, role: 'admin' }) };
  };

  const expectNoWrong = (result: { wrong: string[]; seen: Map<string, number> }) => {
    // Which outcomes came up, for the reader of a failure (and of a run on PostgreSQL).
    expect({ wrong: result.wrong, seen: Object.fromEntries(result.seen) }).toEqual({ wrong: [], seen: expect.any(Object) });
  };

  const stopsAgainstCallNext = [
    { action: 'close', body: undefined, refusal: 'counter_closed', stopped: 'closed', stoppedState: null },
    { action: 'pause', body: { reason: 'ishoma' }, refusal: 'counter_paused', stopped: 'paused', stoppedState: 'paused' },
  ] as const;
  for (const stop of stopsAgainstCallNext) {
    it(`${stop.action} against call-next, ${ROUNDS} rounds: one wins, the other gets 409, no ticket left called at a ${stop.stopped} counter`, async () => {
      const result = await race(ROUNDS, oneWins([409, 'counter_busy'], [409, stop.refusal]), async () => {
        const o = await office();
        expect((await open(o, 1)).status).toBe(200);
        await issue(o);
        const token = o.officers[1].token;
        const replies = await Promise.all([
          api.post(`/counters/${o.counters[1]}/${stop.action}`, stop.body, token),
          api.post(`/counters/${o.counters[1]}/call-next`, undefined, token),
        ]);
        const stranded = await strandedTickets(o.counters[1]);
        const state = await sessionState(o.counters[1]);
        const expectedState = replies[0].status === 200 ? stop.stoppedState : 'open';
        return {
          replies,
          stateProblem: stranded > 0 ? `${stranded} ticket(s) called at a ${state ?? 'closed'} counter` : state !== expectedState ? `session ${state}` : null,
        };
      });
      expectNoWrong(result);
    });
  }

  it(`two officers opening one counter, ${ROUNDS} rounds: one opens it, the other gets 409 counter_already_open`, async () => {
    const result = await race(ROUNDS, oneWins([409, 'counter_already_open'], [409, 'counter_already_open']), async () => {
      const o = await office(2);
      const replies = await Promise.all([open(o, 1, o.officers[1].token), open(o, 1, o.officers[2].token)]);
      const sessions = await t.db.query<{ staff_id: string }[]>(`SELECT staff_id FROM counter_sessions WHERE counter_id = $1 AND state <> 'closed'`, [
        o.counters[1],
      ]);
      const winner = replies[0].status === 200 ? o.officers[1].id : o.officers[2].id;
      const right = sessions.length === 1 && sessions[0].staff_id === winner;
      return { replies, stateProblem: right ? null : `${sessions.length} session(s) open` };
    });
    expectNoWrong(result);
  });

  it(`one officer opening two counters, ${ROUNDS} rounds: one opens, the other gets 409 officer_already_at_counter`, async () => {
    const result = await race(ROUNDS, oneWins([409, 'officer_already_at_counter'], [409, 'officer_already_at_counter']), async () => {
      const o = await office(2);
      const token = o.officers[1].token;
      const replies = await Promise.all([open(o, 1, token), open(o, 2, token)]);
      const sessions = await t.db.query<{ counter_id: string }[]>(`SELECT counter_id FROM counter_sessions WHERE staff_id = $1 AND state <> 'closed'`, [
        o.officers[1].id,
      ]);
      const winner = replies[0].status === 200 ? o.counters[1] : o.counters[2];
      const right = sessions.length === 1 && sessions[0].counter_id === winner;
      return { replies, stateProblem: right ? null : `${sessions.length} session(s) open` };
    });
    expectNoWrong(result);
  });

  it(`deactivating an officer against their counter open, ${ROUNDS} rounds: never an inactive officer at an open counter`, async () => {
    const admin = await makeAdmin();
    const result = await race(
      ROUNDS,
      [
        // Deactivated first: the open is refused, by the guard or inside its transaction.
        [
          [200, null],
          [401, 'unauthorized'],
        ],
        [
          [200, null],
          [401, null],
        ],
        // Opened first: the deactivation is refused until the counter is closed.
        [
          [409, 'staff_at_counter'],
          [200, null],
        ],
      ],
      async () => {
        const o = await office();
        const replies = await Promise.all([api.post(`/admin/staff/${o.officers[1].id}/deactivate`, undefined, admin.token), open(o, 1)]);
        const [row] = await t.db.query<{ active: boolean; sessions: number }[]>(
          `SELECT s.active, (SELECT count(*)::int FROM counter_sessions cn WHERE cn.staff_id = s.id AND cn.state <> 'closed') AS sessions FROM staff s WHERE s.id = $1`,
          [o.officers[1].id],
        );
        const right = row.active ? row.sessions === 1 && replies[1].status === 200 : row.sessions === 0 && replies[0].status === 200;
        return { replies, stateProblem: right ? null : `active ${row.active} with ${row.sessions} session(s)` };
      },
    );
    expectNoWrong(result);
  });

  describe('siblings: changes that read what a lock was guarding before taking it', () => {
    const SIBLING_ROUNDS = onPostgres ? 15 : 3;

    it(`close against calling a named ticket out of order, ${SIBLING_ROUNDS} rounds: no ticket left called at a closed counter`, async () => {
      const result = await race(SIBLING_ROUNDS, oneWins([409, 'counter_busy'], [409, 'counter_closed']), async () => {
        const o = await office();
        expect((await open(o, 1)).status).toBe(200);
        await issue(o);
        const second = await issue(o);
        const token = o.officers[1].token;
        const replies = await Promise.all([
          api.post(`/counters/${o.counters[1]}/close`, undefined, token),
          api.post(`/counters/${o.counters[1]}/call`, { ticketId: second, reason: 'Lansia, dipanggil lebih dulu' }, token),
        ]);
        const stranded = await strandedTickets(o.counters[1]);
        return { replies, stateProblem: stranded > 0 ? `${stranded} ticket(s) called at a closed counter` : null };
      });
      expectNoWrong(result);
    });

    it(`deactivating a counter against its open, ${SIBLING_ROUNDS} rounds: never an open session at an inactive counter`, async () => {
      const admin = await makeAdmin();
      const result = await race(SIBLING_ROUNDS, oneWins([409, 'counter_in_use'], [404, 'not_found']), async () => {
        const o = await office();
        const replies = await Promise.all([api.send('PATCH', `/admin/counters/${o.counters[1]}`, { body: { active: false }, token: admin.token }), open(o, 1)]);
        const [row] = await t.db.query<{ active: boolean; sessions: number }[]>(
          `SELECT c.active, (SELECT count(*)::int FROM counter_sessions cn WHERE cn.counter_id = c.id AND cn.state <> 'closed') AS sessions FROM counters c WHERE c.id = $1`,
          [o.counters[1]],
        );
        const right = row.active ? row.sessions === 1 : row.sessions === 0;
        return { replies, stateProblem: right ? null : `active ${row.active} with ${row.sessions} session(s)` };
      });
      expectNoWrong(result);
    });

    it(`moving an officer to another office against their counter open, ${SIBLING_ROUNDS} rounds: never a session in an office they left`, async () => {
      const admin = await makeAdmin();
      const result = await race(SIBLING_ROUNDS, oneWins([409, 'staff_at_counter'], [403, 'not_your_office']), async () => {
        const o = await office();
        const [{ office_id: elsewhere }] = await t.db.query<{ office_id: string }[]>('SELECT office_id FROM staff_offices WHERE staff_id = $1', [
          o.outsider.id,
        ]);
        const officer = o.officers[1];
        const replies = await Promise.all([
          api.send('PATCH', `/admin/staff/${officer.id}`, { body: { officeIds: [elsewhere] }, token: admin.token }),
          open(o, 1),
        ]);
        const [{ stray }] = await t.db.query<{ stray: number }[]>(
          `SELECT count(*)::int AS stray FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id
             WHERE cn.staff_id = $1 AND cn.state <> 'closed'
               AND NOT EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = cn.staff_id AND so.office_id = c.office_id)`,
          [officer.id],
        );
        return { replies, stateProblem: stray > 0 ? `${stray} session(s) in an office the officer left` : null };
      });
      expectNoWrong(result);
    });

    it(`two deactivations of one officer, ${SIBLING_ROUNDS} rounds: one deactivates, the other gets 409 already_inactive, one audit row`, async () => {
      const admin = await makeAdmin();
      const result = await race(SIBLING_ROUNDS, oneWins([409, 'already_inactive'], [409, 'already_inactive']), async () => {
        const o = await office();
        const path = `/admin/staff/${o.officers[1].id}/deactivate`;
        const replies = await Promise.all([api.post(path, undefined, admin.token), api.post(path, undefined, admin.token)]);
        const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'staff.deactivated'`, [
          o.officers[1].id,
        ]);
        return { replies, stateProblem: n === 1 ? null : `${n} deactivation(s) audited` };
      });
      expectNoWrong(result);
    });

    it(`two admins editing different fields of one counter, one service, one account, ${SIBLING_ROUNDS} rounds: both edits kept`, async () => {
      const admin = await makeAdmin();
      const both: [Outcome, Outcome][] = [
        [
          [200, null],
          [200, null],
        ],
      ];
      const edit = (path: string, body: object) => api.send('PATCH', path, { body, token: admin.token });
      const counters = await race(SIBLING_ROUNDS, both, async (i) => {
        const o = await office();
        const path = `/admin/counters/${o.counters[1]}`;
        const replies = await Promise.all([edit(path, { name: `Loket Baru ${i}` }), edit(path, { priorityOnly: true })]);
        const [row] = await t.db.query<{ name: string; priority_only: boolean }[]>('SELECT name, priority_only FROM counters WHERE id = $1', [o.counters[1]]);
        const right = row.name === `Loket Baru ${i}` && row.priority_only;
        return { replies, stateProblem: right ? null : `counter left as ${JSON.stringify(row)}` };
      });
      const services = await race(SIBLING_ROUNDS, both, async (i) => {
        const o = await office();
        const path = `/admin/services/${o.services.A}`;
        const replies = await Promise.all([edit(path, { name: `Layanan Baru ${i}` }), edit(path, { maxWaitMinutes: 45 })]);
        const [row] = await t.db.query<{ name: string; max_wait_minutes: number }[]>('SELECT name, max_wait_minutes FROM services WHERE id = $1', [
          o.services.A,
        ]);
        const right = row.name === `Layanan Baru ${i}` && row.max_wait_minutes === 45;
        return { replies, stateProblem: right ? null : `service left as ${JSON.stringify(row)}` };
      });
      const accounts = await race(SIBLING_ROUNDS, both, async (i) => {
        const o = await office();
        const path = `/admin/staff/${o.officers[1].id}`;
        const replies = await Promise.all([edit(path, { name: `Petugas Baru ${i}` }), edit(path, { role: 'supervisor' })]);
        const [row] = await t.db.query<{ name: string; role: string }[]>('SELECT name, role FROM staff WHERE id = $1', [o.officers[1].id]);
        const right = row.name === `Petugas Baru ${i}` && row.role === 'supervisor';
        return { replies, stateProblem: right ? null : `account left as ${JSON.stringify(row)}` };
      });
      expectNoWrong(counters);
      expectNoWrong(services);
      expectNoWrong(accounts);
    });
  });
});
