import { io } from 'socket.io-client';
import { ClientEvent } from '@loket/domain';
import { TRACKING_CODE_BITS, TRACKING_CODE_PATTERN, newTrackingCode } from '../../src/tickets/tracking-code.js';
import { createOffice, type OfficeFixture } from '../support/fixtures.js';
import { useTestApp } from '../support/test-app.js';

describe('tracking codes', () => {
  it('carry at least 96 bits, match the published pattern, and never repeat in 20,000 draws', () => {
    expect(TRACKING_CODE_BITS).toBeGreaterThanOrEqual(96);
    const codes = Array.from({ length: 20_000 }, newTrackingCode);
    for (const code of codes) expect(code).toMatch(TRACKING_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('use every letter of the alphabet about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) for (const letter of newTrackingCode().replaceAll('-', '')) counts.set(letter, (counts.get(letter) ?? 0) + 1);
    expect(counts.size).toBe(31);
    const expected = (20_000 * 20) / 31;
    // ±5% of ~12,900 per letter is > 10 standard deviations: only a biased generator fails.
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.05);
  });
});

describe('what the public can reach with a ticket id', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let ticket: { id: string; trackingCode: string };

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    await api.post(`/counters/${office.counters[1]}/open`, {}, office.officers[1].token);
    ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    await api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token);
  });

  it('never shows a tracking code on the public board, service list, office list or the socket snapshot', async () => {
    const [row] = await t.db.query<{ tracking_code: string }[]>('SELECT tracking_code FROM tickets WHERE id = $1', [ticket.id]);
    const publicReads = [await api.get(`/offices/${office.slug}/board`), await api.get(`/offices/${office.slug}/services`), await api.get('/offices')];
    for (const reply of publicReads) {
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).not.toContain(row.tracking_code);
      expect(JSON.stringify(reply.body)).not.toMatch(/trackingCode|tracking_code/);
    }

    const socket = io(t.url, { transports: ['websocket'], reconnection: false });
    try {
      const ack = await new Promise<unknown>((resolve) => socket.emit(ClientEvent.subscribe, { officeSlug: office.slug }, resolve));
      expect(JSON.stringify(ack)).not.toContain(row.tracking_code);
    } finally {
      socket.disconnect();
    }
  });

  it('refuses the ticket id wherever a tracking code goes, and every ticket action without a login', async () => {
    const { id } = ticket;
    expect((await api.get(`/tickets/track/${id}`)).status).toBe(400);
    expect((await api.post(`/tickets/track/${id}/cancel`)).status).toBe(400);
    expect((await api.post(`/tickets/track/${id}/survey`, { u1: 4, u2: 4, u3: 4, u4: 4, u5: 4, u6: 4, u7: 4, u8: 4, u9: 4 })).status).toBe(400);
    for (const action of ['recall', 'start', 'finish', 'return', 'no-show', 'reinstate', 'cancel', 'transfer']) {
      expect((await api.post(`/tickets/${id}/${action}`, {})).status).toBe(401);
    }
    expect([401, 404]).toContain((await api.get(`/tickets/${id}`)).status);
    const [row] = await t.db.query<{ status: string }[]>('SELECT status FROM tickets WHERE id = $1', [id]);
    expect(row.status).toBe('called');
  });

  it('tells staff of another office nothing about a ticket, not even its status', async () => {
    const other = await createOffice(t, { services: [{ code: 'B' }], counters: [{ number: 1, services: ['B'] }] });
    const outsider = other.officers[1].token;
    // 'start' is legal for the called ticket, 'reinstate' is not: both must be 403, never a 409 naming the status.
    for (const action of ['start', 'reinstate', 'no-show', 'cancel']) {
      const reply = await api.post(`/tickets/${ticket.id}/${action}`, { reason: 'probe' }, outsider);
      expect(reply.status).toBe(403);
      expect(JSON.stringify(reply.body)).not.toContain('called');
    }
    const [row] = await t.db.query<{ status: string }[]>('SELECT status FROM tickets WHERE id = $1', [ticket.id]);
    expect(row.status).toBe('called');
  });

  it('finds a ticket by its code only in the exact published form', async () => {
    const { trackingCode } = ticket;
    expect((await api.get(`/tickets/track/${trackingCode}`)).body.id).toBe(ticket.id);
    expect((await api.get(`/tickets/track/${trackingCode.toLowerCase()}`)).status).toBe(400);
    expect((await api.get(`/tickets/track/${trackingCode.replaceAll('-', '')}`)).status).toBe(400);
    expect((await api.get(`/tickets/track/${trackingCode.slice(0, 17)}`)).status).toBe(400);
  });
});
