import { AlertsService } from '../src/supervision/alerts.service.js';
import { defaultRateLimits, parseRateWindows } from '../src/rate-limit/rate-limit-config.js';
import { createStaff, type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const COMPLAINT_LIMIT = 15;
const rateLimits = (() => {
  const config = defaultRateLimits(true);
  for (const rule of ['issue', 'issueAnonymous', 'track', 'read'] as const) config.rules[rule] = parseRateWindows('10000/1m', rule);
  config.rules.complaint = parseRateWindows(`${COMPLAINT_LIMIT}/1m`, 'complaint');
  return config;
})();

const TEXT = 'Petugas meminta biaya tambahan yang tidak ada di standar pelayanan.';

describe('complaints through the API', () => {
  // Monday 30 November 2026, 08:00 WIB.
  const t = useTestApp({ rateLimits, start: '2026-11-30T01:00:00.000Z' });
  const api = t.api;
  let office: OfficeFixture;
  let admin: string;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A'] }] });
    // Weekdays 08:00–15:00, so the deadline counts working days.
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));
    await t.db.query(`UPDATE offices SET opening_hours = $2 WHERE id = $1`, [office.id, JSON.stringify(hours)]);
    admin = (await createStaff(t, 'admin', [office.id])).token;
  });

  const supervisor = () => office.supervisor.token;
  const fileOnWeb = (body: object) => api.post(`/offices/${office.slug}/complaints`, body);

  it('files on the public page with a tracking code, the deadline five working days on, and no contact on the status page', async () => {
    const filed = await fileOnWeb({ category: 'biaya', description: TEXT, serviceId: office.services.B, contactName: 'Siti', contact: '0812-3456-7890' });

    expect(filed.status).toBe(201);
    expect(filed.body.code).toMatch(/^PGD-[23456789A-HJKMNP-Z]{5}(-[23456789A-HJKMNP-Z]{5}){3}$/);
    // Filed Monday 30 November: Tue 1 … Mon 7 December is the fifth working day, closing 15:00 WIB.
    expect(filed.body.dueAt).toBe('2026-12-07T08:00:00.000Z');
    // The office's zone comes with the dates, so the phone writes them in office time, not its own.
    expect(filed.body.timeZone).toBe('Asia/Jakarta');
    const page = await api.get(`/complaints/track/${filed.body.code}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      status: 'diterima',
      category: 'biaya',
      description: TEXT,
      serviceName: 'Layanan B',
      publicReply: null,
      timeZone: 'Asia/Jakarta',
    });
    const text = JSON.stringify(page.body);
    expect(text).not.toContain('0812');
    expect(text).not.toContain('Siti');
    const [row] = await t.db.query(`SELECT channel, contact, contact_name, ticket_id FROM complaints WHERE code = $1`, [filed.body.code]);
    expect(row).toEqual({ channel: 'web', contact: '0812-3456-7890', contact_name: 'Siti', ticket_id: null });
  });

  it('files from the phone ticket page, linked to the ticket and its service', async () => {
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;

    const filed = await api.post(`/tickets/track/${ticket.trackingCode}/complaints`, { category: 'waktu', description: 'Antrean tidak bergerak satu jam.' });

    expect(filed.status).toBe(201);
    const [row] = await t.db.query(`SELECT channel, ticket_id, service_id FROM complaints WHERE code = $1`, [filed.body.code]);
    expect(row).toEqual({ channel: 'ticket_page', ticket_id: ticket.id, service_id: office.services.A });
    expect((await api.post(`/tickets/track/${ticket.trackingCode}/cancel`)).status).toBe(200);
  });

  it('lets an officer record a verbal complaint at the counter, and numbers complaints per office', async () => {
    const recorded = await api.post(
      `/offices/${office.slug}/complaints/recorded`,
      { category: 'petugas', description: 'Disampaikan lisan di loket 1.' },
      office.officers[1].token,
    );

    expect(recorded.status).toBe(201);
    const [row] = await t.db.query(`SELECT channel, recorded_by_staff_id, number FROM complaints WHERE code = $1`, [recorded.body.code]);
    expect(row).toEqual({ channel: 'counter', recorded_by_staff_id: office.officers[1].id, number: 3 });
    // An officer records, but does not handle.
    expect((await api.get(`/offices/${office.slug}/complaints`, office.officers[1].token)).status).toBe(403);
    expect((await api.post(`/offices/${office.slug}/complaints/recorded`, { category: 'petugas', description: TEXT }, office.outsider.token)).status).toBe(403);
  });

  it('refuses bad input at the edge with a stable code and writes nothing', async () => {
    const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM complaints`);
    const cases: [object, string][] = [
      [{ category: 'biaya', description: 'pendek' }, 'description'],
      [{ category: 'biaya', description: 'x'.repeat(2001) }, 'description'],
      [{ category: 'gosip', description: TEXT }, 'category'],
      [{ category: 'biaya', description: TEXT, contact: 'x'.repeat(121) }, 'contact'],
      [{ category: 'biaya', description: TEXT, serviceId: 'not-a-uuid' }, 'serviceId'],
      [{ category: 'biaya', description: `${TEXT}\u0000` }, 'description'],
    ];
    for (const [body, field] of cases) {
      const refused = await fileOnWeb(body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    // A service of another office.
    const other = await createOffice(t, { services: [{ code: 'Z' }], counters: [] });
    const foreign = await fileOnWeb({ category: 'biaya', description: TEXT, serviceId: other.services.Z });
    expect(foreign.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    expect((await api.get('/complaints/track/PGD-0000-bad')).body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    expect((await api.get('/complaints/track/PGD-22222-22222-22222-22222')).status).toBe(404);
    expect((await api.post('/offices/no-such-office/complaints', { category: 'biaya', description: TEXT })).status).toBe(404);
    const [{ after }] = await t.db.query(`SELECT count(*)::int AS after FROM complaints`);
    expect(after).toBe(before);
  });

  it('takes the complaint through its statuses with a public reply, notes and assignment, refusing illegal moves', async () => {
    const filed = await fileOnWeb({ category: 'pelayanan', description: '<script>alert(1)</script> =HYPERLINK("x")', contact: 'warga@example.id' });
    const [{ id }] = await t.db.query(`SELECT id FROM complaints WHERE code = $1`, [filed.body.code]);

    const early = await api.post(`/complaints/${id}/status`, { status: 'selesai' }, supervisor());
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'illegal_transition', details: { status: 'diterima', to: 'selesai' } });
    expect(early.body.message).toContain('diterima');

    expect((await api.post(`/complaints/${id}/status`, { status: 'diproses' }, supervisor())).body.status).toBe('diproses');
    expect((await api.post(`/complaints/${id}/assign`, { staffId: office.officers[1].id }, supervisor())).body.assignedTo).toEqual({
      id: office.officers[1].id,
      name: 'Staf officer',
    });
    expect((await api.post(`/complaints/${id}/assign`, { staffId: office.outsider.id }, supervisor())).body.code).toBe('validation_failed');
    const noted = await api.post(`/complaints/${id}/notes`, { note: 'Cek rekaman CCTV.\nHubungi warga.' }, supervisor());
    expect(noted.body.notes).toEqual([
      expect.objectContaining({ body: 'Cek rekaman CCTV.\nHubungi warga.', staff: { id: office.supervisor.id, name: 'Staf supervisor' } }),
    ]);
    expect((await api.post(`/complaints/${id}/status`, { status: 'selesai' }, supervisor())).body.code).toBe('reply_required');

    t.clock.advanceMinutes(60);
    const replied = await api.post(`/complaints/${id}/reply`, { reply: 'Petugas sudah ditegur; biaya dikembalikan.' }, supervisor());
    expect(replied.body).toMatchObject({ publicReply: 'Petugas sudah ditegur; biaya dikembalikan.', repliedAt: t.clock.now().toISOString() });
    const done = await api.post(`/complaints/${id}/status`, { status: 'selesai' }, supervisor());
    expect(done.body).toMatchObject({ status: 'selesai', closedAt: t.clock.now().toISOString(), overdue: false });

    // Closed: no more status, reply or assignment; the citizen sees the answer, stored as typed, never a contact or a note.
    expect((await api.post(`/complaints/${id}/status`, { status: 'ditolak', reason: 'Tidak jadi' }, supervisor())).body).toMatchObject({
      code: 'illegal_transition',
      details: { status: 'selesai' },
    });
    expect((await api.post(`/complaints/${id}/reply`, { reply: 'Lagi' }, supervisor())).body.code).toBe('complaint_closed');
    const page = (await api.get(`/complaints/track/${filed.body.code}`)).body;
    expect(page).toMatchObject({
      status: 'selesai',
      publicReply: 'Petugas sudah ditegur; biaya dikembalikan.',
      description: '<script>alert(1)</script> =HYPERLINK("x")',
    });
    expect(JSON.stringify(page)).not.toMatch(/warga@example|CCTV|Staf/);
  });

  it('rejects only with a reason, and marks a complaint handed to LAPOR! once', async () => {
    const filed = await fileOnWeb({ category: 'lainnya', description: 'Keluhan tentang instansi lain.' });
    const [{ id }] = await t.db.query(`SELECT id FROM complaints WHERE code = $1`, [filed.body.code]);

    expect((await api.post(`/complaints/${id}/status`, { status: 'ditolak' }, supervisor())).body.code).toBe('reason_required');
    expect((await api.post(`/complaints/${id}/lapor`, { laporNumber: 'no spaces!' }, supervisor())).body.code).toBe('validation_failed');
    expect((await api.post(`/complaints/${id}/lapor`, { laporNumber: 'LAPOR-2026-0042' }, supervisor())).body.laporNumber).toBe('LAPOR-2026-0042');
    expect((await api.post(`/complaints/${id}/lapor`, { laporNumber: 'LAPOR-2026-0043' }, supervisor())).body).toMatchObject({
      statusCode: 409,
      code: 'already_handed_to_lapor',
    });
    const rejected = await api.post(
      `/complaints/${id}/status`,
      { status: 'ditolak', reason: 'Bukan wewenang kantor ini; diteruskan lewat LAPOR!' },
      supervisor(),
    );
    expect(rejected.body).toMatchObject({ status: 'ditolak', rejectionReason: 'Bukan wewenang kantor ini; diteruskan lewat LAPOR!' });
    expect((await api.get(`/complaints/track/${filed.body.code}`)).body).toMatchObject({ status: 'ditolak', laporNumber: 'LAPOR-2026-0042' });
  });

  it('keeps the LAPOR! channel and the deadline as office settings, set by an admin only', async () => {
    const body = { responseWorkingDays: 3, laporChannel: 'https://www.lapor.go.id/instansi/kantor-uji' };
    expect((await api.send('PUT', `/offices/${office.slug}/complaints/settings`, { body, token: supervisor() })).status).toBe(403);
    const saved = await api.send('PUT', `/offices/${office.slug}/complaints/settings`, { body, token: admin });
    expect(saved.status).toBe(200);
    expect((await api.send('PUT', `/offices/${office.slug}/complaints/settings`, { body: { ...body, responseWorkingDays: 0 }, token: admin })).status).toBe(
      400,
    );
    expect((await api.get(`/offices/${office.slug}/complaints/info`)).body).toMatchObject({
      laporChannel: body.laporChannel,
      responseWorkingDays: 3,
      services: [expect.objectContaining({ code: 'A' }), expect.objectContaining({ code: 'B' })],
    });
    const filed = await fileOnWeb({ category: 'sarana', description: 'Kursi ruang tunggu rusak.' });
    expect(filed.body.laporChannel).toBe(body.laporChannel);
    expect((await api.get(`/complaints/track/${filed.body.code}`)).body.laporChannel).toBe(body.laporChannel);
    await api.send('PUT', `/offices/${office.slug}/complaints/settings`, { body: { responseWorkingDays: 5, laporChannel: '' }, token: admin });
  });

  it('raises a supervisor alert for a complaint past its deadline, and ends it when the complaint is closed', async () => {
    const filed = await fileOnWeb({ category: 'waktu', description: 'Belum ada jawaban sama sekali.' });
    const [{ id, number, due_at: dueAt }] = await t.db.query(`SELECT id, number, due_at FROM complaints WHERE code = $1`, [filed.body.code]);
    const alerts = t.app.get(AlertsService);

    t.clock.set(new Date(dueAt.getTime() + 60_000));
    const raised = await alerts.scan();
    const mine = raised.filter((alert) => alert.kind === 'complaint_overdue' && alert.officeId === office.id);
    expect(mine.map((alert) => alert.subject)).toContain(`#${number}`);
    expect((await api.get(`/offices/${office.slug}/complaints?status=overdue`, supervisor())).body.map((c: { id: string }) => c.id)).toContain(id);

    await api.post(`/complaints/${id}/status`, { status: 'ditolak', reason: 'Sudah dijawab lewat telepon' }, supervisor());
    await alerts.scan();
    const [alert] = await t.db.query(`SELECT resolved_at FROM supervision_alerts WHERE subject_key = $1`, [`complaint_overdue:${id}`]);
    expect(alert.resolved_at).not.toBeNull();
  });

  it('reports count, share closed in time and median time to close per service, and exports a guarded CSV', async () => {
    const report = await api.get(`/offices/${office.slug}/complaints/report?from=2026-11-01&to=2026-12-31`, supervisor());

    expect(report.status).toBe(200);
    const total = report.body.total;
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM complaints WHERE office_id = $1`, [office.id]);
    expect(total.count).toBe(count);
    expect(total.resolved).toBe(1);
    expect(total.medianHoursToClose).not.toBeNull();
    expect(report.body.rows.find((row: { serviceId: string }) => row.serviceId === office.services.B)).toMatchObject({ count: 1, serviceName: 'B Layanan B' });
    expect((await api.get(`/offices/${office.slug}/complaints/report?from=2026-01-01&to=2027-01-02`, supervisor())).body.code).toBe('invalid_period');

    const csv = await api.get(`/offices/${office.slug}/complaints.csv?from=2026-11-01&to=2026-12-31`, supervisor());
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('"<script>alert(1)</script> =HYPERLINK(""x"")"');
    // Contacts stay in the office's screens: a file that travels does not carry them.
    expect(csv.body).not.toContain('warga@example.id');
    expect(csv.body).not.toContain('0812-3456-7890');
  });

  it('defuses a description that a spreadsheet would run as a formula', async () => {
    await fileOnWeb({ category: 'lainnya', description: '=cmd|"/c calc"!A1 pengaduan' });
    const csv = (await api.get(`/offices/${office.slug}/complaints.csv?from=2026-11-01&to=2026-12-31&lang=en`, supervisor())).body as string;
    expect(csv).toContain(`"'=cmd|""/c calc""!A1 pengaduan"`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it('writes each handling step and the settings to the audit trail with the change, but not internal notes', async () => {
    const filed = await api.post(`/offices/${office.slug}/complaints`, { category: 'petugas', description: TEXT }, undefined, {
      'x-forwarded-for': '10.78.0.1',
    });
    const [{ id, number }] = await t.db.query(`SELECT id, number FROM complaints WHERE code = $1`, [filed.body.code]);
    const trail = async () =>
      t.db.query<{ action: string; actor_staff_id: string; subject_type: string; subject_label: string; before: unknown; after: unknown }[]>(
        `SELECT action, actor_staff_id, subject_type, subject_label, before, after FROM audit_log WHERE subject_id = $1 ORDER BY id`,
        [id],
      );

    await api.post(`/complaints/${id}/status`, { status: 'diproses' }, supervisor());
    await api.post(`/complaints/${id}/assign`, { staffId: office.officers[1].id }, supervisor());
    await api.post(`/complaints/${id}/notes`, { note: 'Nomor warga 0812-9999-0000, hubungi sore.' }, supervisor());
    await api.post(`/complaints/${id}/reply`, { reply: 'Sudah kami tindak lanjuti.' }, supervisor());
    await api.post(`/complaints/${id}/lapor`, { laporNumber: 'LAPOR-2026-0099' }, supervisor());
    await api.post(`/complaints/${id}/status`, { status: 'selesai' }, supervisor());
    // Refused changes write nothing: the entry commits with the change or not at all.
    expect((await api.post(`/complaints/${id}/status`, { status: 'diproses' }, supervisor())).status).toBe(409);
    expect((await api.post(`/complaints/${id}/lapor`, { laporNumber: 'LAPOR-2026-0100' }, supervisor())).status).toBe(409);

    const rows = await trail();
    expect(rows.map((row) => [row.action, row.before, row.after])).toEqual([
      ['complaint.status_changed', { status: 'diterima' }, { status: 'diproses' }],
      ['complaint.assigned', { staffId: null }, { staffId: office.officers[1].id }],
      ['complaint.replied', { publicReply: null }, { publicReply: 'Sudah kami tindak lanjuti.' }],
      ['complaint.handed_to_lapor', null, { laporNumber: 'LAPOR-2026-0099' }],
      ['complaint.status_changed', { status: 'diproses' }, { status: 'selesai' }],
    ]);
    expect(rows.every((row) => row.actor_staff_id === office.supervisor.id && row.subject_type === 'complaint' && row.subject_label === `#${number}`)).toBe(
      true,
    );
    expect(JSON.stringify(rows)).not.toContain('0812-9999-0000');

    const [{ complaint_response_days: days, lapor_channel: channel }] = await t.db.query(
      `SELECT complaint_response_days, lapor_channel FROM offices WHERE id = $1`,
      [office.id],
    );
    await api.send('PUT', `/offices/${office.slug}/complaints/settings`, { body: { responseWorkingDays: 4, laporChannel: 'LAPOR! kantor uji' }, token: admin });
    const [settings] = await t.db.query(
      `SELECT actor_staff_id, subject_type, before, after FROM audit_log WHERE action = 'complaint.settings_updated' AND office_id = $1 ORDER BY id DESC LIMIT 1`,
      [office.id],
    );
    expect(settings).toMatchObject({
      subject_type: 'office',
      before: { responseWorkingDays: days, laporChannel: channel },
      after: { responseWorkingDays: 4, laporChannel: 'LAPOR! kantor uji' },
    });

    // The admin's audit view finds them under the complaint group.
    const page = await api.get(`/audit?officeId=${office.id}&action=complaint`, admin);
    expect(page.status).toBe(200);
    expect(page.body.entries.map((entry: { action: string }) => entry.action)).toContain('complaint.handed_to_lapor');
  });

  it('limits public filings per address as the survey is', async () => {
    const headers = { 'x-forwarded-for': '10.77.0.1' };
    const statuses: number[] = [];
    for (let i = 0; i <= COMPLAINT_LIMIT; i += 1)
      statuses.push(
        (await api.post(`/offices/${office.slug}/complaints`, { category: 'lainnya', description: 'Uji batas kiriman.' }, undefined, headers)).status,
      );
    expect(statuses.slice(0, COMPLAINT_LIMIT).every((status) => status === 201)).toBe(true);
    expect(statuses[COMPLAINT_LIMIT]).toBe(429);
  });
});
