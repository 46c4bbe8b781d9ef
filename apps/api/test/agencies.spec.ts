import type { AdminCounterView, AdminServiceView, AgencyView, OfficeSnapshot } from '@loket/domain';
import { type OfficeFixture, adminCounterBody, adminServiceBody, createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/** Agencies (instansi) under one roof (issue 20): the model, the admin API and the rules kept on moves and deletes. */
describe('agencies', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let admin: { id: string; token: string };

  const patch = (path: string, body: unknown, token = admin.token) => api.send('PATCH', path, { body, token });
  const remove = (path: string, token = admin.token) => api.send('DELETE', path, { token });
  const agencies = async (officeId = office.id) => (await api.get<AgencyView[]>(`/admin/offices/${officeId}/agencies`, admin.token)).body;
  const board = async () => (await api.get<OfficeSnapshot>(`/offices/${office.slug}/board`)).body;
  const seqOf = async (officeId: string) => Number((await t.db.query<{ seq: string }[]>('SELECT seq FROM offices WHERE id = $1', [officeId]))[0].seq);
  const auditActions = async (subjectId: string) =>
    (await t.db.query<{ action: string }[]>('SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id', [subjectId])).map((row) => row.action);
  const addAgency = async (shortName: string, extra: Record<string, unknown> = {}) => {
    const reply = await api.post<AgencyView>(`/admin/offices/${office.id}/agencies`, { name: `Instansi ${shortName}`, shortName, ...extra }, admin.token);
    expect(reply.status).toBe(201);
    return reply.body;
  };

  beforeEach(async () => {
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, {
      services: [{ code: 'A' }, { code: 'B' }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A', 'B'] },
      ],
    });
    admin = await createStaff(t, 'admin');
  });

  it('gives a new office one agency holding every service and counter, and the board says so', async () => {
    const [only, ...others] = await agencies();
    expect(others).toEqual([]);
    expect(only).toMatchObject({ officeId: office.id, sortOrder: 0, color: '#1d4ed8' });
    const snapshot = await board();
    expect(snapshot.agencies).toEqual([only]);
    expect(snapshot.services.map((service) => service.agencyId)).toEqual([only.id, only.id]);
    expect(snapshot.counters.map((counter) => counter.agencyId)).toEqual([only.id, only.id]);
  });

  it('creates, lists in order and edits agencies, each change audited and announced to the screens', async () => {
    const seq = await seqOf(office.id);
    const samsat = await addAgency('Samsat', { color: '#B91C1C', sortOrder: 2 });
    const dukcapil = await addAgency('Dukcapil', { sortOrder: 1 });
    expect(samsat.color).toBe('#b91c1c');
    expect((await agencies()).map((agency) => agency.shortName).slice(1)).toEqual(['Dukcapil', 'Samsat']);
    const renamed = await patch(`/admin/agencies/${dukcapil.id}`, { name: 'Dinas Kependudukan dan Pencatatan Sipil' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ shortName: 'Dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', sortOrder: 1 });
    expect(await auditActions(dukcapil.id)).toEqual(['agency.created', 'agency.updated']);
    expect(await seqOf(office.id)).toBe(seq + 3);
    expect((await board()).agencies.map((agency) => agency.shortName)).toContain('Dukcapil');
  });

  it('refuses a short name already used in the office, a bad colour, and empty fields, writing nothing', async () => {
    await addAgency('Dukcapil');
    const before = await agencies();
    const taken = await api.post(`/admin/offices/${office.id}/agencies`, { name: 'Lain', shortName: 'dukcapil' }, admin.token);
    expect(taken).toMatchObject({ status: 409, body: { code: 'agency_short_name_taken' } });
    const colour = await api.post(`/admin/offices/${office.id}/agencies`, { name: 'Imigrasi', shortName: 'Imigrasi', color: 'red' }, admin.token);
    expect(colour).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const blank = await api.post(`/admin/offices/${office.id}/agencies`, { name: ' ', shortName: 'X' }, admin.token);
    expect(blank.status).toBe(400);
    const nulls = await patch(`/admin/agencies/${before[1].id}`, { shortName: null });
    expect(nulls.status).toBe(400);
    expect(await agencies()).toEqual(before);
  });

  it('puts a new service or counter in the first agency unless told, and refuses an agency of another office', async () => {
    const [first] = await agencies();
    const samsat = await addAgency('Samsat');
    const plain = await api.post<AdminServiceView>(`/admin/offices/${office.id}/services`, adminServiceBody('C'), admin.token);
    expect(plain.body.agencyId).toBe(first.id);
    const owned = await api.post<AdminServiceView>(`/admin/offices/${office.id}/services`, adminServiceBody('D', { agencyId: samsat.id }), admin.token);
    expect(owned.body.agencyId).toBe(samsat.id);
    const counter = await api.post<AdminCounterView>(
      `/admin/offices/${office.id}/counters`,
      adminCounterBody(7, [owned.body.id], { name: 'Loket Samsat 1', agencyId: samsat.id }),
      admin.token,
    );
    expect(counter.body.agencyId).toBe(samsat.id);

    const elsewhere = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
    const [foreign] = await agencies(elsewhere.id);
    const refused = await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('E', { agencyId: foreign.id }), admin.token);
    expect(refused).toMatchObject({ status: 400, body: { code: 'validation_failed', details: [{ field: 'agencyId' }] } });
    const moved = await patch(`/admin/counters/${office.counters[1]}`, { agencyId: foreign.id });
    expect(moved).toMatchObject({ status: 400, body: { details: [{ field: 'agencyId' }] } });
    const garbage = await patch(`/admin/services/${office.services.A}`, { agencyId: 'not-a-uuid' });
    expect(garbage.status).toBe(400);
  });

  it('moves a counter only while it is closed (counter_open), audited with before and after', async () => {
    const samsat = await addAgency('Samsat');
    const counterId = office.counters[1];
    expect((await api.post(`/counters/${counterId}/open`, undefined, office.officers[1].token)).status).toBe(200);
    const refused = await patch(`/admin/counters/${counterId}`, { agencyId: samsat.id });
    expect(refused).toMatchObject({ status: 409, body: { code: 'counter_open', details: { counters: ['Loket 1'] } } });
    expect((await board()).counters.find((counter) => counter.id === counterId)?.agencyId).not.toBe(samsat.id);

    expect((await api.post(`/counters/${counterId}/close`, undefined, office.officers[1].token)).status).toBe(200);
    const moved = await patch(`/admin/counters/${counterId}`, { agencyId: samsat.id });
    expect(moved.status).toBe(200);
    expect(moved.body.agencyId).toBe(samsat.id);
    const [audit] = await t.db.query<{ before: { agencyId: string }; after: { agencyId: string } }[]>(
      `SELECT before, after FROM audit_log WHERE subject_id = $1 AND action = 'counter.updated' ORDER BY id DESC LIMIT 1`,
      [counterId],
    );
    expect(audit.after.agencyId).toBe(samsat.id);
    expect(audit.before.agencyId).not.toBe(samsat.id);
    expect((await board()).counters.find((counter) => counter.id === counterId)?.agencyId).toBe(samsat.id);
  });

  it('moves a service only while no counter serving it is open', async () => {
    const samsat = await addAgency('Samsat');
    expect((await api.post(`/counters/${office.counters[2]}/open`, undefined, office.officers[2].token)).status).toBe(200);
    const refused = await patch(`/admin/services/${office.services.B}`, { agencyId: samsat.id });
    expect(refused).toMatchObject({ status: 409, body: { code: 'counter_open', details: { counters: ['Loket 2'] } } });
    // Renaming it is not a move: allowed while open.
    expect((await patch(`/admin/services/${office.services.B}`, { name: 'Kartu Keluarga' })).status).toBe(200);
    expect((await api.post(`/counters/${office.counters[2]}/pause`, { reason: 'ishoma' }, office.officers[2].token)).status).toBe(200);
    expect((await patch(`/admin/services/${office.services.B}`, { agencyId: samsat.id })).body.code).toBe('counter_open');
    expect((await api.post(`/counters/${office.counters[2]}/close`, undefined, office.officers[2].token)).status).toBe(200);
    const moved = await patch(`/admin/services/${office.services.B}`, { agencyId: samsat.id });
    expect(moved.status).toBe(200);
    expect(moved.body.agencyId).toBe(samsat.id);
    expect((await board()).services.find((service) => service.id === office.services.B)?.agencyId).toBe(samsat.id);
  });

  it('deletes an agency only when it holds nothing and is not the last', async () => {
    const [first] = await agencies();
    const samsat = await addAgency('Samsat');
    expect(await remove(`/admin/agencies/${first.id}`)).toMatchObject({ status: 409, body: { code: 'agency_has_services', details: { services: 2 } } });

    // Services moved out, the counters still hold it.
    for (const id of Object.values(office.services)) expect((await patch(`/admin/services/${id}`, { agencyId: samsat.id })).status).toBe(200);
    expect(await remove(`/admin/agencies/${first.id}`)).toMatchObject({ status: 409, body: { code: 'agency_has_counters' } });
    for (const id of Object.values(office.counters)) expect((await patch(`/admin/counters/${id}`, { agencyId: samsat.id })).status).toBe(200);

    const seq = await seqOf(office.id);
    expect((await remove(`/admin/agencies/${first.id}`)).status).toBe(204);
    expect(await auditActions(first.id)).toEqual(['agency.deleted']);
    expect(await seqOf(office.id)).toBe(seq + 1);
    expect((await agencies()).map((agency) => agency.id)).toEqual([samsat.id]);

    // The last one stays, even empty of nothing to move.
    expect(await remove(`/admin/agencies/${samsat.id}`)).toMatchObject({ status: 409, body: { code: 'agency_has_services' } });
    const lone = await createOffice(t, { services: [], counters: [] });
    const [loneAgency] = await agencies(lone.id);
    expect(await remove(`/admin/agencies/${loneAgency.id}`)).toMatchObject({ status: 409, body: { code: 'agency_last' } });
    expect((await remove('/admin/agencies/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lets an office supervisor read the agencies of their office and no other, and change none', async () => {
    expect((await api.get(`/admin/offices/${office.id}/agencies`, office.supervisor.token)).status).toBe(200);
    const elsewhere = await createOffice(t, { services: [], counters: [] });
    expect((await api.get(`/admin/offices/${elsewhere.id}/agencies`, office.supervisor.token)).body.code).toBe('not_your_office');
    expect((await api.post(`/admin/offices/${office.id}/agencies`, { name: 'Imigrasi', shortName: 'Imigrasi' }, office.supervisor.token)).status).toBe(403);
  });

  describe('an agency supervisor', () => {
    it('acts on their agency’s counters and tickets only: another agency’s is refused (not_your_agency) and left as it was', async () => {
      const samsat = await addAgency('Samsat');
      expect((await patch(`/admin/counters/${office.counters[2]}`, { agencyId: samsat.id })).status).toBe(200);
      const confined = await patch(`/admin/staff/${office.supervisor.id}`, { agencyId: samsat.id });
      expect(confined.status).toBe(200);
      expect(confined.body.agencyId).toBe(samsat.id);
      const supervisor = office.supervisor.token;
      expect((await api.get('/auth/me', supervisor)).body.agencyId).toBe(samsat.id);

      expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
      expect((await api.post(`/counters/${office.counters[2]}/open`, undefined, office.officers[2].token)).status).toBe(200);
      const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
      expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, office.officers[1].token)).status).toBe(200);

      const before = await board();
      for (const [path, body] of [
        [`/counters/${office.counters[1]}/pause`, { reason: 'briefing', note: 'Rapat' }],
        [`/counters/${office.counters[1]}/close`, { note: 'Rapat' }],
        [`/counters/${office.counters[1]}/call-next`, undefined],
        [`/tickets/${ticket.id}/recall`, undefined],
        [`/tickets/${ticket.id}/no-show`, undefined],
        [`/offices/${office.slug}/supervision/observations`, { counterId: office.counters[1], answers: [] }],
      ] as const) {
        const refused = await api.post(path, body, supervisor);
        expect({ path, status: refused.status, code: refused.body.code }).toEqual({ path, status: 403, code: 'not_your_agency' });
      }
      const after = await board();
      expect(after.counters).toEqual(before.counters);
      expect(after.seq).toBe(before.seq);

      // Their own agency's counter: closed, with the reason a supervisor gives.
      const closed = await api.post(`/counters/${office.counters[2]}/close`, { note: 'Rapat mendadak' }, supervisor);
      expect(closed.status).toBe(200);
      expect(closed.body.state).toBe('closed');
      // The office's own supervisor and an admin are not confined.
      const officeWide = await createStaff(t, 'supervisor', [office.id]);
      expect((await api.post(`/counters/${office.counters[1]}/pause`, { reason: 'briefing', note: 'Rapat' }, officeWide.token)).status).not.toBe(403);
    });

    it('is set up through the staff API: an agency of their office, never for an admin, and holds the agency from deletion', async () => {
      const samsat = await addAgency('Samsat');
      const elsewhere = await createOffice(t, { services: [], counters: [] });
      const [foreign] = await agencies(elsewhere.id);
      const base = { name: 'Supervisor Samsat', nip: null, role: 'supervisor', officeIds: [office.id], password: 'kata-sandi-panjang' };
      const username = () => `spv-${Math.random().toString(36).slice(2, 10)}`;
      const wrongOffice = await api.post('/admin/staff', { ...base, username: username(), agencyId: foreign.id }, admin.token);
      expect(wrongOffice).toMatchObject({ status: 400, body: { details: [{ field: 'agencyId' }] } });
      const asAdmin = await api.post('/admin/staff', { ...base, username: username(), role: 'admin', officeIds: [], agencyId: samsat.id }, admin.token);
      expect(asAdmin).toMatchObject({ status: 400, body: { details: [{ field: 'agencyId' }] } });
      const made = await api.post('/admin/staff', { ...base, username: username(), agencyId: samsat.id }, admin.token);
      expect(made.status).toBe(201);
      expect(made.body.agencyId).toBe(samsat.id);

      expect(await remove(`/admin/agencies/${samsat.id}`)).toMatchObject({ status: 409, body: { code: 'agency_has_staff' } });
      expect((await patch(`/admin/staff/${made.body.id}`, { agencyId: null })).body.agencyId).toBeNull();
      expect((await remove(`/admin/agencies/${samsat.id}`)).status).toBe(204);
    });
  });
});
