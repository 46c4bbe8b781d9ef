import type { CDPSession, Page } from '@playwright/test';
import { type PushReceiver, startPushReceiver, verifyVapid } from '../../apps/api/test/support/push-receiver.js';
import { expect, screenshot, staffApi, staffToken, test } from './fixtures.js';

/**
 * Web push on the phone page (issue 18), through the whole chain but the one piece outside
 * our system, the browser's push service:
 * - headless Chromium has no push service to subscribe at, so the page's `PushManager`
 *   hands out a subscription at a local push service instead (`startPushReceiver`, the API
 *   tests' own), whose P-256 keys and auth secret the test holds, as a phone's browser would;
 * - the page's own "Beri tahu saya" posts that subscription to the API;
 * - the ticket is moved through the API (a call makes it "3 antrean lagi", then its own
 *   call), and the API's dispatcher sends each message, encrypted (RFC 8291) and signed
 *   (VAPID), to the local push service;
 * - the test decrypts it with the subscription's keys and hands the plaintext to the page's
 *   service worker as a push message (Chromium's DevTools protocol does what the push
 *   service's connection would), which shows the notification the test then reads.
 */
test.use({ viewport: { width: 390, height: 844 }, officeStaff: ['petugas1'] });

let pushService: PushReceiver;
test.beforeAll(async () => {
  pushService = await startPushReceiver();
});
test.afterAll(() => pushService.close());

async function registrationId(cdp: CDPSession, scope: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const registration = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
      if (registration) resolve(registration.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

const notifications = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as { url: string } }));
  });

/**
 * In the page, before it loads: its `PushManager` subscribes at the local push service (the
 * subscription the test made) and remembers the VAPID key the page asked with, in base64url.
 */
function pushServiceInPage(subscription: { endpoint: string; keys: { p256dh: string; auth: string } }): void {
  let current: PushSubscription | null = null;
  const held = {
    endpoint: subscription.endpoint,
    expirationTime: null,
    toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
    unsubscribe: async () => ((current = null), true),
  } as unknown as PushSubscription;
  PushManager.prototype.getSubscription = async () => current;
  PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
    const key = new Uint8Array(options?.applicationServerKey as Uint8Array);
    const base64url = btoa(String.fromCharCode(...key))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    (window as unknown as { loketVapidKey: string }).loketVapidKey = base64url;
    current = held;
    return held;
  };
}

test('a citizen who taps “Beri tahu saya” gets “3 antrean lagi” and “dipanggil” as web push, sent through the push service, shown by the service worker', async ({
  page,
  context,
  request,
  office,
  baseURL,
}, testInfo) => {
  await context.grantPermissions(['notifications'], { origin: baseURL });
  // "Near" by the count alone (3 ahead), never by an estimate, so which call makes it is known.
  const admin = { authorization: `Bearer ${await staffToken(request, 'admin')}` };
  const settings = await request.put(`/api/v1/admin/offices/${office.id}/notification-settings`, {
    headers: admin,
    data: { nearAhead: 3, nearMinutes: 0, reminderHour: 16 },
  });
  expect(settings.ok(), await settings.text()).toBe(true);
  const tickets: { id: string; number: string; trackingCode: string }[] = [];
  for (let i = 0; i < 5; i += 1) {
    const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
    expect(issued.status()).toBe(201);
    tickets.push(await issued.json());
  }
  const mine = tickets[4];

  const phone = pushService.browser();
  await page.addInitScript(pushServiceInPage, phone.subscription);
  await page.goto(`/t/${mine.trackingCode}`);
  const button = page.getByRole('button', { name: 'Beri tahu saya' });
  await expect(button).toBeVisible();
  await screenshot(page, testInfo, 'phone-ticket-push-button');
  await button.click();
  await expect(page.getByTestId('push-opt-in')).toHaveAttribute('data-state', 'on');
  // The page subscribed with the key the API serves, and its worker is the build's /sw.js for the whole site.
  const { publicKey } = (await (await request.get('/api/v1/push/key')).json()) as { publicKey: string };
  expect(await page.evaluate(() => (window as unknown as { loketVapidKey: string }).loketVapidKey)).toBe(publicKey);
  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { script: registration.active?.scriptURL, scope: registration.scope };
  });
  expect(worker).toEqual({ script: `${baseURL}/sw.js`, scope: `${baseURL}/` });
  const cdp = await context.newCDPSession(page);
  const id = await registrationId(cdp, `${baseURL}/`);

  /** The next message the push service gets for this phone, decrypted with its keys, after checking the VAPID signature. */
  const nextPush = async (count: number): Promise<string> => {
    await expect.poll(() => phone.received.length, { timeout: 30_000 }).toBe(count);
    const push = phone.received[count - 1];
    expect(verifyVapid(push.headers, pushService.url, Date.now())).toBe(publicKey);
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    return phone.decrypt(push.body);
  };
  const officer = office.staff.petugas1!.username;
  const counter = office.counters[1];
  const callNext = () => staffApi<{ id: string; number: string }>(request, 'POST', `/counters/${counter.id}/call-next`, officer, {});

  // The first ticket is called: three are ahead of this one now.
  await staffApi(request, 'POST', `/counters/${counter.id}/open`, officer, {});
  expect((await callNext()).id).toBe(tickets[0].id);
  const near = await nextPush(1);
  expect(JSON.parse(near)).toMatchObject({ title: `${mine.number}: 3 antrean lagi`, vibrate: [], tag: `ticket-${mine.id}` });
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseURL!, registrationId: id, data: near });
  await expect
    .poll(() => notifications(page))
    .toEqual([
      {
        title: `${mine.number}: 3 antrean lagi`,
        body: 'Bersiaplah, giliran Anda sebentar lagi.',
        tag: `ticket-${mine.id}`,
        data: { url: `/t/${mine.trackingCode}` },
      },
    ]);

  // The three before it are served; then it is called.
  for (const before of tickets.slice(0, 4)) {
    if (before !== tickets[0]) expect((await callNext()).id).toBe(before.id);
    await staffApi(request, 'POST', `/tickets/${before.id}/start`, officer, {});
    await staffApi(request, 'POST', `/tickets/${before.id}/finish`, officer, {});
  }
  expect((await callNext()).id).toBe(mine.id);
  const called = await nextPush(2);
  expect(JSON.parse(called)).toMatchObject({ title: `${mine.number} dipanggil ke Loket 1`, vibrate: [300, 100, 300, 100, 600] });
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseURL!, registrationId: id, data: called });
  // The same tag: the call takes the place of "3 antrean lagi".
  await expect
    .poll(() => notifications(page))
    .toEqual([
      {
        title: `${mine.number} dipanggil ke Loket 1`,
        body: 'Silakan menuju loket sekarang.',
        tag: `ticket-${mine.id}`,
        data: { url: `/t/${mine.trackingCode}` },
      },
    ]);
  // Nothing else was sent to this phone: one message per moment.
  expect(phone.received).toHaveLength(2);

  // A message that is not ours never sends the citizen off the site (the API sends none such: made up here).
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: baseURL!,
    registrationId: id,
    data: JSON.stringify({ ...JSON.parse(called), url: 'https://elsewhere.example/x' }),
  });
  await expect.poll(async () => (await notifications(page)).map((n) => n.data.url)).toEqual(['/']);
});

test('the button says so where notifications are blocked, and the page stays usable', async ({ page, request, office }) => {
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  const ticket = (await issued.json()) as { trackingCode: string };
  await page.addInitScript(() => {
    Object.defineProperty(Notification, 'permission', { get: () => 'denied' });
  });
  await page.goto(`/t/${ticket.trackingCode}`);
  await expect(page.getByTestId('push-note')).toContainText('Pemberitahuan diblokir');
  await expect(page.getByRole('button', { name: 'Beri tahu saya' })).toHaveCount(0);
});
