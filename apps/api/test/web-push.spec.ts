import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PushKeyView, PushMessage, TrackedTicketView } from '@loket/domain';
import { createOffice, type OfficeFixture } from './support/fixtures.js';
import { type PushReceiver, startPushReceiver, verifyVapid } from './support/push-receiver.js';
import { onPostgres, useTestApp } from './support/test-app.js';
import { PushService } from '../src/push/push.service.js';

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

  it('sends a call encrypted for each browser’s own keys, in its language, signed with the published VAPID key', async () => {
    const ticket = await issue();
    const indonesian = receiver.browser();
    const english = receiver.browser();
    expect((await subscribe(ticket.trackingCode, { ...indonesian.subscription, language: 'id' })).status).toBe(201);
    expect((await subscribe(ticket.trackingCode, { ...english.subscription, language: 'en' })).status).toBe(201);

    const outcome = await t.app.get(PushService).notify(ticket.id, { kind: 'called', number: ticket.number, counterName: 'Loket 5', recall: false });

    expect(outcome).toEqual({ delivered: 2, gone: 0, failed: 0 });
    expect(messages(indonesian)).toEqual([
      expect.objectContaining({ title: `${ticket.number} dipanggil ke Loket 5`, url: `/t/${ticket.trackingCode}`, vibrate: [300, 100, 300, 100, 600] }),
    ]);
    expect(messages(english)).toEqual([expect.objectContaining({ title: `${ticket.number} is called to Loket 5`, lang: 'en' })]);
    const [push] = indonesian.received;
    expect(push.headers).toMatchObject({ 'content-encoding': 'aes128gcm', urgency: 'high', ttl: expect.any(String) });
    const { publicKey } = (await t.api.get<PushKeyView>('/push/key')).body;
    expect(verifyVapid(push.headers, receiver.url, Date.now())).toBe(publicKey);
  });

  it('forgets a browser the push service says is gone (410), and keeps the others', async () => {
    const ticket = await issue();
    const gone = receiver.browser();
    const kept = receiver.browser();
    gone.answer = 410;
    await subscribe(ticket.trackingCode, { ...gone.subscription, language: 'id' });
    await subscribe(ticket.trackingCode, { ...kept.subscription, language: 'id' });

    const outcome = await t.app.get(PushService).notify(ticket.id, { kind: 'near', number: ticket.number, ahead: 3 });

    expect(outcome).toEqual({ delivered: 1, gone: 1, failed: 0 });
    expect(messages(kept).map((message) => message.title)).toEqual([`${ticket.number}: 3 antrean lagi`]);
    const left = await t.db.query<{ endpoint: string }[]>('SELECT endpoint FROM push_subscriptions WHERE ticket_id = $1', [ticket.id]);
    expect(left).toEqual([{ endpoint: kept.subscription.endpoint }]);
  });
});
