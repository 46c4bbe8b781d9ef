import { io, type Socket } from 'socket.io-client';
import { type Ack, ClientEvent, type ClientToServerEvents, type OfficeSnapshot, type ServerToClientEvents } from '@loket/domain';
import { defaultRateLimits } from '../src/rate-limit/rate-limit-config.js';
import { configFromEnv } from '../src/config/app-config.js';
import { MessageBudget, handshakeAddress } from '../src/realtime/socket-guards.js';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ALLOWED = 'https://papan.example.go.id';

describe('the socket.io edge: allowed origins and a message budget per socket', () => {
  // No finish's scan (none on its timer in tests: quiet-timers.ts): the snapshot-read count would see its reads.
  process.env.SUPERVISION_REACT_MS = '0';
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
  /** `address` poses as that client through X-Forwarded-For (trusted from loopback, as TRUST_PROXY defaults). */
  const connect = (origin?: string, address?: string) =>
    new Promise<ClientSocket | Error>((resolve) => {
      const extraHeaders: Record<string, string> = { ...(origin ? { Origin: origin } : {}), ...(address ? { 'X-Forwarded-For': address } : {}) };
      const socket: ClientSocket = io(t.url, { transports: ['websocket'], reconnection: false, extraHeaders });
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
      const socket = (await connect(undefined, '10.40.0.1')) as ClientSocket;
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
      const first = (await connect(undefined, '10.40.0.2')) as ClientSocket;
      const spent = await Promise.all(Array.from({ length: 30 }, () => subscribe(first)));
      expect(spent.some((answer) => !answer.ok)).toBe(true);
      const second = (await connect(undefined, '10.40.0.2')) as ClientSocket;
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

  describe('per client address (issue 13, defect 8)', () => {
    it('refuses the 21st socket from one address with a clear error, and lets in another address', async () => {
      const address = '10.50.0.1';
      const accepted = await Promise.all(Array.from({ length: 20 }, () => connect(undefined, address)));
      expect(accepted.filter((socket) => socket instanceof Error)).toEqual([]);

      const refused = await connect(undefined, address);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(/Too many connections from this address \(at most 20\)/);
      expect((refused as Error & { data?: unknown }).data).toMatchObject({ statusCode: 429, code: 'rate_limited', details: { limit: 20 } });

      const other = await connect(undefined, '10.50.0.2');
      expect(other).not.toBeInstanceOf(Error);
      expect((await subscribe(other as ClientSocket)).ok).toBe(true);

      // A socket that closes gives its place back (once the server has seen the close).
      (accepted[0] as ClientSocket).disconnect();
      let again = await connect(undefined, address);
      for (let tries = 0; again instanceof Error && tries < 50; tries += 1) again = await connect(undefined, address);
      expect(again).not.toBeInstanceOf(Error);
    });

    it('takes the address as Express does: X-Forwarded-For only from a trusted proxy; the cap from SOCKET_CONNECTIONS_PER_ADDRESS', () => {
      const request = (remoteAddress: string, forwarded?: string) => ({
        headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
        socket: { remoteAddress },
      });
      const loopback = (address: string) => address === '127.0.0.1';
      expect(handshakeAddress(request('203.0.113.9', '10.1.1.1'), loopback)).toBe('203.0.113.9');
      expect(handshakeAddress(request('127.0.0.1', '198.51.100.1, 10.1.1.1'), loopback)).toBe('10.1.1.1');
      expect(handshakeAddress(request('127.0.0.1'), loopback)).toBe('127.0.0.1');
      expect(configFromEnv({}).rateLimits?.socketConnectionsPerAddress).toBe(20);
      expect(configFromEnv({ SOCKET_CONNECTIONS_PER_ADDRESS: '200' }).rateLimits?.socketConnectionsPerAddress).toBe(200);
      expect(() => configFromEnv({ SOCKET_CONNECTIONS_PER_ADDRESS: 'many' })).toThrow(/SOCKET_CONNECTIONS_PER_ADDRESS/);
    });

    it('shares one budget between the sockets of an address, and answers a resync flood from one snapshot read', async () => {
      const address = '10.50.0.3';
      const sockets = (await Promise.all(Array.from({ length: 10 }, () => connect(undefined, address)))) as ClientSocket[];
      for (const socket of sockets) expect((await subscribe(socket)).ok).toBe(true);
      const issued = await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
      expect(issued.status).toBe(201);

      const logger = t.db.logger as unknown as { logQuery: (query: string, ...rest: unknown[]) => unknown };
      const original = logger.logQuery;
      let snapshotReads = 0;
      logger.logQuery = (query: string, ...rest: unknown[]) => {
        if (query.includes(`t.status = 'waiting' ORDER BY t.due_at`)) snapshotReads += 1;
        return original.call(logger, query, ...rest);
      };
      let answers: Ack<OfficeSnapshot>[];
      try {
        // Ten sockets, each well inside its own budget (6 of 20), together past the address's (40).
        answers = await Promise.all(
          sockets.flatMap((socket) => Array.from({ length: 6 }, () => socket.timeout(5_000).emitWithAck(ClientEvent.resync, { officeSlug: office.slug }))),
        );
      } finally {
        logger.logQuery = original;
      }
      // Every resync is answered: with the snapshot that has the new ticket, or refused for now.
      expect(answers).toHaveLength(60);
      const served = answers.filter((answer) => answer.ok);
      const refused = answers.filter((answer) => !answer.ok);
      expect(served.length).toBeGreaterThanOrEqual(20);
      expect(refused.length).toBeGreaterThanOrEqual(10);
      for (const answer of served) expect((answer as { data: OfficeSnapshot }).data.waiting.map((ticket) => ticket.id)).toContain(issued.body.id);
      for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: { statusCode: 429, code: 'rate_limited' } });
      expect(snapshotReads).toBeGreaterThanOrEqual(1);
      expect(snapshotReads).toBeLessThanOrEqual(2);
    });
  });
});
