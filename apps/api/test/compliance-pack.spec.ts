import { KIOSK_TOKEN_HEADER, type PairedKioskView, krejcieMorganSampleSize } from '@loket/domain';
import { createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { queriesDuring } from './support/query-log.js';
import { useTestApp } from './support/test-app.js';

const GOOD = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 };
// Stored and returned as text: whatever a page does with it, it is never a formula or markup here.
const SUGGESTION = '=HYPERLINK("http://x") <b>ruang tunggu</b> perlu kipas';

describe('the compliance pack (issue 19)', () => {
  // No finish's scan a moment later (none on its timer in tests: quiet-timers.ts): its reads would land in the counted window.
  process.env.SUPERVISION_REACT_MS = '0';
  // Monday 30 November 2026, 08:00 WIB.
  const t = useTestApp({ start: '2026-11-30T01:00:00.000Z' });
  const api = t.api;
  let office: OfficeFixture;
  let admin: string;
  let standardChangedAt: string;
  const pack = (query = '?preset=semester', token = office.supervisor.token) => api.get(`/offices/${office.slug}/reports/compliance${query}`, token);

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    admin = (await createStaff(t, 'admin')).token;
    const officer = office.officers[1].token;
    const counter = office.counters[1];

    // Service A's standard changes once (a new version); a change of its daily quota is not one.
    standardChangedAt = t.clock.now().toISOString();
    expect((await api.send('PATCH', `/admin/services/${office.services.A}`, { body: { product: 'KTP-el' }, token: admin })).status).toBe(200);
    t.clock.advanceMinutes(1);
    expect((await api.send('PATCH', `/admin/services/${office.services.A}`, { body: { dailyQuota: 500 }, token: admin })).status).toBe(200);
    // Two versions of the maklumat.
    for (const signedOn of ['2026-01-05', '2026-11-02']) {
      const body = {
        text: 'Kami sanggup menyelenggarakan pelayanan sesuai standar pelayanan.',
        signerName: 'Drs. Hendra',
        signerPosition: 'Kepala Kantor',
        signedOn,
      };
      expect((await api.post(`/admin/offices/${office.id}/maklumat`, body, admin)).status).toBe(201);
    }

    // One regular ticket and two priority ones, issued together.
    expect((await api.post(`/counters/${counter}/open`, undefined, officer)).status).toBe(200);
    const issue = async (code: string, priority: string | null) =>
      (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code], priority })).body as { id: string; trackingCode: string };
    const regular = await issue('A', null);
    const elderly = await issue('A', 'lanjut_usia');
    const disabled = await issue('B', 'disabilitas');
    const serve = async (expected: string) => {
      expect((await api.post(`/counters/${counter}/call-next`, undefined, officer)).body.id).toBe(expected);
      expect((await api.post(`/tickets/${expected}/start`, undefined, officer)).status).toBe(200);
      expect((await api.post(`/tickets/${expected}/finish`, undefined, officer)).status).toBe(200);
    };
    // Called after 4 minutes (within the 10-minute priority maximum), then after 15 (past it).
    t.clock.advanceMinutes(4);
    await serve(elderly.id);
    expect((await api.post(`/tickets/track/${elderly.trackingCode}/survey`, GOOD)).status).toBe(201);
    t.clock.advanceMinutes(11);
    await serve(disabled.id);
    expect((await api.post(`/tickets/track/${disabled.trackingCode}/survey`, { ...GOOD, u1: 3, suggestion: SUGGESTION })).status).toBe(201);
    await serve(regular.id);
    // The regular ticket is surveyed at the counter's terminal.
    const terminal = (await api.post<PairedKioskView>(`/admin/offices/${office.id}/kiosks`, { name: 'Terminal survei' }, admin)).body.token;
    const answered = await api.post(`/offices/${office.slug}/counters/1/terminal-survey`, { ...GOOD, ticketId: regular.id }, undefined, {
      [KIOSK_TOKEN_HEADER]: terminal,
    });
    expect(answered.status).toBe(201);

    // A complaint, and a published IKM whose second follow-up item is done.
    expect((await api.post(`/offices/${office.slug}/complaints`, { category: 'sarana', description: 'Kursi ruang tunggu kurang.' })).status).toBe(201);
    const plan = [
      { action: 'Menambah kursi ruang tunggu', owner: 'Subbag Umum', dueDate: '2027-03-31' },
      { action: 'Memasang kipas angin', owner: 'Subbag Umum', dueDate: '2027-01-31' },
    ];
    expect((await api.post(`/offices/${office.slug}/ikm-publications`, { preset: 'semester', plan }, office.supervisor.token)).status).toBe(201);
    expect((await api.send('PUT', `/offices/${office.slug}/ikm/plan/2`, { body: { status: 'selesai' }, token: office.supervisor.token })).status).toBe(200);
  });

  it('puts the standards with their versions, and every version of the maklumat, in the pack', async () => {
    const reply = await pack();
    expect(reply.status).toBe(200);
    const { body } = reply;
    expect(body.period).toEqual({ preset: 'semester', from: '2026-07-01', to: '2026-12-31' });
    expect(body.office).toMatchObject({ slug: office.slug, timeZone: 'Asia/Jakarta' });
    expect(body.generatedBy).toBe('Staf supervisor');
    const [a, b] = body.standards;
    expect([a.code, a.version, a.since, a.product]).toEqual(['A', 2, standardChangedAt, 'KTP-el']);
    expect(a.missing).not.toContain('product');
    // B was never changed after it was set up: version 1, with no recorded date.
    expect([b.code, b.version, b.since]).toEqual(['B', 1, null]);
    expect(b.missing).toEqual(expect.arrayContaining(['requirements', 'procedure', 'product', 'legalBasis']));
    expect(b.missing).not.toContain('cost');
    expect(body.maklumat.map((m: { version: number; signedOn: string }) => [m.version, m.signedOn])).toEqual([
      [2, '2026-11-02'],
      [1, '2026-01-05'],
    ]);
  });

  it('gives the SKM as the SKM report does, with the channels and the suggestion as written', async () => {
    const { body } = await pack();
    const skm = (await api.get(`/offices/${office.slug}/reports/skm?preset=semester`, office.supervisor.token)).body;
    expect(body.skm.total).toEqual(skm.total);
    expect(body.skm.total).toMatchObject({ responses: 3, served: 3, sampleSize: krejcieMorganSampleSize(3), sampleReached: true });
    expect(body.skm.channels).toEqual({ phone: 2, terminal: 1 });
    expect(body.skm.services.map((s: { code: string; satisfaction: { responses: number } }) => [s.code, s.satisfaction.responses])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    expect(body.skm.profile).toEqual(skm.profile);
    expect(body.skm.suggestionCount).toBe(1);
    expect(body.skm.suggestions).toEqual([{ submittedAt: expect.any(String), text: SUGGESTION }]);
  });

  it('gives the complaint figures, the follow-up progress and the priority service per group', async () => {
    const { body } = await pack();
    expect(body.complaints.total).toMatchObject({ count: 1, open: 1, resolved: 0 });
    expect(typeof body.complaints.laporChannel).toBe('string');
    expect(body.followUp.counts).toEqual({ belum: 1, berjalan: 0, selesai: 1 });
    expect(body.followUp.plan.map((item: { status: string }) => item.status)).toEqual(['belum', 'selesai']);
    const byGroup = Object.fromEntries(body.priority.rows.map((row: { group: string }) => [row.group, row]));
    expect(Object.keys(byGroup)).toEqual(['disabilitas', 'lanjut_usia', 'wanita_hamil', 'anak_anak', 'korban_bencana_alam', 'korban_bencana_sosial']);
    expect(byGroup.lanjut_usia).toEqual({ group: 'lanjut_usia', issued: 1, served: 1, called: 1, withinStandard: 1, withinShare: 1, medianWaitMinutes: 4 });
    expect(byGroup.disabilitas).toEqual({ group: 'disabilitas', issued: 1, served: 1, called: 1, withinStandard: 0, withinShare: 0, medianWaitMinutes: 15 });
    expect(byGroup.wanita_hamil).toEqual({
      group: 'wanita_hamil',
      issued: 0,
      served: 0,
      called: 0,
      withinStandard: 0,
      withinShare: null,
      medianWaitMinutes: null,
    });
    expect(body.priority).toMatchObject({
      priorityMaxWaitMinutes: 10,
      total: { issued: 2, called: 2, withinStandard: 1, withinShare: 0.5, medianWaitMinutes: 9.5 },
    });
  });

  it('covers a year or a custom period up to 366 days, and refuses a bad one with a stable code', async () => {
    expect((await pack('?preset=year')).body.period).toEqual({ preset: 'year', from: '2026-01-01', to: '2026-12-31' });
    const custom = await pack('?from=2026-11-30&to=2026-11-30');
    expect(custom.body.priority.total.issued).toBe(2);
    expect((await pack('?from=2026-12-01&to=2026-12-31')).body.priority.total.issued).toBe(0);
    for (const query of ['?from=2026-12-01&to=2026-11-01', '?from=2025-01-01&to=2026-12-31', '?preset=semester&date=2026-02-30', '?from=2026-01-01']) {
      const reply = await pack(query);
      expect([reply.status, reply.body.code]).toEqual([400, expect.stringMatching(/^(invalid_period|validation_failed)$/)]);
    }
  });

  it('reads the office once for the whole pack, with its SP4N-LAPOR! channel, and answers 404 for an office that does not exist', async () => {
    const channel = 'https://www.lapor.go.id/instansi/kantor-uji';
    expect(
      (await api.send('PUT', `/offices/${office.slug}/complaints/settings`, { body: { responseWorkingDays: 5, laporChannel: channel }, token: admin })).status,
    ).toBe(200);
    let reply: Awaited<ReturnType<typeof pack>> | undefined;
    const queries = await queriesDuring(t, async () => {
      reply = await pack();
    });
    expect(reply!.status).toBe(200);
    expect(reply!.body.complaints.laporChannel).toBe(channel);
    // A statement that looks the office up by itself (the parts' joins through it are not such reads).
    const officeReads = queries.filter((query) => /\bFROM\s+"?offices"?(\s+"?\w+"?)?\s+WHERE\b/i.test(query));
    expect(officeReads).toHaveLength(1);
    expect((await api.get(`/offices/tidak-ada-${office.slug}/reports/compliance?preset=semester`, admin)).status).toBe(404);
  });

  it('is for the office’s supervisors and admins only', async () => {
    expect((await pack('?preset=semester', office.officers[1].token)).status).toBe(403);
    expect((await pack('?preset=semester', office.outsider.token)).status).toBe(403);
    expect((await api.get(`/offices/${office.slug}/reports/compliance`)).status).toBe(401);
    expect((await pack('?preset=semester', admin)).status).toBe(200);
  });
});
