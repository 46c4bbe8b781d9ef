import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import * as domain from '@loket/domain';
import { createOffice, type OfficeFixture } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';
import { stateFingerprint } from './state-fingerprint.js';

/**
 * Property-based abuse of every public route (found in the OpenAPI document, so a new one
 * is fuzzed without editing this file) and every client socket message: random and hostile
 * bodies, path parameters, query strings and headers. Each answer must be below 500 and in
 * the error shape, a refused request must leave the database fingerprint unchanged, and the
 * process must still answer afterwards. FUZZ_RUNS scales the campaign (default sized for CI).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SOCKET_RUNS = Number(process.env.FUZZ_SOCKET_RUNS ?? 250);

// Bounds against a stuck handler, not speed checks: a loaded 2-core CI machine is slow.
const SETUP_MS = 180_000;
const CAMPAIGN_MS = 600_000;

const counts = { http: 0, refused: 0, accepted: 0, socket: 0, fingerprints: 0 };

const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE tickets; --",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '\u0000',
  '\u202e\u0301\ud83d\udca5',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  'null',
  'A-001',
  'x'.repeat(5_000),
  '🧾'.repeat(2_000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 1_000, maxLength: 20_000 }),
);
const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'serviceId',
    'priority',
    'reason',
    'u1',
    'username',
    'password',
    'checklist',
    'answers',
    'id',
    'officeSlug',
    '$where',
    'role',
  ),
  fc.string({ maxLength: 12 }),
);
const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt().map(String),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 6 }),
  ),
}));

/** Bodies sent as JSON text: random values, valid bodies with one field spoiled, raw hostile text. */
function bodies(valid: Record<string, unknown>) {
  return fc.oneof(
    hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
    fc.tuple(fc.constantFrom(...Object.keys(valid), 'extra', '__proto__'), hostileValue).map(([key, value]) => JSON.stringify({ ...valid, [key]: value })),
    fc.constantFrom(
      '{"__proto__": {"polluted": "yes"}}',
      '{"constructor": {"prototype": {"polluted": "yes"}}}',
      `{"serviceId": "x", "__proto__": {"isAdmin": true}}`,
      '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000),
      '['.repeat(5_000) + ']'.repeat(5_000),
      '{"username": ',
      '\u0000\u0001',
      '',
    ),
    fc.string({ maxLength: 200 }),
  );
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 120 });
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=utf-16',
    ),
    'idempotency-key': printable,
    authorization: fc.oneof(
      printable,
      printable.map((text) => `Bearer ${text}`),
    ),
    'x-forwarded-for': printable,
    'accept-language': printable,
  },
  { requiredKeys: ['content-type'] },
);
const query = fc.dictionary(fc.oneof(hostileKey, fc.constantFrom('office', 'from', 'to', 'period', 'services', 'counters')), printable, { maxKeys: 4 });

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

describe('fuzzing the public API and the socket messages', () => {
  const t = useTestApp();
  let office: OfficeFixture;
  let pathValues: Record<string, string[]>;
  let validBodies: Record<string, Record<string, unknown>>;
  let officeIds: string[];

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    const api = client(t.url);
    await api.post(`/counters/${office.counters[1]}/open`, {}, office.officers[1].token);
    const waiting = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    const done = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B })).body;
    await api.post(`/counters/${office.counters[1]}/call`, { ticketId: done.id, reason: 'uji' }, office.officers[1].token);
    await api.post(`/tickets/${done.id}/start`, {}, office.officers[1].token);
    await api.post(`/tickets/${done.id}/finish`, {}, office.officers[1].token);
    const [other] = await t.db.query<{ id: string }[]>(`SELECT office_id AS id FROM staff_offices WHERE staff_id = $1`, [office.outsider.id]);
    officeIds = [office.id, other.id];
    pathValues = {
      slug: [office.slug, `other-${office.slug.slice(5)}`],
      trackingCode: [waiting.trackingCode, done.trackingCode, 'ABCDE-FGHJK-MNPQR-STUVW'],
      code: ['ABCDE-FGHJK-MNPQR-STUVW'],
      number: ['1', '2', '0'],
      serviceId: [office.services.A, '00000000-0000-4000-8000-000000000000'],
      id: [waiting.id, done.id, office.counters[1], office.services.A, office.officers[1].id, '00000000-0000-4000-8000-000000000000'],
    };
    validBodies = {
      'post /api/v1/offices/{slug}/tickets': { serviceId: office.services.A, priority: 'lanjut_usia' },
      'post /api/v1/tickets/track/{trackingCode}/survey': { u1: 4, u2: 3, u3: 4, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 4 },
      'post /api/v1/offices/{slug}/counters/{number}/terminal-survey': { u1: 4, u2: 3, u3: 4, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 4, ticketId: done.id },
      'post /api/v1/auth/login': { username: 'petugas1', password: 'salah' },
    };
  }, SETUP_MS);
  afterAll(() => {
    console.log(
      `fuzz: ${counts.http} HTTP requests (${counts.refused} refused, ${counts.accepted} accepted), ${counts.socket} socket messages, ${counts.fingerprints} state fingerprints compared`,
    );
  });

  async function publicRoutes(): Promise<Route[]> {
    const document = (await (await fetch(`${t.url}/api/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const routes: Route[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.security || operation.security.length === 0) routes.push({ method: method as Route['method'], path });
      }
    }
    return routes;
  }

  /**
   * The state before a request. The requests run one after another, so the fingerprint taken
   * after a refused one is the state before the next; it is taken again only when the last
   * request was let through (it may have changed something) or its check did not finish.
   */
  let lastState: string | null = null;
  async function knownState(): Promise<string> {
    const state = lastState ?? (await stateFingerprint(t.db, officeIds));
    lastState = null;
    return state;
  }
  async function stateAfter(): Promise<string> {
    lastState = await stateFingerprint(t.db, officeIds);
    return lastState;
  }

  function fillPath(path: string, choices: string[]): string {
    let index = 0;
    return path.replace(/\{(\w+)\}/g, () => choices[index++] ?? '');
  }

  function assertWellFormedRefusal(status: number, text: string, what: string): void {
    if (status >= 500) throw new Error(`${what} → ${status}: ${text.slice(0, 300)}`);
    if (/\bat \S+ \(|node_modules|QueryFailedError|syntax error at|\/src\//.test(text)) throw new Error(`${what} leaked internals: ${text.slice(0, 300)}`);
    if (status >= 400) {
      const body = JSON.parse(text) as { statusCode?: unknown; message?: unknown };
      if (body.statusCode !== status || typeof body.message !== 'string') throw new Error(`${what} → ${status} not in the error shape: ${text.slice(0, 200)}`);
    }
  }

  it('finds the public routes in the OpenAPI document, the kiosk, tracking, survey and login among them', async () => {
    const routes = (await publicRoutes()).map((route) => `${route.method} ${route.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'post /api/v1/offices/{slug}/tickets',
        'get /api/v1/tickets/track/{trackingCode}',
        'post /api/v1/tickets/track/{trackingCode}/cancel',
        'post /api/v1/tickets/track/{trackingCode}/survey',
        'post /api/v1/auth/login',
        'get /api/v1/offices/{slug}/board',
      ]),
    );
  });

  it(
    'answers every hostile request to every public route below 500, and a refused one changes nothing',
    async () => {
      const routes = await publicRoutes();
      lastState = null;
      for (const route of routes) {
        const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        const param = (name: string) =>
          fc.oneof(
            { weight: 2, arbitrary: fc.constantFrom(...(pathValues[name] ?? ['x'])) },
            { weight: 1, arbitrary: hostileString.map((text) => encodeURIComponent(text.slice(0, 300))) },
            { weight: 1, arbitrary: fc.constantFrom('%00', '%E0%A4%A', '..%2F..%2Fetc', '%25', '%2e%2e') },
          );
        const valid = validBodies[`${route.method} ${route.path}`] ?? {};
        await fc.assert(
          fc.asyncProperty(fc.tuple(...names.map(param)), bodies(valid), headers, query, async (params, body, head, search) => {
            const qs = new URLSearchParams(search).toString();
            const url = `${t.url}${fillPath(route.path, params)}${qs ? `?${qs}` : ''}`;
            const before = await knownState();
            const response = await fetch(url, { method: route.method.toUpperCase(), headers: head, body: route.method === 'get' ? undefined : body });
            const text = await response.text();
            counts.http += 1;
            assertWellFormedRefusal(response.status, text, `${route.method.toUpperCase()} ${url.slice(0, 200)}`);
            if (response.status >= 400) {
              counts.refused += 1;
              counts.fingerprints += 1;
              expect(await stateAfter()).toBe(before);
            } else {
              counts.accepted += 1;
            }
          }),
          { numRuns: RUNS },
        );
      }
      // No key of a hostile body reached Object.prototype.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
    CAMPAIGN_MS,
  );

  it(
    'answers every hostile socket message with a refusal or a valid ack, and keeps serving',
    async () => {
      const events = [
        ...Object.values(domain.ClientEvent),
        ...Object.values(((domain as Record<string, unknown>).StaffClientEvent as Record<string, string> | undefined) ?? {}),
      ];
      expect(events).toEqual(expect.arrayContaining(['office:subscribe', 'office:unsubscribe', 'office:resync']));
      const socket: Socket = io(t.url, { transports: ['websocket'], reconnection: false, auth: { token: 'not-a-token' } });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const payload = fc.oneof(
        hostileValue,
        fc.record({ officeSlug: fc.oneof(hostileString, fc.constant(office.slug), hostileValue) }),
        fc.record({ officeSlug: fc.constant(office.slug), extra: hostileValue }),
      );
      lastState = null;
      try {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...events), payload, async (event, message) => {
            const before = await knownState();
            // A generous bound, not a speed check: a handler that never answers fails here instead of hanging the suite.
            const ack = (await socket.timeout(10_000).emitWithAck(event, message)) as domain.Ack<unknown>;
            counts.socket += 1;
            if (!ack.ok) {
              expect(ack.error.statusCode).toBeGreaterThanOrEqual(400);
              expect(ack.error.statusCode).toBeLessThan(500);
              expect(JSON.stringify(ack.error)).not.toMatch(/\bat \S+ \(|node_modules|QueryFailedError/);
            }
            counts.fingerprints += 1;
            expect(await stateAfter()).toBe(before);
          }),
          { numRuns: SOCKET_RUNS },
        );
        // Messages the contract does not know, extra arguments and binary data: ignored, connection kept.
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('__proto__', 'constructor', 'office:event', 'disconnect')),
            hostileValue,
            fc.uint8Array({ maxLength: 2_000 }),
            async (event, message, bytes) => {
              if (['disconnect', 'connect', 'connect_error', 'disconnecting', 'newListener', 'removeListener'].includes(event)) return;
              socket.emit(event, message, Buffer.from(bytes), message);
              counts.socket += 1;
            },
          ),
          { numRuns: 100 },
        );
        const still = (await socket
          .timeout(10_000)
          .emitWithAck(domain.ClientEvent.subscribe, { officeSlug: office.slug })) as domain.Ack<domain.OfficeSnapshot>;
        expect(still.ok).toBe(true);
      } finally {
        socket.disconnect();
      }
    },
    CAMPAIGN_MS,
  );

  it('is still up and answering correctly after the campaign', async () => {
    const api = client(t.url);
    expect((await api.get(`/offices/${office.slug}/board`)).status).toBe(200);
    expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).status).toBe(201);
  });
});
