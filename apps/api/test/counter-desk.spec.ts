import { type OfficeFixture, createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const SHIFT = ['penampilan', 'cara_berpakaian', 'meja_sistem_siap'];
const INTERACTION = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'];
const all = (codes: string[], answer = 'checked') => codes.map((code) => ({ code, answer }));

describe('the counter desk: checklists, queue and the officer’s own day', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;

  beforeEach(async () => {
    // Monday 30 November 2026, 08:00 in Jakarta.
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, {
      services: [
        { code: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10 },
        { code: 'B', maxWaitMinutes: 60, serviceTimeMinutes: 15 },
      ],
      counters: [
        { number: 1, services: ['A', 'B'] },
        { number: 2, services: ['B'] },
      ],
    });
    // Loket 1 is scheduled Monday 08:00–15:00.
    await t.db.query(`UPDATE counters SET schedule = $2 WHERE id = $1`, [
      office.counters[1],
      JSON.stringify([{ weekday: 1, opens: '08:00', closes: '15:00' }]),
    ]);
  });

  const officer = (n: number) => office.officers[n].token;
  const issue = (code: string, priority?: string) =>
    api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code], ...(priority ? { priority } : {}) });
  const open = (n: number, body?: unknown) => api.post(`/counters/${office.counters[n]}/open`, body, officer(n));
  const shift = (method = 'self', answers = all(SHIFT)) => ({ checklist: { method, answers } });
  const finishBody = (answers = all(INTERACTION), method = 'one_key', outcome = 'selesai', note?: string) => ({
    checklist: { method, answers },
    outcome,
    ...(note ? { note } : {}),
  });
  const serve = async (n: number) => {
    const called = await api.post(`/counters/${office.counters[n]}/call-next`, undefined, officer(n));
    expect(called.status).toBe(200);
    expect((await api.post(`/tickets/${called.body.id}/start`, undefined, officer(n))).status).toBe(200);
    return called.body.id as string;
  };

  it('lists the office’s seeded checklist templates, to staff of that office only', async () => {
    const reply = await api.get(`/offices/${office.slug}/checklists`, officer(1));
    expect(reply.status).toBe(200);
    expect(reply.body.map((t: { kind: string }) => t.kind)).toEqual(['shift_start', 'interaction']);
    expect(reply.body[0].items.map((i: { code: string }) => i.code)).toEqual(SHIFT);
    expect(reply.body[1].items.map((i: { code: string }) => i.code)).toEqual(INTERACTION);
    expect(reply.body[1].items[0]).toMatchObject({ label: expect.stringContaining('Sikap'), order: 1, active: true });

    expect((await api.get(`/offices/${office.slug}/checklists`)).status).toBe(401);
    expect((await api.get(`/offices/${office.slug}/checklists`, office.outsider.token)).status).toBe(403);
  });

  it('opens a counter with the shift checklist in the same transaction, recording who answered and how', async () => {
    const reply = await open(1, shift('self', [...all(SHIFT.slice(0, 2)), { code: 'meja_sistem_siap', answer: 'not_checked' }]));
    expect(reply.status).toBe(200);
    expect(reply.body.state).toBe('open');

    const [response] = await t.db.query(`SELECT * FROM checklist_responses WHERE session_id = $1`, [reply.body.sessionId]);
    expect(response).toMatchObject({
      kind: 'shift_start',
      method: 'self',
      subject_staff_id: office.officers[1].id,
      answered_by_staff_id: office.officers[1].id,
      counter_id: office.counters[1],
    });
    const answers = await t.db.query(`SELECT item_code, answer FROM checklist_answers WHERE response_id = $1 ORDER BY item_code`, [response.id]);
    expect(answers).toEqual([
      { item_code: 'cara_berpakaian', answer: 'checked' },
      { item_code: 'meja_sistem_siap', answer: 'not_checked' },
      { item_code: 'penampilan', answer: 'checked' },
    ]);
  });

  it('refuses a checklist that does not cover exactly the active items, and does not open the counter', async () => {
    const missing = await open(1, shift('self', all(SHIFT.slice(1))));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'checklist_mismatch', details: { missing: ['penampilan'], unknown: [], duplicated: [] } });
    expect(missing.body.message).toContain('penampilan');

    const unknown = await open(1, shift('self', [...all(SHIFT), { code: 'bukan_item', answer: 'checked' }]));
    expect(unknown.body).toMatchObject({ statusCode: 400, details: { unknown: ['bukan_item'] } });

    const badAnswer = await open(1, shift('self', [{ code: 'penampilan', answer: 'maybe' }]));
    expect(badAnswer.status).toBe(400);
    expect(badAnswer.body.code).toBe('validation_failed');

    const oneKeyNotAllChecked = await open(1, shift('one_key', [...all(SHIFT.slice(1)), { code: 'penampilan', answer: 'not_applicable' }]));
    expect(oneKeyNotAllChecked.status).toBe(400);

    const observedByOfficer = await open(1, shift('observed'));
    expect(observedByOfficer.status).toBe(403);

    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM counter_sessions WHERE counter_id = $1`, [office.counters[1]]);
    expect(count).toBe(0);
    expect((await open(1, shift())).status).toBe(200);
  });

  it('finishes a ticket with the interaction checklist, outcome and note; a bad checklist leaves it serving', async () => {
    await open(1, shift());
    await issue('A');
    const ticketId = await serve(1);

    const bad = await api.post(`/tickets/${ticketId}/finish`, finishBody(all(INTERACTION.slice(1)), 'self'), officer(1));
    expect(bad.status).toBe(400);
    expect(bad.body.details.missing).toEqual(['sikap_perilaku']);
    const noOutcome = await api.post(`/tickets/${ticketId}/finish`, { checklist: { method: 'self', answers: all(INTERACTION) } }, officer(1));
    expect(noOutcome.status).toBe(400);
    const badOutcome = await api.post(`/tickets/${ticketId}/finish`, finishBody(all(INTERACTION), 'self', 'entah'), officer(1));
    expect(badOutcome.status).toBe(400);
    const [still] = await t.db.query(`SELECT status FROM tickets WHERE id = $1`, [ticketId]);
    expect(still.status).toBe('serving');

    const answers = [
      ...all(INTERACTION.slice(0, 3)),
      { code: 'cara_mendengarkan', answer: 'not_checked' },
      { code: 'cara_bertanya', answer: 'not_applicable' },
    ];
    const done = await api.post(`/tickets/${ticketId}/finish`, finishBody(answers, 'self', 'perlu_berkas_tambahan', 'Kurang fotokopi KK'), officer(1));
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    const [response] = await t.db.query(`SELECT kind, method, outcome, note, subject_staff_id FROM checklist_responses WHERE ticket_id = $1`, [ticketId]);
    expect(response).toEqual({
      kind: 'interaction',
      method: 'self',
      outcome: 'perlu_berkas_tambahan',
      note: 'Kurang fotokopi KK',
      subject_staff_id: office.officers[1].id,
    });
    const [event] = await t.db.query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'finished'`, [ticketId]);
    expect(event.payload).toEqual({ outcome: 'perlu_berkas_tambahan' });
  });

  it('lists the counter’s queue in call order: earliest due first, only its services', async () => {
    const b1 = (await issue('B')).body;
    t.clock.advanceMinutes(1);
    const a1 = (await issue('A')).body; // due 30 min after issue: before B-001 (60 min)
    t.clock.advanceMinutes(1);
    const ap = (await issue('A', 'lanjut_usia')).body; // priority: due in 10 minutes
    const queue = await api.get(`/counters/${office.counters[1]}/queue`, officer(1));
    expect(queue.status).toBe(200);
    expect(queue.body.map((ticket: { id: string }) => ticket.id)).toEqual([ap.id, a1.id, b1.id]);
    const onlyB = await api.get(`/counters/${office.counters[2]}/queue`, officer(2));
    expect(onlyB.body.map((ticket: { id: string }) => ticket.id)).toEqual([b1.id]);

    // Call-next takes exactly the head of that queue.
    await open(1, shift());
    const called = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1));
    expect(called.body.id).toBe(ap.id);
    expect((await api.get(`/counters/${office.counters[1]}/queue`, office.outsider.token)).status).toBe(403);
  });

  it('lists the office’s counters for staff with state, services and the officer holding each', async () => {
    await open(2, shift());
    const reply = await api.get(`/offices/${office.slug}/counters`, officer(1));
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveLength(2);
    expect(reply.body[0]).toMatchObject({ number: 1, state: 'closed', staffId: null, staffName: null, serviceCodes: ['A', 'B'] });
    expect(reply.body[1]).toMatchObject({ number: 2, state: 'open', staffId: office.officers[2].id, staffName: 'Staf officer', serviceCodes: ['B'] });
    expect((await api.get(`/offices/${office.slug}/counters`)).status).toBe(401);
    expect((await api.get(`/offices/${office.slug}/counters`, office.outsider.token)).status).toBe(403);
  });

  it('sums up the officer’s own today from events and checklists', async () => {
    // A ticket waits from 08:00; the counter opens 12 minutes late (grace 5) at 08:12.
    await issue('A');
    t.clock.set('2026-11-30T01:12:00.000Z');
    await open(1, shift('self', [...all(SHIFT.slice(0, 2)), { code: 'meja_sistem_siap', answer: 'not_checked' }]));
    // Idle with someone waiting for 3 minutes, then serve for 12 (standard 10).
    t.clock.advanceMinutes(3);
    const first = await serve(1);
    t.clock.advanceMinutes(12);
    expect((await api.post(`/tickets/${first}/finish`, finishBody(), officer(1))).status).toBe(200);
    // A second ticket, served in 6 minutes, with one item not checked.
    await issue('B');
    const second = await serve(1);
    t.clock.advanceMinutes(6);
    const answers = [...all(INTERACTION.slice(0, 4)), { code: 'cara_bertanya', answer: 'not_checked' }];
    expect((await api.post(`/tickets/${second}/finish`, finishBody(answers, 'self', 'dirujuk'), officer(1))).status).toBe(200);
    // A no-show, then a lunch break of 70 minutes (60 allowed).
    await issue('A');
    const third = (await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer(1))).body.id;
    expect((await api.post(`/tickets/${third}/no-show`, undefined, officer(1))).status).toBe(200);
    expect((await api.post(`/counters/${office.counters[1]}/pause`, { reason: 'ishoma' }, officer(1))).status).toBe(200);
    t.clock.advanceMinutes(70);
    expect((await api.post(`/counters/${office.counters[1]}/resume`, undefined, officer(1))).status).toBe(200);

    const today = await api.get('/staff/me/today', officer(1));
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({
      day: '2026-11-30',
      served: 2,
      noShows: 1,
      transferred: 0,
      averageServiceMinutes: 9,
      standardServiceMinutes: 12.5,
      withinServiceStandard: 0.5,
      idleWhileWaitingMinutes: 3,
      breakOverrunMinutes: 10,
      earlyClosingMinutes: 0,
      outcomes: { selesai: 1, dirujuk: 1 },
    });
    // 10 interaction answers (9 checked, 5 by the one key); the shift checklist (2 of 3) apart, as on the chart and the report.
    expect(today.body.etiquette).toEqual({
      checked: 9,
      applicable: 10,
      compliance: 9 / 10,
      oneKeyItems: 5,
      shiftStart: { checked: 2, applicable: 3, ratio: 2 / 3 },
      interactionsAnswered: 2,
      oneKey: 1,
    });
    expect(today.body.lateOpenings).toEqual([
      { counterId: office.counters[1], counterName: 'Loket 1', scheduledAt: '2026-11-30T01:00:00.000Z', openedAt: '2026-11-30T01:12:00.000Z', minutesLate: 12 },
    ]);

    // Another officer's day is their own.
    const other = await api.get('/staff/me/today', officer(2));
    expect(other.body).toMatchObject({ served: 0, averageServiceMinutes: null, etiquette: { compliance: null }, lateOpenings: [], idleWhileWaitingMinutes: 0 });
  });

  it('keeps a supervisor’s observation out of the officer’s own etiquette figure', async () => {
    expect((await open(1)).status).toBe(200);
    await issue('A');
    const id = await serve(1);
    const observed = await api.post(
      `/offices/${office.slug}/supervision/observations`,
      { counterId: office.counters[1], answers: [...all(INTERACTION.slice(0, 2)), ...all(INTERACTION.slice(2), 'not_checked')] },
      office.supervisor.token,
    );
    expect(observed.status).toBe(201);
    expect((await api.post(`/tickets/${id}/finish`, finishBody(), officer(1))).status).toBe(200);

    // Only the officer's one-key self-check: 5 of 5, one interaction; the observation's 2 of 5 weighs apart.
    const today = await api.get('/staff/me/today', officer(1));
    expect(today.body.etiquette).toMatchObject({ checked: 5, applicable: 5, compliance: 1, oneKeyItems: 5, interactionsAnswered: 1, oneKey: 1 });
    expect(today.body.outcomes).toEqual({ selesai: 1 });
  });

  it('checks answers against a template changed a moment ago, by the set-up here or by another instance', async () => {
    await open(1, shift());
    await issue('A');
    await issue('A');
    await issue('A');
    // The first finish has the template kept in memory.
    expect((await api.post(`/tickets/${await serve(1)}/finish`, finishBody(), officer(1))).status).toBe(200);

    // The set-up, through this instance, retires one item and adds another.
    const admin = await createStaff(t, 'admin');
    const [, interaction] = (await api.get(`/admin/offices/${office.id}/checklists`, admin.token)).body;
    const items = interaction.items.map((item: { code: string; label: string }) => ({
      code: item.code,
      label: item.label,
      active: item.code !== 'cara_bertanya',
    }));
    const put = await api.send('PUT', `/admin/offices/${office.id}/checklists/interaction`, {
      body: { items: [...items, { code: 'salam_penutup', label: 'Salam penutup', active: true }] },
      token: admin.token,
    });
    expect(put.status).toBe(200);
    const second = await serve(1);
    const stale = await api.post(`/tickets/${second}/finish`, finishBody(), officer(1));
    expect(stale.status).toBe(400);
    expect(stale.body.details).toMatchObject({ missing: ['salam_penutup'], unknown: ['cara_bertanya'] });
    const current = [...all(INTERACTION.slice(0, 4)), { code: 'salam_penutup', answer: 'checked' }];
    expect((await api.post(`/tickets/${second}/finish`, finishBody(current), officer(1))).status).toBe(200);

    // Another instance's set-up changes the items behind this one's back: the next finish sees it all the same.
    await t.db.query(`UPDATE checklist_items SET active = false WHERE code = 'salam_penutup' AND template_id = $1`, [interaction.id]);
    const third = await serve(1);
    const behind = await api.post(`/tickets/${third}/finish`, finishBody(current), officer(1));
    expect(behind.status).toBe(400);
    expect(behind.body.details).toMatchObject({ missing: [], unknown: ['salam_penutup'] });
    expect((await api.post(`/tickets/${third}/finish`, finishBody(all(INTERACTION.slice(0, 4))), officer(1))).status).toBe(200);
    const codes = await t.db.query(
      `SELECT a.item_code FROM checklist_answers a JOIN checklist_responses r ON r.id = a.response_id WHERE r.ticket_id = $1 ORDER BY a.item_code`,
      [third],
    );
    expect(codes.map((row: { item_code: string }) => row.item_code)).toEqual([...INTERACTION.slice(0, 4)].sort());
  });

  it('still opens and finishes without a checklist for API clients that send none', async () => {
    expect((await open(1)).status).toBe(200);
    await issue('A');
    const id = await serve(1);
    expect((await api.post(`/tickets/${id}/finish`, undefined, officer(1))).status).toBe(200);
    const outcomeAlone = await api.post(`/tickets/${id}/finish`, { outcome: 'selesai' }, officer(1));
    expect(outcomeAlone.status).toBe(409);
  });
});
