import { io, type Socket } from 'socket.io-client';
import { type Ack, ClientEvent, type ClientToServerEvents, type OfficeSnapshot, type ServerToClientEvents } from '@loket/domain';
import { defaultRateLimits } from '../src/rate-limit/rate-limit-config.js';
import { MessageBudget } from '../src/realtime/socket-guards.js';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ALLOWED = 'https://papan.example.go.id';

describe('the socket.io edge: allowed origins and a message budget per socket', () => {
  const t = useTestApp({ rateLimits: defaultRateLimits(true), corsOrigins: [ALLOWED] });
  let office: OfficeFixture;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  /** Resolves with the socket once connected, or with the handshake's refusal. */
  const connect = (origin?: string) =>
    new Promise<ClientSocket | Error>((resolve) => {
      const socket: ClientSocket = io(t.url, { transports: ['websocket'], reconnection: false, ...(origin ? { extraHeaders: { Origin: origin } } : {}) });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => resolve(error));
    });
  const subscribe = (socket: ClientSocket) => socket.timeout(5_000).emitWithAck(ClientEvent.subscribe, { officeSlug: office.slug });
  const polling = (origin: string) => fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });

  describe('origins', () => {
    it('lets in the page’s own origin, a CORS_ORIGINS origin, and a client that sends none', async () => {
      for (const origin of [t.url, ALLOWED, undefined]) {
        const socket = await connect(origin);
        expect(socket).not.toBeInstanceOf(Error);
        expect((await subscribe(socket as ClientSocket)).ok).toBe(true);
      }
    });

    it('refuses the handshake from another site’s page', async () => {
      const refused = await connect('https://evil.example');
      expect(refused).toBeInstanceOf(Error);
      const reply = await polling('https://evil.example');
      expect(reply.status).toBe(403);
    });

    it('grants CORS on the polling transport to a listed origin only', async () => {
      const listed = await polling(ALLOWED);
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      const own = await polling(t.url);
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('message budget', () => {
    it('answers a burst past the budget with the error acknowledgement, keeps the socket, and refills', async () => {
      const socket = (await connect()) as ClientSocket;
      const answers = await Promise.all(Array.from({ length: 30 }, () => subscribe(socket)));
      const refused = answers.filter((answer): answer is Extract<Ack<OfficeSnapshot>, { ok: false }> => !answer.ok);
      // 20 at once, plus the few the bucket refills (5 a second) while the burst arrives.
      expect(answers.length - refused.length).toBeGreaterThanOrEqual(20);
      expect(refused.length).toBeGreaterThanOrEqual(5);
      expect(refused[0].error).toMatchObject({ statusCode: 429, code: 'rate_limited' });

      expect(socket.connected).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await subscribe(socket)).ok).toBe(true);
    });

    it('counts per socket: another connection has its own budget', async () => {
      const first = (await connect()) as ClientSocket;
      const spent = await Promise.all(Array.from({ length: 30 }, () => subscribe(first)));
      expect(spent.some((answer) => !answer.ok)).toBe(true);
      const second = (await connect()) as ClientSocket;
      expect((await subscribe(second)).ok).toBe(true);
    });

    it('spends one message a time and refills at the steady rate up to the burst', () => {
      const budget = new MessageBudget(0, 3, 5);
      expect([budget.take(0), budget.take(0), budget.take(0), budget.take(0)]).toEqual([true, true, true, false]);
      expect(budget.take(100)).toBe(false);
      expect(budget.take(200)).toBe(true);
      // A long quiet spell refills to the burst, not beyond.
      expect([budget.take(60_000), budget.take(60_000), budget.take(60_000), budget.take(60_000)]).toEqual([true, true, true, false]);
    });
  });
});
