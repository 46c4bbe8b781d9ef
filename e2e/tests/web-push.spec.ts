import type { CDPSession, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

/**
 * Web push on the phone page (issue 18): "Beri tahu saya" registers the display app's service
 * worker at the site's root, and a push message delivered to it (through Chromium's DevTools
 * protocol, in place of a push service, which this machine cannot reach) shows the
 * notification the API would send. The API test (apps/api/test/web-push.spec.ts) checks the
 * sending side: the encrypted message, decrypted with the subscription's own keys.
 */
test.use({ viewport: { width: 390, height: 844 } });

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

test('the phone page’s “Beri tahu saya” registers the service worker, which shows a pushed call', async ({
  page,
  context,
  request,
  office,
  baseURL,
  consoleErrors,
}, testInfo) => {
  await context.grantPermissions(['notifications'], { origin: baseURL });
  const issued = await request.post(`/api/v1/offices/${office.slug}/tickets`, { data: { serviceId: office.services.A.id } });
  expect(issued.status()).toBe(201);
  const ticket = (await issued.json()) as { id: string; number: string; trackingCode: string };

  await page.goto(`/t/${ticket.trackingCode}`);
  const button = page.getByRole('button', { name: 'Beri tahu saya' });
  await expect(button).toBeVisible();
  await screenshot(page, testInfo, 'phone-ticket-push-button');
  await button.click();

  // The worker is the build's /sw.js, controlling the whole site.
  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { script: registration.active?.scriptURL, scope: registration.scope };
  });
  expect(worker).toEqual({ script: `${baseURL}/sw.js`, scope: `${baseURL}/` });
  // Subscribing needs the browser's push service, which Playwright's (incognito) contexts do
  // not offer: Chromium says so on the console, and the button says it could not turn on.
  await expect(page.getByTestId('push-opt-in')).toHaveAttribute('data-state', /^(on|failed)$/);
  const incognito = consoleErrors.findIndex((error) => error.includes('does not support the Push API in incognito mode'));
  if (incognito >= 0) consoleErrors.splice(incognito, 1);

  const cdp = await context.newCDPSession(page);
  const id = await registrationId(cdp, `${baseURL}/`);
  const message = {
    title: `${ticket.number} dipanggil ke Loket 5`,
    body: 'Silakan menuju loket sekarang.',
    url: `/t/${ticket.trackingCode}`,
    tag: `ticket-${ticket.id}`,
    vibrate: [300, 100, 300, 100, 600],
    lang: 'id',
  };
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseURL!, registrationId: id, data: JSON.stringify(message) });

  await expect.poll(() => notifications(page)).toEqual([{ title: message.title, body: message.body, tag: message.tag, data: { url: message.url } }]);

  // "3 antrean lagi" first, then the call under the same tag: the phone shows the latest only.
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: baseURL!,
    registrationId: id,
    data: JSON.stringify({ ...message, title: `${ticket.number}: 3 antrean lagi`, body: 'Bersiaplah.', vibrate: [] }),
  });
  await expect.poll(async () => (await notifications(page)).map((n) => n.title)).toEqual([`${ticket.number}: 3 antrean lagi`]);
  // A message from elsewhere never sends the citizen off the site.
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: baseURL!,
    registrationId: id,
    data: JSON.stringify({ ...message, url: 'https://elsewhere.example/x' }),
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
