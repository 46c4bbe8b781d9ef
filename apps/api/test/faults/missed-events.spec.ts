import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  ClientEvent,
  type ClientToServerEvents,
  type FeedDecision,
  OfficeFeed,
  type OfficeEvent,
  type OfficeSnapshot,
  ServerEvent,
  type ServerToClientEvents,
} from '@loket/domain';
import { createOffice } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { type TestApp, START_TIMEOUT_MS, startTestApp } from '../support/test-app.js';
import { eventually } from './support/api-process.js';

type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A board that misses events while its socket stays up (socket.io and the Redis adapter
 * deliver at most once: a blip in an instance's Redis subscription loses messages without
 * a disconnect) must notice by the sequence number and take a fresh snapshot, never show
 * a stale queue. realtime.spec.ts covers the resync answer itself; this is the whole loop
 * with the screens' own OfficeFeed over a real socket.
 */
describe('a board that missed events', () => {
  let t: TestApp;
  let board: BoardSocket | null = null;

  beforeAll(async () => {
    t = await startTestApp();
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    board?.disconnect();
    await t.close();
  });

  it('detects the gap by sequence number and resynchronises from a snapshot', async () => {
    const office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    const api = client(t.url);
    const feed = new OfficeFeed();
    let state: OfficeSnapshot | null = null;
    let away = false;
    const missed: OfficeEvent[] = [];
    const decisions: FeedDecision[] = [];
    let resyncs = 0;
    const hydrate = (ack: Ack<OfficeSnapshot>) => {
      if (!ack.ok) throw new Error(ack.error.message);
      state = ack.data;
      feed.hydrate(state);
    };
    board = io(t.url, { transports: ['websocket'], reconnection: false });
    board.on(ServerEvent.event, (event) => {
      // The lossy stretch: these events reach the socket but never the screen.
      if (away) return void missed.push(event);
      const decision = feed.offer(event);
      decisions.push(decision);
      if (decision === 'gap') {
        resyncs++;
        board!.emit(ClientEvent.resync, { officeSlug: office.slug }, hydrate);
      }
    });
    board.emit(ClientEvent.subscribe, { officeSlug: office.slug }, hydrate);
    await eventually('the first snapshot', () => state !== null);
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    await eventually('the first event to be applied', () => state!.seq === 1);

    away = true;
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B });
    await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token);
    const called = (await api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token)).body;
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    await eventually('four events to go by unseen', () => missed.length === 4);
    expect(state!.seq).toBe(1);
    away = false;

    const last = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B })).body;
    await eventually('the board to resynchronise', () => resyncs === 1 && state!.seq === 6 && !feed.resyncNeeded);

    const truth = (await api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot;
    expect(decisions).toEqual(['apply', 'gap']);
    expect(missed.map((event) => event.seq)).toEqual([2, 3, 4, 5]);
    expect(state!.seq).toBe(truth.seq);
    expect(state!.waiting.map((ticket) => ticket.number)).toEqual(truth.waiting.map((ticket) => ticket.number));
    expect(state!.waiting.map((ticket) => ticket.id)).toContain(last.id);
    expect(state!.counters.map((counter) => [counter.number, counter.state, counter.currentTicket?.id ?? null])).toEqual([[1, 'open', called.id]]);
    expect(state!.recentCalls[0]).toMatchObject({ ticketId: called.id, counterNumber: 1 });
  });
});
