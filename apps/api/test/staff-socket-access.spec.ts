import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type AlertView,
  ClientEvent,
  type ClientToServerEvents,
  type OfficeSnapshot,
  type ServerToClientEvents,
  StaffClientEvent,
  StaffServerEvent,
  type SupervisionSnapshot,
} from '@loket/domain';
import { hashPassword } from '../src/auth/password.js';
import { StaffEventsPublisher } from '../src/realtime/staff-events.publisher.js';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { client } from './support/http.js';
import { type TestApp, onPostgres, START_TIMEOUT_MS, startTestApp, useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const STAFF_EVENTS: string[] = Object.values(StaffServerEvent);

/** A supervisor's socket, subscribed to the office's staff room, that records every staff event it receives. */
async function supervisorSocket(url: string, token: string, officeSlug: string): Promise<{ socket: ClientSocket; staffEvents: string[] }> {
  const socket: ClientSocket = io(url, { transports: ['websocket'], reconnection: false, auth: { token } });
  const staffEvents: string[] = [];
  socket.onAny((name: string) => {
    if (STAFF_EVENTS.includes(name)) staffEvents.push(name);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = await new Promise<Ack<SupervisionSnapshot>>((resolve) => socket.emit(StaffClientEvent.subscribe, { officeSlug }, resolve));
  expect(ack.ok).toBe(true);
  return { socket, staffEvents };
}

/**
 * Everything the server sent the socket before this call has arrived: a round trip on the
 * same connection comes back after it. A socket the server closed answers with its disconnect.
 */
function settled(socket: ClientSocket, officeSlug: string): Promise<'open' | 'closed'> {
  if (socket.disconnected) return Promise.resolve('closed');
  return new Promise((resolve) => {
    socket.once('disconnect', () => resolve('closed'));
    socket.emit(ClientEvent.resync, { officeSlug }, (_ack: Ack<OfficeSnapshot>) => resolve('open'));
  });
}

/** Raises a (made-up) alert in the office's staff room and waits until the control socket, still allowed, has it. */
async function raiseAlert(app: TestApp, office: OfficeFixture, control: ClientSocket): Promise<void> {
  const arrived = new Promise<void>((resolve) => control.once(StaffServerEvent.alertRaised, () => resolve()));
  const alert = { id: randomBytes(8).toString('hex'), officeId: office.id, kind: 'max_wait', subject: 'A-001' } as unknown as AlertView;
  app.app.get(StaffEventsPublisher).alertRaised(alert);
  await arrived;
}

async function staffRow(app: TestApp, role: 'supervisor' | 'admin', officeId: string | null, password?: string): Promise<{ id: string; token: string }> {
  const [row] = await app.db.query<{ id: string }[]>(
    `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [`${role}-${randomBytes(5).toString('hex')}`, `Staf ${role}`, role, password ? await hashPassword(password) : 'no-login', app.clock.now()],
  );
  if (officeId) await app.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [row.id, officeId]);
  return { id: row.id, token: await app.jwt.signAsync({ sub: row.id, role }) };
}

describe('staff sockets end with the access that opened them', () => {
  // No finish's scan a second later, when the window is already open (none on its timer in tests: quiet-timers.ts).
  process.env.SUPERVISION_REACT_MS = '0';
  const t = useTestApp();
  const api = t.api;
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  const changes: [string, (ctx: { office: OfficeFixture; victim: { id: string; token: string }; admin: string; elsewhere: string }) => Promise<number>][] = [
    ['deactivation', async ({ victim, admin }) => (await api.post(`/admin/staff/${victim.id}/deactivate`, undefined, admin)).status],
    [
      'an admin password reset',
      async ({ victim, admin }) => (await api.post(`/admin/staff/${victim.id}/reset-password`, { password: 'sandi-baru-2026' }, admin)).status,
    ],
    [
      'their own password change',
      async ({ victim }) =>
        (await api.post('/auth/change-password', { currentPassword: 'sandi-lama-2026', newPassword: 'sandi-baru-2026' }, victim.token)).status,
    ],
    ['a role change', async ({ victim, admin }) => (await api.send('PATCH', `/admin/staff/${victim.id}`, { body: { role: 'officer' }, token: admin })).status],
    [
      'a move to another office',
      async ({ victim, admin, elsewhere }) => (await api.send('PATCH', `/admin/staff/${victim.id}`, { body: { officeIds: [elsewhere] }, token: admin })).status,
    ],
  ];

  it.each(changes)('after %s the open socket receives no more staff events', async (_name, change) => {
    const office = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    const other = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    const admin = (await staffRow(t, 'admin', null)).token;
    const victim = await staffRow(t, 'supervisor', office.id, 'sandi-lama-2026');
    const watched = await supervisorSocket(t.url, victim.token, office.slug);
    const control = await supervisorSocket(t.url, office.supervisor.token, office.slug);
    sockets.push(watched.socket, control.socket);

    // Both receive the office's staff events while the access holds.
    await raiseAlert(t, office, control.socket);
    expect(await settled(watched.socket, office.slug)).toBe('open');
    expect(watched.staffEvents).toEqual([StaffServerEvent.alertRaised]);

    expect(await change({ office, victim, admin, elsewhere: other.id })).toBe(200);
    await raiseAlert(t, office, control.socket);

    expect(await settled(watched.socket, office.slug)).toBe('closed');
    expect(watched.staffEvents).toEqual([StaffServerEvent.alertRaised]);
  });

  it('leaves the sockets of other accounts, and of a change that touches no access, alone', async () => {
    const office = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    const admin = (await staffRow(t, 'admin', null)).token;
    const victim = await staffRow(t, 'supervisor', office.id);
    const watched = await supervisorSocket(t.url, victim.token, office.slug);
    const control = await supervisorSocket(t.url, office.supervisor.token, office.slug);
    sockets.push(watched.socket, control.socket);

    expect((await api.send('PATCH', `/admin/staff/${victim.id}`, { body: { name: 'Nama Baru', officeIds: [office.id] }, token: admin })).status).toBe(200);
    await raiseAlert(t, office, control.socket);

    expect(await settled(watched.socket, office.slug)).toBe('open');
    expect(watched.staffEvents).toEqual([StaffServerEvent.alertRaised]);
  });
});

// Two instances need a shared database, so this runs on PostgreSQL only (CI runs both).
(onPostgres ? describe : describe.skip)('staff sockets on two API instances behind one Redis', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp({ redisUrl: REDIS_URL }), startTestApp({ redisUrl: REDIS_URL })]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('ends a deactivated supervisor’s socket on the other instance', async () => {
    const office = await createOffice(a, { services: [{ code: 'A' }], counters: [] });
    const admin = (await staffRow(a, 'admin', null)).token;
    const victim = await staffRow(a, 'supervisor', office.id);
    const watched = await supervisorSocket(b.url, victim.token, office.slug);
    const control = await supervisorSocket(b.url, office.supervisor.token, office.slug);
    try {
      expect((await client(a.url).post(`/admin/staff/${victim.id}/deactivate`, undefined, admin)).status).toBe(200);
      // Raised on A, delivered to B through Redis after A's disconnect request.
      await raiseAlert(a, office, control.socket);

      expect(await settled(watched.socket, office.slug)).toBe('closed');
      expect(watched.staffEvents).toEqual([]);
    } finally {
      watched.socket.disconnect();
      control.socket.disconnect();
    }
  });
});
