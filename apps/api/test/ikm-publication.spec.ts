import { createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const GOOD = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 };
const PLAN = [
  { action: 'Menambah kursi ruang tunggu', owner: 'Subbag Umum', dueDate: '2027-03-31' },
  { action: '  Pelatihan penanganan pengaduan  ', owner: 'Kepala Seksi Pelayanan', dueDate: '2027-02-28' },
];

describe('publishing a period’s IKM with its follow-up plan (issue 19)', () => {
  // Monday 30 November 2026, 08:00 WIB.
  const t = useTestApp({ start: '2026-11-30T01:00:00.000Z' });
  const api = t.api;
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
  });

  async function surveyed(answers: object): Promise<void> {
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    const token = office.officers[1].token;
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, token)).body.id).toBe(ticket.id);
    expect((await api.post(`/tickets/${ticket.id}/start`, undefined, token)).status).toBe(200);
    expect((await api.post(`/tickets/${ticket.id}/finish`, undefined, token)).status).toBe(200);
    expect((await api.post(`/tickets/track/${ticket.trackingCode}/survey`, answers)).status).toBe(201);
  }
  const publish = (body: object, token = office.supervisor.token) => api.post(`/offices/${office.slug}/ikm-publications`, body, token);
  const latest = () => api.get(`/offices/${office.slug}/ikm`);

  it('refuses a period without a complete index, and shows nothing yet', async () => {
    expect((await latest()).body).toEqual({ publication: null });
    const refused = await publish({ preset: 'semester', plan: PLAN });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('nothing_to_publish');
  });

  it('refuses a bad plan with a stable code, writing nothing', async () => {
    await surveyed(GOOD);
    for (const [plan, field] of [
      [[], 'plan'],
      [[{ ...PLAN[0], action: 'abc' }], 'plan.0.action'],
      [[PLAN[0], { ...PLAN[1], owner: ' ' }], 'plan.1.owner'],
      [[{ ...PLAN[0], dueDate: '2027-02-30' }], 'plan.0.dueDate'],
      [[{ ...PLAN[0], dueDate: 'soon' }], 'plan.0.dueDate'],
      [Array(11).fill(PLAN[0]), 'plan'],
      ['not a list', 'plan'],
    ] as const) {
      const reply = await publish({ preset: 'semester', plan });
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('validation_failed');
      expect(JSON.stringify(reply.body.details)).toContain(field);
    }
    expect((await publish({ preset: 'semester', date: '2026-02-30', plan: PLAN })).body.code).toBe('invalid_period');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM ikm_publications WHERE office_id = $1`, [office.id]);
    expect(count).toBe(0);
    expect((await latest()).body.publication).toBeNull();
  });

  it('publishes the period’s IKM as the SKM tables compute it, with the plan, for anyone to read', async () => {
    await surveyed({ ...GOOD, u1: 3 });
    const skm = (await api.get(`/offices/${office.slug}/reports/skm?preset=semester`, office.supervisor.token)).body;
    const reply = await publish({ preset: 'semester', plan: PLAN });
    expect(reply.status).toBe(201);
    const expected = {
      period: { preset: 'semester', from: '2026-07-01', to: '2026-12-31' },
      ikm: skm.total.ikm,
      grade: skm.total.grade,
      responses: 2,
      served: 2,
      sampleSize: skm.total.sampleSize,
      sampleReached: skm.total.sampleReached,
      plan: [PLAN[0], { ...PLAN[1], action: 'Pelatihan penanganan pengaduan' }],
      publishedAt: '2026-11-30T01:00:00.000Z',
    };
    expect(reply.body).toMatchObject(expected);
    expect((await latest()).body.publication).toMatchObject(expected);
    // The audit trail says who published what.
    const [entry] = await t.db.query<{ action: string; actor_id: string; subject_type: string }[]>(
      `SELECT action, actor_staff_id AS actor_id, subject_type FROM audit_log WHERE office_id = $1 AND action = 'ikm.published'`,
      [office.id],
    );
    expect(entry).toEqual({ action: 'ikm.published', actor_id: office.supervisor.id, subject_type: 'ikm_publication' });
    // The figures stay as published when more responses come in; a new publication replaces it.
    await surveyed({ ...GOOD, u1: 1, u2: 1 });
    expect((await latest()).body.publication.responses).toBe(2);
    t.clock.advanceMinutes(5);
    expect((await publish({ preset: 'year', plan: [PLAN[0]] })).status).toBe(201);
    expect((await latest()).body.publication).toMatchObject({ period: { preset: 'year' }, responses: 3, plan: [PLAN[0]] });
  });

  it('lets only the office’s supervisors and admins publish', async () => {
    expect((await publish({ preset: 'semester', plan: PLAN }, office.officers[1].token)).status).toBe(403);
    expect((await publish({ preset: 'semester', plan: PLAN }, office.outsider.token)).status).toBe(403);
    expect((await api.post(`/offices/${office.slug}/ikm-publications`, { preset: 'semester', plan: PLAN })).status).toBe(401);
    const admin = await createStaff(t, 'admin');
    expect((await publish({ preset: 'semester', plan: PLAN }, admin.token)).status).toBe(201);
    expect((await api.get(`/offices/no-such-office/ikm`)).status).toBe(404);
  });

  describe('the follow-up plan’s progress', () => {
    const progress = (item: number | string, body: object, token = office.supervisor.token) =>
      api.send('PUT', `/offices/${office.slug}/ikm/plan/${item}`, { body, token });

    it('starts every item as "belum" on the day of publishing', async () => {
      // A publication of its own, a minute after the others: two at one instant have no order.
      t.clock.advanceMinutes(1);
      expect((await publish({ preset: 'semester', plan: PLAN })).status).toBe(201);
      const { publication } = (await latest()).body;
      expect(publication.publishedOn).toBe('2026-11-30');
      expect(publication.plan.map((item: { status: string; statusOn: string; note: string }) => [item.status, item.statusOn, item.note])).toEqual([
        ['belum', '2026-11-30', ''],
        ['belum', '2026-11-30', ''],
      ]);
    });

    it('records a supervisor’s update of one item, dated today by default, for anyone to read, and audits it', async () => {
      t.clock.advanceMinutes(3 * 24 * 60);
      const reply = await progress(2, { status: 'berjalan', note: '  Jadwal pelatihan disusun ' });
      expect(reply.status).toBe(200);
      expect(reply.body.plan[1]).toMatchObject({ status: 'berjalan', statusOn: '2026-12-03', note: 'Jadwal pelatihan disusun' });
      expect(reply.body.plan[0]).toMatchObject({ status: 'belum', statusOn: '2026-11-30' });
      expect((await progress(2, { status: 'selesai', on: '2026-12-02' })).status).toBe(200);
      const shown = (await latest()).body.publication.plan[1];
      // The latest update is the one shown, whatever day it names.
      expect(shown).toMatchObject({ status: 'selesai', statusOn: '2026-12-02', note: '' });
      const rows = await t.db.query<{ action: string; after: { status: string } }[]>(
        `SELECT action, after FROM audit_log WHERE office_id = $1 AND action = 'ikm.progress' ORDER BY id`,
        [office.id],
      );
      expect(rows.map((row) => row.after.status)).toEqual(['berjalan', 'selesai']);
      // Append-only: the history cannot be rewritten.
      await expect(t.db.query(`UPDATE ikm_plan_progress SET status = 'belum'`)).rejects.toThrow(/append-only/);
    });

    it('refuses a bad update with a stable code, writing nothing', async () => {
      const before = (await t.db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ikm_plan_progress`))[0].count;
      for (const [item, body, field] of [
        [3, { status: 'selesai' }, 'item'],
        [0, { status: 'selesai' }, 'item'],
        ['x', { status: 'selesai' }, 'item'],
        [1, { status: 'done' }, 'status'],
        [1, {}, 'status'],
        [1, { status: 'selesai', on: '2026-11-29' }, 'on'],
        [1, { status: 'selesai', on: '2026-12-04' }, 'on'],
        [1, { status: 'selesai', on: '2026-02-30' }, 'on'],
        [1, { status: 'selesai', on: 'today' }, 'on'],
        [1, { status: 'selesai', note: 'x'.repeat(301) }, 'note'],
      ] as const) {
        const reply = await progress(item, body);
        expect([reply.status, reply.body.code]).toEqual([400, 'validation_failed']);
        if (item !== 'x') expect(JSON.stringify(reply.body)).toContain(field);
      }
      const after = (await t.db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ikm_plan_progress`))[0].count;
      expect(after).toBe(before);
    });

    it('lets only the office’s supervisors and admins update, and says when nothing is published', async () => {
      expect((await progress(1, { status: 'berjalan' }, office.officers[1].token)).status).toBe(403);
      expect((await progress(1, { status: 'berjalan' }, office.outsider.token)).status).toBe(403);
      expect((await api.send('PUT', `/offices/${office.slug}/ikm/plan/1`, { body: { status: 'berjalan' } })).status).toBe(401);
      const empty = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
      const none = await api.send('PUT', `/offices/${empty.slug}/ikm/plan/1`, { body: { status: 'berjalan' }, token: empty.supervisor.token });
      expect([none.status, none.body.code]).toEqual([404, 'not_found']);
    });
  });
});
