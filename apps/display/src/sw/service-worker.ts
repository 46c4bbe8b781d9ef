/**
 * The display app's service worker (issue 18), built by Vite into `/sw.js`
 * (build/service-worker.ts) so its scope is the whole site. It does one thing: show the
 * web push the API sends for a ticket ("A-012: 3 antrean lagi", "A-012 dipanggil ke Loket 5"),
 * buzzing on a call, and open the ticket page when the notification is tapped. No caching,
 * no fetch handler: the pages stay live from the network as before.
 *
 * It imports nothing, so the build writes it as one self-contained script. The app's
 * TypeScript has the DOM library, not the worker one; the few worker types it needs are here.
 */

/** The push message's JSON (`PushMessage` of libs/domain), read defensively: it comes from outside the page. */
interface Shown {
  title: string;
  body: string;
  url: string;
  tag: string;
  vibrate: number[];
  lang: string;
}

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface PushEvent extends ExtendableEvent {
  readonly data: { json(): unknown; text(): string } | null;
}

interface NotificationEvent extends ExtendableEvent {
  readonly notification: Notification;
}

interface WindowClient {
  readonly url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}

interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly location: Location;
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;

/** Only a path on this site: a notification never sends the citizen elsewhere. */
function samePath(url: unknown): string {
  if (typeof url !== 'string') return '/';
  const target = new URL(url, worker.location.origin);
  return target.origin === worker.location.origin ? `${target.pathname}${target.search}` : '/';
}

function read(event: PushEvent): Shown {
  let data: Partial<Shown>;
  try {
    data = (event.data?.json() ?? {}) as Partial<Shown>;
  } catch {
    data = { body: event.data?.text() ?? '' };
  }
  return {
    title: typeof data.title === 'string' && data.title ? data.title : 'Loket',
    body: typeof data.body === 'string' ? data.body : '',
    url: samePath(data.url),
    tag: typeof data.tag === 'string' ? data.tag : 'loket',
    vibrate: Array.isArray(data.vibrate) ? data.vibrate.filter((ms) => typeof ms === 'number') : [],
    lang: data.lang === 'en' ? 'en' : 'id',
  };
}

worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener('push', (event) => {
  const shown = read(event);
  // `vibrate` and `renotify` are not in TypeScript's DOM NotificationOptions; browsers take them.
  const options = {
    body: shown.body,
    tag: shown.tag,
    lang: shown.lang,
    icon: '/favicon.svg',
    data: { url: shown.url },
    vibrate: shown.vibrate,
    // A call replaces "3 antrean lagi" under the same tag, and still buzzes.
    renotify: shown.vibrate.length > 0,
    requireInteraction: shown.vibrate.length > 0,
  } as NotificationOptions;
  event.waitUntil(worker.registration.showNotification(shown.title, options));
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = samePath((event.notification.data as { url?: unknown } | null)?.url);
  event.waitUntil(
    (async () => {
      const open = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const page = open.find((client) => new URL(client.url).pathname === url) ?? open[0];
      if (page) {
        const shown = await page.focus();
        if (new URL(shown.url).pathname !== url) await shown.navigate(url);
        return;
      }
      await worker.clients.openWindow(url);
    })(),
  );
});
