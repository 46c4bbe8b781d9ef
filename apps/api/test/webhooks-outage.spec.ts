import type { WebhookEndpointWithSecret } from '@loket/domain';
import { WebhookDispatcher } from '../src/notifications/webhook-dispatcher.js';
import { createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { type TestApp, onPostgres, START_TIMEOUT_MS, startTestApp } from './support/test-app.js';
import { client } from './support/http.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const EVENTS = ['ticket.issued', 'ticket.called', 'ticket.done'];
const ORDER = ['ticket.issued', 'ticket.called', 'ticket.done'];

/** 100 tickets issued, 50 of them called and finished at two counters: 200 events. */
async function twoHundredEvents(t: TestApp, office: OfficeFixture): Promise<void> {
  const api = client(t.url);
  for (let i = 0; i < 100; i += 1) expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).status).toBe(201);
  for (const n of [1, 2]) expect((await api.post(`/counters/${office.counters[n]}/open`, undefined, office.officers[n].token)).status).toBe(200);
  for (let i = 0; i < 25; i += 1) {
    for (const n of [1, 2]) {
      const token = office.officers[n].token;
      const called = await api.post(`/counters/${office.counters[n]}/call-next`, undefined, token);
      expect(called.status).toBe(200);
      expect((await api.post(`/tickets/${called.body.id}/start`, {}, token)).status).toBe(200);
      expect((await api.post(`/tickets/${called.body.id}/finish`, {}, token)).status).toBe(200);
    }
  }
}

/** What the receiver holds, as the fault report counts it; and whether each ticket's messages came in order. */
function tally(receiver: WebhookReceiver, sent: number) {
  const unique = receiver.uniqueIds().size;
  const perTicket = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const message of receiver.received) {
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    const id = message.data.ticket.id as string;
    perTicket.set(id, [...(perTicket.get(id) ?? []), message.type]);
  }
  const outOfOrder = [...perTicket.values()].filter((types) => types.join() !== ORDER.slice(0, types.length).join()).length;
  return { sent, delivered: unique, duplicated: receiver.duplicates(), lost: sent - unique, outOfOrder };
}

async function endpoint(t: TestApp, office: OfficeFixture, receiver: WebhookReceiver): Promise<WebhookEndpointWithSecret> {
  const admin = await createStaff(t, 'admin');
  const reply = await client(t.url).post(`/admin/offices/${office.id}/webhooks`, { url: receiver.url, events: EVENTS }, admin.token);
  expect(reply.status).toBe(201);
  receiver.secrets = [reply.body.secret];
  return reply.body;
}

const spec = {
  services: [{ code: 'A', maxWaitMinutes: 600 }],
  counters: [
    { number: 1, services: ['A'] },
    { number: 2, services: ['A'] },
  ],
};

describe('a receiver down while 200 events happen (issue 18)', () => {
  let t: TestApp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    t = await startTestApp({ webhooks: { allowPrivate: true, timeoutMs: 1000 } });
    await receiver.start();
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await receiver.stop();
    await t?.close();
  });

  it('delivers all 200 once it is back, each webhook-id once after dedupe, each ticket’s in order', async () => {
    const office = await createOffice(t, spec);
    await endpoint(t, office, receiver);
    const dispatcher = t.app.get(WebhookDispatcher);
    await receiver.stop();
    await twoHundredEvents(t, office);
    // Two minutes of the dispatcher trying while the receiver is down.
    for (let second = 0; second < 120; second += 20) {
      await dispatcher.drain(undefined, office.id);
      t.clock.advanceMinutes(1 / 3);
    }
    expect(receiver.received).toHaveLength(0);
    await receiver.start();
    for (let round = 0; round < 30 && receiver.uniqueIds().size < 200; round += 1) {
      t.clock.advanceMinutes(2);
      await dispatcher.drain(undefined, office.id);
    }
    const counts = tally(receiver, 200);
    console.log(`webhook outage: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ sent: 200, delivered: 200, duplicated: 0, lost: 0, outOfOrder: 0 });
    const [row] = await t.db.query<{ pending: number; delivered: number }[]>(
      `SELECT count(*) FILTER (WHERE d.status = 'pending')::int AS pending, count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.office_id = $1`,
      [office.id],
    );
    expect(row).toEqual({ pending: 0, delivered: 200 });
  }, 600_000);
});

// Two API instances need a shared database, so this runs on PostgreSQL only (CI runs both).
(onPostgres ? describe : describe.skip)('two API instances dispatching (issue 18)', () => {
  let a: TestApp;
  let b: TestApp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startTestApp({ webhooks: { allowPrivate: true, timeoutMs: 2000 } }),
      startTestApp({ webhooks: { allowPrivate: true, timeoutMs: 2000 } }),
    ]);
    await receiver.start();
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await receiver.stop();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('never sends one delivery from both, and every attempt is accounted', async () => {
    const office = await createOffice(a, spec);
    await endpoint(a, office, receiver);
    await twoHundredEvents(a, office);
    const dispatchers = [a.app.get(WebhookDispatcher), b.app.get(WebhookDispatcher)];
    const rounds = { a: 0, b: 0 };
    for (let pass = 0; pass < 50 && receiver.uniqueIds().size < 200; pass += 1) {
      const [byA, byB] = await Promise.all(dispatchers.map((d) => d.drain(undefined, office.id)));
      rounds.a += byA.delivered;
      rounds.b += byB.delivered;
    }
    const counts = tally(receiver, 200);
    console.log(`webhook two instances: ${JSON.stringify({ ...counts, deliveredByA: rounds.a, deliveredByB: rounds.b })}`);
    expect(counts).toEqual({ sent: 200, delivered: 200, duplicated: 0, lost: 0, outOfOrder: 0 });
    expect(rounds.a + rounds.b).toBe(200);
    // Both took part (each claims what the other has not locked).
    expect(rounds.a).toBeGreaterThan(0);
    expect(rounds.b).toBeGreaterThan(0);
    const [{ attempts }] = await a.db.query<{ attempts: number }[]>(
      `SELECT sum(d.attempts)::int AS attempts FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.office_id = $1`,
      [office.id],
    );
    expect(attempts).toBe(receiver.hits);
  }, 600_000);
});
