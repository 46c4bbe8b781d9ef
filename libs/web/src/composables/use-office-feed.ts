import { onScopeDispose, readonly, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { io, type Socket } from 'socket.io-client';
import {
  ClientEvent,
  REALTIME_PATH,
  ServerEvent,
  type Ack,
  type ClientToServerEvents,
  type ErrorBody,
  type FeedDecision,
  type OfficeEvent,
  type OfficeSnapshot,
  type ServerToClientEvents,
  type SubscribeRequest,
} from '@loket/domain';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'offline' | 'failed';

/** The client messages of the contract whose acknowledgement is a snapshot of type `T`. */
export type SnapshotRequest<T> = {
  [K in keyof ClientToServerEvents]: ClientToServerEvents[K] extends (request: SubscribeRequest, ack: (result: Ack<T>) => void) => void ? K : never;
}[keyof ClientToServerEvents];

/** How one screen's store takes an office's snapshot and numbered events. */
export interface OfficeFeedOptions<T> {
  /** Sent on every connect: joins the office's rooms, and its acknowledgement is the snapshot. */
  subscribe: SnapshotRequest<T>;
  /** Sent when events were missed but the rooms are kept; the subscribe message when absent. */
  resync?: SnapshotRequest<T>;
  reset(): void;
  hydrate(snapshot: T): void;
  /** Applies one office event; true when only a fresh snapshot can make the state whole again. */
  apply(event: OfficeEvent): boolean;
  /** Asked after `hydrate`: events held meanwhile still leave a hole the snapshot does not cover. */
  behind?(): boolean;
  /** The staff token for the handshake; read at every (re)connect, so a renewed login is sent. */
  token?(): string | null;
  /** A refusal the caller deals with itself (an expired login): true keeps the status as it is. */
  refused?(error: ErrorBody): boolean;
  /** Adds the screen's other listeners (alerts, pushed snapshots) to each new socket. */
  listen?(socket: RealtimeSocket, office: { slug: string; accept(snapshot: T): void }): void;
  /** Where the API is; the page's own origin when absent. */
  url?: string;
}

type Kind = 'subscribe' | 'resync';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 3_000;
const AGAIN_DELAY_MS = 500;
const TOO_MANY_REQUESTS = 429;

/**
 * Keeps one screen's store live for one office over socket.io: subscribes on every connect
 * (the answer is the snapshot), applies the numbered events, asks for a fresh snapshot when
 * one is missed, and retries what got no answer. The status goes `offline` the moment the
 * socket drops (the desk refuses actions until it is `live` again); socket.io reconnects
 * on its own, forever, which a board left for weeks relies on.
 */
export function useOfficeFeed<T>(officeSlug: MaybeRefOrGetter<string | null>, feed: OfficeFeedOptions<T>) {
  const status = ref<ConnectionStatus>('idle');
  const error = ref<ErrorBody | null>(null);

  let socket: RealtimeSocket | null = null;
  let slug: string | null = null;
  let hydrated = false;
  // One question at a time per socket; one asked meanwhile is asked again after the answer,
  // since that answer may predate what prompted it (a counter opened by an unknown officer).
  let asking: RealtimeSocket | null = null;
  let again: Kind | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function connect(next: string): void {
    disconnect();
    feed.reset();
    hydrated = false;
    slug = next;
    status.value = 'connecting';
    error.value = null;

    // Delays grow from 0.5 s to 5 s, jittered: an officer is not kept waiting long after the
    // network returns, and a room full of screens does not reconnect in step.
    const current: RealtimeSocket = io(feed.url, {
      path: REALTIME_PATH,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
      ...(feed.token ? { auth: (send: (data: object) => void) => send({ token: feed.token?.() }) } : {}),
    });
    socket = current;

    current.on('connect', () => {
      // A reconnect is a new socket on the server, outside every room, so it subscribes
      // again. Only when socket.io restored the session (rooms kept) is a resync enough.
      // Either way it answers whatever was waiting to be retried from before the drop.
      clearTimeout(retryTimer);
      void ask(current, next, current.recovered && hydrated ? 'resync' : 'subscribe');
    });
    current.on('disconnect', () => {
      status.value = 'offline';
    });
    current.on('connect_error', () => {
      // A refusal stays on screen: the server's answer says more than "offline".
      if (status.value !== 'failed') status.value = 'offline';
    });
    current.on(ServerEvent.event, (event) => {
      if (feed.apply(event)) void ask(current, next, 'resync');
    });
    feed.listen?.(current, { slug: next, accept: (snapshot) => accept(current, next, snapshot) });
  }

  async function ask(current: RealtimeSocket, officeSlug: string, kind: Kind): Promise<void> {
    if (asking === current) {
      again = again === 'subscribe' ? again : kind;
      return;
    }
    if (kind === 'subscribe') status.value = 'connecting';
    asking = current;
    let result: Ack<T> | 'timeout';
    try {
      result = await request(current, kind === 'resync' ? (feed.resync ?? feed.subscribe) : feed.subscribe, officeSlug);
    } finally {
      if (asking === current) asking = null;
    }
    if (current !== socket) return;
    if (result === 'timeout' || (!result.ok && result.error.statusCode === TOO_MANY_REQUESTS)) {
      // Nobody answered, or the server wants fewer messages: the same question later is answered.
      const retry = again === 'subscribe' ? again : kind;
      again = null;
      retryLater(() => ask(current, officeSlug, retry), RETRY_DELAY_MS);
    } else if (result.ok) {
      accept(current, officeSlug, result.data);
    } else {
      // The server answered (no such office, no access): asking again gets the same answer.
      again = null;
      if (!feed.refused?.(result.error)) {
        error.value = result.error;
        status.value = 'failed';
      }
    }
  }

  function accept(current: RealtimeSocket, officeSlug: string, snapshot: T): void {
    feed.hydrate(snapshot);
    hydrated = true;
    status.value = 'live';
    error.value = null;
    const next = again ?? (feed.behind?.() ? 'resync' : null);
    again = null;
    if (next) retryLater(() => ask(current, officeSlug, next), AGAIN_DELAY_MS);
  }

  async function request(current: RealtimeSocket, event: SnapshotRequest<T>, officeSlug: string): Promise<Ack<T> | 'timeout'> {
    const timed = current.timeout(ACK_TIMEOUT_MS);
    // `SnapshotRequest<T>` holds only messages answered with `Ack<T>`, which TypeScript
    // cannot follow through socket.io's mapped parameter types for a generic `T`.
    const emit = timed.emitWithAck.bind(timed) as unknown as (event: SnapshotRequest<T>, request: SubscribeRequest) => Promise<Ack<T>>;
    try {
      return await emit(event, { officeSlug });
    } catch {
      return 'timeout';
    }
  }

  function retryLater(action: () => Promise<void>, delayMs: number): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      // A socket that is down asks again by itself on its next connect.
      if (socket?.connected) void action();
    }, delayMs);
  }

  /** Asks for a fresh snapshot now (a new office day, say); nothing when not live yet. */
  function refresh(): void {
    if (socket?.connected && slug && hydrated) void ask(socket, slug, 'resync');
  }

  function disconnect(): void {
    clearTimeout(retryTimer);
    asking = null;
    again = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
      socket = null;
    }
    slug = null;
    status.value = 'idle';
  }

  watch(
    () => toValue(officeSlug),
    (next) => (next ? connect(next) : disconnect()),
    { immediate: true },
  );
  onScopeDispose(disconnect);

  return { status: readonly(status), error: readonly(error), refresh };
}

/** A store that keeps an office snapshot current with the domain's `OfficeFeed`. */
export interface OfficeSnapshotStore {
  reset(): void;
  hydrate(snapshot: OfficeSnapshot): void;
  apply(event: OfficeEvent): FeedDecision;
  readonly needsResync: boolean;
}

/** `useOfficeFeed` for a store of the office's public state: subscribe, resync on a gap. */
export function useOfficeSnapshotFeed(
  officeSlug: MaybeRefOrGetter<string | null>,
  store: OfficeSnapshotStore,
  options: Pick<OfficeFeedOptions<OfficeSnapshot>, 'listen' | 'url'> = {},
) {
  return useOfficeFeed(officeSlug, {
    subscribe: ClientEvent.subscribe,
    resync: ClientEvent.resync,
    reset: () => store.reset(),
    hydrate: (snapshot) => store.hydrate(snapshot),
    apply: (event) => store.apply(event) === 'gap',
    behind: () => store.needsResync,
    ...options,
  });
}
