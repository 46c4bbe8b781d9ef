import { onScopeDispose, readonly, ref } from 'vue';
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type ClientToServerEvents,
  type ErrorBody,
  REALTIME_PATH,
  type RegionalSnapshot,
  RegionalClientEvent,
  RegionalServerEvent,
  type ServerToClientEvents,
} from '@loket/domain';
import type { ConnectionStatus } from '@loket/web';
import { useAuthStore } from '../../../shared/auth/auth-store';
import { useRegionalStore } from '../stores/regional-store';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 3_000;

/**
 * Keeps the regional dashboard live over one socket with the staff token in the handshake:
 * every connect subscribes (the answer is a fresh snapshot of every office), and each office's
 * row then arrives on its own as its events move it. Nothing is polled.
 */
export function useRegionalSocket() {
  const store = useRegionalStore();
  const auth = useAuthStore();
  const status = ref<ConnectionStatus>('connecting');
  const error = ref<ErrorBody | null>(null);
  let retry: ReturnType<typeof setTimeout> | undefined;

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: REALTIME_PATH,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    randomizationFactor: 0.5,
    auth: (send: (data: object) => void) => send({ token: auth.token }),
  });

  async function subscribe(): Promise<void> {
    clearTimeout(retry);
    status.value = 'connecting';
    let result: Ack<RegionalSnapshot>;
    try {
      result = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(RegionalClientEvent.subscribe, {});
    } catch {
      retry = setTimeout(() => socket.connected && void subscribe(), RETRY_DELAY_MS);
      return;
    }
    if (result.ok) {
      store.hydrate(result.data);
      status.value = 'live';
      error.value = null;
    } else if (result.error.statusCode === 401) {
      auth.expire();
    } else {
      error.value = result.error;
      status.value = 'failed';
    }
  }

  socket.on('connect', () => void subscribe());
  socket.on('disconnect', () => {
    status.value = 'offline';
  });
  socket.on('connect_error', () => {
    if (status.value !== 'failed') status.value = 'offline';
  });
  socket.on(RegionalServerEvent.office, (row) => store.apply(row));

  onScopeDispose(() => {
    clearTimeout(retry);
    socket.removeAllListeners();
    socket.disconnect();
    store.reset();
  });

  return { status: readonly(status), error: readonly(error) };
}
