import { useOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

describe('ticket lifecycle through the API', () => {
  const t = useTestApp();
  const api = t.api;
  const office = useOffice(t, {
    services: [
      { code: 'A', maxWaitMinutes: 30 },
      { code: 'B', maxWaitMinutes: 60 },
      { code: 'KK', maxWaitMinutes: 45, dailyQuota: 2 },
    ],
    counters: [
      { number: 1, services: ['A', 'B'] },
      { number: 2, services: ['B'] },
      { number: 3, services: ['A', 'B', 'KK'], priorityOnly: true },
    ],
  });

  const issue = (code: string, priority?: string) =>
    api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code], ...(priority ? { priority } : {}) });
  const officer = (n: number) => office.officers[n].token;
  const openCounter = async (n: number) => expect((await api.post(`/counters/${office.counters[n]}/open`, undefined, officer(n))).status).toBe(200);
  const callNext = (n: number) => api.post(`/counters/${office.counters[n]}/call-next`, undefined, officer(n));
  const act = (n: number, ticketId: string, action: string, body?: unknown) => api.post(`/tickets/${ticketId}/${action}`, body, officer(n));

  it('issues numbered tickets that carry the office day, the due time and a tracking code', async () => {
    const first = await issue('A');
    t.clock.advanceMinutes(1);
    const second = await issue('A');
    const other = await issue('KK');

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: 'A-001', status: 'waiting', serviceCode: 'A', priority: null, placeInQueue: 1, officeSlug: office.slug });
    expect(second.body).toMatchObject({ number: 'A-002', placeInQueue: 2 });
    expect(other.body.number).toBe('KK-001');
    expect(Date.parse(first.body.dueAt) - Date.parse(first.body.issuedAt)).toBe(30 * 60_000);
    expect(first.body.trackingCode).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
    expect(first.body.trackingCode).not.toBe(second.body.trackingCode);
  });

  it('restarts numbering at the office local midnight, not UTC midnight', async () => {
    t.clock.set('2026-11-30T16:59:00.000Z'); // 23:59 in Jakarta
    expect((await issue('A')).body.number).toBe('A-001');
    expect((await issue('A')).body.number).toBe('A-002');
    t.clock.set('2026-11-30T17:00:00.000Z'); // 00:00 the next day in Jakarta
    expect((await issue('A')).body.number).toBe('A-001');
    t.clock.set('2026-11-30T01:00:00.000Z');
  });

  it('walks a ticket from waiting to done and keeps every step as an event', async () => {
    const ticket = (await issue('A')).body;
    await openCounter(1);

    const called = await callNext(1);
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ id: ticket.id, status: 'called', counterNumber: 1 });
    t.clock.advanceMinutes(1);
    expect((await act(1, ticket.id, 'recall')).body).toMatchObject({ status: 'called', recallCount: 1 });
    expect((await act(1, ticket.id, 'start')).body.status).toBe('serving');
    t.clock.advanceMinutes(8);
    const done = await act(1, ticket.id, 'finish');

    expect(done.body).toMatchObject({ status: 'done' });
    const events = await t.db.query(`SELECT type, actor_kind, counter_id FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticket.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['issued', 'called', 'recalled', 'started', 'finished']);
    expect(events[0].actor_kind).toBe('citizen');
    expect(events.slice(1).every((e: { counter_id: string }) => e.counter_id === office.counters[1])).toBe(true);
  });

  it('refuses an illegal transition with 409 naming the current status, and changes nothing', async () => {
    const ticket = (await issue('A')).body;
    await openCounter(1);
    await callNext(1);

    const refused = await act(1, ticket.id, 'finish');

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'illegal_transition', details: { status: 'called', action: 'finish' } });
    expect(refused.body.message).toContain('called');
    const [row] = await t.db.query(`SELECT status FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row.status).toBe('called');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM ticket_events WHERE ticket_id = $1`, [ticket.id]);
    expect(count).toBe(2);
  });

  it('calls the earliest due ticket first: a priority ticket passes regular tickets not near their own limit', async () => {
    const early = (await issue('A')).body; // due 08:30
    t.clock.advanceMinutes(25);
    const priority = (await issue('A', 'lanjut_usia')).body; // due 08:35
    const late = (await issue('A')).body; // due 08:55
    await openCounter(1);

    const order = [];
    for (let i = 0; i < 3; i++) {
      const called = (await callNext(1)).body;
      order.push(called.id);
      await act(1, called.id, 'start');
      await act(1, called.id, 'finish');
    }

    expect(order).toEqual([early.id, priority.id, late.id]);
  });

  it('lets the priority counter take priority tickets before earlier-due regular ones', async () => {
    const regular = (await issue('A')).body;
    t.clock.advanceMinutes(1);
    const priority = (await issue('B', 'wanita_hamil')).body;
    await openCounter(3);

    expect((await callNext(3)).body.id).toBe(priority.id);
    await act(3, priority.id, 'start');
    await act(3, priority.id, 'finish');
    expect((await callNext(3)).body.id).toBe(regular.id);
  });

  it('answers 204 when nobody the counter may serve is waiting', async () => {
    await issue('A');
    await openCounter(2); // serves B only

    const reply = await callNext(2);

    expect(reply.status).toBe(204);
  });

  it('refuses a second call while the counter still has a ticket called', async () => {
    await issue('A');
    await issue('A');
    await openCounter(1);
    const first = (await callNext(1)).body;

    const second = await callNext(1);

    expect(second.status).toBe(409);
    expect(second.body.code).toBe('counter_busy');
    expect(second.body.message).toContain(first.number);
  });

  it('returns a called ticket to the queue, and it is called again first', async () => {
    const ticket = (await issue('A')).body;
    await issue('A');
    await openCounter(1);
    await callNext(1);

    const returned = await act(1, ticket.id, 'return');

    expect(returned.body).toMatchObject({ status: 'waiting', counterId: null });
    expect((await callNext(1)).body.id).toBe(ticket.id);
  });

  it('marks a no-show and reinstates it the same day, but not the next', async () => {
    const ticket = (await issue('A')).body;
    await openCounter(1);
    await callNext(1);

    expect((await act(1, ticket.id, 'no-show')).body.status).toBe('no_show');
    expect((await act(1, ticket.id, 'reinstate')).body.status).toBe('waiting');
    await callNext(1);
    await act(1, ticket.id, 'no-show');
    t.clock.advanceMinutes(24 * 60);
    const late = await act(1, ticket.id, 'reinstate');
    t.clock.advanceMinutes(-24 * 60);

    expect(late.status).toBe(409);
    expect(late.body.code).toBe('reinstate_expired');
  });

  it('transfers a serving ticket into another service queue, keeping its issue time and number', async () => {
    const ticket = (await issue('A')).body;
    await openCounter(1);
    await callNext(1);
    await act(1, ticket.id, 'start');
    t.clock.advanceMinutes(5);

    const moved = await act(1, ticket.id, 'transfer', { serviceId: office.services.B });

    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'waiting', serviceId: office.services.B, number: 'A-001', issuedAt: ticket.issuedAt, counterId: null });
    expect(Date.parse(moved.body.dueAt) - Date.parse(ticket.issuedAt)).toBe(60 * 60_000);
    await openCounter(2);
    expect((await callNext(2)).body.id).toBe(ticket.id);
    const [event] = await t.db.query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'transferred'`, [ticket.id]);
    expect(event.payload).toMatchObject({ fromServiceId: office.services.A, toServiceId: office.services.B });
  });

  it('calls a specific ticket out of order only with a reason, and records it', async () => {
    const earlier = (await issue('A')).body;
    const later = (await issue('A')).body;
    await openCounter(1);

    const noReason = await api.post(`/counters/${office.counters[1]}/call`, { ticketId: later.id }, officer(1));
    const called = await api.post(`/counters/${office.counters[1]}/call`, { ticketId: later.id, reason: 'Dokumen sudah diverifikasi' }, officer(1));

    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    expect(called.body).toMatchObject({ id: later.id, status: 'called' });
    // Loket 2 serves B only: an A ticket is not its to call, in order or not.
    await openCounter(2);
    const notServed = await api.post(`/counters/${office.counters[2]}/call`, { ticketId: earlier.id, reason: 'Salah loket' }, officer(2));
    expect(notServed.status).toBe(409);
    expect(notServed.body.code).toBe('service_not_served');
    const [event] = await t.db.query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'called'`, [later.id]);
    expect(event.payload).toEqual({ outOfOrder: true, reason: 'Dokumen sudah diverifikasi' });
  });

  it('lets a citizen cancel a waiting ticket by its tracking code, once', async () => {
    const ticket = (await issue('A')).body;

    const cancelled = await api.post(`/tickets/track/${ticket.trackingCode}/cancel`);
    const again = await api.post(`/tickets/track/${ticket.trackingCode}/cancel`);

    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('cancelled');
  });

  it('tracks a ticket with its place in the queue and an estimated wait once a counter is open', async () => {
    await issue('A');
    const mine = (await issue('A')).body;
    expect((await api.get(`/tickets/track/${mine.trackingCode}`)).body).toMatchObject({ placeInQueue: 2, estimatedWaitMinutes: null });

    await openCounter(1);
    const tracked = await api.get(`/tickets/track/${mine.trackingCode}`);

    // The one ahead is called now and takes the walk-up (1 min) and service A's standard (10 min): 11 in the plain play. The
    // point is the replays' median, 10 (a skewed 10-minute service takes less as often as not).
    expect(tracked.body).toMatchObject({ placeInQueue: 2, estimatedWaitMinutes: 10, serviceName: 'Layanan A' });
  });

  it('stops issuing when the daily quota is reached', async () => {
    await issue('KK');
    await issue('KK');

    const third = await issue('KK');

    expect(third.status).toBe(409);
    expect(third.body.code).toBe('quota_reached');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM tickets WHERE service_id = $1`, [office.services.KK]);
    expect(count).toBe(2);
  });

  it('returns the same ticket for the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'kiosk-1-tap-42' };
    const body = { serviceId: office.services.A };

    const first = await api.post(`/offices/${office.slug}/tickets`, body, undefined, headers);
    const retry = await api.post(`/offices/${office.slug}/tickets`, body, undefined, headers);
    const raced = await Promise.all([1, 2, 3].map(() => api.post(`/offices/${office.slug}/tickets`, body, undefined, { 'idempotency-key': 'kiosk-1-tap-43' })));

    expect(retry.body.id).toBe(first.body.id);
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM tickets WHERE office_id = $1`, [office.id]);
    expect(count).toBe(2);
  });

  it('keeps officers to their own counter and office', async () => {
    const ticket = (await issue('A')).body;
    await openCounter(1);
    await callNext(1);

    const otherOfficer = await act(2, ticket.id, 'start');
    const outsider = await api.post(`/tickets/${ticket.id}/start`, undefined, office.outsider.token);
    const notMine = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(2));
    const supervisor = await api.post(`/tickets/${ticket.id}/start`, undefined, office.supervisor.token);

    expect(otherOfficer.status).toBe(403);
    expect(outsider.status).toBe(403);
    expect(notMine.status).toBe(403);
    expect(supervisor.status).toBe(200);
  });

  it('pauses, resumes and closes a counter, refusing calls while it is not open', async () => {
    await issue('A');
    await openCounter(1);

    const paused = await api.post(`/counters/${office.counters[1]}/pause`, { reason: 'ishoma' }, officer(1));
    const callWhilePaused = await callNext(1);
    const resumed = await api.post(`/counters/${office.counters[1]}/resume`, undefined, officer(1));
    const closed = await api.post(`/counters/${office.counters[1]}/close`, undefined, officer(1));
    const closeAgain = await api.post(`/counters/${office.counters[1]}/close`, undefined, officer(1));

    expect(paused.body).toMatchObject({ state: 'paused', pauseReason: 'ishoma' });
    expect(callWhilePaused.status).toBe(409);
    expect(callWhilePaused.body.code).toBe('counter_paused');
    expect(resumed.body.state).toBe('open');
    expect(closed.body.state).toBe('closed');
    expect(closeAgain.status).toBe(409);
    const events = await t.db.query(`SELECT type, reason FROM counter_session_events WHERE counter_id = $1 ORDER BY id`, [office.counters[1]]);
    expect(events).toEqual([
      { type: 'opened', reason: null },
      { type: 'paused', reason: 'ishoma' },
      { type: 'resumed', reason: null },
      { type: 'closed', reason: null },
    ]);
  });

  it('refuses to change or delete an event row', async () => {
    const ticket = (await issue('A')).body;

    await expect(t.db.query(`UPDATE ticket_events SET type = 'x' WHERE ticket_id = $1`, [ticket.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM ticket_events WHERE ticket_id = $1`, [ticket.id])).rejects.toThrow(/append-only/);
  });
});
