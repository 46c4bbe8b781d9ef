import { onScopeDispose, readonly, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { io, type Socket } from 'socket.io-client';
import {
  ClientEvent,
  REALTIME_PATH,
  ServerEvent,
  type Ack,
  type ClientToServerEvents,
  type OfficeSnapshot,
  type ServerToClientEvents,
} from '@loket/domain';
import { useOfficeStore } from '../stores/office-store';

type OfficeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'offline' | 'failed';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 3_000;

/**
 * Keeps the desk's office store live: subscribes on every (re)connect, whose answer is a
 * fresh snapshot; applies numbered events; resyncs on a gap. The status goes `offline`
 * the moment the socket drops, and the desk refuses actions until it is `live` again.
 */
export function useOfficeSocket(officeSlug: MaybeRefOrGetter<string | null>) {
  const store = useOfficeStore();
  const status = ref<ConnectionStatus>('idle');
  let socket: OfficeSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let resyncing = false;

  function connect(slug: string): void {
    disconnect();
    store.reset();
    status.value = 'connecting';
    const current: OfficeSocket = io({ path: REALTIME_PATH, reconnectionDelay: 500, reconnectionDelayMax: 5_000 });
    socket = current;
    // Every (re)connect takes a fresh snapshot: what happened while offline is not guessed at.
    current.on('connect', () => void fetchSnapshot(current, slug, ClientEvent.subscribe));
    current.on('disconnect', () => {
      status.value = 'offline';
    });
    current.on('connect_error', () => {
      status.value = 'offline';
    });
    current.on(ServerEvent.event, (event) => {
      if (store.apply(event) === 'gap') void fetchSnapshot(current, slug, ClientEvent.resync);
    });
  }

  async function fetchSnapshot(current: OfficeSocket, slug: string, event: typeof ClientEvent.subscribe | typeof ClientEvent.resync): Promise<void> {
    if (event === ClientEvent.resync) {
      if (resyncing) return;
      resyncing = true;
    }
    let result: Ack<OfficeSnapshot> | 'timeout';
    try {
      result = await current.timeout(ACK_TIMEOUT_MS).emitWithAck(event, { officeSlug: slug });
    } catch {
      result = 'timeout';
    } finally {
      if (event === ClientEvent.resync) resyncing = false;
    }
    if (current !== socket) return;
    if (result !== 'timeout' && result.ok) {
      store.hydrate(result.data);
      status.value = 'live';
      if (store.needsResync) retryLater(() => fetchSnapshot(current, slug, ClientEvent.resync));
    } else if (result !== 'timeout') {
      status.value = 'failed';
    } else {
      retryLater(() => fetchSnapshot(current, slug, event));
    }
  }

  function retryLater(action: () => Promise<void>): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (socket?.connected) void action();
    }, RETRY_DELAY_MS);
  }

  function disconnect(): void {
    clearTimeout(retryTimer);
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
      socket = null;
    }
    status.value = 'idle';
  }

  watch(
    () => toValue(officeSlug),
    (slug) => (slug ? connect(slug) : disconnect()),
    { immediate: true },
  );
  onScopeDispose(disconnect);

  return { status: readonly(status) };
}
