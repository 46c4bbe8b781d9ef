import { MAKLUMAT_TEMPLATE, type AdminServiceView, type MaklumatView, type OfficeStandardsView } from '@loket/domain';
import { ServiceStandardAndMaklumat1765030000000 } from '../src/database/migrations/1765030000000-service-standard-and-maklumat.js';
import { adminServiceBody, createStaff, useOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

type Refusal = { code?: string; message: string; details?: { field: string; problems: string[] }[] };

/**
 * What the office must publish (issue 19): the 14 components of each service's standard,
 * edited by an admin and audited; the maklumat, one row per version; and the public page
 * that shows both to anyone.
 */
describe('service standards and the maklumat', () => {
  const t = useTestApp();
  const api = t.api;
  const office = useOffice(t, {
    services: [{ code: 'A' }, { code: 'B' }],
    counters: [{ number: 1, services: ['A', 'B'] }],
  });
  const fields = (reply: { body: Refusal }) => (reply.body.details ?? []).map((detail) => detail.field);
  const auditRows = async (action: string, officeId: string) =>
    t.db.query<{ subject_id: string; before: unknown; after: Record<string, unknown> }[]>(
      'SELECT subject_id, before, after FROM audit_log WHERE action = $1 AND office_id = $2 ORDER BY id',
      [action, officeId],
    );

  // 07:30 WIB on a Monday.
  beforeEach(() => t.clock.set('2026-11-30T00:30:00.000Z'));

  const STANDARD = {
    requirements: ['Kartu Keluarga asli', 'Surat pengantar RT/RW'],
    procedure: ['  Ambil nomor antrean  ', 'Serahkan berkas di loket', 'Terima KTP-el'],
    completionTime: 'Selesai di hari yang sama',
    costRupiah: 0,
    product: 'KTP-el',
    complaintHandling: 'Loket 5 dan SP4N-LAPOR!',
    legalBasis: ['UU 24/2013 tentang Administrasi Kependudukan', 'UU 25/2009 tentang Pelayanan Publik'],
    facilities: 'Ruang tunggu ber-AC, kursi roda',
    competence: 'Terlatih SIAK',
    internalSupervision: 'Kepala Dinas',
    executorCount: 4,
    serviceGuarantee: 'Sesuai standar',
    safetyGuarantee: 'Data dijaga kerahasiaannya',
    performanceEvaluation: 'Triwulanan',
  };

  it('keeps all 14 components an admin gives, audits the change, and publishes them on the office’s page', async () => {
    const admin = await createStaff(t, 'admin');
    const saved = await api.send<AdminServiceView>('PATCH', `/admin/services/${office.services.A}`, { body: STANDARD, token: admin.token });
    expect(saved.status).toBe(200);
    expect(saved.body.standard).toMatchObject({ requirements: STANDARD.requirements, costRupiah: 0, completionTime: STANDARD.completionTime });
    expect(saved.body.details).toMatchObject({
      procedure: ['Ambil nomor antrean', 'Serahkan berkas di loket', 'Terima KTP-el'],
      executorCount: 4,
      product: 'KTP-el',
    });

    const [audit] = await auditRows('service.updated', office.id);
    expect(audit.subject_id).toBe(office.services.A);
    expect(audit.before).toMatchObject({ procedure: [], legalBasis: [], executorCount: null });
    expect(audit.after).toMatchObject({ procedure: saved.body.details.procedure, legalBasis: STANDARD.legalBasis, safetyGuarantee: STANDARD.safetyGuarantee });

    const page = await api.get<OfficeStandardsView>(`/offices/${office.slug}/standards`);
    expect(page.status).toBe(200);
    expect(page.body.services.map((s) => s.code)).toEqual(['A', 'B']);
    expect(page.body.services[0]).toMatchObject({ serviceId: office.services.A, ...STANDARD, procedure: saved.body.details.procedure });
    // A service nobody filled in is listed with empty components, not left out.
    expect(page.body.services[1]).toMatchObject({ procedure: [], product: '', executorCount: null });
    expect(page.body.maklumat).toBeNull();
  });

  it('changes one component without touching the others', async () => {
    const admin = await createStaff(t, 'admin');
    await api.send('PATCH', `/admin/services/${office.services.A}`, { body: STANDARD, token: admin.token });
    const changed = await api.send<AdminServiceView>('PATCH', `/admin/services/${office.services.A}`, { body: { product: 'KTP-el baru' }, token: admin.token });
    expect(changed.status).toBe(200);
    expect(changed.body.details).toMatchObject({ product: 'KTP-el baru', legalBasis: STANDARD.legalBasis, executorCount: 4 });
  });

  it('refuses a malformed standard with 400 naming the field, and changes nothing', async () => {
    const admin = await createStaff(t, 'admin');
    const cases: [Record<string, unknown>, string][] = [
      [{ procedure: 'Ambil nomor' }, 'procedure'],
      [{ procedure: ['Ambil nomor', 3] }, 'procedure'],
      [{ procedure: ['Ambil nomor', '   '] }, 'procedure.1'],
      [{ procedure: ['Ambil nomor', 'ambil NOMOR'] }, 'procedure.1'],
      [{ procedure: Array.from({ length: 31 }, (_, i) => `Langkah ${i}`) }, 'procedure'],
      [{ legalBasis: ['x'.repeat(301)] }, 'legalBasis.0'],
      [{ product: 'p'.repeat(2001) }, 'product'],
      [{ complaintHandling: 12 }, 'complaintHandling'],
      [{ executorCount: 0 }, 'executorCount'],
      [{ executorCount: 2.5 }, 'executorCount'],
      [{ facilities: 'Ruang\u0000tunggu' }, 'facilities'],
    ];
    for (const [change, field] of cases) {
      const reply = await api.send<Refusal>('PATCH', `/admin/services/${office.services.B}`, { body: change, token: admin.token });
      expect([field, reply.status]).toEqual([field, 400]);
      expect([field, fields(reply).includes(field) || reply.body.message.includes(field)]).toEqual([field, true]);
    }
    const created = await api.post<Refusal>(
      `/admin/offices/${office.id}/services`,
      adminServiceBody('C', { name: 'Akta', legalBasis: ['UU 25/2009', 'uu 25/2009'] }),
      admin.token,
    );
    expect(created.status).toBe(400);
    expect(fields(created)).toEqual(['legalBasis.1']);
    expect(await auditRows('service.updated', office.id)).toEqual([]);
    expect((await api.get<OfficeStandardsView>(`/offices/${office.slug}/standards`)).body.services.map((s) => s.code)).toEqual(['A', 'B']);
  });

  it('creates a service with its standard, and one without gets the components empty', async () => {
    const admin = await createStaff(t, 'admin');
    const akta = { name: 'Akta Kelahiran', requirements: ['KK'], completionTime: '1 hari kerja' };
    const full = await api.post<AdminServiceView>(
      `/admin/offices/${office.id}/services`,
      adminServiceBody('C', { ...akta, procedure: ['Ambil nomor'], executorCount: 2 }),
      admin.token,
    );
    expect(full.status).toBe(201);
    expect(full.body.details).toMatchObject({ procedure: ['Ambil nomor'], executorCount: 2, product: '' });
    const bare = await api.post<AdminServiceView>(`/admin/offices/${office.id}/services`, adminServiceBody('D', akta), admin.token);
    expect(bare.body.details).toEqual({
      procedure: [],
      product: '',
      complaintHandling: '',
      legalBasis: [],
      facilities: '',
      competence: '',
      internalSupervision: '',
      executorCount: null,
      serviceGuarantee: '',
      safetyGuarantee: '',
      performanceEvaluation: '',
    });
  });

  it('keeps every version of the maklumat, the latest in force, each in the audit trail', async () => {
    const admin = await createStaff(t, 'admin');
    const first = { text: MAKLUMAT_TEMPLATE, signerName: 'Drs. Hendra Gunawan', signerPosition: 'Kepala Dinas', signedOn: '2025-01-02' };
    const one = await api.post<MaklumatView>(`/admin/offices/${office.id}/maklumat`, first, admin.token);
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ ...first, version: 1, recordedBy: { id: admin.id }, recordedAt: '2026-11-30T00:30:00.000Z' });

    const second = { ...first, text: `${MAKLUMAT_TEMPLATE} Pelayanan prioritas gratis.`, signerName: '  Ir. Sri Mulyani  ', signedOn: '2026-11-30' };
    const two = await api.post<MaklumatView>(`/admin/offices/${office.id}/maklumat`, second, admin.token);
    expect(two.status).toBe(201);
    expect(two.body).toMatchObject({ version: 2, signerName: 'Ir. Sri Mulyani', signedOn: '2026-11-30' });

    const history = await api.get<MaklumatView[]>(`/admin/offices/${office.id}/maklumat`, office.supervisor.token);
    expect(history.status).toBe(200);
    expect(history.body.map((m) => [m.version, m.signerName])).toEqual([
      [2, 'Ir. Sri Mulyani'],
      [1, 'Drs. Hendra Gunawan'],
    ]);
    expect((await api.get<OfficeStandardsView>(`/offices/${office.slug}/standards`)).body.maklumat).toMatchObject({ version: 2, text: second.text });

    const audits = await auditRows('maklumat.recorded', office.id);
    expect(audits.map((row) => [row.before, row.after.version, row.after.text])).toEqual([
      [null, 1, first.text],
      [{ version: 1 }, 2, second.text],
    ]);
    // Versions are append-only: the database itself refuses to rewrite one.
    await expect(t.db.query(`UPDATE office_maklumat SET text = 'x' WHERE office_id = $1`, [office.id])).rejects.toThrow(/append-only/);
  });

  it('takes a maklumat signed today in the office’s own zone, and refuses one signed after it', async () => {
    const admin = await createStaff(t, 'admin');
    // 17:30 UTC is already 00:30 the next day in WIB.
    t.clock.set('2026-11-30T17:30:00.000Z');
    const body = { text: MAKLUMAT_TEMPLATE, signerName: 'Drs. Hendra Gunawan', signerPosition: 'Kepala Dinas', signedOn: '2026-12-01' };
    expect((await api.post(`/admin/offices/${office.id}/maklumat`, body, admin.token)).status).toBe(201);
    const later = await api.post<Refusal>(`/admin/offices/${office.id}/maklumat`, { ...body, signedOn: '2026-12-02' }, admin.token);
    expect(later.status).toBe(400);
    expect(later.body.details).toEqual([{ field: 'signedOn', problems: [expect.stringContaining('after today (2026-12-01)')] }]);
  });

  it('refuses a malformed maklumat with 400 naming the field, and records no version', async () => {
    const admin = await createStaff(t, 'admin');
    const good = { text: MAKLUMAT_TEMPLATE, signerName: 'Drs. Hendra Gunawan', signerPosition: 'Kepala Dinas', signedOn: '2026-01-02' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, text: 'Kami sanggup.' }, 'text'],
      [{ ...good, text: 'x'.repeat(3001) }, 'text'],
      [{ ...good, signerName: '  ' }, 'signerName'],
      [{ ...good, signerPosition: 42 }, 'signerPosition'],
      [{ ...good, signedOn: '2026-02-30' }, 'signedOn'],
      [{ ...good, signedOn: '02-01-2026' }, 'signedOn'],
      [{ ...good, signedOn: '2009-07-17' }, 'signedOn'],
      [{ ...good, signedOn: undefined }, 'signedOn'],
      [{ ...good, text: 'Kami\u0000sanggup menyelenggarakan pelayanan' }, 'text'],
    ];
    for (const [body, field] of cases) {
      const reply = await api.post<Refusal>(`/admin/offices/${office.id}/maklumat`, body, admin.token);
      expect([field, reply.status]).toEqual([field, 400]);
      expect([field, fields(reply).includes(field) || reply.body.message.includes(field)]).toEqual([field, true]);
    }
    expect(await auditRows('maklumat.recorded', office.id)).toEqual([]);
    expect((await api.get(`/admin/offices/${office.id}/maklumat`, admin.token)).body).toEqual([]);
  });

  it('publishes the office’s SP4N-LAPOR! channel beside its standards, empty until one is set', async () => {
    const admin = await createStaff(t, 'admin');
    expect((await api.get<OfficeStandardsView>(`/offices/${office.slug}/standards`)).body.office.laporChannel).toBe('');
    const channel = 'https://www.lapor.go.id/instansi/kantor-uji';
    const saved = await api.send('PUT', `/offices/${office.slug}/complaints/settings`, {
      body: { responseWorkingDays: 5, laporChannel: channel },
      token: admin.token,
    });
    expect(saved.status).toBe(200);
    expect((await api.get<OfficeStandardsView>(`/offices/${office.slug}/standards`)).body.office.laporChannel).toBe(channel);
  });

  it('publishes active services only, and answers 404 for an office that does not exist', async () => {
    await t.db.query('UPDATE services SET active = false WHERE id = $1', [office.services.B]);
    expect((await api.get<OfficeStandardsView>(`/offices/${office.slug}/standards`)).body.services.map((s) => s.code)).toEqual(['A']);
    expect((await api.get(`/offices/tidak-ada-${office.slug}/standards`)).status).toBe(404);
  });

  it('runs its migration down and up again: the columns and the table go, and come back working', async () => {
    const migration = new ServiceStandardAndMaklumat1765030000000();
    // One runner at a time: on PGlite the pool is one connection, which a held runner keeps.
    const run = async (step: 'up' | 'down') => {
      const runner = t.db.createQueryRunner();
      try {
        await migration[step](runner);
      } finally {
        await runner.release();
      }
    };
    const columns = async () =>
      (
        await t.db.query<{ column_name: string }[]>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'services' AND column_name IN ('procedure', 'legal_basis', 'executor_count') ORDER BY 1`,
        )
      ).map((row) => row.column_name);
    const table = async () => (await t.db.query<{ name: string | null }[]>(`SELECT to_regclass('office_maklumat')::text AS name`))[0].name;

    await run('down');
    expect([await columns(), await table()]).toEqual([[], null]);
    await run('up');
    expect([await columns(), await table()]).toEqual([['executor_count', 'legal_basis', 'procedure'], 'office_maklumat']);

    const admin = await createStaff(t, 'admin');
    const body = { text: MAKLUMAT_TEMPLATE, signerName: 'Drs. Hendra Gunawan', signerPosition: 'Kepala Dinas', signedOn: '2026-01-02' };
    expect((await api.post(`/admin/offices/${office.id}/maklumat`, body, admin.token)).status).toBe(201);
    expect((await api.send('PATCH', `/admin/services/${office.services.A}`, { body: STANDARD, token: admin.token })).status).toBe(200);
  });
});
