import { onScopeDispose, readonly, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type ClientToServerEvents,
  REALTIME_PATH,
  ServerEvent,
  type ServerToClientEvents,
  StaffClientEvent,
  StaffServerEvent,
  type SupervisionSnapshot,
} from '@loket/domain';
import { useAuthStore } from '../stores/auth-store';
import { useSupervisionStore } from './supervision-store';

type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SupervisionStatus = 'idle' | 'connecting' | 'live' | 'offline' | 'failed';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 3_000;
// Time-based figures (idle, late, waited) move between events on this tick; no figure is polled.
const FIGURE_TICK_MS = 5_000;

/**
 * Keeps the supervisor's store live over one socket: the staff token goes in the handshake,
 * every (re)connect subscribes and takes a fresh snapshot, numbered office events are
 * applied in order (a gap or a newly opened counter asks for a fresh snapshot), and alerts
 * arrive on the office's staff room.
 */
export function useSupervisionSocket(officeSlug: MaybeRefOrGetter<string | null>) {
  const store = useSupervisionStore();
  const auth = useAuthStore();
  const status = ref<SupervisionStatus>('idle');
  const problem = ref<string | null>(null);
  let socket: StaffSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let subscribing = false;
  let again = false;
  const ticker = setInterval(() => {
    if (store.tick() && socket && toValue(officeSlug)) void subscribe(socket, toValue(officeSlug)!);
  }, FIGURE_TICK_MS);

  function connect(slug: string): void {
    disconnect();
    store.reset();
    status.value = 'connecting';
    // A function, so a reconnect sends the token held then.
    const current: StaffSocket = io({ path: REALTIME_PATH, auth: (send) => send({ token: auth.token }), reconnectionDelay: 500, reconnectionDelayMax: 5_000 });
    socket = current;
    current.on('connect', () => void subscribe(current, slug));
    current.on('disconnect', () => {
      status.value = 'offline';
    });
    current.on('connect_error', () => {
      status.value = 'offline';
    });
    current.on(ServerEvent.event, (event) => {
      if (store.apply(event).refetch) void subscribe(current, slug);
    });
    current.on(StaffServerEvent.alertRaised, (alert) => store.alertRaised(alert));
    current.on(StaffServerEvent.alertAcknowledged, (alert) => store.alertAcknowledged(alert));
  }

  async function subscribe(current: StaffSocket, slug: string): Promise<void> {
    if (subscribing) {
      again = true;
      return;
    }
    subscribing = true;
    let result: Ack<SupervisionSnapshot> | 'timeout';
    try {
      result = await current.timeout(ACK_TIMEOUT_MS).emitWithAck(StaffClientEvent.subscribe, { officeSlug: slug });
    } catch {
      result = 'timeout';
    } finally {
      subscribing = false;
    }
    if (current !== socket) return;
    if (result === 'timeout') {
      retryLater(() => subscribe(current, slug));
    } else if (result.ok) {
      store.hydrate(result.data);
      status.value = 'live';
      problem.value = null;
    } else if (result.error.statusCode === 401) {
      auth.expire();
    } else {
      status.value = 'failed';
      problem.value = result.error.message;
    }
    if (again) {
      again = false;
      void subscribe(current, slug);
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
  onScopeDispose(() => {
    clearInterval(ticker);
    disconnect();
  });

  return { status: readonly(status), problem: readonly(problem) };
}
