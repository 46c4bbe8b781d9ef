import { onScopeDispose, readonly, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { io, type Socket } from 'socket.io-client';
import {
  ClientEvent,
  REALTIME_PATH,
  ServerEvent,
  type Ack,
  type ClientToServerEvents,
  type ErrorBody,
  type OfficeSnapshot,
  type ServerToClientEvents,
} from '@loket/domain';
import { useOfficeStore } from '../stores/office-store';

export type OfficeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'offline' | 'failed';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 5_000;
const RESYNC_AGAIN_DELAY_MS = 500;

/**
 * Keeps `useOfficeStore` live for one office: subscribes on every connect (the answer
 * is the snapshot), applies the office's events in sequence, and asks for a fresh
 * snapshot (`ClientEvent.resync`) when one is missed. Socket.io reconnects on its own;
 * a screen that runs for days relies on that.
 */
export function useOfficeSocket(officeSlug: MaybeRefOrGetter<string | null>) {
  const store = useOfficeStore();
  const status = ref<ConnectionStatus>('idle');
  const error = ref<ErrorBody | null>(null);

  let socket: OfficeSocket | null = null;
  let resyncing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function connect(slug: string): void {
    disconnect();
    store.reset();
    status.value = 'connecting';
    error.value = null;

    // Reconnects forever with growing, jittered delays (1 s up to 30 s): a board left for
    // weeks outlives any outage, and a room full of screens does not reconnect in step.
    const current: OfficeSocket = io({ path: REALTIME_PATH, reconnectionDelay: 1_000, reconnectionDelayMax: 30_000, randomizationFactor: 0.5 });
    socket = current;

    current.on('connect', () => {
      // A reconnect is a new socket on the server, outside every room, so it subscribes
      // again. Only when socket.io restored the session (rooms kept) is a resync enough.
      if (current.recovered && store.snapshot) void resync(current, slug);
      else void subscribe(current, slug);
    });
    current.on('disconnect', () => {
      status.value = 'offline';
    });
    current.on('connect_error', () => {
      if (status.value !== 'failed') status.value = 'offline';
    });
    current.on(ServerEvent.event, (event) => {
      if (store.apply(event) === 'gap') void resync(current, slug);
    });
    current.on(ServerEvent.snapshot, (snapshot) => {
      if (snapshot.office.slug === slug) accept(current, slug, snapshot);
    });
  }

  async function subscribe(current: OfficeSocket, slug: string): Promise<void> {
    status.value = 'connecting';
    const result = await request(current, ClientEvent.subscribe, slug);
    if (current !== socket) return;
    if (result === 'timeout') {
      retryLater(() => subscribe(current, slug));
    } else if (result.ok) {
      accept(current, slug, result.data);
    } else {
      // The server answered (e.g. no such office): retrying would get the same answer.
      error.value = result.error;
      status.value = 'failed';
    }
  }

  async function resync(current: OfficeSocket, slug: string): Promise<void> {
    if (resyncing) return;
    resyncing = true;
    let result: Awaited<ReturnType<typeof request>>;
    try {
      result = await request(current, ClientEvent.resync, slug);
    } finally {
      resyncing = false;
    }
    if (current !== socket) return;
    if (result !== 'timeout' && result.ok) accept(current, slug, result.data);
    // Still marked as needing a resync: try again rather than show a stale board.
    else retryLater(() => resync(current, slug));
  }

  function accept(current: OfficeSocket, slug: string, snapshot: OfficeSnapshot): void {
    store.hydrate(snapshot);
    status.value = 'live';
    // Events held while waiting can still leave a hole this snapshot does not cover.
    if (store.needsResync) retryLater(() => resync(current, slug), RESYNC_AGAIN_DELAY_MS);
  }

  async function request(
    current: OfficeSocket,
    event: typeof ClientEvent.subscribe | typeof ClientEvent.resync,
    slug: string,
  ): Promise<Ack<OfficeSnapshot> | 'timeout'> {
    try {
      return await current.timeout(ACK_TIMEOUT_MS).emitWithAck(event, { officeSlug: slug });
    } catch {
      return 'timeout';
    }
  }

  function retryLater(action: () => Promise<void>, delayMs = RETRY_DELAY_MS): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (socket?.connected) void action();
    }, delayMs);
  }

  function disconnect(): void {
    clearTimeout(retryTimer);
    resyncing = false;
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

  return { status: readonly(status), error: readonly(error) };
}
