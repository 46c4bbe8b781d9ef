import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { type Ack, ClientEvent, type ClientToServerEvents, type ServerToClientEvents, StaffClientEvent } from '@loket/domain';
import { hashPassword } from '../src/auth/password.js';
import { type OfficeFixture, adminCounterBody, adminServiceBody, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const NUL = '\u0000';
const INTERACTION = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'];

/**
 * PostgreSQL refuses a NUL byte in text, so one that reached a query was a 500 (issue 13).
 * Every text field refuses control characters at validation instead, with 400
 * validation_failed; only free text (a note) keeps newlines and tabs.
 */
describe('control characters in text are refused at validation', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A'] }] });
    officer = office.officers[1].token;
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Admin Uji', 'admin', 'no-login', $2) RETURNING id`,
      [`admin-${randomBytes(4).toString('hex')}`, t.clock.now()],
    );
    admin = await t.jwt.signAsync({ sub: row.id, role: 'admin' });
  });

  const slug = () => `k-${randomBytes(4).toString('hex')}`;
  const service = adminServiceBody('Z', { requirements: ['KTP'], completionTime: 'Selesai' });
  const staff = () => ({
    username: `u-${randomBytes(4).toString('hex')}`,
    name: 'Staf Baru',
    password: 'sandi-yang-panjang',
    role: 'officer',
    officeIds: [office.id],
  });

  // [what, method, path, body, token]: each body is valid but for the one field holding `text`.
  const cases = (text: string): [string, string, string, unknown, string | undefined][] => [
    ['login username', 'POST', '/auth/login', { username: `petu${text}gas`, password: 'apa-saja' }, undefined],
    ['login password', 'POST', '/auth/login', { username: 'petugas1', password: `san${text}di` }, undefined],
    ['current password', 'POST', '/auth/change-password', { currentPassword: `la${text}ma`, newPassword: 'sandi-baru-2026' }, officer],
    ['new password', 'POST', '/auth/change-password', { currentPassword: 'sandi-lama-2026', newPassword: `baru${text}-2026` }, officer],
    ['cancel reason', 'POST', `/tickets/00000000-0000-4000-8000-000000000000/cancel`, { reason: `Warga ${text}batal` }, officer],
    [
      'out-of-order call reason',
      'POST',
      `/counters/${office.counters[1]}/call`,
      { ticketId: '00000000-0000-4000-8000-000000000000', reason: `Lan${text}sia` },
      officer,
    ],
    [
      'office name (create)',
      'POST',
      '/admin/offices',
      { name: `Kantor${text}Baru`, slug: slug(), timeZone: 'Asia/Jakarta', openingHours: [], priorityMaxWaitMinutes: 10 },
      admin,
    ],
    ['office name (update)', 'PATCH', `/admin/offices/${office.id}`, { name: `Kan${text}tor` }, admin],
    ['service name', 'POST', `/admin/offices/${office.id}/services`, { ...service, name: `Laya${text}nan` }, admin],
    ['service requirement', 'POST', `/admin/offices/${office.id}/services`, { ...service, requirements: ['KTP', `K${text}K`] }, admin],
    ['service completion time', 'POST', `/admin/offices/${office.id}/services`, { ...service, completionTime: `1 ${text}hari` }, admin],
    ['service name (update)', 'PATCH', `/admin/services/${office.services.B}`, { name: `Laya${text}nan` }, admin],
    ['counter name', 'POST', `/admin/offices/${office.id}/counters`, adminCounterBody(9, [], { name: `Loket${text}9` }), admin],
    ['counter name (update)', 'PATCH', `/admin/counters/${office.counters[1]}`, { name: `Lo${text}ket` }, admin],
    ['staff name', 'POST', '/admin/staff', { ...staff(), name: `Staf${text}Baru` }, admin],
    ['staff password', 'POST', '/admin/staff', { ...staff(), password: `sandi-yang${text}panjang` }, admin],
    ['staff name (update)', 'PATCH', `/admin/staff/${office.supervisor.id}`, { name: `St${text}af` }, admin],
    ['reset password', 'POST', `/admin/staff/${office.supervisor.id}/reset-password`, { password: `sandi-yang${text}panjang` }, admin],
    [
      'checklist label',
      'PUT',
      `/admin/offices/${office.id}/checklists/interaction`,
      { items: [{ code: 'senyum', label: `Sen${text}yum`, active: true }] },
      admin,
    ],
  ];

  it.each([
    ['a NUL byte', NUL],
    ['an escape', '\u001b[2J'],
    ['a DEL', '\u007f'],
    ['a C1 control', '\u0085'],
    ['a newline', '\n'],
  ])('refuses %s in every single-line text field with 400 validation_failed', async (_what, text) => {
    const answers: [string, number, string | undefined, string][] = [];
    for (const [what, method, path, body, token] of cases(text)) {
      const reply = await api.send(method, path, { body, token });
      answers.push([what, reply.status, reply.body?.code, String(reply.body?.message)]);
    }
    expect(answers.map(([what, status, code]) => [what, status, code])).toEqual(cases(text).map(([what]) => [what, 400, 'validation_failed']));
    for (const [, , , message] of answers) expect(message).toMatch(/control character/);
  });

  it('refuses a NUL byte in a finish or observation note, keeping newlines and tabs there', async () => {
    await api.post(`/counters/${office.counters[1]}/open`, undefined, officer);
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer)).body.id).toBe(ticket.id);
    expect((await api.post(`/tickets/${ticket.id}/start`, undefined, officer)).status).toBe(200);

    const answers = INTERACTION.map((code) => ({ code, answer: 'checked' }));
    const finish = { checklist: { method: 'one_key', answers }, outcome: 'selesai' };
    const observation = { counterId: office.counters[1], answers };
    for (const [path, body, token] of [
      [`/tickets/${ticket.id}/finish`, finish, officer],
      [`/offices/${office.slug}/supervision/observations`, observation, office.supervisor.token],
    ] as const) {
      const refused = await api.post(path, { ...body, note: `Warga${NUL} puas` }, token);
      expect([path, refused.status, refused.body.code]).toEqual([path, 400, 'validation_failed']);
      // The observation's note is the finish note's, through PickType: it is free text there too.
      expect(refused.body.details).toEqual([{ field: 'note', problems: ['note must not contain control characters (other than line breaks and tabs)'] }]);
    }

    const finished = await api.post(`/tickets/${ticket.id}/finish`, { ...finish, note: 'Baris satu\r\nbaris\tdua' }, officer);
    expect(finished.status).toBe(200);
    const [row] = await t.db.query<{ status: string }[]>('SELECT status FROM tickets WHERE id = $1', [ticket.id]);
    expect(row.status).toBe('done');
  });

  it('refuses a NUL byte in query strings', async () => {
    const reply = await api.get(`/offices/${office.slug}/reports?date=2026-11-30${encodeURIComponent(NUL)}`, office.supervisor.token);
    expect([reply.status, reply.body.code]).toEqual([400, 'validation_failed']);
  });

  it('still logs in with a password that was set before, and refuses nothing else', async () => {
    const username = `petugas-${randomBytes(4).toString('hex')}`;
    await t.db.query(`INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Petugas', 'officer', $2, $3)`, [
      username,
      await hashPassword('kata sandi dengan spasi'),
      t.clock.now(),
    ]);
    expect((await api.post('/auth/login', { username, password: 'kata sandi dengan spasi' })).status).toBe(200);
    expect((await api.send('PATCH', `/admin/offices/${office.id}`, { body: { name: 'Kantor Ünïcödé – 東京' }, token: admin })).status).toBe(200);
  });

  it('refuses control characters in every socket message with validation_failed', async () => {
    const socket: ClientSocket = io(t.url, { transports: ['websocket'], reconnection: false, auth: { token: office.supervisor.token } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    try {
      for (const event of [ClientEvent.subscribe, ClientEvent.resync, ClientEvent.unsubscribe, StaffClientEvent.subscribe]) {
        for (const body of [{ officeSlug: `${office.slug}${NUL}` }, { [`officeSlug${NUL}`]: office.slug }]) {
          const ack = await new Promise<Ack<unknown>>((resolve) => socket.emit(event as typeof ClientEvent.subscribe, body as { officeSlug: string }, resolve));
          expect([event, ack.ok, ack.ok ? null : ack.error.code]).toEqual([event, false, 'validation_failed']);
          expect(ack.ok ? null : ack.error.message).toMatch(/control character/);
        }
      }
    } finally {
      socket.disconnect();
    }
  });
});
