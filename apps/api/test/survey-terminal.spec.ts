import { KIOSK_TOKEN_HEADER, type PairedKioskView, SURVEY_TERMINAL_WINDOW_MINUTES } from '@loket/domain';
import { createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const GOOD = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 };

describe('the survey terminal at a counter, for citizens without a smartphone (issue 19)', () => {
  // Monday 30 November 2026, 08:00 WIB.
  const t = useTestApp({ start: '2026-11-30T01:00:00.000Z' });
  const api = t.api;
  let office: OfficeFixture;
  let other: OfficeFixture;
  let terminal: string;
  let otherTerminal: string;

  beforeAll(async () => {
    office = await createOffice(t, {
      services: [{ code: 'A' }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
      ],
    });
    other = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const admin = (await createStaff(t, 'admin')).token;
    const pair = async (target: OfficeFixture) =>
      (await api.post<PairedKioskView>(`/admin/offices/${target.id}/kiosks`, { name: 'Terminal survei' }, admin)).body.token;
    terminal = await pair(office);
    otherTerminal = await pair(other);
    for (const number of [1, 2])
      expect((await api.post(`/counters/${office.counters[number]}/open`, undefined, office.officers[number].token)).status).toBe(200);
  });

  async function finishedAt(counter: 1 | 2): Promise<{ id: string; trackingCode: string }> {
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    const token = office.officers[counter].token;
    expect((await api.post(`/counters/${office.counters[counter]}/call-next`, undefined, token)).body.id).toBe(ticket.id);
    expect((await api.post(`/tickets/${ticket.id}/start`, undefined, token)).status).toBe(200);
    expect((await api.post(`/tickets/${ticket.id}/finish`, undefined, token)).status).toBe(200);
    return ticket;
  }
  const answer = (counter: number, body: object, token: string | null = terminal, slug = office.slug) =>
    api.post(`/offices/${slug}/counters/${counter}/terminal-survey`, body, undefined, token ? { [KIOSK_TOKEN_HEADER]: token } : {});
  const surveys = async (ticketId: string) =>
    t.db.query<{ channel: string; education: string | null }[]>(`SELECT channel, education FROM satisfaction_surveys WHERE ticket_id = $1`, [ticketId]);

  it('records the answers for the ticket just finished at its counter, once, as a terminal response', async () => {
    const ticket = await finishedAt(1);
    const reply = await answer(1, { ...GOOD, ticketId: ticket.id, education: 'sma' });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ ticketId: ticket.id, submittedAt: '2026-11-30T01:00:00.000Z' });
    expect(JSON.stringify(reply.body)).not.toContain(ticket.trackingCode);
    expect(await surveys(ticket.id)).toEqual([{ channel: 'terminal', education: 'sma' }]);
    // Once per ticket: again at the terminal, or from the phone afterwards.
    expect((await answer(1, { ...GOOD, ticketId: ticket.id })).body.code).toBe('survey_already_submitted');
    expect((await api.post(`/tickets/track/${ticket.trackingCode}/survey`, GOOD)).body.code).toBe('survey_already_submitted');
  });

  it('refuses a ticket of another counter, one not finished, and one finished longer ago than the window', async () => {
    const atTwo = await finishedAt(2);
    const refused = await answer(1, { ...GOOD, ticketId: atTwo.id });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'survey_terminal_closed', details: { reason: 'other_counter' } });

    const waiting = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    expect((await answer(1, { ...GOOD, ticketId: waiting.id })).body).toMatchObject({ code: 'survey_terminal_closed', details: { reason: 'not_finished' } });
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token)).body.id).toBe(waiting.id);
    expect((await api.post(`/tickets/${waiting.id}/start`, undefined, office.officers[1].token)).status).toBe(200);
    expect((await api.post(`/tickets/${waiting.id}/finish`, undefined, office.officers[1].token)).status).toBe(200);
    t.clock.advanceMinutes(SURVEY_TERMINAL_WINDOW_MINUTES + 1);
    expect((await answer(1, { ...GOOD, ticketId: waiting.id })).body).toMatchObject({ code: 'survey_terminal_closed', details: { reason: 'too_late' } });
    expect(await surveys(atTwo.id)).toEqual([]);
    expect(await surveys(waiting.id)).toEqual([]);
    // The phone, with the tracking code, still may.
    expect((await api.post(`/tickets/track/${waiting.trackingCode}/survey`, GOOD)).status).toBe(201);
    expect(await surveys(waiting.id)).toEqual([{ channel: 'phone', education: null }]);
  });

  it('answers only as a device paired with the office, and validates as the phone does', async () => {
    const ticket = await finishedAt(1);
    const unpaired = await answer(1, { ...GOOD, ticketId: ticket.id }, null);
    expect(unpaired.status).toBe(401);
    expect(unpaired.body.code).toBe('kiosk_not_paired');
    expect((await answer(1, { ...GOOD, ticketId: ticket.id }, otherTerminal)).body.code).toBe('kiosk_not_paired');
    expect((await answer(1, { ...GOOD, ticketId: ticket.id }, 'AAAAA-BBBBB-CCCCC-DDDDD')).body.code).toBe('kiosk_not_paired');
    // Another office's terminal asking under its own office does not find this office's ticket.
    expect((await answer(1, { ...GOOD, ticketId: ticket.id }, otherTerminal, other.slug)).status).toBe(404);
    for (const [body, field] of [
      [{ ...GOOD, ticketId: 'not-a-ticket' }, 'ticketId'],
      [{ ...GOOD }, 'ticketId'],
      [{ ...GOOD, u3: 5, ticketId: ticket.id }, 'u3'],
      [{ ...GOOD, ticketId: ticket.id, education: 'd4_s1' }, 'education'],
    ] as const) {
      const reply = await answer(1, body);
      expect(reply.status).toBe(400);
      expect(reply.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await answer(0.5 as unknown as number, { ...GOOD, ticketId: ticket.id })).body.code).toBe('validation_failed');
    expect(await surveys(ticket.id)).toEqual([]);
  });

  it('lets a supervisor see how many responses came from terminals and how many from phones', async () => {
    const report = await api.get(`/offices/${office.slug}/reports/skm?preset=semester`, office.supervisor.token);
    expect(report.status).toBe(200);
    expect(report.body.channels).toEqual({ phone: 1, terminal: 1 });
  });
});
