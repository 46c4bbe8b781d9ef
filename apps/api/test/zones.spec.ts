import type { AgencyView, OfficeSnapshot, ZoneView } from '@loket/domain';
import { type OfficeFixture, createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/** Zones of a building (issue 20): the admin API, what the board's snapshot carries, and the refusals. */
describe('zones', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let admin: { id: string; token: string };
  let dukcapil: AgencyView;
  let samsat: AgencyView;

  const zonesOf = async (officeId = office.id) => (await api.get<ZoneView[]>(`/admin/offices/${officeId}/zones`, admin.token)).body;
  const board = async () => (await api.get<OfficeSnapshot>(`/offices/${office.slug}/board`)).body;
  const seqOf = async (officeId: string) => Number((await t.db.query<{ seq: string }[]>('SELECT seq FROM offices WHERE id = $1', [officeId]))[0].seq);
  const auditOf = (subjectId: string) =>
    t.db.query<{ action: string; before: unknown; after: unknown }[]>('SELECT action, before, after FROM audit_log WHERE subject_id = $1 ORDER BY id', [
      subjectId,
    ]);
  const create = (body: unknown, officeId = office.id) => api.post<ZoneView>(`/admin/offices/${officeId}/zones`, body, admin.token);
  const patch = (id: string, body: unknown) => api.send('PATCH', `/admin/zones/${id}`, { body, token: admin.token });
  const tables = async () =>
    t.db.query<{ zones: number; agencies: number; counters: number }[]>(
      `SELECT (SELECT count(*)::int FROM zones WHERE office_id = $1) AS zones, (SELECT count(*)::int FROM zone_agencies WHERE office_id = $1) AS agencies,
              (SELECT count(*)::int FROM zone_counters WHERE office_id = $1) AS counters`,
      [office.id],
    );

  beforeEach(async () => {
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, {
      services: [{ code: 'A' }, { code: 'S' }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
        { number: 11, services: ['S'] },
        { number: 12, services: ['S'] },
      ],
    });
    admin = await createStaff(t, 'admin');
    [dukcapil] = (await api.get<AgencyView[]>(`/admin/offices/${office.id}/agencies`, admin.token)).body;
    samsat = (await api.post<AgencyView>(`/admin/offices/${office.id}/agencies`, { name: 'Samsat', shortName: 'Samsat' }, admin.token)).body;
    for (const number of [11, 12]) expect((await patch2(`/admin/counters/${office.counters[number]}`, { agencyId: samsat.id })).status).toBe(200);
  });
  const patch2 = (path: string, body: unknown) => api.send('PATCH', path, { body, token: admin.token });

  it('makes a zone of an agency and a counter, audited, announced, and carried by the board’s snapshot', async () => {
    const seq = await seqOf(office.id);
    const made = await create({ name: '  Lantai 1 –  Zona A ', agencyIds: [dukcapil.id], counterIds: [office.counters[11]] });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({
      id: expect.any(String),
      officeId: office.id,
      name: 'Lantai 1 – Zona A',
      slug: 'lantai-1-zona-a',
      agencyIds: [dukcapil.id],
      counterIds: [office.counters[11]],
      sortOrder: 0,
    });
    expect(await seqOf(office.id)).toBe(seq + 1);
    expect((await board()).zones).toEqual([made.body]);
    expect(await zonesOf()).toEqual([made.body]);
    expect((await auditOf(made.body.id)).map((row) => row.action)).toEqual(['zone.created']);
    const upstairs = await create({ name: 'Lantai 2', counterIds: [office.counters[12]] });
    expect(upstairs.body.sortOrder).toBe(1);
    expect((await board()).zones.map((zone) => zone.slug)).toEqual(['lantai-1-zona-a', 'lantai-2']);
  });

  it('renames a zone, sets its members, and deletes it; each change audited with before and after', async () => {
    const zone = (await create({ name: 'Lantai 1', agencyIds: [dukcapil.id] })).body;
    const renamed = await patch(zone.id, { name: 'Lantai Dasar' });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Lantai Dasar', slug: 'lantai-dasar', agencyIds: [dukcapil.id], counterIds: [] } });
    // A list sent replaces the zone's; the one left out stays.
    const counters = await patch(zone.id, { counterIds: [office.counters[12], office.counters[11]] });
    expect(counters.body).toMatchObject({ agencyIds: [dukcapil.id], counterIds: [office.counters[11], office.counters[12]] });
    const agencies = await patch(zone.id, { agencyIds: [samsat.id], counterIds: [] });
    expect(agencies.body).toMatchObject({ agencyIds: [samsat.id], counterIds: [] });
    const [, firstChange] = await auditOf(zone.id);
    expect(firstChange).toMatchObject({
      action: 'zone.updated',
      before: { name: 'Lantai 1', slug: 'lantai-1' },
      after: { name: 'Lantai Dasar', slug: 'lantai-dasar' },
    });

    const seq = await seqOf(office.id);
    expect((await api.send('DELETE', `/admin/zones/${zone.id}`, { token: admin.token })).status).toBe(204);
    expect(await seqOf(office.id)).toBe(seq + 1);
    expect((await board()).zones).toEqual([]);
    expect((await auditOf(zone.id)).map((row) => row.action)).toEqual(['zone.created', 'zone.updated', 'zone.updated', 'zone.updated', 'zone.deleted']);
    expect(await tables()).toEqual([{ zones: 0, agencies: 0, counters: 0 }]);
    expect((await api.send('DELETE', `/admin/zones/${zone.id}`, { token: admin.token })).status).toBe(404);
    expect((await patch(zone.id, { name: 'Lagi' })).status).toBe(404);
  });

  it('refuses a duplicate name or board address, another office’s counters or agencies, and a zone of nothing, writing nothing', async () => {
    const zone = (await create({ name: 'Lantai 1 – Zona A', agencyIds: [dukcapil.id] })).body;
    const other = (await create({ name: 'Lantai 2', agencyIds: [samsat.id] })).body;
    const before = await tables();
    const seq = await seqOf(office.id);

    for (const name of ['lantai 1 – zona a', 'Lantai 1 - Zona A', 'LANTAI 1 ZONA A']) {
      expect(await create({ name, agencyIds: [samsat.id] })).toMatchObject({ status: 409, body: { code: 'zone_name_taken', details: [{ field: 'name' }] } });
    }
    expect(await patch(other.id, { name: 'Lantai 1 (Zona A)' })).toMatchObject({ status: 409, body: { code: 'zone_name_taken' } });
    // Its own name, in another case, is not another zone's.
    expect((await patch(zone.id, { name: 'LANTAI 1 – ZONA A' })).status).toBe(200);

    const elsewhere = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const [foreignAgency] = await zonesAgencies(elsewhere.id);
    const foreignCounter = await create({ name: 'Lantai 3', counterIds: [office.counters[1], elsewhere.counters[1]] });
    expect(foreignCounter).toMatchObject({ status: 400, body: { code: 'zone_outside_office', details: [{ field: 'counterIds' }] } });
    expect(JSON.stringify(foreignCounter.body)).toContain(elsewhere.counters[1]);
    expect(await create({ name: 'Lantai 3', agencyIds: [foreignAgency] })).toMatchObject({
      status: 400,
      body: { code: 'zone_outside_office', details: [{ field: 'agencyIds' }] },
    });
    expect(await patch(zone.id, { counterIds: [elsewhere.counters[1]] })).toMatchObject({ status: 400, body: { code: 'zone_outside_office' } });
    expect(await create({ name: 'Lantai 3' })).toMatchObject({ status: 400, body: { code: 'zone_empty' } });
    expect(await patch(zone.id, { agencyIds: [] })).toMatchObject({ status: 400, body: { code: 'zone_empty' } });

    for (const body of [
      { name: '– –', agencyIds: [dukcapil.id] },
      { name: 'x', agencyIds: [dukcapil.id] },
      { name: 'Lantai 3', agencyIds: ['not-a-uuid'] },
      { name: 'Lantai 3', agencyIds: [dukcapil.id, dukcapil.id] },
      { name: 'Lantai 3', counterIds: 'all' },
    ]) {
      expect(await create(body)).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    }
    expect(await patch(zone.id, { name: null })).toMatchObject({ status: 400 });
    expect(await patch(zone.id, {})).toMatchObject({ status: 400 });
    expect(await tables()).toEqual(before);
    // The one rename allowed above moved the sequence on; nothing refused did.
    expect(await seqOf(office.id)).toBe(seq + 1);
  });

  it('cannot hold another office’s counter even written past the API', async () => {
    const zone = (await create({ name: 'Lantai 1', agencyIds: [dukcapil.id] })).body;
    const elsewhere = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    await expect(
      t.db.query('INSERT INTO zone_counters (zone_id, office_id, counter_id) VALUES ($1, $2, $3)', [zone.id, office.id, elsewhere.counters[1]]),
    ).rejects.toThrow(/foreign key/);
    await expect(
      t.db.query('INSERT INTO zone_counters (zone_id, office_id, counter_id) VALUES ($1, $2, $3)', [zone.id, elsewhere.id, elsewhere.counters[1]]),
    ).rejects.toThrow(/foreign key/);
  });

  it('lets an office supervisor read their office’s zones and change none', async () => {
    const zone = (await create({ name: 'Lantai 1', agencyIds: [dukcapil.id] })).body;
    expect((await api.get<ZoneView[]>(`/admin/offices/${office.id}/zones`, office.supervisor.token)).body).toEqual([zone]);
    expect((await api.post(`/admin/offices/${office.id}/zones`, { name: 'Lantai 2', agencyIds: [samsat.id] }, office.supervisor.token)).status).toBe(403);
    const elsewhere = await createOffice(t, { services: [], counters: [] });
    expect((await api.get(`/admin/offices/${elsewhere.id}/zones`, office.supervisor.token)).body.code).toBe('not_your_office');
  });

  const zonesAgencies = async (officeId: string) =>
    (await t.db.query<{ id: string }[]>('SELECT id FROM agencies WHERE office_id = $1', [officeId])).map((row) => row.id);
});
