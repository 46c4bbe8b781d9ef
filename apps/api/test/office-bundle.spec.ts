import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KIOSK_TOKEN_HEADER, type PairedKioskView } from '@loket/domain';
import { BundleRefusal } from '../src/office-bundle/office-bundle.js';
import { AlertsService } from '../src/supervision/alerts.service.js';
import { readBundleFile, writeBundleFile } from '../src/office-bundle/office-bundle-file.js';
import { NOT_BUNDLED, type Sql, bundlePlan } from '../src/office-bundle/office-bundle.repository.js';
import { bookingSettings, createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { ApiProcess, createPrivateDatabase, freePort, officeHoursClock } from './faults/support/api-process.js';
import { runBuiltCli } from './support/cli-process.js';
import { client } from './support/http.js';
import { type TestApp, onPostgres, startTestApp, useTestApp } from './support/test-app.js';

// Monday 30 November 2026, 08:00 WIB; the office opens 08:00–15:00 on weekdays.
const MON_0800 = '2026-11-30T01:00:00.000Z';
const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));
const GOOD = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 };
const INTERACTION = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'];
const BOOKING = bookingSettings({ changeCutoffDays: 0 });
/**
 * Tables the office's day here leaves empty: push needs a browser's subscription, and a booking
 * day's row is written only once the day is full. Every other table is carried with rows in it.
 */
const LEFT_EMPTY = ['booking_days', 'push_deliveries', 'push_subscriptions'];

/** A statement on a connection of its own, as the CLI gives the bundle. */
async function onConnection<T>(app: TestApp, work: (sql: Sql) => Promise<T>): Promise<T> {
  const runner = app.db.createQueryRunner();
  try {
    return await work((text, params) => runner.query(text, params));
  } finally {
    await runner.release();
  }
}

/**
 * Every row of the office in every table, as PostgreSQL prints it, in the bundle's order; the
 * identity numbers (and the keys that point at them) left out, since the target numbers them again.
 */
async function officeRows(app: TestApp, officeId: string): Promise<Record<string, unknown[]>> {
  return onConnection(app, async (sql) => {
    const plan = await bundlePlan(sql);
    const renumbered = new Set(plan.tables.flatMap((table) => table.identity.map((column) => `${table.name}.${column}`)));
    const rows: Record<string, unknown[]> = {};
    for (const table of plan.tables) {
      const dropped = new Set([
        ...table.identity,
        ...table.foreignKeys.flatMap((key) => key.columns.filter((_, i) => renumbered.has(`${key.table}.${key.referencedColumns[i]}`))),
      ]);
      rows[table.name] = (await sql<{ row: string }>(table.select, [officeId])).map(({ row }) =>
        Object.fromEntries(Object.entries(JSON.parse(row) as Record<string, unknown>).filter(([column]) => !dropped.has(column))),
      );
    }
    rows.service_waiting = await sql(
      'SELECT w.service_id, w.waiting FROM service_waiting w JOIN services s ON s.id = w.service_id WHERE s.office_id = $1 AND w.waiting > 0 ORDER BY 1',
      [officeId],
    );
    return rows;
  });
}

describe(`the office bundle: one office moved from the embedded database to ${onPostgres ? 'PostgreSQL' : 'another embedded one'} (issue 20)`, () => {
  // The office starts on the embedded default, whatever database the suite runs on.
  const source = useTestApp({ databaseUrl: null, start: MON_0800 });
  let target: TestApp;
  let office: OfficeFixture;
  let admin: { id: string; token: string };
  let folder: string;
  let bundle: string;
  let waitingId: string;

  beforeAll(async () => {
    target = await startTestApp({ start: MON_0800 });
    folder = await mkdtemp(join(tmpdir(), 'loket-bundle-'));
    const api = source.api;
    office = await createOffice(source, {
      services: [{ code: 'A' }, { code: 'B' }],
      counters: [
        { number: 1, services: ['A', 'B'] },
        { number: 2, services: ['B'] },
      ],
    });
    await source.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [office.id, JSON.stringify(HOURS)]);
    admin = await createStaff(source, 'admin');
    const officer = office.officers[1].token;
    const counter = office.counters[1];

    // The set-up: a standard changed, a maklumat, a second agency, a zone, the calendar, booking, a webhook.
    expect((await api.send('PATCH', `/admin/services/${office.services.A}`, { body: { product: 'KTP-el' }, token: admin.token })).status).toBe(200);
    const maklumat = {
      text: 'Kami sanggup menyelenggarakan pelayanan sesuai standar.',
      signerName: 'Drs. Hendra',
      signerPosition: 'Kepala Kantor',
      signedOn: '2026-11-02',
    };
    expect((await api.post(`/admin/offices/${office.id}/maklumat`, maklumat, admin.token)).status).toBe(201);
    const agency = await api.post<{ id: string }>(`/admin/offices/${office.id}/agencies`, { name: 'Imigrasi', shortName: 'Imigrasi' }, admin.token);
    expect(agency.status).toBe(201);
    expect(
      (await api.post(`/admin/offices/${office.id}/zones`, { name: 'Lantai 1', counterIds: [office.counters[1], office.counters[2]] }, admin.token)).status,
    ).toBe(201);
    expect((await api.post(`/admin/offices/${office.id}/zones`, { name: 'Lantai 2', agencyIds: [agency.body.id] }, admin.token)).status).toBe(201);
    expect(
      (await api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-12-29', kind: 'holiday', name: 'Hari jadi kota' }, admin.token)).status,
    ).toBe(201);
    const closure = { startsAt: '2026-12-02T06:00:00.000Z', endsAt: '2026-12-02T08:00:00.000Z', reason: 'Gangguan jaringan' };
    expect((await api.post(`/admin/offices/${office.id}/calendar/closures`, closure, admin.token)).status).toBe(201);
    expect((await api.send('PUT', `/admin/services/${office.services.A}/booking`, { body: BOOKING, token: admin.token })).status).toBe(200);
    const webhook = { url: 'https://gateway.example.id/loket', events: ['ticket.called'], description: 'Gateway WhatsApp' };
    expect((await api.post(`/admin/offices/${office.id}/webhooks`, webhook, admin.token)).status).toBe(201);
    const kiosk = (await api.post<PairedKioskView>(`/admin/offices/${office.id}/kiosks`, { name: 'Terminal survei' }, admin.token)).body.token;

    // The day: a booking, tickets served with the etiquette checklist and surveyed, one corrected, one still waiting.
    const booked = await api.post(`/offices/${office.slug}/bookings`, { serviceId: office.services.A, startsAt: '2026-12-01T02:00:00.000Z' }, undefined, {
      'x-loket-client': 'bundle-client-abcdef',
    });
    expect(booked.status).toBe(201);
    expect((await api.post(`/counters/${counter}/open`, {}, officer)).status).toBe(200);
    const issue = async (code: string, priority: string | null = null) =>
      (await api.post<{ id: string; trackingCode: string }>(`/offices/${office.slug}/tickets`, { serviceId: office.services[code], priority })).body;
    const answers = (notChecked: string[] = []) => INTERACTION.map((code) => ({ code, answer: notChecked.includes(code) ? 'not_checked' : 'checked' }));
    const served: { id: string; trackingCode: string }[] = [];
    for (const code of ['A', 'B', 'A']) {
      const ticket = await issue(code, served.length === 1 ? 'lanjut_usia' : null);
      source.clock.advanceMinutes(3);
      expect((await api.post(`/counters/${counter}/call-next`, undefined, officer)).body.id).toBe(ticket.id);
      expect((await api.post(`/tickets/${ticket.id}/start`, undefined, officer)).status).toBe(200);
      source.clock.advanceMinutes(6);
      const finished = await api.post(`/tickets/${ticket.id}/finish`, { checklist: { method: 'one_key', answers: answers() }, outcome: 'selesai' }, officer);
      expect(finished.status).toBe(200);
      served.push(ticket);
    }
    const corrected = await api.send('PUT', `/tickets/${served[2].id}/checklist`, {
      body: { checklist: { method: 'self', answers: answers(['cara_bertanya']) }, outcome: 'dirujuk', note: 'Dirujuk ke B' },
      token: officer,
    });
    expect(corrected.status).toBeLessThan(300);
    expect((await api.post(`/tickets/track/${served[0].trackingCode}/survey`, GOOD)).status).toBe(201);
    const terminal = await api.post(`/offices/${office.slug}/counters/1/terminal-survey`, { ...GOOD, ticketId: served[1].id }, undefined, {
      [KIOSK_TOKEN_HEADER]: kiosk,
    });
    expect(terminal.status).toBe(201);
    const complaint = await api.post<{ code: string }>(`/offices/${office.slug}/complaints`, { category: 'sarana', description: 'Kursi ruang tunggu kurang.' });
    expect(complaint.status).toBe(201);
    const [{ id: complaintId }] = await source.db.query<{ id: string }[]>('SELECT id FROM complaints WHERE code = $1', [complaint.body.code]);
    expect((await api.post(`/complaints/${complaintId}/notes`, { note: 'Cek kursi di gudang.' }, office.supervisor.token)).status).toBe(200);
    const plan = [{ action: 'Menambah kursi ruang tunggu', owner: 'Subbag Umum', dueDate: '2027-03-31' }];
    expect((await api.post(`/offices/${office.slug}/ikm-publications`, { preset: 'semester', plan }, office.supervisor.token)).status).toBe(201);
    expect((await api.send('PUT', `/offices/${office.slug}/ikm/plan/1`, { body: { status: 'berjalan' }, token: office.supervisor.token })).status).toBe(200);
    waitingId = (await issue('B')).id;
    // Long enough for the supervision scan to raise an alert over it.
    source.clock.advanceMinutes(45);
    expect((await source.app.get(AlertsService).scan()).length).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    await target?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('carries every row of the office, each table as it was, the identity numbers handed out again in the same order', async () => {
    const written = await onConnection(source, (sql) => writeBundleFile(sql, office.slug, join(folder, 'office.jsonl.gz')));
    bundle = written.path;
    const plan = await onConnection(source, bundlePlan);
    // Every table of the schema is carried or said why not, and the day filled all but a few.
    expect(Object.keys(written.counts).sort()).toEqual(plan.tables.map((table) => table.name).sort());
    expect(Object.keys(NOT_BUNDLED)).toEqual(['migrations', 'service_waiting']);
    expect(
      Object.entries(written.counts)
        .filter(([, count]) => count === 0)
        .map(([table]) => table)
        .sort(),
    ).toEqual(LEFT_EMPTY);
    // As secret as a backup.
    expect((await stat(bundle)).mode & 0o777).toBe(0o600);

    const imported = await onConnection(target, (sql) => readBundleFile(sql, bundle));
    expect(imported.counts).toEqual(written.counts);
    const before = await officeRows(source, office.id);
    const after = await officeRows(target, office.id);
    for (const table of Object.keys(before)) expect([table, after[table]]).toEqual([table, before[table]]);
  });

  it('gives the same reports on the new database, and the office works on there', async () => {
    target.clock.set(source.clock.now());
    const supervisor = await target.jwt.signAsync({ sub: office.supervisor.id, role: 'supervisor' });
    const sourceToken = office.supervisor.token;
    for (const path of [
      `/offices/${office.slug}/reports/compliance?preset=semester`,
      `/offices/${office.slug}/reports/skm?preset=semester`,
      `/offices/${office.slug}/reports?preset=day&date=2026-11-30`,
      `/offices/${office.slug}/complaints/report?from=2026-11-01&to=2026-11-30`,
    ]) {
      const [was, is] = [await source.api.get(path, sourceToken), await client(target.url).get(path, supervisor)];
      expect([path, is.status]).toEqual([path, 200]);
      expect(is.body).toEqual(was.body);
    }
    // The ticket left waiting is called on the new database, and the numbers go on from the last one.
    const officer = await target.jwt.signAsync({ sub: office.officers[1].id, role: 'officer' });
    expect((await client(target.url).post(`/counters/${office.counters[1]}/call-next`, undefined, officer)).body.id).toBe(waitingId);
    const next = await client(target.url).post<{ number: string }>(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    expect([next.status, next.body.number]).toEqual([201, 'A-003']);
  });

  it('refuses a second import, a bundle cut short or with a damaged header, another schema and a taken username, and writes nothing', async () => {
    const refusal = async (app: TestApp, file: string) =>
      onConnection(app, (sql) => readBundleFile(sql, file)).then(
        () => 'imported',
        (error: unknown) => (error instanceof BundleRefusal ? error.code : String(error)),
      );
    const count = async (app: TestApp, sql: string) => (await app.db.query<{ n: number }[]>(sql, [office.id]))[0].n;
    const tickets = await count(target, 'SELECT count(*)::int AS n FROM tickets WHERE office_id = $1');
    expect(await refusal(target, bundle)).toBe('office_exists');
    expect(await count(target, 'SELECT count(*)::int AS n FROM tickets WHERE office_id = $1')).toBe(tickets);

    // A database of its own, that has never seen the office.
    const fresh = onPostgres ? await createPrivateDatabase(process.env.DATABASE_URL!, `loket_bundle_${randomBytes(4).toString('hex')}`) : null;
    const empty = await startTestApp({ databaseUrl: fresh?.url ?? null, start: MON_0800 });
    try {
      const lines = gunzipSync(await readFile(bundle))
        .toString('utf8')
        .trimEnd()
        .split('\n');
      const save = async (name: string, content: string[]) => {
        const path = join(folder, name);
        await writeFile(path, gzipSync(content.join('\n')));
        return path;
      };
      // Cut short: the whole bundle but its last line, the counts.
      expect(await refusal(empty, await save('cut.jsonl.gz', lines.slice(0, -1)))).toBe('bundle_damaged');
      const header = JSON.parse(lines[0]) as [string, number, { migrations: string[] }];
      const older = [header[0], header[1], { ...header[2], migrations: header[2].migrations.slice(0, -1) }];
      expect(await refusal(empty, await save('older.jsonl.gz', [JSON.stringify(older), ...lines.slice(1)]))).toBe('schema_mismatch');
      // A header edited by hand, its office or its tables gone.
      for (const damaged of [{ ...header[2], office: null }, { ...header[2], tables: 'tickets' }, null]) {
        expect(await refusal(empty, await save('header.jsonl.gz', [JSON.stringify([header[0], header[1], damaged]), ...lines.slice(1)]))).toBe(
          'bundle_damaged',
        );
      }
      // Someone on the new database already has the supervisor's username.
      const [{ username }] = await source.db.query<{ username: string }[]>('SELECT username FROM staff WHERE id = $1', [office.supervisor.id]);
      await empty.db.query(`INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Orang lain', 'officer', 'no-login', now())`, [
        username,
      ]);
      expect(await refusal(empty, bundle)).toBe('staff_username_taken');
      expect(await count(empty, 'SELECT count(*)::int AS n FROM offices WHERE id = $1')).toBe(0);
      expect(await count(empty, 'SELECT count(*)::int AS n FROM tickets WHERE office_id = $1')).toBe(0);
      expect(await count(empty, 'SELECT count(*)::int AS n FROM agencies WHERE office_id = $1')).toBe(0);
    } finally {
      await empty.close();
      await fresh?.drop();
    }
  });
});

/** The built `npm run office-export` / `office-import` as a child process. */
const cli = (args: string[], env: Record<string, string>) => runBuiltCli('dist/office-bundle/office-bundle-cli.js', args, env);

/**
 * The move as an office makes it, with the built API and CLI: the demo office on the embedded
 * database, exported once its API is stopped, imported into ${onPostgres ? 'a new PostgreSQL database' : 'a new data folder'},
 * where the API starts and its staff log in with their passwords.
 */
describe('npm run office-export and office-import beside the built API', () => {
  let folders: string[] = [];
  let database: { url: string; drop(): Promise<void> } | null = null;
  let api: ApiProcess | null = null;

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('exports the stopped embedded office and imports it into an empty database the API then serves', async () => {
    folders = [await mkdtemp(join(tmpdir(), 'loket-bundle-cli-')), await mkdtemp(join(tmpdir(), 'loket-bundle-cli-'))];
    const from = { DATA_DIR: folders[0], DEMO_PASSWORD: 'bundle-test-password' };
    api = await ApiProcess.start({ ...from, ...officeHoursClock() }, await freePort());
    const underTheApi = await cli(['office-export', 'mpp-kota-harapan'], from);
    expect([underTheApi.code, underTheApi.stderr]).toEqual([2, expect.stringContaining('stop it first')]);
    await api.stop();
    api = null;

    const exported = await cli(['office-export', 'mpp-kota-harapan'], from);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const file = /into (\S+\.jsonl\.gz)\./.exec(exported.stdout)?.[1];
    expect(file).toMatch(new RegExp(`^${folders[0]}/backups/office-mpp-kota-harapan-\\d{8}T\\d{9}Z\\.jsonl\\.gz$`));
    expect((await stat(file!)).mode & 0o777).toBe(0o600);
    expect((await cli(['office-export', 'tidak-ada'], from)).code).toBe(2);

    if (onPostgres) database = await createPrivateDatabase(process.env.DATABASE_URL!, `loket_bundle_cli_${randomBytes(4).toString('hex')}`);
    const to: Record<string, string> = { DATA_DIR: folders[1], ...(database ? { DATABASE_URL: database.url } : {}) };
    const imported = await cli(['office-import', file!], to);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/^Imported Mal Pelayanan Publik Kota Harapan \(mpp-kota-harapan\): \d+ rows/);
    const again = await cli(['office-import', file!], to);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('already has the office')]);

    api = await ApiProcess.start({ ...to, SEED_DEMO: 'false', ...officeHoursClock() }, await freePort());
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: 'bundle-test-password' }),
    });
    expect(login.status).toBe(200);
    expect((await fetch(`${api.url}/api/v1/offices/mpp-kota-harapan/board`)).status).toBe(200);
  }, 300_000);
});
