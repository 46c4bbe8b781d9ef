import { randomUUID } from 'node:crypto';
import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PushKeyView, PushMessage, TrackedTicketView } from '@loket/domain';
import { bookingSettings, createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { type PushReceiver, startPushReceiver, verifyVapid } from './support/push-receiver.js';
import { onPostgres, useTestApp } from './support/test-app.js';
import { WebhookDispatcher } from '../src/notifications/webhook-dispatcher.js';
import { PushDispatcher } from '../src/push/push-dispatcher.js';
import { PushService } from '../src/push/push.service.js';
import { postOutbound } from '../src/notifications/outbound-post.js';

/**
 * Web push to the citizen's phone (issue 18). The push service is outside our system, so a
 * local receiver stands in for it; each of its "browsers" has a real P-256 key pair and auth
 * secret and decrypts what it gets (RFC 8291), so the test reads what a phone would show.
 */
describe(`web push on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const t = useTestApp({ pushAllowLocal: true });
  let receiver: PushReceiver;
  let office: OfficeFixture;

  beforeAll(async () => {
    receiver = await startPushReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  });

  const issue = async () => (await t.api.post<TrackedTicketView>(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
  const subscribe = (code: string, body: unknown) => t.api.post<{ expiresAt: string }>(`/tickets/track/${code}/push`, body);
  const subscriptions = async (ticketId: string) =>
    (await t.db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM push_subscriptions WHERE ticket_id = $1', [ticketId]))[0].count;
  const officer = () => office.officers[1].token;
  const open = async () => expect((await t.api.post(`/counters/${office.counters[1]}/open`, undefined, officer())).status).toBe(200);
  const dispatcher = () => t.app.get(PushDispatcher);
  /** The near rule (`ticket.near` of the outbox) runs in the webhook dispatcher's scan. */
  const near = () => t.app.get(WebhookDispatcher);
  const messages = (browser: ReturnType<PushReceiver['browser']>) => browser.received.map((push) => JSON.parse(browser.decrypt(push.body)) as PushMessage);

  it('serves the VAPID public key, generated once into DATA_DIR/secrets, readable by its owner only', async () => {
    const reply = await t.api.get<PushKeyView>('/push/key');
    expect(reply.status).toBe(200);
    expect(reply.body.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    const file = join(t.dataDir, 'secrets', 'vapid.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      publicKey: reply.body.publicKey,
      privateKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
  });

  it('keeps one subscription per browser per ticket, lasting a day from the ticket', async () => {
    const ticket = await issue();
    const browser = receiver.browser();
    const first = await subscribe(ticket.trackingCode, { ...browser.subscription, language: 'id' });
    expect(first).toMatchObject({ status: 201, body: { expiresAt: '2026-12-01T01:00:00.000Z' } });
    expect((await subscribe(ticket.trackingCode, { ...browser.subscription, language: 'en' })).status).toBe(201);
    expect(await subscriptions(ticket.id)).toBe(1);
    const [{ language }] = await t.db.query<{ language: string }[]>('SELECT language FROM push_subscriptions WHERE ticket_id = $1', [ticket.id]);
    expect(language).toBe('en');
    expect((await subscribe(ticket.trackingCode, { ...receiver.browser().subscription, language: 'id' })).status).toBe(201);
    expect(await subscriptions(ticket.id)).toBe(2);
  });

  it('refuses bad subscriptions with stable codes and keeps nothing of them', async () => {
    const ticket = await issue();
    const good = { ...receiver.browser().subscription, language: 'id' };
    const refused = async (body: unknown, code = ticket.trackingCode) => {
      const reply = await subscribe(code, body);
      return [reply.status, (reply.body as { code?: string }).code];
    };
    expect(await refused({ ...good, endpoint: 'ftp://push.example.com/x' })).toEqual([400, 'push_endpoint_refused']);
    expect(await refused({ ...good, endpoint: 'not a url' })).toEqual([400, 'push_endpoint_refused']);
    expect(await refused({ ...good, keys: { ...good.keys, p256dh: 'AAAA' } })).toEqual([400, 'push_keys_invalid']);
    expect(await refused({ ...good, keys: { ...good.keys, auth: 'x' } })).toEqual([400, 'push_keys_invalid']);
    expect(await refused({ ...good, language: 'fr' })).toEqual([400, 'validation_failed']);
    expect(await refused({ endpoint: good.endpoint, language: 'id' })).toEqual([400, 'validation_failed']);
    expect(await refused(good, 'ABCDE-FGHJK-MNPQR-STUVW')).toEqual([404, 'not_found']);
    expect(await refused(good, 'nope')).toEqual([400, 'validation_failed']);
    expect((await t.api.post('/bookings/ABCDE-FGHJK-MNPQR-STUVW/push', good)).body).toMatchObject({ code: 'booking_not_found' });
    expect(await subscriptions(ticket.id)).toBe(0);
    // A ticket that is over has nothing left to tell.
    expect((await t.api.post(`/tickets/track/${ticket.trackingCode}/cancel`)).status).toBe(200);
    expect(await refused(good)).toEqual([409, 'push_ticket_over']);
  });

  it('sends the call from the outbox, encrypted for each browser’s own keys, in its language, signed with the published VAPID key', async () => {
    const ticket = await issue();
    const indonesian = receiver.browser();
    const english = receiver.browser();
    expect((await subscribe(ticket.trackingCode, { ...indonesian.subscription, language: 'id' })).status).toBe(201);
    expect((await subscribe(ticket.trackingCode, { ...english.subscription, language: 'en' })).status).toBe(201);
    await open();

    const called = await t.api.post<{ id: string }>(`/counters/${office.counters[1]}/call-next`, undefined, officer());
    expect(called.body.id).toBe(ticket.id);
    // Nothing is sent by the call itself: the push waits in the outbox for the dispatcher.
    expect(indonesian.received).toHaveLength(0);
    expect(await dispatcher().drain()).toMatchObject({ claimed: 2, delivered: 2 });

    expect(messages(indonesian)).toEqual([
      {
        title: `${ticket.number} dipanggil ke Loket 1`,
        body: 'Silakan menuju loket sekarang.',
        url: `/t/${ticket.trackingCode}`,
        tag: `ticket-${ticket.id}`,
        vibrate: [300, 100, 300, 100, 600],
        lang: 'id',
      },
    ]);
    expect(messages(english)).toEqual([expect.objectContaining({ title: `${ticket.number} is called to Loket 1`, lang: 'en' })]);
    const [push] = indonesian.received;
    expect(push.headers).toMatchObject({ 'content-encoding': 'aes128gcm', urgency: 'high', ttl: '900' });
    const { publicKey } = (await t.api.get<PushKeyView>('/push/key')).body;
    expect(verifyVapid(push.headers, receiver.url, Date.now())).toBe(publicKey);

    // A recall is told again; nothing is sent twice.
    await t.api.post(`/tickets/${ticket.id}/recall`, undefined, officer());
    await dispatcher().drain();
    expect(messages(indonesian).map((message) => [message.title, message.body])).toEqual([
      [`${ticket.number} dipanggil ke Loket 1`, 'Silakan menuju loket sekarang.'],
      [`${ticket.number} dipanggil ke Loket 1`, 'Panggilan ulang: silakan segera menuju loket.'],
    ]);
    expect(await dispatcher().drain()).toMatchObject({ claimed: 0 });
  });

  it('tells a waiting ticket once when 3 are left before it', async () => {
    const tickets = [await issue(), await issue(), await issue(), await issue(), await issue()];
    const phone = receiver.browser();
    await subscribe(tickets[4].trackingCode, { ...phone.subscription, language: 'id' });
    await open();

    await t.api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer());
    await near().scanNear();
    await near().scanNear();
    await dispatcher().drain();

    expect(messages(phone)).toEqual([expect.objectContaining({ title: `${tickets[4].number}: 3 antrean lagi`, vibrate: [] })]);
    expect(phone.received[0].headers).toMatchObject({ urgency: 'normal' });
  });

  it('forgets a browser the push service says is gone (410), and keeps the others', async () => {
    const ticket = await issue();
    const gone = receiver.browser();
    const kept = receiver.browser();
    gone.answer = 410;
    await subscribe(ticket.trackingCode, { ...gone.subscription, language: 'id' });
    await subscribe(ticket.trackingCode, { ...kept.subscription, language: 'id' });
    await open();

    await t.api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer());

    expect(await dispatcher().drain()).toMatchObject({ claimed: 2, delivered: 1, gone: 1 });
    expect(messages(kept).map((message) => message.title)).toEqual([`${ticket.number} dipanggil ke Loket 1`]);
    const left = await t.db.query<{ endpoint: string }[]>('SELECT endpoint FROM push_subscriptions WHERE ticket_id = $1', [ticket.id]);
    expect(left).toEqual([{ endpoint: kept.subscription.endpoint }]);
  });

  it('tries a push service that failed again 10 s later, and the phone gets the call once', async () => {
    const ticket = await issue();
    const phone = receiver.browser();
    phone.answer = 503;
    await subscribe(ticket.trackingCode, { ...phone.subscription, language: 'id' });
    await open();
    await t.api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer());

    expect(await dispatcher().drain()).toMatchObject({ claimed: 1, retried: 1 });
    phone.answer = 201;
    expect(await dispatcher().drain()).toMatchObject({ claimed: 0 });
    t.clock.set(new Date(t.clock.now().getTime() + 10_000));
    expect(await dispatcher().drain()).toMatchObject({ claimed: 1, delivered: 1 });

    // Two requests reached the push service, the first refused: one notification.
    expect(phone.received).toHaveLength(2);
    expect(new Set(messages(phone).map((message) => message.title))).toEqual(new Set([`${ticket.number} dipanggil ke Loket 1`]));
  });

  it('tells a browser subscribed on the booking page about the ticket the booking became', async () => {
    // Open Monday to Friday 08:00–12:00; booked for Wednesday 09:00, checked in at 08:40.
    await t.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [
      office.id,
      JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }))),
    ]);
    const admin = (await createStaff(t, 'admin')).token;
    expect(
      (
        await t.api.send('PUT', `/admin/services/${office.services.A}/booking`, {
          body: bookingSettings({ seatsPerSlot: 2 }),
          token: admin,
        })
      ).status,
    ).toBe(200);
    const booked = await t.api.post<{ code: string; reference: string }>(
      `/offices/${office.slug}/bookings`,
      { serviceId: office.services.A, startsAt: '2026-12-02T02:00:00.000Z' },
      undefined,
      {
        'x-loket-client': 'push-test-client',
      },
    );
    expect(booked.status).toBe(201);
    const phone = receiver.browser();
    expect((await t.api.post(`/bookings/${booked.body.code}/push`, { ...phone.subscription, language: 'id' })).status).toBe(201);

    t.clock.set('2026-12-02T01:40:00.000Z');
    const checkedIn = await t.api.post<{ ticket: TrackedTicketView }>(`/offices/${office.slug}/bookings/check-in`, { reference: booked.body.reference });
    expect(checkedIn.status).toBe(200);
    await open();
    expect((await t.api.post<{ id: string }>(`/counters/${office.counters[1]}/call-next`, undefined, officer())).body.id).toBe(checkedIn.body.ticket.id);
    await dispatcher().drain();

    const { number, trackingCode } = checkedIn.body.ticket;
    expect(messages(phone)).toEqual([expect.objectContaining({ title: `${number} dipanggil ke Loket 1`, url: `/t/${trackingCode}` })]);
  });
});

describe('web push without PUSH_ALLOW_LOCAL_ENDPOINTS', () => {
  const t = useTestApp();
  let receiver: PushReceiver;

  beforeAll(async () => {
    receiver = await startPushReceiver();
  });
  afterAll(() => receiver.close());

  it('refuses, at connect time, a push service whose host name resolves to a local address', async () => {
    const browser = receiver.browser();
    // The subscription check reads the URL; "localhost" stands for any name that resolves (or turns) local after it.
    const endpoint = browser.subscription.endpoint.replace('127.0.0.1', 'localhost');
    const recipient = { endpoint, p256dh: browser.subscription.keys.p256dh, auth: browser.subscription.keys.auth, language: 'id' as const };
    const result = await t.app
      .get(PushService)
      .send(recipient, { kind: 'called', number: 'A-001', counterName: 'Loket 1', recall: false }, '/t/x', randomUUID());
    expect(result).toEqual({ outcome: 'failed', status: null });
    expect(browser.received).toHaveLength(0);
    // The same name with private targets allowed does connect: it was the address, not the name, that was refused.
    const allowed = await postOutbound(endpoint, { headers: {}, body: 'x' }, { timeoutMs: 2000, allowPrivate: true, keepBytes: 0 });
    expect(allowed.status).toBe(201);
    expect(browser.received).toHaveLength(1);
  });
});
