import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const GOOD = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 };

describe('the satisfaction survey through the API', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
  });

  const officer = () => office.officers[1].token;
  const issue = async () => (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
  const serveToDone = async (ticketId: string) => {
    const called = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer());
    expect(called.body.id).toBe(ticketId);
    expect((await api.post(`/tickets/${ticketId}/start`, undefined, officer())).status).toBe(200);
    expect((await api.post(`/tickets/${ticketId}/finish`, undefined, officer())).status).toBe(200);
  };
  const submit = (code: string, body: unknown) => api.post(`/tickets/track/${code}/survey`, body);

  it('lists the nine elements with the regulation answer wording', async () => {
    const reply = await api.get('/surveys/elements');

    expect(reply.status).toBe(200);
    expect(reply.body.map((element: { code: string }) => element.code)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']);
    expect(reply.body[3]).toMatchObject({ name: 'Biaya/tarif', answers: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'] });
  });

  it('refuses the survey before the ticket is done, naming its status', async () => {
    const ticket = await issue();

    const refused = await submit(ticket.trackingCode, GOOD);

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'survey_not_allowed', details: { status: 'waiting' } });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM satisfaction_surveys WHERE ticket_id = $1`, [ticket.id]);
    expect(count).toBe(0);
    // Leave the queue empty for the next test.
    expect((await api.post(`/tickets/track/${ticket.trackingCode}/cancel`)).status).toBe(200);
  });

  it('records one response per done ticket, with the counter and officer, and refuses a second', async () => {
    const ticket = await issue();
    await serveToDone(ticket.id);
    t.clock.advanceMinutes(2);

    const first = await submit(ticket.trackingCode, GOOD);
    const second = await submit(ticket.trackingCode, { ...GOOD, u1: 1 });

    expect(first.status).toBe(201);
    expect(first.body).toEqual({ trackingCode: ticket.trackingCode, submittedAt: t.clock.now().toISOString() });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('survey_already_submitted');
    const rows = await t.db.query(`SELECT * FROM satisfaction_surveys WHERE ticket_id = $1`, [ticket.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      office_id: office.id,
      service_id: office.services.A,
      counter_id: office.counters[1],
      staff_id: office.officers[1].id,
      u1: 4,
      u8: 2,
    });
    expect((await api.get(`/tickets/track/${ticket.trackingCode}`)).body.surveySubmitted).toBe(true);
  });

  it('takes only one of two submissions racing each other', async () => {
    const ticket = await issue();
    await serveToDone(ticket.id);

    const replies = await Promise.all([submit(ticket.trackingCode, GOOD), submit(ticket.trackingCode, GOOD)]);

    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409]);
  });

  it.each([
    ['a score out of range', { ...GOOD, u3: 5 }],
    ['a zero', { ...GOOD, u9: 0 }],
    ['a fraction', { ...GOOD, u2: 2.5 }],
    ['a string', { ...GOOD, u4: '4' }],
    ['a missing element', { ...GOOD, u7: undefined }],
    ['an unknown field', { ...GOOD, comment: 'bagus' }],
  ])('refuses %s with 400', async (_, body) => {
    const ticket = await issue();
    await serveToDone(ticket.id);

    const refused = await submit(ticket.trackingCode, body);

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation_failed');
  });

  it('answers 404 for an unknown tracking code and 400 for a malformed one', async () => {
    expect((await submit('ABCDE-FGHJK-MNPQR-STUVW', GOOD)).status).toBe(404);
    expect((await submit('not-a-code', GOOD)).status).toBe(400);
  });
});
