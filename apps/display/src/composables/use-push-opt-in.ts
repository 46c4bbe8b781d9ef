import { onMounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ErrorCode } from '@loket/domain';
import { fetchPushKey, subscribePush, type PushTarget } from '../api/push';
import { refusalCode } from '../api/http';

/**
 * Where the phone page's "Beri tahu saya" stands:
 * - unsupported: this browser has no service worker, Push API or notifications (e.g. iOS
 *   Safari outside a home-screen app), or the page is not on https;
 * - denied: the citizen (or the browser) refused notifications; only the browser's site
 *   settings can undo that;
 * - idle, working, on; failed (no network, a push service error) or refused (the API said why).
 */
export type PushOptInState = 'unsupported' | 'denied' | 'idle' | 'working' | 'on' | 'failed' | 'refused';

/** The service worker the display app's build writes at its root (build/service-worker.ts), so its scope is every page. */
export const SERVICE_WORKER_URL = '/sw.js';

const remembered = (target: PushTarget) => `loket.push.${target.kind}.${target.code}`;

export function pushSupported(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** A VAPID public key (base64url) as the bytes `pushManager.subscribe` takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function usePushOptIn(target: () => PushTarget) {
  const { locale } = useI18n();
  const state = ref<PushOptInState>('idle');
  const refusal = ref<ErrorCode | null>(null);

  onMounted(async () => {
    if (!pushSupported()) {
      state.value = 'unsupported';
      return;
    }
    if (Notification.permission === 'denied') {
      state.value = 'denied';
      return;
    }
    // Turned on before on this phone, and the browser still holds the subscription: say so.
    if (Notification.permission === 'granted' && localStorage.getItem(remembered(target())) !== null) {
      const registration = await navigator.serviceWorker.getRegistration('/');
      if (await registration?.pushManager.getSubscription()) state.value = 'on';
    }
  });

  async function turnOn(): Promise<void> {
    if (!pushSupported()) {
      state.value = 'unsupported';
      return;
    }
    state.value = 'working';
    refusal.value = null;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        state.value = permission === 'denied' ? 'denied' : 'idle';
        return;
      }
      const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
      await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes((await fetchPushKey()).publicKey) }));
      await subscribePush(target(), subscription.toJSON(), locale.value === 'en' ? 'en' : 'id');
      localStorage.setItem(remembered(target()), '1');
      state.value = 'on';
    } catch (error) {
      refusal.value = refusalCode(error);
      state.value = refusal.value ? 'refused' : 'failed';
    }
  }

  return { state, refusal, turnOn };
}
