import type { WebhookDeliveryView, WebhookEndpointWithSecret } from '@loket/domain';
import { IN_FLIGHT_PER_ENDPOINT, WebhookDispatcher } from '../src/notifications/webhook-dispatcher.js';
import { AlertsService } from '../src/supervision/alerts.service.js';
import { createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { type TestAppHandle, onPostgres, useTestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

/** Issue 18: signed webhooks from the transactional outbox, checked by a real receiver with the Standard Webhooks library. */
describe('webhooks', () => {
  // The receiver listens on 127.0.0.1, a private address: allowed here as an office would allow its own gateway.
  const t = useTestApp({ webhooks: { allowPrivate: true, timeoutMs: 300 } });
  const receiver = new WebhookReceiver();
  let admin: { id: string; token: string };

  beforeAll(async () => {
    await receiver.start();
    admin = await createStaff(t, 'admin');
  });
  afterAll(() => receiver.stop());
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.mode = 'ok';
    // What an earlier test left in line is not this test's.
    await t.db.query(
      `UPDATE webhook_deliveries SET status = 'skipped' WHERE status = 'pending' AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE url = $1)`,
      [receiver.url],
    );
  });

  const dispatcher = () => t.app.get(WebhookDispatcher);
  const office = () =>
    createOffice(t, {
      services: [{ code: 'A' }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
      ],
    });
  const endpoint = async (o: OfficeFixture, events: string[], url = receiver.url): Promise<WebhookEndpointWithSecret> => {
    const reply = await t.api.post(`/admin/offices/${o.id}/webhooks`, { url, events, description: 'Gateway WhatsApp' }, admin.token);
    expect(reply.status).toBe(201);
    receiver.secrets = [reply.body.secret];
    return reply.body;
  };
  const issue = async (o: OfficeFixture) => {
    const reply = await t.api.post(`/offices/${o.slug}/tickets`, { serviceId: o.services.A });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; number: string; trackingCode: string };
  };
  const openCounter = async (o: OfficeFixture, n: number) =>
    expect((await t.api.post(`/counters/${o.counters[n]}/open`, undefined, o.officers[n].token)).status).toBe(200);
  const callNext = async (o: OfficeFixture, n: number) => {
    const reply = await t.api.post(`/counters/${o.counters[n]}/call-next`, undefined, o.officers[n].token);
    expect(reply.status).toBe(200);
    return reply.body as { id: string };
  };
  const act = async (o: OfficeFixture, n: number, ticketId: string, action: string) =>
    expect((await t.api.post(`/tickets/${ticketId}/${action}`, {}, o.officers[n].token)).status).toBe(200);
  const deliveries = async (o: OfficeFixture, endpointId: string): Promise<WebhookDeliveryView[]> =>
    (await t.api.get(`/admin/offices/${o.id}/webhooks/${endpointId}/deliveries`, admin.token)).body;
  const outboxRows = async (officeId: string) =>
    (await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM outbox WHERE office_id = $1', [officeId]))[0].n;

  it('sends a ticket’s issue, call and finish, signed, in order, with what a message needs', async () => {
    const o = await office();
    const created = await endpoint(o, ['ticket.issued', 'ticket.called', 'ticket.done']);
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await t.api.get(`/admin/offices/${o.id}/webhooks`, admin.token);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).not.toHaveProperty('secret');

    const ticket = await issue(o);
    await openCounter(o, 1);
    await callNext(o, 1);
    await act(o, 1, ticket.id, 'start');
    await act(o, 1, ticket.id, 'finish');
    await dispatcher().drain(undefined, o.id);

    expect(receiver.received.map((r) => r.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.done']);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(3);
    const [issued, called, done] = receiver.received;
    expect(issued.data).toMatchObject({
      ticket: { id: ticket.id, number: 'A-001', trackingCode: ticket.trackingCode },
      office: { id: o.id, slug: o.slug },
      service: { code: 'A', name: 'Layanan A' },
      counter: null,
      ahead: 0,
      link: `/t/${ticket.trackingCode}`,
      contact: null,
    });
    expect(called.data).toMatchObject({ ticket: { number: 'A-001' }, counter: { number: 1, name: 'Loket 1' } });
    expect(done.data).toMatchObject({ counter: { number: 1 }, link: `/t/${ticket.trackingCode}` });
    const view = await deliveries(o, created.id);
    expect(view.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(view.every((d) => d.attempts === 1 && d.lastStatus === 204)).toBe(true);
  });

  it('writes nothing to the outbox for an office without endpoints, nor for events nobody subscribed to', async () => {
    const quiet = await office();
    await issue(quiet);
    expect(await outboxRows(quiet.id)).toBe(0);

    const o = await office();
    await endpoint(o, ['ticket.called']);
    await issue(o);
    expect(await outboxRows(o.id)).toBe(0);
    await openCounter(o, 1);
    await callNext(o, 1);
    expect(await outboxRows(o.id)).toBe(1);
  });

  it('retries a failed send with the same webhook-id, and keeps at most 1 kB of an answer', async () => {
    const o = await office();
    const created = await endpoint(o, ['ticket.issued']);
    receiver.mode = 'fail-first';
    await issue(o);
    await dispatcher().drain(undefined, o.id);
    let [delivery] = await deliveries(o, created.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503, lastError: 'HTTP 503', lastResponse: 'try later' });
    // Not due yet: nothing is sent before the backoff.
    await dispatcher().drain(undefined, o.id);
    expect((await deliveries(o, created.id))[0].attempts).toBe(1);
    t.clock.advanceMinutes(11 / 60);
    await dispatcher().drain(undefined, o.id);
    [delivery] = await deliveries(o, created.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 204 });
    expect(receiver.received.map((r) => r.id)).toEqual([delivery.webhookId]);

    receiver.mode = 'huge';
    await issue(o);
    await dispatcher().drain(undefined, o.id);
    [delivery] = await deliveries(o, created.id);
    expect(delivery.status).toBe('delivered');
    expect(Buffer.byteLength(delivery.lastResponse ?? '')).toBeLessThanOrEqual(1024);
    expect(delivery.lastResponse?.length).toBeGreaterThan(500);
  });

  it('shows a 500 and a timeout in the deliveries, gives up after 24 h, and replays with the same webhook-id', async () => {
    const o = await office();
    const created = await endpoint(o, ['ticket.issued']);
    receiver.mode = 'error500';
    await issue(o);
    await dispatcher().drain(undefined, o.id);
    let [delivery] = await deliveries(o, created.id);
    expect(delivery).toMatchObject({ status: 'pending', lastStatus: 500, lastResponse: 'gateway broke' });

    receiver.mode = 'hang';
    t.clock.advanceMinutes(11 / 60);
    await dispatcher().drain(undefined, o.id);
    [delivery] = await deliveries(o, created.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2, lastStatus: null });
    expect(delivery.lastError).toMatch(/timed out/);

    // A replay of a delivery still in line is refused.
    const early = await t.api.post(`/admin/offices/${o.id}/webhooks/${created.id}/deliveries/${delivery.id}/replay`, undefined, admin.token);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('webhook_not_failed');

    receiver.mode = 'error500';
    for (let hour = 0; hour < 26; hour += 1) {
      t.clock.advanceMinutes(60);
      await dispatcher().drain(undefined, o.id);
    }
    [delivery] = await deliveries(o, created.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toBeGreaterThan(5);
    // The supervisor hears of it.
    const raised = await t.app.get(AlertsService).scanOffice(o.slug);
    expect(raised.filter((a) => a.kind === 'webhook_failing')).toEqual([
      expect.objectContaining({ kind: 'webhook_failing', subject: 'Gateway WhatsApp', details: { failedDeliveries: 1 } }),
    ]);

    receiver.mode = 'ok';
    const replayed = await t.api.post(`/admin/offices/${o.id}/webhooks/${created.id}/deliveries/${delivery.id}/replay`, undefined, admin.token);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ status: 'pending', webhookId: delivery.webhookId });
    await dispatcher().drain(undefined, o.id);
    expect(receiver.received.map((r) => r.id)).toEqual([delivery.webhookId]);
    // Through again: the alert ends by itself.
    await t.app.get(AlertsService).scanOffice(o.slug);
    const alerts = await t.db.query<{ resolved_at: Date | null }[]>(
      `SELECT resolved_at FROM supervision_alerts WHERE office_id = $1 AND kind = 'webhook_failing'`,
      [o.id],
    );
    expect(alerts).toEqual([{ resolved_at: expect.any(Date) }]);
  });

  it('signs with both secrets during a rotation’s overlap, then with the new one only', async () => {
    const o = await office();
    const created = await endpoint(o, ['ticket.issued']);
    const rotated = await t.api.post(`/admin/offices/${o.id}/webhooks/${created.id}/rotate`, undefined, admin.token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.secret);
    receiver.secrets = [created.secret, rotated.body.secret];
    await issue(o);
    await dispatcher().drain(undefined, o.id);
    expect(receiver.received[0].verifiedWith).toEqual([0, 1]);
    expect(receiver.received[0].signature.split(' ')).toHaveLength(2);

    t.clock.advanceMinutes(25 * 60);
    await issue(o);
    await dispatcher().drain(undefined, o.id);
    expect(receiver.received[1].verifiedWith).toEqual([1]);
  });

  it('tells a ticket once when three or fewer are ahead of it', async () => {
    const o = await office();
    const created = await endpoint(o, ['ticket.near', 'ticket.called']);
    const tickets: { id: string }[] = [];
    for (let i = 0; i < 6; i += 1) tickets.push(await issue(o));
    expect(await dispatcher().scanNear()).toBe(4);
    expect(await dispatcher().scanNear()).toBe(0);
    await openCounter(o, 1);
    await callNext(o, 1);
    expect(await dispatcher().scanNear()).toBe(1);
    await dispatcher().drain(undefined, o.id);
    // Different tickets' messages go side by side, in no set order.
    const near = receiver.received.filter((r) => r.type === 'ticket.near').map((r) => `${r.data.ticket.number}:${r.data.ahead}`);
    expect(near.sort()).toEqual(['A-002:1', 'A-003:2', 'A-004:3', 'A-005:3']);
    // Ticket 1 was called before its near went out: the near is skipped, not sent late after the call.
    const first = receiver.received.filter((r) => r.data.ticket?.id === tickets[0].id).map((r) => r.type);
    expect(first).toEqual(['ticket.called']);
    const statuses = (await deliveries(o, created.id)).map((d) => `${d.type}:${d.status}`);
    expect(statuses.filter((s) => s.endsWith(':skipped'))).toEqual(['ticket.near:skipped']);
    expect(statuses.filter((s) => s.endsWith(':delivered'))).toHaveLength(5);
  });

  it('sends a test event to one endpoint, and signs a booking’s creation and cancellation', async () => {
    const o = await office();
    const created = await endpoint(o, ['booking.created']);
    const test = await t.api.post(`/admin/offices/${o.id}/webhooks/${created.id}/test`, undefined, admin.token);
    expect(test.status).toBe(201);
    expect(test.body).toMatchObject({ type: 'webhook.test', status: 'pending' });
    await dispatcher().drain(undefined, o.id);
    expect(receiver.received.map((r) => r.type)).toEqual(['webhook.test']);
    expect(receiver.received[0].data).toMatchObject({ endpointId: created.id, office: { id: o.id } });
  });

  it('records each change to an endpoint in the audit trail, never a secret nor the URL’s query', async () => {
    const o = await office();
    const hooks = `/admin/offices/${o.id}/webhooks`;
    const url = 'https://gateway.example/hook?token=rahasia-gateway';
    const created = await t.api.post<WebhookEndpointWithSecret>(hooks, { url, events: ['ticket.called'], description: 'Gateway WhatsApp' }, admin.token);
    expect(created.status).toBe(201);
    const id = created.body.id;
    const patch = (body: unknown) => t.api.send('PATCH', `${hooks}/${id}`, { token: admin.token, body });
    expect((await patch({ events: ['ticket.called', 'ticket.near'], description: 'Gateway SMS' })).status).toBe(200);
    expect((await patch({ enabled: false })).status).toBe(200);
    expect((await patch({ enabled: true })).status).toBe(200);
    // A refused change leaves no row.
    expect((await patch({ events: ['ticket.teleported'] })).status).toBe(400);
    const rotated = await t.api.post<WebhookEndpointWithSecret>(`${hooks}/${id}/rotate`, undefined, admin.token);
    expect(rotated.status).toBe(200);
    expect((await t.api.send('DELETE', `${hooks}/${id}`, { token: admin.token })).status).toBe(204);

    const rows = await t.db.query<
      { action: string; actor: string; subject_type: string; subject_id: string; subject_label: string; before: unknown; after: unknown }[]
    >(
      `SELECT action, actor_staff_id AS actor, subject_type, subject_id, subject_label, before, after FROM audit_log
       WHERE office_id = $1 AND action LIKE 'webhook.%' ORDER BY id`,
      [o.id],
    );
    const shown = 'https://gateway.example/hook?…';
    const first = { url: shown, events: ['ticket.called'], enabled: true, description: 'Gateway WhatsApp' };
    const changed = { ...first, events: ['ticket.called', 'ticket.near'], description: 'Gateway SMS' };
    expect(rows.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'webhook.created', before: null, after: first },
      { action: 'webhook.updated', before: first, after: changed },
      { action: 'webhook.disabled', before: changed, after: { ...changed, enabled: false } },
      { action: 'webhook.enabled', before: { ...changed, enabled: false }, after: changed },
      {
        action: 'webhook.secret_rotated',
        before: { url: shown, previousSecretUntil: null },
        after: { url: shown, previousSecretUntil: rotated.body.previousSecretUntil },
      },
      { action: 'webhook.deleted', before: changed, after: null },
    ]);
    expect(rows.every((row) => row.actor === admin.id && row.subject_type === 'webhook_endpoint' && row.subject_id === id && row.subject_label === shown)).toBe(
      true,
    );
    const written = JSON.stringify(rows);
    for (const secret of [created.body.secret, rotated.body.secret]) expect(written).not.toContain(secret.slice('whsec_'.length));
    expect(written).not.toContain('rahasia-gateway');

    // The trail shows them to the office's supervisor too, under the webhook group.
    const trail = await t.api.get<{ entries: { action: string }[] }>(`/audit?officeId=${o.id}&action=webhook`, o.supervisor.token);
    expect(trail.status).toBe(200);
    expect(trail.body.entries.map((e) => e.action)).toEqual([
      'webhook.deleted',
      'webhook.secret_rotated',
      'webhook.enabled',
      'webhook.disabled',
      'webhook.updated',
      'webhook.created',
    ]);
  });

  it('refuses bad input with stable codes, and other offices’ staff', async () => {
    const o = await office();
    const post = (body: unknown, token = admin.token) => t.api.post(`/admin/offices/${o.id}/webhooks`, body, token);
    expect((await post({ url: 'ftp://gateway.example/hook', events: ['ticket.called'] })).body.code).toBe('webhook_url_invalid');
    expect((await post({ url: 'https://user:pw@gateway.example/hook', events: ['ticket.called'] })).body.code).toBe('webhook_url_invalid');
    const unknown = await post({ url: 'https://gateway.example/hook', events: ['ticket.called', 'ticket.teleported'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('webhook_unknown_event');
    expect((await post({ url: 'https://gateway.example/hook', events: [] })).status).toBe(400);
    expect((await post({ url: 'https://gateway.example/hook', events: 'ticket.called' })).status).toBe(400);
    expect((await post({ url: 'https://gateway.example/hook', events: ['ticket.called'] }, o.supervisor.token)).status).toBe(403);
    const created = await endpoint(o, ['ticket.called']);
    const patched = await t.api.send('PATCH', `/admin/offices/${o.id}/webhooks/${created.id}`, { token: admin.token, body: { events: ['nope'] } });
    expect(patched.body.code).toBe('webhook_unknown_event');
    const bogusDelivery = await t.api.post(`/admin/offices/${o.id}/webhooks/${created.id}/deliveries/abc/replay`, undefined, admin.token);
    expect(bogusDelivery.status).toBe(400);
    const removed = await t.api.send('DELETE', `/admin/offices/${o.id}/webhooks/${created.id}`, { token: admin.token });
    expect(removed.status).toBe(204);
    expect((await t.api.get(`/admin/offices/${o.id}/webhooks/${created.id}/deliveries`, admin.token)).status).toBe(404);
  });
});

describe('webhooks without WEBHOOK_ALLOW_PRIVATE', () => {
  const t: TestAppHandle = useTestApp();

  it('refuses endpoints on loopback, link-local and private addresses', async () => {
    const o = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    const admin = await createStaff(t, 'admin');
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest',
      'http://10.0.0.5/hook',
      'http://[fd00::1]/',
    ]) {
      const reply = await t.api.post(`/admin/offices/${o.id}/webhooks`, { url, events: ['ticket.called'] }, admin.token);
      expect({ url, status: reply.status, code: reply.body.code }).toEqual({ url, status: 400, code: 'webhook_private_target' });
    }
  });
});

/**
 * A receiver slow to answer (issue 18: "a slow receiver (10 s) must not slow ticket issuing
 * or calls, and deliveries to other endpoints should not wait behind it"). The slow gateway
 * holds every request unanswered until the test lets go, and the send timeout is far longer
 * than the test, so what is asserted is order and counts while its sends are in flight, never
 * a duration.
 */
describe(`a slow endpoint beside a healthy one, on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const t = useTestApp({ webhooks: { allowPrivate: true, timeoutMs: 120_000 } });
  const healthy = new WebhookReceiver();
  const slow = new WebhookReceiver();

  beforeAll(async () => {
    await healthy.start();
    await slow.start();
  });
  afterAll(async () => {
    await healthy.stop();
    await slow.stop();
  });

  /** Each ticket's types in the order they first arrived (repeats of a webhook-id dropped, as a receiver dedupes). */
  const perTicket = (receiver: WebhookReceiver) => {
    const seen = new Set<string>();
    const types = new Map<string, string[]>();
    for (const message of receiver.received) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      const number = message.data.ticket.number as string;
      types.set(number, [...(types.get(number) ?? []), message.type]);
    }
    return types;
  };
  const until = async (done: () => boolean) => {
    for (let waited = 0; !done() && waited < 120_000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
  };

  it('keeps delivering to the healthy endpoint, and issuing and calling, while the slow one holds its sends; then the slow one gets every message once, in order, under the same webhook-ids', async () => {
    const admin = await createStaff(t, 'admin');
    const o = await createOffice(t, {
      services: [{ code: 'A' }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
      ],
    });
    const events = ['ticket.issued', 'ticket.called'];
    for (const receiver of [healthy, slow]) {
      const reply = await t.api.post<WebhookEndpointWithSecret>(`/admin/offices/${o.id}/webhooks`, { url: receiver.url, events }, admin.token);
      expect(reply.status).toBe(201);
      receiver.secrets = [reply.body.secret];
    }
    slow.mode = 'hang';
    const issue = async () => expect((await t.api.post(`/offices/${o.slug}/tickets`, { serviceId: o.services.A })).status).toBe(201);
    const callNext = async (n: number) => expect((await t.api.post(`/counters/${o.counters[n]}/call-next`, undefined, o.officers[n].token)).status).toBe(200);
    for (let i = 0; i < 12; i += 1) await issue();
    for (const n of [1, 2]) expect((await t.api.post(`/counters/${o.counters[n]}/open`, undefined, o.officers[n].token)).status).toBe(200);
    await callNext(1);
    // 12 issued and 1 called, to each endpoint.
    const dispatcher = t.app.get(WebhookDispatcher);
    let drained = false;
    const first = dispatcher.drain(undefined, o.id).then((counts) => ((drained = true), counts));
    try {
      // Until the drain has nothing left but the slow endpoint's sends (and no claim of its own in progress).
      await until(() => healthy.uniqueIds().size === 13 && dispatcher.inFlight === IN_FLIGHT_PER_ENDPOINT && slow.holding === IN_FLIGHT_PER_ENDPOINT);
      expect(healthy.uniqueIds().size).toBe(13);
      expect(dispatcher.inFlight).toBe(IN_FLIGHT_PER_ENDPOINT);
      // The slow endpoint holds its share of sends, none answered, and the drain waits on them alone.
      expect(slow.holding).toBe(IN_FLIGHT_PER_ENDPOINT);
      expect(slow.held).toHaveLength(IN_FLIGHT_PER_ENDPOINT);
      expect(slow.received).toHaveLength(0);
      expect(drained).toBe(false);

      // Meanwhile the office goes on: an issue and a call answer, and their messages reach the healthy endpoint.
      await issue();
      await callNext(2);
      expect(await dispatcher.drain(undefined, o.id)).toMatchObject({ claimed: 2, delivered: 2 });
      expect(healthy.uniqueIds().size).toBe(15);
      expect(slow.holding).toBe(IN_FLIGHT_PER_ENDPOINT);
      expect(slow.held).toHaveLength(IN_FLIGHT_PER_ENDPOINT);
      expect(drained).toBe(false);
      expect(healthy.duplicates()).toBe(0);
      expect(perTicket(healthy).get('A-001')).toEqual(['ticket.issued', 'ticket.called']);
      expect(perTicket(healthy).get('A-002')).toEqual(['ticket.issued', 'ticket.called']);
    } finally {
      // The slow gateway hangs up without an answer: each of its sends is a failure, tried again later.
      await slow.stop();
      slow.mode = 'ok';
      await slow.start();
    }
    // The first drain ends once those are recorded (and whatever it claimed after them is through).
    const counts = await first;
    expect(counts.delivered).toBeGreaterThanOrEqual(13);
    expect(counts.retried).toBeGreaterThanOrEqual(IN_FLIGHT_PER_ENDPOINT);
    const [{ leased }] = await t.db.query<{ leased: number }[]>(
      `SELECT count(*)::int AS leased FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE e.office_id = $1 AND d.status = 'pending' AND d.leased_until IS NOT NULL`,
      [o.id],
    );
    expect(leased).toBe(0);
    for (let round = 0; round < 10 && slow.uniqueIds().size < 15; round += 1) {
      t.clock.advanceMinutes(11 / 60);
      await dispatcher.drain(undefined, o.id);
    }
    expect(slow.uniqueIds().size).toBe(15);
    expect(slow.duplicates()).toBe(0);
    // Its held messages came again with the webhook-ids they had.
    expect(slow.held.every((id) => slow.uniqueIds().has(id))).toBe(true);
    for (const receiver of [healthy, slow]) {
      const order = perTicket(receiver);
      expect(order.size).toBe(13);
      for (const [number, types] of order)
        expect({ number, types }).toEqual({ number, types: ['A-001', 'A-002'].includes(number) ? events : ['ticket.issued'] });
    }
  }, 300_000);
});
