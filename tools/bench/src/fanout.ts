/**
 * Realtime fan-out: many socket.io clients on one office; for each call, the time from the
 * moment stamped in the event (`at`) to its arrival at each client, on one machine's clock.
 */
import { io, type Socket } from 'socket.io-client';
import { latency, type Latency } from './stats.js';

export interface FanoutClients {
  received: number[];
  /** The last `called` event seen, as it came over the wire. */
  lastEvent: Record<string, unknown> | null;
  /** Calls seen per client, to check every client got every call. */
  perClient: number[];
  sockets: Socket[];
  close(): void;
}

/** Connects `count` clients, `subscribe` on each; records `Date.now() − at` for every `called` event. */
export async function connectClients(url: string, count: number, subscribe: (socket: Socket) => Promise<void>): Promise<FanoutClients> {
  const received: number[] = [];
  const perClient = new Array<number>(count).fill(0);
  const sockets: Socket[] = [];
  const clients: FanoutClients = { received, lastEvent: null, perClient, sockets, close: () => sockets.forEach((socket) => socket.close()) };
  // Connect in batches so the server is not asked for hundreds of handshakes at one instant.
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, offset) => {
      const index = start + offset;
      const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      socket.on('office:event', (event: { type?: string; at: string }) => {
        if (event.type !== 'called') return;
        received.push(Date.now() - Date.parse(event.at));
        clients.lastEvent = event;
        perClient[index] += 1;
      });
      return new Promise<void>((done, fail) => {
        socket.once('connect', () => subscribe(socket).then(done, fail));
        socket.once('connect_error', fail);
      });
    });
    await Promise.all(batch);
  }
  return clients;
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 20));
  }
  return true;
}

export interface FanoutResult {
  clients: number;
  calls: number;
  latency: Latency;
  /** Deliveries expected (clients × calls) that never arrived. */
  missing: number;
}

export function fanoutResult(clients: FanoutClients, calls: number): FanoutResult {
  const expected = clients.perClient.length * calls;
  return { clients: clients.perClient.length, calls, latency: latency(clients.received), missing: expected - clients.received.length };
}
