import { io, type Socket } from 'socket.io-client';
import { type Ack, ClientEvent, type ClientToServerEvents, type OfficeEvent, type OfficeSnapshot, ServerEvent, type ServerToClientEvents } from '@loket/domain';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('realtime gateway with a real socket.io client', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  const sockets: ClientSocket[] = [];

  beforeEach(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  const connect = async (): Promise<ClientSocket> => {
    const socket: ClientSocket = io(t.url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const subscribe = (socket: ClientSocket, body: unknown) =>
    new Promise<Ack<OfficeSnapshot>>((resolve) => (socket.emit as (...args: unknown[]) => void)(ClientEvent.subscribe, body, resolve));
  const nextEvents = (socket: ClientSocket, count: number) =>
    new Promise<OfficeEvent[]>((resolve, reject) => {
      const events: OfficeEvent[] = [];
      const timer = setTimeout(() => reject(new Error(`Only ${events.length} of ${count} events arrived`)), 5000);
      socket.on(ServerEvent.event, (event) => {
        events.push(event);
        if (events.length === count) {
          clearTimeout(timer);
          resolve(events);
        }
      });
    });

  it('answers a subscription with the office snapshot and its sequence number', async () => {
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    const socket = await connect();

    const ack = await subscribe(socket, { officeSlug: office.slug });

    expect(ack.ok).toBe(true);
    const snapshot = (ack as { ok: true; data: OfficeSnapshot }).data;
    expect(snapshot.seq).toBe(1);
    expect(snapshot.office.slug).toBe(office.slug);
    expect(snapshot.waiting.map((ticket) => ticket.number)).toEqual(['A-001']);
    expect(snapshot.counters).toMatchObject([{ number: 1, state: 'closed', currentTicket: null }]);
    expect(snapshot.services[0]).toMatchObject({ code: 'A', waitingCount: 1 });
  });

  it('pushes every later change with the next sequence number, calls carrying the counter', async () => {
    const socket = await connect();
    const snapshot = (await subscribe(socket, { officeSlug: office.slug })) as { ok: true; data: OfficeSnapshot };
    const arriving = nextEvents(socket, 3);

    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token);
    await api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token);
    const events = await arriving;

    expect(events.map((event) => event.seq)).toEqual([snapshot.data.seq + 1, snapshot.data.seq + 2, snapshot.data.seq + 3]);
    expect(events.map((event) => `${event.kind}:${event.type}`)).toEqual(['ticket:issued', 'counter:opened', 'ticket:called']);
    const call = events[2];
    expect(call.kind === 'ticket' && call.call).toMatchObject({
      ticketId: ticket.id,
      number: 'A-001',
      counterNumber: 1,
      counterName: 'Loket 1',
      recall: false,
    });
    expect(JSON.stringify(events)).not.toContain(ticket.trackingCode);
  });

  it('sends an office only its own events', async () => {
    const other = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    const socket = await connect();
    await subscribe(socket, { officeSlug: office.slug });
    const arriving = nextEvents(socket, 1);

    await api.post(`/offices/${other.slug}/tickets`, { serviceId: other.services.A });
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });

    const [event] = await arriving;
    expect(event.kind === 'ticket' && event.ticket.serviceId).toBe(office.services.A);
  });

  it('gives a client that missed events a fresh snapshot on resync', async () => {
    const socket = await connect();
    await subscribe(socket, { officeSlug: office.slug });
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });

    const ack = await new Promise<Ack<OfficeSnapshot>>((resolve) => socket.emit(ClientEvent.resync, { officeSlug: office.slug }, resolve));

    expect(ack.ok && ack.data.seq).toBe(2);
    expect(ack.ok && ack.data.waiting).toHaveLength(2);
  });

  it('lists each ticket once among the latest calls, its recall replacing its call, and none back in a queue', async () => {
    const two = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    const officer = two.officers[1].token;
    const first = (await api.post(`/offices/${two.slug}/tickets`, { serviceId: two.services.A })).body;
    const second = (await api.post(`/offices/${two.slug}/tickets`, { serviceId: two.services.A })).body;
    await api.post(`/counters/${two.counters[1]}/open`, undefined, officer);
    await api.post(`/counters/${two.counters[1]}/call-next`, undefined, officer);
    t.clock.advanceMinutes(1);
    expect((await api.post(`/tickets/${first.id}/recall`, undefined, officer)).status).toBe(200);
    await api.post(`/tickets/${first.id}/start`, undefined, officer);
    await api.post(`/tickets/${first.id}/finish`, undefined, officer);
    await api.post(`/counters/${two.counters[1]}/call-next`, undefined, officer);
    await api.post(`/tickets/${second.id}/start`, undefined, officer);
    expect((await api.post(`/tickets/${second.id}/transfer`, { serviceId: two.services.B }, officer)).status).toBe(200);

    const socket = await connect();
    const ack = await subscribe(socket, { officeSlug: two.slug });

    expect(ack.ok && ack.data.recentCalls.map((call) => [call.number, call.recall])).toEqual([['A-001', true]]);
  });

  it.each([
    ['a missing slug', {}, 'officeSlug'],
    ['an unknown field', { officeSlug: 'x', extra: 1 }, 'extra'],
    ['not an object', 'mpp', 'object'],
    ['a malformed slug', { officeSlug: '../../etc' }, 'officeSlug'],
  ])('refuses a subscription with %s, saying what is wrong', async (_, body, mentions) => {
    const socket = await connect();

    const ack = await subscribe(socket, body);

    expect(ack.ok).toBe(false);
    expect(!ack.ok && ack.error).toMatchObject({ statusCode: 400 });
    expect(!ack.ok && ack.error.message).toContain(mentions);
  });

  it('answers 404 in the ack for an office that does not exist', async () => {
    const socket = await connect();

    const ack = await subscribe(socket, { officeSlug: 'no-such-office' });

    expect(!ack.ok && ack.error.statusCode).toBe(404);
  });
});
