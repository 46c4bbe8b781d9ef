import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const INTERACTION = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'];

/**
 * Correcting a saved interaction (issue 14, item 9): the officer who saved it may correct it
 * for two minutes from the first save; the correction supersedes the record that stood, so
 * the desk, the supervisor's chart and the report count the corrected answers once, and the
 * audit trail shows the record before and after.
 */
describe('correcting a saved interaction checklist', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;

  beforeEach(async () => {
    // Monday 30 November 2026, 08:00 in Jakarta.
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  });

  const officer = (n: number) => office.officers[n].token;
  const seconds = (s: number) => t.clock.set(new Date(t.clock.now().getTime() + s * 1000));
  const answers = (notChecked: string[] = []) => INTERACTION.map((code) => ({ code, answer: notChecked.includes(code) ? 'not_checked' : 'checked' }));
  const correct = (ticketId: string, body: unknown, token = officer(1)) => api.send('PUT', `/tickets/${ticketId}/checklist`, { body, token });

  /** A ticket served at Loket 1 and finished with every item checked by the one key. */
  async function served(): Promise<string> {
    expect((await api.post(`/counters/${office.counters[1]}/open`, {}, officer(1))).status).toBe(200);
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body as { id: string };
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1))).status).toBe(200);
    expect((await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1))).status).toBe(200);
    const finished = await api.post(`/tickets/${ticket.id}/finish`, { checklist: { method: 'one_key', answers: answers() }, outcome: 'selesai' }, officer(1));
    expect(finished.status).toBe(200);
    return ticket.id;
  }

  it('replaces the answers, outcome and note within two minutes; every figure counts the corrected record once', async () => {
    const ticketId = await served();
    seconds(90);
    const reply = await correct(ticketId, { checklist: { method: 'self', answers: answers(['cara_bertanya']) }, outcome: 'dirujuk', note: 'Dirujuk ke B' });
    expect(reply.status).toBe(204);
    // And again, still within two minutes of the first save.
    seconds(30);
    const again = await correct(ticketId, { checklist: { method: 'self', answers: answers(['cara_bertanya', 'ekspresi_wajah']) }, outcome: 'dirujuk' });
    expect(again.status).toBe(204);

    const rows = await t.db.query<{ method: string; outcome: string; supersedes_id: string | null }[]>(
      `SELECT method, outcome, supersedes_id FROM checklist_responses WHERE ticket_id = $1 ORDER BY at`,
      [ticketId],
    );
    expect(rows.map((row) => [row.method, row.outcome, row.supersedes_id !== null])).toEqual([
      ['one_key', 'selesai', false],
      ['self', 'dirujuk', true],
      ['self', 'dirujuk', true],
    ]);

    const desk = (await api.get('/staff/me/today', officer(1))).body;
    expect(desk.etiquette).toMatchObject({ checked: 3, applicable: 5, oneKeyItems: 0 });
    const charts = (await api.get(`/offices/${office.slug}/supervision/charts?days=1`, office.supervisor.token)).body;
    expect(charts.etiquetteByOfficer.find((row: { staffId: string }) => row.staffId === office.officers[1].id).self).toEqual({
      checked: 3,
      applicable: 5,
      ratio: 0.6,
    });
    const report = (await api.get(`/offices/${office.slug}/reports?from=2026-11-30&to=2026-11-30`, office.supervisor.token)).body;
    expect(report.total.etiquette.interactions).toEqual({ checked: 3, applicable: 5, ratio: 0.6 });
    expect(report.total.etiquette.oneKeyItems).toBe(0);
  });

  it('files a correction saved just after midnight under the day of the interaction, in every figure', async () => {
    // Finished at 23:59:30 on Monday, Jakarta time; corrected at 00:01 on Tuesday.
    t.clock.set('2026-11-30T16:59:30.000Z');
    const ticketId = await served();
    t.clock.set('2026-11-30T17:01:00.000Z');
    expect((await correct(ticketId, { checklist: { method: 'self', answers: answers(['cara_bertanya']) }, outcome: 'dirujuk' })).status).toBe(204);

    const reportOf = async (day: string) =>
      (await api.get(`/offices/${office.slug}/reports?from=${day}&to=${day}`, office.supervisor.token)).body.total.etiquette.interactions;
    expect(await reportOf('2026-11-30')).toEqual({ checked: 4, applicable: 5, ratio: 0.8 });
    expect((await reportOf('2026-12-01')).applicable).toBe(0);
    const chartRow = async (days: number) =>
      (await api.get(`/offices/${office.slug}/supervision/charts?days=${days}`, office.supervisor.token)).body.etiquetteByOfficer.find(
        (row: { staffId: string }) => row.staffId === office.officers[1].id,
      );
    // Tuesday alone has no interaction of hers; Monday and Tuesday have the corrected one.
    expect((await chartRow(1))?.self?.applicable ?? 0).toBe(0);
    expect((await chartRow(2)).self).toEqual({ checked: 4, applicable: 5, ratio: 0.8 });
    // Her desk's today is Tuesday: nothing yet.
    const desk = (await api.get('/staff/me/today', officer(1))).body;
    expect(desk.etiquette).toMatchObject({ checked: 0, applicable: 0 });
  });

  it('records the correction in the audit trail: who, the ticket, the record before and after', async () => {
    const ticketId = await served();
    seconds(20);
    expect((await correct(ticketId, { checklist: { method: 'self', answers: answers(['cara_bertanya']) }, outcome: 'perlu_berkas_tambahan' })).status).toBe(
      204,
    );

    const admin = await api.get(`/audit?officeId=${office.id}&action=checklist`, office.supervisor.token);
    expect(admin.status).toBe(200);
    expect(admin.body.entries).toHaveLength(1);
    expect(admin.body.entries[0]).toMatchObject({
      source: 'checklist',
      action: 'checklist.corrected',
      at: '2026-11-30T01:00:20.000Z',
      actor: { id: office.officers[1].id, role: 'officer' },
      subjectType: 'ticket',
      subjectId: ticketId,
      subjectLabel: 'A-001',
      counterNumber: 1,
      before: { method: 'one_key', outcome: 'selesai', answers: { cara_bertanya: 'checked' } },
      after: { method: 'self', outcome: 'perlu_berkas_tambahan', answers: { cara_bertanya: 'not_checked' } },
    });
  });

  it('is refused with correction_window_closed after two minutes from the first save, and nothing is written', async () => {
    const ticketId = await served();
    seconds(121);
    const late = await correct(ticketId, { checklist: { method: 'self', answers: answers(['cara_bertanya']) }, outcome: 'selesai' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'correction_window_closed', details: { correctableUntil: '2026-11-30T01:02:00.000Z' } });
    expect(await t.db.query(`SELECT 1 FROM checklist_responses WHERE ticket_id = $1`, [ticketId])).toHaveLength(1);
  });

  it('is the saving officer’s alone: another officer or a supervisor gets 403', async () => {
    const ticketId = await served();
    const body = { checklist: { method: 'self', answers: answers(['cara_bertanya']) }, outcome: 'selesai' };
    const other = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    // An officer of this office who did not save it, and one of another office.
    await t.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [other.officers[1].id, office.id]);
    const colleague = await correct(ticketId, body, other.officers[1].token);
    expect(colleague.status).toBe(403);
    expect(colleague.body.code).toBe('forbidden');
    expect((await correct(ticketId, body, office.supervisor.token)).status).toBe(403);
    expect((await correct(ticketId, body, office.outsider.token)).status).toBe(403);
  });

  it('validates the outcome and the note as the finish does, with the same messages (one shared record)', async () => {
    const ticketId = await served();
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body as { id: string };
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1))).status).toBe(200);
    expect((await api.post(`/tickets/${ticket.id}/start`, undefined, officer(1))).status).toBe(200);
    const checklist = { method: 'self', answers: answers() };
    for (const bad of [{ outcome: 'maybe' }, { outcome: 'selesai', note: 'x'.repeat(501) }, { outcome: 'selesai', note: 7 }]) {
      const finish = await api.post(`/tickets/${ticket.id}/finish`, { checklist, ...bad }, officer(1));
      const correction = await correct(ticketId, { checklist, ...bad });
      expect([finish.status, correction.status]).toEqual([400, 400]);
      expect(correction.body.message).toEqual(finish.body.message);
    }
  });

  it('validates at the edge and says what is missing', async () => {
    const ticketId = await served();
    expect((await correct(ticketId, { outcome: 'selesai' })).status).toBe(400);
    expect((await correct(ticketId, { checklist: { method: 'self', answers: answers() }, outcome: 'maybe' })).status).toBe(400);
    const short = await correct(ticketId, { checklist: { method: 'self', answers: answers().slice(1) }, outcome: 'selesai' });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('checklist_mismatch');
    const observed = await correct(ticketId, { checklist: { method: 'observed', answers: answers() }, outcome: 'selesai' });
    expect(observed.status).toBe(400);
    expect((await correct('not-a-uuid', { checklist: { method: 'self', answers: answers() }, outcome: 'selesai' })).status).toBe(400);
    expect((await correct('00000000-0000-4000-8000-000000000000', { checklist: { method: 'self', answers: answers() }, outcome: 'selesai' })).status).toBe(404);
    expect(await t.db.query(`SELECT 1 FROM checklist_responses WHERE ticket_id = $1`, [ticketId])).toHaveLength(1);
  });
});
