import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

describe('bad input gets a clear 4xx and changes nothing', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B', active: false }], counters: [{ number: 1, services: ['A'] }] });
  });

  const ticketCount = async () => (await t.db.query(`SELECT count(*)::int AS count FROM tickets WHERE office_id = $1`, [office.id]))[0].count;

  it.each([
    ['no body', undefined, 'serviceId'],
    ['a serviceId that is not a UUID', { serviceId: 'A' }, 'serviceId must be a UUID'],
    ['an unknown priority', { serviceId: '00000000-0000-4000-8000-000000000000', priority: 'vip' }, 'priority must be one of'],
    ['an unknown field', { serviceId: '00000000-0000-4000-8000-000000000000', name: 'Budi' }, 'property name should not exist'],
  ])('refuses a ticket request with %s', async (_, body, message) => {
    const before = await ticketCount();

    const reply = await api.post(`/offices/${office.slug}/tickets`, body);

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(message);
    expect(await ticketCount()).toBe(before);
  });

  it('refuses malformed JSON with 400', async () => {
    const reply = await api.send('POST', `/offices/${office.slug}/tickets`, { raw: '{"serviceId": ' });

    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('JSON');
  });

  it('refuses a JSON array body with 400', async () => {
    const reply = await api.send('POST', `/offices/${office.slug}/tickets`, { raw: '[1,2]' });

    expect(reply.status).toBe(400);
  });

  it('answers 404 for an unknown office or service and 409 for an inactive service', async () => {
    const unknownOffice = await api.post('/offices/no-such-office/tickets', { serviceId: office.services.A });
    const unknownService = await api.post(`/offices/${office.slug}/tickets`, { serviceId: '00000000-0000-4000-8000-000000000000' });
    const inactive = await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B });

    expect(unknownOffice.status).toBe(404);
    expect(unknownService.status).toBe(404);
    expect(inactive.status).toBe(409);
    expect(inactive.body.code).toBe('service_inactive');
  });

  it('refuses malformed path parameters and headers with 400', async () => {
    const token = office.officers[1].token;

    expect((await api.post('/tickets/not-a-uuid/start', undefined, token)).status).toBe(400);
    expect((await api.post('/counters/42/call-next', undefined, token)).status).toBe(400);
    expect((await api.get('/tickets/track/short')).status).toBe(400);
    expect((await api.get('/offices/Bad_Slug!/services')).status).toBe(400);
    const badKey = await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A }, undefined, { 'idempotency-key': 'x'.repeat(101) });
    expect(badKey.status).toBe(400);
  });

  it('answers 404 for an unknown tracking code and an unknown ticket', async () => {
    expect((await api.get('/tickets/track/ABCDE-FGHJK-MNPQR-STUVW')).status).toBe(404);
    expect((await api.post('/tickets/00000000-0000-4000-8000-000000000000/start', undefined, office.officers[1].token)).status).toBe(404);
  });

  it('answers 401 without a token or with a forged one, and 400 for a bad pause reason', async () => {
    const counter = office.counters[1];

    const none = await api.post(`/counters/${counter}/open`);
    const forged = await api.post(`/counters/${counter}/open`, undefined, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    await api.post(`/counters/${counter}/open`, undefined, office.officers[1].token);
    const badReason = await api.post(`/counters/${counter}/pause`, { reason: 'nap' }, office.officers[1].token);

    expect(none.status).toBe(401);
    expect(none.body.message).toContain('Log in');
    expect(forged.status).toBe(401);
    expect(badReason.status).toBe(400);
    expect(badReason.body.message).toContain('reason must be one of');
  });

  it('answers 401 for a wrong password without saying which part was wrong', async () => {
    const reply = await api.post('/auth/login', { username: 'nobody', password: 'wrong' });

    expect(reply.status).toBe(401);
    expect(reply.body.message).toBe('Wrong username or password');
  });

  it('requires a reason to cancel a ticket as staff', async () => {
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;

    const reply = await api.post(`/tickets/${ticket.id}/cancel`, { reason: ' ' }, office.officers[1].token);

    expect(reply.status).toBe(400);
    const [row] = await t.db.query(`SELECT status FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row.status).toBe('waiting');
  });

  it('answers unknown API routes with 404 in the one error shape', async () => {
    const reply = await api.get('/nothing-here');

    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
