import { randomBytes, randomInt } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  ClientEvent,
  type ClientToServerEvents,
  type OfficeEvent,
  type OfficeSnapshot,
  ServerEvent,
  type ServerToClientEvents,
  type StaffRole,
} from '@loket/domain';
import { type OfficeFixture, adminCounterBody, adminServiceBody, createOffice, createStaff } from './support/fixtures.js';
import type { Reply } from './support/http.js';
import { useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const hours = (days: number[], opens = '07:30', closes = '16:00') => days.map((weekday) => ({ weekday, opens, closes }));
const counterBody = (number: number, serviceIds: string[], extra: Record<string, unknown> = {}) =>
  adminCounterBody(number, serviceIds, { schedule: hours([1, 2, 3, 4], '08:00', '15:00'), ...extra });
/** A NIP no earlier run has used (PostgreSQL keeps the rows between runs). */
const randomNip = () =>
  `${randomInt(1960, 2000)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}` +
  `${randomInt(1985, 2025)}${String(randomInt(1, 13)).padStart(2, '0')}${randomInt(1, 3)}${String(randomInt(0, 1000)).padStart(3, '0')}`;

describe('admin: the office set-up and the audit trail', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let admin: { id: string; token: string };
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  const makeStaff = (role: StaffRole, officeIds: string[] = []) => createStaff(t, role, officeIds);
  const auditCount = async () => Number((await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM audit_log'))[0].n);
  const lastAudit = async (subjectId: string) => (await t.db.query(`SELECT * FROM audit_log WHERE subject_id = $1 ORDER BY id DESC LIMIT 1`, [subjectId]))[0];
  const seqOf = async (officeId: string) => Number((await t.db.query<{ seq: string }[]>('SELECT seq FROM offices WHERE id = $1', [officeId]))[0].seq);
  const fields = (reply: { body: { details?: { field: string }[] } }) => (reply.body.details ?? []).map((detail) => detail.field);

  beforeEach(async () => {
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    await t.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [office.id, JSON.stringify(hours([1, 2, 3, 4, 5]))]);
    admin = await makeStaff('admin');
  });

  describe('who may reach it', () => {
    it('answers 401 without a token and 403 to an officer on every endpoint, a supervisor on every change, and writes nothing', async () => {
      const staffId = office.officers[1].id;
      const serviceId = office.services.A;
      const counterId = office.counters[1];
      const endpoints: [string, string, unknown?][] = [
        ['GET', '/admin/offices'],
        [
          'POST',
          '/admin/offices',
          { name: 'Kantor Baru', slug: `baru-${randomBytes(3).toString('hex')}`, timeZone: 'Asia/Jakarta', openingHours: [], priorityMaxWaitMinutes: 10 },
        ],
        ['PATCH', `/admin/offices/${office.id}`, { name: 'Diubah' }],
        ['GET', `/admin/offices/${office.id}/services`],
        ['POST', `/admin/offices/${office.id}/services`, adminServiceBody('Q')],
        ['PATCH', `/admin/services/${serviceId}`, { name: 'Diubah' }],
        ['GET', `/admin/offices/${office.id}/counters`],
        ['POST', `/admin/offices/${office.id}/counters`, counterBody(40, [serviceId])],
        ['PATCH', `/admin/counters/${counterId}`, { name: 'Diubah' }],
        ['GET', `/admin/offices/${office.id}/checklists`],
        ['PUT', `/admin/offices/${office.id}/checklists/shift_start`, { items: [{ code: 'penampilan', label: 'Penampilan', active: true }] }],
        ['GET', '/admin/staff'],
        [
          'POST',
          '/admin/staff',
          { username: `x${randomBytes(4).toString('hex')}`, name: 'Nama', nip: null, role: 'officer', officeIds: [office.id], password: 'kata-sandi-panjang' },
        ],
        ['PATCH', `/admin/staff/${staffId}`, { name: 'Diubah' }],
        ['POST', `/admin/staff/${staffId}/reset-password`, { password: 'kata-sandi-panjang' }],
        ['POST', `/admin/staff/${staffId}/deactivate`],
        ['POST', `/admin/staff/${staffId}/reactivate`],
        ['GET', '/audit'],
      ];
      const before = await auditCount();
      const seq = await seqOf(office.id);
      for (const [method, path, body] of endpoints) {
        expect([path, (await api.send(method, path, { body })).status]).toEqual([path, 401]);
        expect([path, (await api.send(method, path, { body, token: office.officers[1].token })).status]).toEqual([path, 403]);
        const asSupervisor = await api.send(method, path, { body, token: office.supervisor.token });
        expect([method, path, asSupervisor.status]).toEqual([method, path, method === 'GET' ? 200 : 403]);
      }
      expect(await auditCount()).toBe(before);
      expect(await seqOf(office.id)).toBe(seq);
      expect((await t.db.query(`SELECT name FROM services WHERE id = $1`, [serviceId]))[0].name).toBe('Layanan A');
    });

    it('refuses bodies that are not the expected object, hostile strings included, without a 500', async () => {
      const before = await auditCount();
      const bodies = [
        '[]',
        '"X"',
        'null',
        '{"code":{"$gt":""}}',
        `{"code":"X","name":"${'a'.repeat(5000)}"}`,
        '{"code":"X\'; DROP TABLE services;--"}',
        '{"__proto__":{"admin":true}}',
      ];
      for (const raw of bodies) {
        for (const path of [`/admin/offices/${office.id}/services`, `/admin/offices/${office.id}/counters`, '/admin/staff', '/admin/offices']) {
          const reply = await api.send('POST', path, { raw, token: admin.token });
          expect([path, raw.slice(0, 30), reply.status]).toEqual([path, raw.slice(0, 30), 400]);
        }
        const patch = await api.send('PATCH', `/admin/services/${office.services.A}`, { raw, token: admin.token });
        expect([raw.slice(0, 30), patch.status]).toEqual([raw.slice(0, 30), 400]);
      }
      expect(await auditCount()).toBe(before);
    });

    it('shows a supervisor only the offices they are assigned to', async () => {
      const other = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
      const offices = await api.get('/admin/offices', office.supervisor.token);
      expect(offices.body.map((o: { id: string }) => o.id)).toEqual([office.id]);
      const all = await api.get('/admin/offices', admin.token);
      expect(all.body.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([office.id, other.id]));

      for (const path of [
        `/admin/offices/${other.id}/services`,
        `/admin/offices/${other.id}/counters`,
        `/admin/offices/${other.id}/checklists`,
        `/admin/staff?officeId=${other.id}`,
        `/audit?officeId=${other.id}`,
      ]) {
        expect([path, (await api.get(path, office.supervisor.token)).status]).toEqual([path, 403]);
      }
      const staff = await api.get('/admin/staff', office.supervisor.token);
      expect(staff.body.map((s: { id: string }) => s.id).sort()).toEqual([office.officers[1].id, office.supervisor.id].sort());
    });
  });

  describe('offices', () => {
    it('creates an office with its time zone and hours, recorded in the audit trail', async () => {
      const slug = `kantor-${randomBytes(4).toString('hex')}`;
      const reply = await api.post(
        '/admin/offices',
        { name: '  Samsat Makassar ', slug, timeZone: 'Asia/Makassar', openingHours: hours([1, 2, 3, 4, 5]), priorityMaxWaitMinutes: 15 },
        admin.token,
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ name: 'Samsat Makassar', slug, timeZone: 'Asia/Makassar', priorityMaxWaitMinutes: 15 });
      const audit = await lastAudit(reply.body.id);
      expect(audit).toMatchObject({
        action: 'office.created',
        actor_staff_id: admin.id,
        office_id: reply.body.id,
        before: null,
        after: expect.objectContaining({ slug }),
      });
      expect(new Date(audit.at).toISOString()).toBe('2026-11-30T01:00:00.000Z');
      expect((await api.get(`/offices/${slug}/board`)).status).toBe(200);
    });

    it('refuses a bad slug, time zone or opening hours, and a slug already taken, naming each field', async () => {
      const base = { name: 'Kantor', slug: `k-${randomBytes(4).toString('hex')}`, timeZone: 'Asia/Jakarta', openingHours: [], priorityMaxWaitMinutes: 10 };
      const before = await auditCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ slug: 'Bad Slug' }, 'slug'],
        [{ timeZone: 'Europe/Amsterdam' }, 'timeZone'],
        [{ openingHours: [{ weekday: 1, opens: '15:00', closes: '08:00' }] }, 'openingHours.0.closes'],
        [{ openingHours: [{ weekday: 1, opens: '8:00', closes: '15:00' }] }, 'openingHours.0.opens'],
        [{ openingHours: [{ weekday: 0, opens: '08:00', closes: '15:00' }] }, 'openingHours.0.weekday'],
        [{ openingHours: [...hours([2]), { weekday: 2, opens: '16:00', closes: '17:00' }] }, 'openingHours.1.weekday'],
        [{ priorityMaxWaitMinutes: 0 }, 'priorityMaxWaitMinutes'],
        [{ name: '' }, 'name'],
        [{ extra: 1 }, 'extra'],
      ];
      for (const [change, field] of cases) {
        const reply = await api.post('/admin/offices', { ...base, ...change }, admin.token);
        expect([field, reply.status, reply.body.code]).toEqual([field, 400, 'validation_failed']);
        expect(fields(reply).some((f: string) => f.startsWith(field)) || reply.body.message.includes(field)).toBe(true);
      }
      const taken = await api.post('/admin/offices', { ...base, slug: office.slug }, admin.token);
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'office_slug_taken', details: [{ field: 'slug' }] });
      expect(await auditCount()).toBe(before);
    });

    it('updates an office, keeps what was not sent, and moves its sequence on so the screens take a fresh snapshot', async () => {
      const seq = await seqOf(office.id);
      const reply = await api.send('PATCH', `/admin/offices/${office.id}`, {
        body: { name: 'Kantor Diubah', openingHours: hours([1, 2]) },
        token: admin.token,
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ name: 'Kantor Diubah', slug: office.slug, timeZone: 'Asia/Jakarta', openingHours: hours([1, 2]) });
      expect(await seqOf(office.id)).toBe(seq + 1);
      const audit = await lastAudit(office.id);
      expect(audit).toMatchObject({
        action: 'office.updated',
        before: expect.objectContaining({ name: `Kantor Uji ${office.slug.slice(5)}` }),
        after: expect.objectContaining({ name: 'Kantor Diubah' }),
      });
      expect((await api.send('PATCH', `/admin/offices/${office.id}`, { body: { name: null }, token: admin.token })).status).toBe(400);
      expect((await api.send('PATCH', `/admin/offices/00000000-0000-4000-8000-000000000000`, { body: { name: 'X y z' }, token: admin.token })).status).toBe(
        404,
      );
      expect((await api.send('PATCH', `/admin/offices/not-a-uuid`, { body: { name: 'X y z' }, token: admin.token })).status).toBe(400);
    });
  });

  describe('services', () => {
    it('adds a service that the kiosk then offers, with its standard, in one transaction with its audit row', async () => {
      const seq = await seqOf(office.id);
      const reply = await api.post(
        `/admin/offices/${office.id}/services`,
        adminServiceBody('x', { name: 'Legalisir', costRupiah: 10_000, dailyQuota: 50 }),
        admin.token,
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        code: 'X',
        name: 'Legalisir',
        active: true,
        officeId: office.id,
        standard: { costRupiah: 10_000, dailyQuota: 50, maxWaitMinutes: 30 },
      });
      expect(await seqOf(office.id)).toBe(seq + 1);

      // No counter serves it yet: the kiosk learns so, and the API issues no ticket nobody could call.
      const kiosk = await api.get(`/offices/${office.slug}/services`);
      expect(kiosk.body.find((s: { code: string }) => s.code === 'X')).toMatchObject({
        name: 'Legalisir',
        active: true,
        countersServing: 0,
        standard: { costRupiah: 10_000 },
      });
      const refused = await api.post(`/offices/${office.slug}/tickets`, { serviceId: reply.body.id });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('service_without_counter');
      expect(Number((await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM tickets WHERE service_id = $1', [reply.body.id]))[0].n)).toBe(0);

      // Once Loket 1 serves it too, tickets can be taken.
      const [loket1] = await t.db.query<{ service_id: string }[]>('SELECT service_id FROM counter_services WHERE counter_id = $1', [office.counters[1]]);
      const linked = await api.send('PATCH', `/admin/counters/${office.counters[1]}`, {
        body: { serviceIds: [loket1.service_id, reply.body.id] },
        token: admin.token,
      });
      expect(linked.status).toBe(200);
      expect((await api.get(`/offices/${office.slug}/services`)).body.find((s: { code: string }) => s.code === 'X').countersServing).toBe(1);
      expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: reply.body.id })).body.number).toBe('X-001');

      const audit = await lastAudit(reply.body.id);
      expect(audit).toMatchObject({
        action: 'service.created',
        actor_staff_id: admin.id,
        office_id: office.id,
        subject_label: 'X',
        after: expect.objectContaining({ code: 'X', costRupiah: 10_000 }),
      });
    });

    it('refuses each bad field and a code already used in the office, writing nothing', async () => {
      const before = await auditCount();
      const seq = await seqOf(office.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ code: 'ABC' }, 'code'],
        [{ code: '1' }, 'code'],
        [{ name: ' ' }, 'name'],
        [{ maxWaitMinutes: 0 }, 'maxWaitMinutes'],
        [{ maxWaitMinutes: 2.5 }, 'maxWaitMinutes'],
        [{ serviceTimeMinutes: -1 }, 'serviceTimeMinutes'],
        [{ costRupiah: -500 }, 'costRupiah'],
        [{ requirements: 'KTP' }, 'requirements'],
        [{ requirements: [''] }, 'requirements'],
        [{ dailyQuota: 0 }, 'dailyQuota'],
        [{ active: 'yes' }, 'active'],
      ];
      for (const [change, field] of cases) {
        const reply = await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('Z', change), admin.token);
        expect([field, reply.status, fields(reply)]).toEqual([field, 400, expect.arrayContaining([field])]);
      }
      const taken = await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('a'), admin.token);
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'service_code_taken', details: [{ field: 'code', problems: [expect.stringContaining('Layanan A')] }] });
      // The same code in another office is fine.
      const other = await createOffice(t, { services: [{ code: 'B' }], counters: [] });
      expect((await api.post(`/admin/offices/${other.id}/services`, adminServiceBody('A'), admin.token)).status).toBe(201);

      expect(await auditCount()).toBe(before + 1);
      expect(await seqOf(office.id)).toBe(seq);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM services WHERE office_id = $1`, [office.id]))[0].n).toBe(2);
    });

    it('changes the standard and deactivates a service: the kiosk shows it closed and the audit keeps before and after', async () => {
      const reply = await api.send('PATCH', `/admin/services/${office.services.B}`, {
        body: { maxWaitMinutes: 45, active: false, dailyQuota: null },
        token: admin.token,
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ code: 'B', active: false, standard: { maxWaitMinutes: 45 } });
      const kiosk = await api.get(`/offices/${office.slug}/services`);
      expect(kiosk.body.find((s: { code: string }) => s.code === 'B')).toMatchObject({ active: false });
      expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B })).status).toBeGreaterThanOrEqual(400);
      const audit = await lastAudit(office.services.B);
      expect(audit).toMatchObject({
        action: 'service.updated',
        before: expect.objectContaining({ active: true, maxWaitMinutes: 30 }),
        after: expect.objectContaining({ active: false, maxWaitMinutes: 45 }),
      });

      expect((await api.send('PATCH', `/admin/services/${office.services.B}`, { body: { code: 'A' }, token: admin.token })).body.code).toBe(
        'service_code_taken',
      );
      expect((await api.send('PATCH', `/admin/services/${office.services.B}`, { body: { name: null }, token: admin.token })).status).toBe(400);
    });

    it('writes the change and its audit row in one transaction: when the audit row fails, the service is not kept', async () => {
      // A trigger that refuses this one audit row stands in for any failure after the change was written.
      await t.db.query(`CREATE OR REPLACE FUNCTION admin_spec_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.subject_label = 'QQ' THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$`);
      await t.db.query(`CREATE TRIGGER admin_spec_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION admin_spec_refuse()`);
      try {
        const seq = await seqOf(office.id);
        const reply = await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('QQ'), admin.token);
        expect(reply.status).toBe(500);
        expect(await t.db.query(`SELECT id FROM services WHERE office_id = $1 AND code = 'QQ'`, [office.id])).toEqual([]);
        expect(await seqOf(office.id)).toBe(seq);
      } finally {
        await t.db.query(`DROP TRIGGER admin_spec_refuse ON audit_log`);
        await t.db.query(`DROP FUNCTION admin_spec_refuse()`);
      }
      expect((await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('QQ'), admin.token)).status).toBe(201);
    });
  });

  describe('counters', () => {
    it('creates a counter with its services and weekly schedule; boards see it after their resync', async () => {
      const reply = await api.post(
        `/admin/offices/${office.id}/counters`,
        counterBody(21, [office.services.A], {
          priorityOnly: true,
          schedule: [...hours([1, 2, 3, 4], '08:00', '15:00'), { weekday: 5, opens: '08:00', closes: '11:30' }],
        }),
        admin.token,
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ number: 21, name: 'Loket 21', priorityOnly: true, active: true, serviceIds: [office.services.A] });
      expect(reply.body.schedule).toHaveLength(5);
      const board = await api.get(`/offices/${office.slug}/board`);
      expect(board.body.counters.find((c: { number: number }) => c.number === 21)).toMatchObject({ priorityOnly: true, state: 'closed' });
      expect(await lastAudit(reply.body.id)).toMatchObject({ action: 'counter.created', counter_id: reply.body.id, office_id: office.id });
    });

    it('refuses a schedule that makes no sense, services of another office, no service, and a number in use', async () => {
      const other = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
      const before = await auditCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ schedule: [{ weekday: 1, opens: '15:00', closes: '08:00' }] }, 'schedule.0.closes'],
        [{ schedule: [{ weekday: 1, opens: '08:00', closes: '25:00' }] }, 'schedule.0.closes'],
        [{ schedule: [{ weekday: 9, opens: '08:00', closes: '12:00' }] }, 'schedule.0.weekday'],
        [{ schedule: [...hours([1], '08:00', '12:00'), ...hours([1], '11:00', '15:00')] }, 'schedule.1.weekday'],
        [{ schedule: hours([6], '08:00', '12:00') }, 'schedule.0.weekday'],
        [{ schedule: hours([1], '07:00', '12:00') }, 'schedule.0'],
        [{ serviceIds: [] }, 'serviceIds'],
        [{ serviceIds: [other.services.A] }, 'serviceIds'],
        [{ serviceIds: [office.services.A, office.services.A] }, 'serviceIds'],
        [{ serviceIds: ['nope'] }, 'serviceIds'],
        [{ number: 0 }, 'number'],
        [{ priorityOnly: 1 }, 'priorityOnly'],
      ];
      for (const [change, field] of cases) {
        const reply = await api.post(`/admin/offices/${office.id}/counters`, counterBody(22, [office.services.A], change), admin.token);
        expect([field, reply.status, fields(reply)]).toEqual([field, 400, expect.arrayContaining([field])]);
      }
      const taken = await api.post(`/admin/offices/${office.id}/counters`, counterBody(1, [office.services.A]), admin.token);
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'counter_number_taken', details: [{ field: 'number' }] });
      expect(await auditCount()).toBe(before);
    });

    it('changes services and schedule, and refuses to deactivate a counter that is open', async () => {
      const counterId = office.counters[1];
      const changed = await api.send('PATCH', `/admin/counters/${counterId}`, {
        body: { serviceIds: [office.services.B], schedule: hours([1], '09:00', '12:00') },
        token: admin.token,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ serviceIds: [office.services.B], schedule: hours([1], '09:00', '12:00') });
      expect(await lastAudit(counterId)).toMatchObject({
        action: 'counter.updated',
        before: expect.objectContaining({ serviceIds: expect.arrayContaining([office.services.A]) }),
      });

      expect((await api.post(`/counters/${counterId}/open`, undefined, office.officers[1].token)).status).toBe(200);
      const refused = await api.send('PATCH', `/admin/counters/${counterId}`, { body: { active: false }, token: admin.token });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('counter_in_use');
      expect((await api.post(`/counters/${counterId}/close`, undefined, office.officers[1].token)).status).toBe(200);
      const off = await api.send('PATCH', `/admin/counters/${counterId}`, { body: { active: false }, token: admin.token });
      expect(off.body.active).toBe(false);
      expect((await api.get(`/offices/${office.slug}/board`)).body.counters).toEqual([]);
    });
  });

  describe('staff', () => {
    it('creates an account that can log in, with NIP, role and offices; the audit keeps no password', async () => {
      const username = `petugas${randomBytes(3).toString('hex')}`;
      const nip = randomNip();
      const reply = await api.post(
        '/admin/staff',
        { username, name: 'Rina Wulan', nip, role: 'officer', officeIds: [office.id], password: 'kata-sandi-baru-1' },
        admin.token,
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ username, name: 'Rina Wulan', nip, role: 'officer', officeIds: [office.id], active: true });
      expect(reply.body.passwordHash).toBeUndefined();
      const login = await api.post('/auth/login', { username, password: 'kata-sandi-baru-1' });
      expect(login.status).toBe(200);
      const audit = await lastAudit(reply.body.id);
      expect(audit).toMatchObject({ action: 'staff.created', subject_label: username });
      expect(JSON.stringify(audit)).not.toMatch(/kata-sandi|argon/);

      const again = await api.post(
        '/admin/staff',
        { username, name: 'Lain', nip: null, role: 'officer', officeIds: [office.id], password: 'kata-sandi-baru-1' },
        admin.token,
      );
      expect(again.body).toMatchObject({ code: 'username_taken', details: [{ field: 'username' }] });
      const sameNip = await api.post(
        '/admin/staff',
        { username: `${username}b`, name: 'Lain', nip, role: 'officer', officeIds: [office.id], password: 'kata-sandi-baru-1' },
        admin.token,
      );
      expect(sameNip.status).toBe(409);
      expect(sameNip.body.code).toBe('nip_taken');
    });

    it('refuses a malformed NIP, username, role, password or offices', async () => {
      const base = {
        username: `u${randomBytes(4).toString('hex')}`,
        name: 'Nama Staf',
        nip: null,
        role: 'officer',
        officeIds: [office.id],
        password: 'kata-sandi-baru-1',
      };
      const before = await auditCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ nip: '12345' }, 'nip'],
        [{ nip: '19820315200604200X' }, 'nip'],
        [{ nip: '198213152006042001' }, 'nip'],
        [{ username: 'a' }, 'username'],
        [{ username: 'nama dengan spasi' }, 'username'],
        [{ role: 'root' }, 'role'],
        [{ password: 'pendek' }, 'password'],
        [{ officeIds: [] }, 'officeIds'],
        [{ officeIds: ['00000000-0000-4000-8000-000000000000'] }, 'officeIds'],
      ];
      for (const [change, field] of cases) {
        const reply = await api.post('/admin/staff', { ...base, ...change }, admin.token);
        expect([field, reply.status, fields(reply)]).toEqual([field, 400, expect.arrayContaining([field])]);
      }
      // An admin may work in no office: admins reach them all.
      expect((await api.post('/admin/staff', { ...base, role: 'admin', officeIds: [] }, admin.token)).status).toBe(201);
      expect(await auditCount()).toBe(before + 1);
    });

    it('resets a password and deactivates an account, ending their sessions; reactivation lets them in again', async () => {
      const officer = office.officers[1];
      expect((await api.get('/auth/me', officer.token)).status).toBe(200);
      const reset = await api.post(`/admin/staff/${officer.id}/reset-password`, { password: 'kata-sandi-reset-1' }, admin.token);
      expect(reset.status).toBe(200);
      expect((await api.get('/auth/me', officer.token)).status).toBe(401);
      expect(await lastAudit(officer.id)).toMatchObject({ action: 'staff.password_reset', before: null, after: null });
      const username = reset.body.username;
      const fresh = await api.post('/auth/login', { username, password: 'kata-sandi-reset-1' });
      expect(fresh.status).toBe(200);

      const off = await api.post(`/admin/staff/${officer.id}/deactivate`, undefined, admin.token);
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await api.get('/auth/me', fresh.body.accessToken)).status).toBe(401);
      expect((await api.post('/auth/login', { username, password: 'kata-sandi-reset-1' })).status).toBe(401);
      expect((await api.post(`/admin/staff/${officer.id}/deactivate`, undefined, admin.token)).body.code).toBe('already_inactive');
      expect(await lastAudit(officer.id)).toMatchObject({ action: 'staff.deactivated', before: { active: true }, after: { active: false } });

      expect((await api.post(`/admin/staff/${officer.id}/reactivate`, undefined, admin.token)).body.active).toBe(true);
      expect((await api.post('/auth/login', { username, password: 'kata-sandi-reset-1' })).status).toBe(200);
    });

    it('refuses to deactivate an officer who holds an open counter', async () => {
      const officer = office.officers[1];
      expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, officer.token)).status).toBe(200);
      const reply = await api.post(`/admin/staff/${officer.id}/deactivate`, undefined, admin.token);
      expect(reply.status).toBe(409);
      expect(reply.body.code).toBe('staff_at_counter');
    });

    it('changes name, NIP, role and offices', async () => {
      const other = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
      const nip = randomNip();
      const reply = await api.send('PATCH', `/admin/staff/${office.officers[1].id}`, {
        body: { name: 'Nama Baru', nip, role: 'supervisor', officeIds: [office.id, other.id] },
        token: admin.token,
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ name: 'Nama Baru', nip, role: 'supervisor' });
      expect(reply.body.officeIds.sort()).toEqual([office.id, other.id].sort());
      // A new role ends the old token: it carried the old role.
      expect((await api.get('/auth/me', office.officers[1].token)).status).toBe(401);
      expect((await api.send('PATCH', `/admin/staff/${office.officers[1].id}`, { body: { nip: null }, token: admin.token })).body.nip).toBeNull();
      expect((await api.send('PATCH', `/admin/staff/${office.officers[1].id}`, { body: { officeIds: [] }, token: admin.token })).status).toBe(400);
    });
  });

  describe('at least one active admin is always left', () => {
    /** Only the given admins stay active (PostgreSQL keeps other runs' admins). */
    const onlyAdmins = async (...ids: string[]) => {
      await t.db.query(`UPDATE staff SET active = false WHERE role = 'admin' AND active AND NOT (id = ANY($1::uuid[]))`, [ids]);
    };
    const activeAdmins = async () => (await t.db.query<{ id: string }[]>(`SELECT id FROM staff WHERE role = 'admin' AND active`)).map((row) => row.id);

    it('refuses to deactivate or demote the last active admin', async () => {
      await onlyAdmins(admin.id);
      const before = await auditCount();
      const off = await api.post(`/admin/staff/${admin.id}/deactivate`, undefined, admin.token);
      expect(off.status).toBe(409);
      expect(off.body.code).toBe('last_admin');
      const demote = await api.send('PATCH', `/admin/staff/${admin.id}`, { body: { role: 'supervisor', officeIds: [office.id] }, token: admin.token });
      expect(demote.status).toBe(409);
      expect(await activeAdmins()).toEqual([admin.id]);
      expect(await auditCount()).toBe(before);

      const second = await makeStaff('admin');
      expect((await api.post(`/admin/staff/${admin.id}/deactivate`, undefined, second.token)).status).toBe(200);
      expect(await activeAdmins()).toEqual([second.id]);
    });

    it('leaves one admin when two admins deactivate each other at the same moment', async () => {
      for (let round = 0; round < 4; round++) {
        const a = await makeStaff('admin');
        const b = await makeStaff('admin');
        await onlyAdmins(a.id, b.id);
        const [ab, ba] = await Promise.all([
          api.post(`/admin/staff/${b.id}/deactivate`, undefined, a.token),
          api.post(`/admin/staff/${a.id}/deactivate`, undefined, b.token),
        ]);
        const statuses = [ab.status, ba.status].sort();
        // One wins; the other is refused — as the last admin (409) or, if its own account went first, as no longer an admin (401/403).
        expect(statuses[0]).toBe(200);
        expect([401, 403, 409]).toContain(statuses[1]);
        expect(await activeAdmins()).toHaveLength(1);
      }
    });
  });

  describe('checklist templates', () => {
    it('reorders, relabels, adds and retires items, recorded in the audit trail', async () => {
      const [shift] = (await api.get(`/admin/offices/${office.id}/checklists`, admin.token)).body;
      expect(shift.kind).toBe('shift_start');
      const items = shift.items.map((item: { code: string; label: string; active: boolean }) => ({ code: item.code, label: item.label, active: item.active }));
      const reply = await api.send('PUT', `/admin/offices/${office.id}/checklists/shift_start`, {
        body: {
          items: [
            { ...items[2] },
            { ...items[0], label: 'Penampilan rapi' },
            { ...items[1], active: false },
            { code: 'id_card', label: 'Kartu identitas terpasang', active: true },
          ],
        },
        token: admin.token,
      });
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((item: { code: string; order: number; active: boolean }) => [item.code, item.order, item.active])).toEqual([
        [items[2].code, 1, true],
        ['penampilan', 2, true],
        [items[1].code, 3, false],
        ['id_card', 4, true],
      ]);
      expect(await lastAudit(shift.id)).toMatchObject({
        action: 'checklist.updated',
        subject_label: 'shift_start',
        after: expect.arrayContaining([expect.objectContaining({ code: 'id_card' })]),
      });
      // The desk now asks exactly the active items.
      const desk = (await api.get(`/offices/${office.slug}/checklists`, office.officers[1].token)).body[0];
      expect(desk.items.filter((item: { active: boolean }) => item.active).map((item: { code: string }) => item.code)).toEqual([
        items[2].code,
        'penampilan',
        'id_card',
      ]);
    });

    it('refuses a removed item, a code twice, no active item, a bad kind or code', async () => {
      const [shift] = (await api.get(`/admin/offices/${office.id}/checklists`, admin.token)).body;
      const items = shift.items.map((item: { code: string; label: string }) => ({ code: item.code, label: item.label, active: true }));
      const before = await auditCount();
      const put = (body: unknown, kind = 'shift_start') => api.send('PUT', `/admin/offices/${office.id}/checklists/${kind}`, { body, token: admin.token });
      expect(fields(await put({ items: items.slice(1) }))).toEqual(['items']);
      expect(fields(await put({ items: [...items, items[0]] }))).toEqual(['items.3.code']);
      expect(fields(await put({ items: items.map((item: object) => ({ ...item, active: false })) }))).toEqual(['items']);
      expect(fields(await put({ items: [...items, { code: 'Bad Code', label: 'Label', active: true }] }))).toEqual(['items.3.code']);
      expect(fields(await put({ items: [] }))).toEqual(['items']);
      expect((await put({ items }, 'lunch')).status).toBe(400);
      expect(await auditCount()).toBe(before);
    });
  });

  describe('the audit trail', () => {
    it('shows admin changes and staff ticket and counter actions with who, when and at which counter, filtered and paged', async () => {
      const officer = office.officers[1];
      const created = await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('X'), admin.token);
      t.clock.advanceMinutes(1);
      expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, officer.token)).status).toBe(200);
      await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
      t.clock.advanceMinutes(1);
      const called = await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer.token);
      expect(called.status).toBe(200);
      t.clock.advanceMinutes(1);
      await api.post(`/tickets/${called.body.id}/start`, undefined, officer.token);
      // A supervisor's observation and an alert they acknowledged, as the supervision screens record them.
      await api.get(`/admin/offices/${office.id}/checklists`, admin.token);
      const [template] = await t.db.query<{ id: string }[]>(`SELECT id FROM checklist_templates WHERE office_id = $1 AND kind = 'interaction'`, [office.id]);
      await t.db.query(
        `INSERT INTO checklist_responses (office_id, template_id, kind, ticket_id, counter_id, subject_staff_id, answered_by_staff_id, method, outcome, at, filed_at)
         VALUES ($1, $2, 'interaction', $3, $4, $5, $6, 'observed', 'selesai', '2026-11-30T01:04:00Z', '2026-11-30T01:04:00Z')`,
        [office.id, template.id, called.body.id, office.counters[1], officer.id, office.supervisor.id],
      );
      await t.db.query(
        `INSERT INTO supervision_alerts (office_id, kind, subject_key, subject, counter_id, since, raised_at, acknowledged_at, acknowledged_by_staff_id)
         VALUES ($1, 'idle_while_waiting', 'idle:1', 'Loket 1', $2, '2026-11-30T01:02:00Z', '2026-11-30T01:02:30Z', '2026-11-30T01:05:00Z', $3)`,
        [office.id, office.counters[1], office.supervisor.id],
      );

      const page = await api.get(`/audit?officeId=${office.id}`, admin.token);
      expect(page.status).toBe(200);
      expect(page.body.entries.map((e: { action: string }) => e.action)).toEqual([
        'alert.acknowledged',
        'checklist.observed',
        'ticket.started',
        'ticket.called',
        'counter.opened',
        'service.created',
      ]);
      const [alert, observed, started, call, opened, service] = page.body.entries;
      expect(alert).toMatchObject({
        source: 'alert',
        actor: { id: office.supervisor.id, role: 'supervisor' },
        counterName: 'Loket 1',
        subjectLabel: 'Loket 1',
        after: { kind: 'idle_while_waiting' },
      });
      expect(observed).toMatchObject({
        source: 'checklist',
        actor: { id: office.supervisor.id },
        subjectId: officer.id,
        counterNumber: 1,
        after: { outcome: 'selesai' },
      });
      expect(call).toMatchObject({
        source: 'ticket',
        actor: { id: officer.id, role: 'officer' },
        counterId: office.counters[1],
        counterNumber: 1,
        subjectLabel: 'A-001',
        at: '2026-11-30T01:02:00.000Z',
        officeId: office.id,
      });
      expect(opened).toMatchObject({ source: 'counter', actor: { id: officer.id }, counterName: 'Loket 1', subjectType: 'counter_session' });
      expect(service).toMatchObject({
        source: 'admin',
        actor: { id: admin.id, role: 'admin' },
        subjectId: created.body.id,
        subjectLabel: 'X',
        before: null,
        after: expect.objectContaining({ code: 'X' }),
      });
      expect(started.at).toBe('2026-11-30T01:03:00.000Z');

      const ofAction = async (query: string) =>
        (await api.get(`/audit?officeId=${office.id}&${query}`, admin.token)).body.entries.map((e: { action: string }) => e.action);
      expect(await ofAction('action=ticket')).toEqual(['ticket.started', 'ticket.called']);
      expect(await ofAction('action=service.created')).toEqual(['service.created']);
      expect(await ofAction(`actorId=${admin.id}`)).toEqual(['service.created']);
      expect(await ofAction(`actorId=${office.supervisor.id}`)).toEqual(['alert.acknowledged', 'checklist.observed']);
      expect(await ofAction('action=checklist')).toEqual(['checklist.observed']);
      expect(await ofAction('from=2026-11-30T01:01:00.000Z&to=2026-11-30T01:03:00.000Z')).toEqual(['ticket.called', 'counter.opened']);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const reply: Reply = await api.get(`/audit?officeId=${office.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, admin.token);
        expect(reply.status).toBe(200);
        seen.push(...reply.body.entries.map((e: { id: string }) => e.id));
        cursor = reply.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(page.body.entries.map((e: { id: string }) => e.id));
    });

    it('gives a supervisor only their offices’ entries, and refuses malformed filters', async () => {
      const other = await createOffice(t, { services: [{ code: 'A' }], counters: [] });
      await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('X'), admin.token);
      await api.post(`/admin/offices/${other.id}/services`, adminServiceBody('X'), admin.token);
      await api.post(
        '/admin/staff',
        {
          username: `s${randomBytes(4).toString('hex')}`,
          name: 'Staf Baru',
          nip: null,
          role: 'officer',
          officeIds: [office.id],
          password: 'kata-sandi-baru-1',
        },
        admin.token,
      );
      const mine = await api.get('/audit?limit=200', office.supervisor.token);
      expect(mine.status).toBe(200);
      expect(mine.body.entries.length).toBeGreaterThan(0);
      expect(mine.body.entries.every((e: { officeId: string }) => e.officeId === office.id)).toBe(true);
      const everything = await api.get('/audit?limit=200&action=staff', admin.token);
      expect(everything.body.entries[0]).toMatchObject({ action: 'staff.created', officeId: null });

      for (const query of [
        'limit=0',
        'limit=201',
        'limit=x',
        'officeId=nope',
        'actorId=1',
        'from=yesterday',
        'action=DROP%20TABLE',
        'cursor=%24%24',
        'cursor=WzEsMiwzXQ',
        'from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z',
        'other=1',
      ]) {
        const reply = await api.get(`/audit?${query}`, admin.token);
        expect([query, reply.status]).toEqual([query, 400]);
      }
    });

    it('cannot be changed: no route edits or removes an entry, and the database refuses it', async () => {
      const created = await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('X'), admin.token);
      const entry = await lastAudit(created.body.id);
      for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
        expect((await api.send(method, '/audit', { body: {}, token: admin.token })).status).toBe(404);
        expect((await api.send(method, `/audit/admin:${entry.id}`, { body: {}, token: admin.token })).status).toBe(404);
      }
      await expect(t.db.query(`UPDATE audit_log SET action = 'office.created' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM audit_log WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
      expect(await lastAudit(created.body.id)).toMatchObject({ action: 'service.created' });
    });
  });

  describe('the public screens follow', () => {
    it('a board subscribed before a service is added sees the gap at the next event and resyncs to a snapshot with it', async () => {
      const socket: ClientSocket = io(t.url, { transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      const first: Ack<OfficeSnapshot> = await socket.timeout(5_000).emitWithAck(ClientEvent.subscribe, { officeSlug: office.slug });
      expect(first.ok).toBe(true);
      const seq = first.ok ? first.data.seq : -1;
      const next = new Promise<OfficeEvent>((resolve) => socket.once(ServerEvent.event, resolve));

      expect((await api.post(`/admin/offices/${office.id}/services`, adminServiceBody('ZA', { name: 'Layanan Baru' }), admin.token)).status).toBe(201);
      await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
      const event = await next;
      expect(event.seq).toBe(seq + 2);

      const fresh: Ack<OfficeSnapshot> = await socket.timeout(5_000).emitWithAck(ClientEvent.resync, { officeSlug: office.slug });
      expect(fresh.ok && fresh.data.seq).toBe(seq + 2);
      expect(fresh.ok && fresh.data.services.map((s) => s.code)).toEqual(['A', 'B', 'ZA']);
    });
  });
});
