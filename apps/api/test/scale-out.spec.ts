import { io, type Socket } from 'socket.io-client';
import { type Ack, ClientEvent, type ClientToServerEvents, type OfficeEvent, type OfficeSnapshot, ServerEvent, type ServerToClientEvents } from '@loket/domain';
import { createOffice } from './support/fixtures.js';
import { client } from './support/http.js';
import { type TestApp, onPostgres, useTwoInstances } from './support/test-app.js';

// Two API instances need a shared database, so this runs on PostgreSQL only (CI runs both).
(onPostgres ? describe : describe.skip)('two API instances behind one Redis', () => {
  const instances = useTwoInstances();

  it('delivers a change made on one instance to a board connected to the other', async () => {
    const { a, b } = instances;
    const office = await createOffice(a, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(b.url, { transports: ['websocket'], reconnection: false });
    try {
      const ack = await new Promise<Ack<OfficeSnapshot>>((resolve) => socket.emit(ClientEvent.subscribe, { officeSlug: office.slug }, resolve));
      expect(ack.ok).toBe(true);
      const arriving = new Promise<OfficeEvent>((resolve) => socket.once(ServerEvent.event, resolve));

      const ticket = (await client(a.url).post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;

      const event = await arriving;
      expect(event).toMatchObject({ seq: 1, kind: 'ticket', type: 'issued', ticket: { id: ticket.id, number: 'A-001' } });
    } finally {
      socket.disconnect();
    }
  });

  it('numbers tickets issued on both instances at once without a duplicate', async () => {
    const { a, b } = instances;
    const office = await createOffice(a, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });

    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) => client(i % 2 ? a.url : b.url).post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })),
    );

    const numbers = new Set(replies.map((reply) => reply.body.number));
    expect(numbers.size).toBe(60);
    expect(numbers.has('A-060')).toBe(true);
  });
  it('never hands one ticket to two counters calling next at once on different instances', async () => {
    const { a, b } = instances;
    const counters = Array.from({ length: 8 }, (_, i) => ({ number: i + 1, services: ['A'] }));
    const office = await createOffice(a, { services: [{ code: 'A' }], counters });
    for (let i = 0; i < 40; i++) await client(i % 2 ? a.url : b.url).post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    for (const { number } of counters) await client(a.url).post(`/counters/${office.counters[number]}/open`, undefined, office.officers[number].token);

    // Odd counters work through instance A, even ones through B, all at once until nobody waits.
    const called: string[] = [];
    await Promise.all(
      counters.map(async ({ number }) => {
        const api = client(number % 2 ? a.url : b.url);
        const token = office.officers[number].token;
        for (;;) {
          const reply = await api.post(`/counters/${office.counters[number]}/call-next`, undefined, token);
          if (reply.status === 204) return;
          expect(reply.status).toBe(200);
          called.push(reply.body.id);
          expect((await api.post(`/tickets/${reply.body.id}/start`, undefined, token)).status).toBe(200);
          expect((await api.post(`/tickets/${reply.body.id}/finish`, {}, token)).status).toBe(200);
        }
      }),
    );

    expect(called).toHaveLength(40);
    expect(new Set(called).size).toBe(40);
  });

  it("keeps each instance's snapshot cache current with the changes made on the other (issue 13, defect 9)", async () => {
    const { a, b } = instances;
    const office = await createOffice(a, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const board = async (app: TestApp) => (await client(app.url).get<OfficeSnapshot>(`/offices/${office.slug}/board`)).body;
    // Both instances hold a snapshot of the office.
    expect((await board(a)).seq).toBe(0);
    expect((await board(b)).seq).toBe(0);

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(b.url, { transports: ['websocket'], reconnection: false });
    try {
      expect((await socket.timeout(5_000).emitWithAck(ClientEvent.subscribe, { officeSlug: office.slug })).ok).toBe(true);
      // B learns of A's change before its clients get the event: once the event is here, B's board has it.
      let arriving = new Promise<OfficeEvent>((resolve) => socket.once(ServerEvent.event, resolve));
      const ticket = (await client(a.url).post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
      expect((await arriving).seq).toBe(1);
      const seen = await board(b);
      expect(seen.seq).toBe(1);
      expect(seen.waiting.map((waiting) => waiting.id)).toEqual([ticket.id]);

      // A resync sent on that event is answered with a snapshot that has the change.
      arriving = new Promise<OfficeEvent>((resolve) => socket.once(ServerEvent.event, resolve));
      expect((await client(a.url).post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
      expect((await arriving).seq).toBe(2);
      const resynced = await socket.timeout(5_000).emitWithAck(ClientEvent.resync, { officeSlug: office.slug });
      expect(resynced).toMatchObject({ ok: true, data: { seq: 2, counters: [{ state: 'open' }] } });
    } finally {
      socket.disconnect();
    }
  });
});
