import { randomBytes } from 'node:crypto';
import { CountersService } from '../src/counters/counters.service.js';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/**
 * Minding a counter (issue 14, items 2 and 3): no-show only after the office's minutes since
 * the last call, its ten-second undo, calling back today's no-shows; the desk's heartbeat,
 * the offline pause and the shift-end close by the API's sweep on the injected clock; a
 * supervisor's remote pause and close with a reason, in the audit trail.
 */
describe('minding a counter: no-shows, heartbeats and remote actions', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;

  beforeEach(async () => {
    // Monday 30 November 2026, 08:00 in Jakarta.
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, {
      services: [{ code: 'A' }, { code: 'B' }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
        { number: 3, services: ['B'] },
      ],
      // The product's default, which this file tests (the fixture's is 0).
      noShowAfterMinutes: 2,
    });
    await t.db.query(`UPDATE counters SET schedule = $2 WHERE office_id = $1`, [
      office.id,
      JSON.stringify([1, 2, 3, 4].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }))),
    ]);
  });

  const officer = (n: number) => office.officers[n].token;
  const counterId = (n: number) => office.counters[n];
  const issue = async (code = 'A') =>
    (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code] })).body as { id: string; number: string };
  const open = async (n: number) => expect((await api.post(`/counters/${counterId(n)}/open`, {}, officer(n))).status).toBe(200);
  const callNext = async (n: number) => {
    const reply = await api.post(`/counters/${counterId(n)}/call-next`, undefined, officer(n));
    expect(reply.status).toBe(200);
    return reply.body as { id: string; number: string; status: string };
  };
  const seconds = (s: number) => t.clock.set(new Date(t.clock.now().getTime() + s * 1000));
  const sweep = () => t.app.get(CountersService).sweep();
  const counterView = async (n: number) => {
    const board = await api.get(`/offices/${office.slug}/board`);
    return (board.body.counters as { id: string; state: string; pauseReason: string | null; pauseNote: string | null; pausedAt: string | null }[]).find(
      (candidate) => candidate.id === counterId(n),
    )!;
  };

  describe('a no-show', () => {
    it('is refused with no_show_too_soon until two minutes after the last call, a recall starting the wait again', async () => {
      await open(1);
      await issue();
      const ticket = await callNext(1);

      seconds(10);
      const early = await api.post(`/tickets/${ticket.id}/no-show`, undefined, officer(1));
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'no_show_too_soon', details: { secondsLeft: 110, afterMinutes: 2 } });

      seconds(100);
      expect((await api.post(`/tickets/${ticket.id}/recall`, undefined, officer(1))).status).toBe(200);
      seconds(60);
      expect((await api.post(`/tickets/${ticket.id}/no-show`, undefined, officer(1))).body.code).toBe('no_show_too_soon');
      seconds(60);
      const marked = await api.post(`/tickets/${ticket.id}/no-show`, undefined, officer(1));
      expect(marked.status).toBe(200);
      expect(marked.body.status).toBe('no_show');
    });

    it('follows the office’s own setting', async () => {
      await t.db.query(`UPDATE offices SET no_show_after_minutes = 0 WHERE id = $1`, [office.id]);
      await open(1);
      await issue();
      const ticket = await callNext(1);
      expect((await api.post(`/tickets/${ticket.id}/no-show`, undefined, officer(1))).status).toBe(200);
    });

    it('can be undone within seconds: called again at the same counter, as the same call, with the undo in the trail', async () => {
      await open(1);
      await issue();
      const ticket = await callNext(1);
      seconds(120);
      await api.post(`/tickets/${ticket.id}/no-show`, undefined, officer(1));
      seconds(8);

      const undone = await api.post(`/tickets/${ticket.id}/undo-no-show`, undefined, officer(1));
      expect(undone.status).toBe(200);
      expect(undone.body).toMatchObject({ status: 'called', counterId: counterId(1), finishedAt: null, calledAt: '2026-11-30T01:00:00.000Z' });
      expect((await counterView(1)).state).toBe('open');
      const events = await t.db.query(`SELECT type, actor_staff_id, counter_id FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticket.id]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['issued', 'called', 'no_show', 'no_show_undone']);
      expect(events[3]).toMatchObject({ actor_staff_id: office.officers[1].id, counter_id: counterId(1) });

      // The citizen arrived after all: served as usual.
      expect((await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1))).status).toBe(200);
    });

    it('cannot be undone after the seconds are up, by another officer, or once the counter has called someone else', async () => {
      await open(1);
      await open(2);
      await issue();
      await issue();
      const ticket = await callNext(1);
      seconds(120);
      await api.post(`/tickets/${ticket.id}/no-show`, undefined, officer(1));

      expect((await api.post(`/tickets/${ticket.id}/undo-no-show`, undefined, officer(2))).body.code).toBe('counter_taken_by_other');
      seconds(16);
      const late = await api.post(`/tickets/${ticket.id}/undo-no-show`, undefined, officer(1));
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('undo_expired');

      const again = await callNext(1);
      seconds(120);
      await api.post(`/tickets/${again.id}/no-show`, undefined, officer(1));
      await issue();
      await callNext(1);
      const busy = await api.post(`/tickets/${again.id}/undo-no-show`, undefined, officer(1));
      expect(busy.status).toBe(409);
      expect(busy.body.code).toBe('counter_busy');
    });

    it('lists today’s no-shows at the desk and calls one back: reinstated and called at this counter', async () => {
      await open(1);
      await open(2);
      await open(3);
      await issue('A');
      await issue('B');
      const a = await callNext(1);
      const b = await callNext(3);
      seconds(120);
      await api.post(`/tickets/${a.id}/no-show`, undefined, officer(1));
      await api.post(`/tickets/${b.id}/no-show`, undefined, officer(3));

      // Loket 1 serves A only: it sees A's no-show, not B's.
      const list = await api.get(`/counters/${counterId(1)}/no-shows`, officer(1));
      expect(list.status).toBe(200);
      expect(list.body.map((ticket: { id: string; status: string }) => [ticket.id, ticket.status])).toEqual([[a.id, 'no_show']]);
      expect((await api.get(`/counters/${counterId(1)}/no-shows`, office.outsider.token)).status).toBe(403);

      const back = await api.post(`/counters/${counterId(1)}/call-back`, { ticketId: a.id }, officer(1));
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ id: a.id, status: 'called', counterId: counterId(1) });
      const events = await t.db.query(`SELECT type, payload FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [a.id]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['issued', 'called', 'no_show', 'reinstated', 'called']);
      expect(events[4].payload).toMatchObject({ outOfOrder: true, reason: 'no_show_called_back' });
      expect((await api.get(`/counters/${counterId(1)}/no-shows`, officer(1))).body).toEqual([]);

      // Called back once, it is no longer a no-show to call back.
      expect((await api.post(`/counters/${counterId(2)}/call-back`, { ticketId: a.id }, officer(2))).body.code).toBe('illegal_transition');
    });

    it('cannot be called back on a later day, nor to a counter that does not serve it', async () => {
      await open(1);
      await open(3);
      await issue('A');
      const a = await callNext(1);
      seconds(120);
      await api.post(`/tickets/${a.id}/no-show`, undefined, officer(1));

      expect((await api.post(`/counters/${counterId(3)}/call-back`, { ticketId: a.id }, officer(3))).body.code).toBe('service_not_served');
      t.clock.set('2026-12-01T01:00:00.000Z');
      const late = await api.post(`/counters/${counterId(1)}/call-back`, { ticketId: a.id }, officer(1));
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('reinstate_expired');
      expect((await api.get(`/counters/${counterId(1)}/no-shows`, officer(1))).body).toEqual([]);
    });
  });

  describe('the sweep', () => {
    it('pauses an open counter as offline once its desk has been silent for five minutes, and not while it beats', async () => {
      await open(1);
      await open(2);
      t.clock.advanceMinutes(4);
      // The answer is the server's time, which the desk keeps its countdowns by.
      const beat = await api.post(`/counters/${counterId(1)}/heartbeat`, undefined, officer(1));
      expect(beat.status).toBe(200);
      expect(beat.body).toEqual({ at: t.clock.now().toISOString() });
      t.clock.advanceMinutes(4);
      await sweep();
      expect((await counterView(1)).state).toBe('open');
      const silent = await counterView(2);
      expect(silent).toMatchObject({ state: 'paused', pauseReason: 'offline', pausedAt: t.clock.now().toISOString() });
      const [event] = await t.db.query(`SELECT type, reason, actor_staff_id FROM counter_session_events WHERE counter_id = $1 ORDER BY id DESC LIMIT 1`, [
        counterId(2),
      ]);
      expect(event).toEqual({ type: 'paused', reason: 'offline', actor_staff_id: null });

      // Back at the desk: resuming counts as seen, so the next sweep leaves it open.
      expect((await api.post(`/counters/${counterId(2)}/resume`, undefined, officer(2))).status).toBe(200);
      await sweep();
      expect((await counterView(2)).state).toBe('open');
    });

    it('follows the office’s offline minutes, and never pauses a counter with a citizen called or served', async () => {
      await t.db.query(`UPDATE offices SET offline_after_minutes = 10 WHERE id = $1`, [office.id]);
      await open(1);
      await open(2);
      await issue();
      await callNext(1);
      t.clock.advanceMinutes(9);
      await sweep();
      expect((await counterView(2)).state).toBe('open');
      t.clock.advanceMinutes(1);
      await sweep();
      expect((await counterView(1)).state).toBe('open');
      expect((await counterView(2)).pauseReason).toBe('offline');
    });

    it('only lets the session’s own officer keep it alive', async () => {
      await open(1);
      const other = await api.post(`/counters/${counterId(1)}/heartbeat`, undefined, officer(2));
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('counter_taken_by_other');
      const closed = await api.post(`/counters/${counterId(3)}/heartbeat`, undefined, officer(3));
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('counter_closed');
    });

    it('closes a counter, open or paused, at the end of its shift plus the grace, and not before', async () => {
      await open(1);
      await open(2);
      expect((await api.post(`/counters/${counterId(2)}/pause`, { reason: 'ishoma' }, officer(2))).status).toBe(200);
      // 15:29 in Jakarta, the desk still beating.
      t.clock.set('2026-11-30T08:29:00.000Z');
      await api.post(`/counters/${counterId(1)}/heartbeat`, undefined, officer(1));
      await sweep();
      expect((await counterView(1)).state).toBe('open');
      expect((await counterView(2)).state).toBe('paused');
      t.clock.set('2026-11-30T08:30:00.000Z');
      await api.post(`/counters/${counterId(1)}/heartbeat`, undefined, officer(1));
      await sweep();
      expect((await counterView(1)).state).toBe('closed');
      expect((await counterView(2)).state).toBe('closed');
      const events = await t.db.query(`SELECT type, actor_staff_id FROM counter_session_events WHERE counter_id = $1 ORDER BY id`, [counterId(1)]);
      expect(events.at(-1)).toEqual({ type: 'closed', actor_staff_id: null });
    });
  });

  describe('pausing with words, and a supervisor acting from afar', () => {
    it('asks for words with "other", keeps them and when the pause began, and refuses offline by hand', async () => {
      await open(1);
      const bare = await api.post(`/counters/${counterId(1)}/pause`, { reason: 'other' }, officer(1));
      expect(bare.status).toBe(400);
      expect(bare.body.code).toBe('reason_required');
      expect((await api.post(`/counters/${counterId(1)}/pause`, { reason: 'offline' }, officer(1))).body.code).toBe('validation_failed');

      const paused = await api.post(`/counters/${counterId(1)}/pause`, { reason: 'other', note: '  Ke gudang arsip  ' }, officer(1));
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ state: 'paused', pauseReason: 'other', pauseNote: 'Ke gudang arsip', pausedAt: '2026-11-30T01:00:00.000Z' });
      expect((await api.post(`/counters/${counterId(1)}/resume`, undefined, officer(1))).body).toMatchObject({ pauseNote: null, pausedAt: null });
    });

    it('lets a supervisor pause or close any counter with a reason, kept in the audit trail', async () => {
      await open(1);
      await open(2);
      const noWhy = await api.post(`/counters/${counterId(1)}/pause`, { reason: 'briefing' }, office.supervisor.token);
      expect(noWhy.status).toBe(400);
      expect(noWhy.body.code).toBe('reason_required');
      expect((await api.post(`/counters/${counterId(2)}/close`, {}, office.supervisor.token)).body.code).toBe('reason_required');

      const paused = await api.post(`/counters/${counterId(1)}/pause`, { reason: 'briefing', note: 'Rapat mendadak' }, office.supervisor.token);
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ state: 'paused', pauseReason: 'briefing', pauseNote: 'Rapat mendadak' });
      const closed = await api.post(`/counters/${counterId(2)}/close`, { note: 'Petugas pulang sakit' }, office.supervisor.token);
      expect(closed.status).toBe(200);
      expect(closed.body.state).toBe('closed');
      // An officer of another counter may do neither.
      expect((await api.post(`/counters/${counterId(1)}/close`, { note: 'x' }, officer(3))).body.code).toBe('counter_taken_by_other');

      const [admin] = await t.db.query<{ id: string }[]>(
        `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Admin Uji', 'admin', 'no-login', now()) RETURNING id`,
        [`admin-${randomBytes(4).toString('hex')}`],
      );
      await t.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [admin.id, office.id]);
      const token = await t.jwt.signAsync({ sub: admin.id, role: 'admin' });
      const trail = await api.get(`/audit?officeId=${office.id}&action=counter`, token);
      expect(trail.status).toBe(200);
      const remote = trail.body.entries.filter((entry: { actor: { id: string } | null }) => entry.actor?.id === office.supervisor.id);
      expect(remote.map((entry: { action: string; after: unknown }) => [entry.action, entry.after])).toEqual([
        ['counter.closed', { note: 'Petugas pulang sakit' }],
        ['counter.paused', { reason: 'briefing', note: 'Rapat mendadak' }],
      ]);
    });

    it("tells the officer's desk who stopped the counter and why, until it is worked again", async () => {
      const notice = async (n: number) => {
        const reply = await api.get(`/counters/${counterId(n)}/stop-notice`, officer(n));
        expect(reply.status).toBe(200);
        return reply.body.notice as Record<string, unknown> | null;
      };
      await open(1);
      await open(2);
      expect(await notice(1)).toBeNull();
      // The officer's own pause is no news to the officer.
      await api.post(`/counters/${counterId(1)}/pause`, { reason: 'ishoma' }, officer(1));
      expect(await notice(1)).toBeNull();
      await api.post(`/counters/${counterId(1)}/resume`, undefined, officer(1));

      seconds(60);
      await api.post(`/counters/${counterId(1)}/pause`, { reason: 'briefing', note: 'Rapat mendadak' }, office.supervisor.token);
      await api.post(`/counters/${counterId(2)}/close`, { note: 'Petugas pulang sakit' }, office.supervisor.token);
      const by = { name: expect.any(String), role: 'supervisor' };
      expect(await notice(1)).toEqual({ type: 'paused', at: '2026-11-30T01:01:00.000Z', by, reason: 'briefing', note: 'Rapat mendadak' });
      expect(await notice(2)).toEqual({ type: 'closed', at: '2026-11-30T01:01:00.000Z', by, reason: null, note: 'Petugas pulang sakit' });

      // Worked again: the notice is gone.
      await api.post(`/counters/${counterId(1)}/resume`, undefined, officer(1));
      expect(await notice(1)).toBeNull();
      // The API's own offline pause names nobody.
      seconds(10 * 60);
      await sweep();
      expect(await notice(1)).toMatchObject({ type: 'paused', by: null, reason: 'offline' });
      // An officer of another office is refused.
      expect((await api.get(`/counters/${counterId(1)}/stop-notice`, office.outsider.token)).status).toBe(403);
    });
  });
});
