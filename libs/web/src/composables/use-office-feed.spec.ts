import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { effectScope, type EffectScope } from 'vue';
// The test plays the API's side of the socket; the library itself never imports the server.
// eslint-disable-next-line no-restricted-imports
import { Server, type Socket } from 'socket.io';
import {
  type Ack,
  ClientEvent,
  type ClientToServerEvents,
  type ErrorBody,
  type FeedDecision,
  type OfficeEvent,
  type OfficeSnapshot,
  ServerEvent,
  type ServerToClientEvents,
  type SubscribeRequest,
} from '@loket/domain';
import { type OfficeFeedOptions, type OfficeSnapshotStore, useOfficeFeed, useOfficeSnapshotFeed } from './use-office-feed';

type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
// The feed is generic in its snapshot; a bare sequence number is enough to follow it here.
type Snapshot = { seq: number };
type Answer = (request: SubscribeRequest) => Ack<Snapshot> | null;

const ok = (seq: number): Ack<Snapshot> => ({ ok: true, data: { seq } });
const refusal = (statusCode: number, message: string): Ack<never> => ({ ok: false, error: { statusCode, error: 'Refused', message } });
const event = (seq: number) => ({ seq, at: new Date(0).toISOString(), kind: 'counter', type: 'opened', counter: {} }) as unknown as OfficeEvent;

async function until(condition: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('useOfficeFeed against a socket.io server', () => {
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  let url: string;
  let scope: EffectScope | null = null;
  // What the server was asked, in order, and how it answers each message.
  let asked: { event: string; officeSlug: string; token: unknown }[];
  let answers: Partial<Record<string, Answer>>;
  let sockets: ServerSocket[];

  beforeAll(async () => {
    const http = createServer();
    io = new Server(http);
    io.on('connection', (socket: ServerSocket) => {
      sockets.push(socket);
      for (const name of [ClientEvent.subscribe, ClientEvent.resync]) {
        (socket.on as (name: string, listener: (request: SubscribeRequest, ack: (result: Ack<Snapshot>) => void) => void) => void)(name, (request, ack) => {
          asked.push({ event: name, officeSlug: request.officeSlug, token: (socket.handshake.auth as { token?: unknown }).token });
          const answer = answers[name]?.(request);
          if (answer) ack(answer);
        });
      }
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => void io.close(() => resolve())));
  beforeEach(() => {
    asked = [];
    sockets = [];
    answers = { [ClientEvent.subscribe]: () => ok(1), [ClientEvent.resync]: () => ok(5) };
  });
  afterEach(() => {
    scope?.stop();
    scope = null;
  });

  function start(options: Partial<OfficeFeedOptions<Snapshot>> = {}) {
    const state = { snapshot: null as Snapshot | null, behind: false };
    const feed: OfficeFeedOptions<Snapshot> = {
      subscribe: ClientEvent.subscribe,
      resync: ClientEvent.resync,
      reset: () => (state.snapshot = null),
      hydrate: (snapshot) => (state.snapshot = snapshot),
      // A store that wants a resync whenever the next number is not the one it expects.
      apply: (next) => {
        if (!state.snapshot || next.seq !== state.snapshot.seq + 1) return true;
        state.snapshot = { seq: next.seq };
        return false;
      },
      behind: () => state.behind,
      url,
      ...options,
    };
    scope = effectScope();
    const handle = scope.run(() => useOfficeFeed('kantor-a', feed))!;
    return { ...handle, state };
  }

  it('subscribes on connect and is live with the snapshot of the acknowledgement', async () => {
    const feed = start();
    expect(feed.status.value).toBe('connecting');
    await until(() => feed.status.value === 'live', 'live');
    expect(feed.state.snapshot).toEqual({ seq: 1 });
    expect(asked).toEqual([{ event: ClientEvent.subscribe, officeSlug: 'kantor-a', token: undefined }]);
  });

  it('applies the next event and asks for a resync, not a new subscription, on a gap', async () => {
    const feed = start();
    await until(() => feed.status.value === 'live', 'live');
    sockets[0].emit(ServerEvent.event, event(2));
    sockets[0].emit(ServerEvent.event, event(4));
    await until(() => feed.state.snapshot?.seq === 5, 'the resync snapshot');
    expect(asked.map((request) => request.event)).toEqual([ClientEvent.subscribe, ClientEvent.resync]);
  });

  it('goes offline when the connection drops, and subscribes again on the reconnect', async () => {
    const feed = start();
    await until(() => feed.status.value === 'live', 'live');
    answers[ClientEvent.subscribe] = () => ok(9);
    sockets[0].conn.close();
    await until(() => feed.status.value === 'offline', 'offline');
    await until(() => feed.status.value === 'live', 'live again');
    expect(feed.state.snapshot).toEqual({ seq: 9 });
    expect(asked.map((request) => request.event)).toEqual([ClientEvent.subscribe, ClientEvent.subscribe]);
    expect(sockets).toHaveLength(2);
  });

  it('shows the server’s refusal as failed, without asking again', async () => {
    answers[ClientEvent.subscribe] = () => refusal(404, 'Office not found');
    const feed = start();
    await until(() => feed.status.value === 'failed', 'failed');
    expect(feed.error.value?.message).toBe('Office not found');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked).toHaveLength(1);
  });

  it('leaves a refusal the caller handles (an expired login) to the caller', async () => {
    answers[ClientEvent.subscribe] = () => refusal(401, 'Log in first');
    const refused: ErrorBody[] = [];
    const feed = start({ token: () => 'the-token', refused: (error) => refused.push(error) > 0 });
    await until(() => refused.length === 1, 'the refusal');
    expect(feed.status.value).toBe('connecting');
    expect(feed.error.value).toBeNull();
    expect(asked[0].token).toBe('the-token');
  });

  it('asks again later when told to slow down, instead of failing', async () => {
    let calls = 0;
    answers[ClientEvent.subscribe] = () => (++calls === 1 ? refusal(429, 'Too many messages') : ok(3));
    const feed = start();
    await until(() => feed.status.value === 'live', 'live after the retry');
    expect(calls).toBe(2);
    expect(feed.state.snapshot).toEqual({ seq: 3 });
  });

  it('asks once more after a snapshot that still leaves a hole', async () => {
    const feed = start();
    feed.state.behind = true;
    await until(() => asked.length === 2, 'a second request');
    expect(asked[1].event).toBe(ClientEvent.resync);
    feed.state.behind = false;
    await until(() => feed.state.snapshot?.seq === 5, 'the resync snapshot');
  });

  it('feeds an office store: subscribes, and resyncs when the store reports a gap', async () => {
    const applied: number[] = [];
    let snapshot: OfficeSnapshot | null = null;
    const store: OfficeSnapshotStore = {
      needsResync: false,
      reset: () => (snapshot = null),
      hydrate: (next) => (snapshot = next),
      apply: (next): FeedDecision => (applied.push(next.seq), next.seq === 4 ? 'gap' : 'apply'),
    };
    scope = effectScope();
    const feed = scope.run(() => useOfficeSnapshotFeed('kantor-a', store, { url }))!;
    await until(() => feed.status.value === 'live', 'live');
    expect(snapshot).toEqual({ seq: 1 });
    sockets[0].emit(ServerEvent.event, event(2));
    sockets[0].emit(ServerEvent.event, event(4));
    await until(() => asked.length === 2, 'the resync');
    expect(applied).toEqual([2, 4]);
    expect(asked.map((request) => request.event)).toEqual([ClientEvent.subscribe, ClientEvent.resync]);
  });

  it('disconnects when the office is no longer wanted', async () => {
    const feed = start();
    await until(() => feed.status.value === 'live', 'live');
    scope!.stop();
    scope = null;
    await until(() => sockets[0].disconnected, 'the server to see the socket go');
    expect(feed.status.value).toBe('idle');
  });
});
