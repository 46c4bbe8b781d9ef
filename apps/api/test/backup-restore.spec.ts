import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupService } from '../src/backup/backup.service.js';
import { ManualClock } from '../src/clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config.js';
import { ApiProcess, createPrivateDatabase, freePort, officeHoursClock, queryPglite, queryPostgres } from './faults/support/api-process.js';
import { runBuiltCli } from './support/cli-process.js';
import { createOffice, createStaff } from './support/fixtures.js';
import { onPostgres, useTestApp } from './support/test-app.js';

const TICKETS = 60;
const BACKUP_AFTER = 20;

/** The built `npm run backup`/`restore` (apps/api/dist/backup/backup-cli.js) as a child process. */
const cli = (args: string[], env: Record<string, string>) => runBuiltCli('dist/backup/backup-cli.js', args, env);

/** Every ticket, ticket event and audit row as PostgreSQL prints it (id → row), the offices' sequences, and one office's event sequence numbers. */
const STATE_SQL = `SELECT
  (SELECT coalesce(jsonb_object_agg(x.id::text, to_jsonb(x)::text), '{}') FROM tickets x)::text AS tickets,
  (SELECT coalesce(jsonb_object_agg(x.id::text, to_jsonb(x)::text), '{}') FROM ticket_events x)::text AS events,
  (SELECT coalesce(jsonb_object_agg(x.id::text, to_jsonb(x)::text), '{}') FROM audit_log x)::text AS audit,
  (SELECT coalesce(jsonb_object_agg(o.id::text, o.seq), '{}') FROM offices o)::text AS office_seqs,
  (SELECT coalesce(jsonb_agg(s ORDER BY s), '[]') FROM (
     SELECT seq AS s FROM ticket_events WHERE office_id = $1
     UNION ALL SELECT e.seq FROM counter_session_events e JOIN counters c ON c.id = e.counter_id WHERE c.office_id = $1) q)::text AS seqs`;

interface State {
  tickets: Record<string, string>;
  events: Record<string, string>;
  audit: Record<string, string>;
  officeSeqs: Record<string, number>;
  seqs: number[];
}

type RawState = Record<'tickets' | 'events' | 'audit' | 'office_seqs' | 'seqs', string>;

function parseState(raw: RawState): State {
  return {
    tickets: JSON.parse(raw.tickets),
    events: JSON.parse(raw.events),
    audit: JSON.parse(raw.audit),
    officeSeqs: JSON.parse(raw.office_seqs),
    seqs: JSON.parse(raw.seqs),
  };
}

/** Rows of `restored` that differ from the source's row of the same id, or are missing from `source`. */
function differing(restored: Record<string, string>, source: Record<string, string>): string[] {
  return Object.keys(restored).filter((id) => restored[id] !== source[id]);
}

/**
 * A backup taken by the API while tickets are issued, called and finished and an
 * admin edits services, restored with `npm run restore` into a fresh data folder (PGlite) or
 * a freshly created database (PostgreSQL): every ticket, ticket event and audit row compared.
 */
describe('backup and restore during live traffic', () => {
  const t = useTestApp();
  const scratch: string[] = [];
  const databases: { drop(): Promise<void> }[] = [];

  afterAll(async () => {
    for (const database of databases) await database.drop();
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loket-restore-'));
    scratch.push(dir);
    return dir;
  };

  /** A fresh target: an empty data folder, or a new database on the server of DATABASE_URL. */
  const freshTarget = async (): Promise<{ env: Record<string, string>; read(officeId: string): Promise<State> }> => {
    const dataDir = await tempDir();
    if (onPostgres) {
      const database = await createPrivateDatabase(process.env.DATABASE_URL!, `loket_restore_${randomBytes(4).toString('hex')}`);
      databases.push(database);
      return {
        env: { DATA_DIR: dataDir, DATABASE_URL: database.url },
        read: async (officeId) => parseState((await queryPostgres<RawState>(database.url, STATE_SQL, [officeId]))[0]),
      };
    }
    return {
      env: { DATA_DIR: dataDir },
      read: async (officeId) => parseState((await queryPglite<RawState>(dataDir, STATE_SQL, [officeId]))[0]),
    };
  };

  const readSource = async (officeId: string) => parseState((await t.db.query<RawState[]>(STATE_SQL, [officeId]))[0]);

  it('restores a backup taken mid-traffic with every row committed before it, and a quiet one with 0 rows different', async () => {
    const office = await createOffice(t, {
      services: [{ code: 'A' }, { code: 'B' }],
      counters: [
        { number: 1, services: ['A', 'B'] },
        { number: 2, services: ['A', 'B'] },
        { number: 3, services: ['A', 'B'] },
      ],
    });
    const admin = await createStaff(t, 'admin', [office.id]);
    for (const n of [1, 2, 3]) expect((await t.api.post(`/counters/${office.counters[n]}/open`, undefined, office.officers[n].token)).status).toBe(200);

    let issued = 0;
    let acknowledged = 0;
    let issuing = true;
    let backup: Promise<string> | null = null;
    let committedBefore: State | null = null;
    let edits = 0;
    const startBackup = async () => {
      // What is committed now must be in the backup: read it, then ask for the backup at once.
      committedBefore = await readSource(office.id);
      backup = t.app.get(BackupService).backupNow();
    };
    const issuer = async () => {
      while (issued < TICKETS) {
        issued++;
        const reply = await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[issued % 2 ? 'A' : 'B'] });
        expect(reply.status).toBe(201);
        acknowledged++;
        if (acknowledged === BACKUP_AFTER) await startBackup();
      }
      issuing = false;
    };
    const desk = async (n: number) => {
      const token = office.officers[n].token;
      for (;;) {
        const call = await t.api.post(`/counters/${office.counters[n]}/call-next`, undefined, token);
        if (call.status !== 200) {
          if (!issuing && backup) return;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        expect((await t.api.post(`/tickets/${call.body.id}/start`, undefined, token)).status).toBe(200);
        expect((await t.api.post(`/tickets/${call.body.id}/finish`, {}, token)).status).toBe(200);
      }
    };
    const editor = async () => {
      while (issuing) {
        const reply = await t.api.send('PATCH', `/admin/services/${office.services.A}`, { body: { name: `Layanan A ${++edits}` }, token: admin.token });
        expect(reply.status).toBe(200);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await Promise.all([issuer(), issuer(), issuer(), desk(1), desk(2), desk(3), editor()]);
    const during = await backup!;
    expect(during).toMatch(new RegExp(`^${t.dataDir}/backups/loket-\\d{8}T\\d{9}Z\\.${onPostgres ? 'dump' : 'tar\\.gz'}$`));

    // The quiet backup, after the traffic, taken by the API's own service.
    const quiet = await t.app.get(BackupService).backupNow();
    const source = await readSource(office.id);
    expect(Object.keys(source.tickets).length).toBeGreaterThanOrEqual(TICKETS);
    expect(edits).toBeGreaterThan(0);

    // Backup files and their folder are the owner's only.
    expect((await stat(join(t.dataDir, 'backups'))).mode & 0o777).toBe(0o700);
    for (const file of [during, quiet]) expect((await stat(file)).mode & 0o777).toBe(0o600);

    // The quiet backup: every row identical, nothing missing, nothing extra.
    const quietTarget = await freshTarget();
    expect(await cli(['restore', quiet], quietTarget.env)).toMatchObject({ code: 0 });
    const restoredQuiet = await quietTarget.read(office.id);
    const quietDifferent = {
      tickets: differing(restoredQuiet.tickets, source.tickets).length + differing(source.tickets, restoredQuiet.tickets).length,
      events: differing(restoredQuiet.events, source.events).length + differing(source.events, restoredQuiet.events).length,
      audit: differing(restoredQuiet.audit, source.audit).length + differing(source.audit, restoredQuiet.audit).length,
    };
    expect(quietDifferent).toEqual({ tickets: 0, events: 0, audit: 0 });
    expect(restoredQuiet.officeSeqs).toEqual(source.officeSeqs);
    expect(restoredQuiet.seqs).toEqual(source.seqs);

    // The backup taken during the traffic: a state the source passed through.
    const target = await freshTarget();
    expect(await cli(['restore', during], target.env)).toMatchObject({ code: 0 });
    const restored = await target.read(office.id);
    const before = committedBefore!;
    // Append-only rows: each restored one is the source's, and everything committed before the backup began is there.
    expect(differing(restored.events, source.events)).toEqual([]);
    expect(differing(restored.audit, source.audit)).toEqual([]);
    expect(Object.keys(before.events).filter((id) => !(id in restored.events))).toEqual([]);
    expect(Object.keys(before.audit).filter((id) => !(id in restored.audit))).toEqual([]);
    expect(Object.keys(before.tickets).filter((id) => !(id in restored.tickets))).toEqual([]);
    // The office's sequence: the restored changes are exactly the source's up to the restored sequence number, no gap.
    const restoredSeq = restored.officeSeqs[office.id];
    expect(restoredSeq).toBeGreaterThanOrEqual(before.officeSeqs[office.id]);
    // (A service edit takes a number too, with no event row: the numbers are compared with the source's, not with 1, 2, 3, ….)
    expect(restored.seqs).toEqual(source.seqs.filter((seq) => seq <= restoredSeq));
    // Tickets: one the source did not change after the backup is identical; one it changed is the same ticket, at an earlier step.
    const lastSeqOf = new Map<string, number>();
    for (const row of Object.values(source.events)) {
      const event = JSON.parse(row) as { ticket_id: string; seq: number };
      lastSeqOf.set(event.ticket_id, Math.max(lastSeqOf.get(event.ticket_id) ?? 0, Number(event.seq)));
    }
    let unchanged = 0;
    let changedLater = 0;
    const ticketsDifferent: string[] = [];
    for (const [id, row] of Object.entries(restored.tickets)) {
      if (!(id in source.tickets)) ticketsDifferent.push(id);
      else if ((lastSeqOf.get(id) ?? 0) <= restoredSeq || JSON.parse(row).office_id !== office.id) {
        unchanged++;
        if (row !== source.tickets[id]) ticketsDifferent.push(id);
      } else {
        changedLater++;
        const [was, is] = [JSON.parse(row), JSON.parse(source.tickets[id])];
        if (was.number !== is.number || was.tracking_code !== is.tracking_code || was.issued_at !== is.issued_at) ticketsDifferent.push(id);
      }
    }
    expect(ticketsDifferent).toEqual([]);
    expect(unchanged).toBeGreaterThan(0);

    console.log(
      `backup during traffic (${onPostgres ? 'PostgreSQL' : 'PGlite'}): ${Object.keys(source.tickets).length} tickets, ${Object.keys(source.events).length} events, ` +
        `${Object.keys(source.audit).length} audit rows in the source; the mid-traffic backup holds ${Object.keys(restored.tickets).length} tickets ` +
        `(${unchanged} as the source ends, ${changedLater} changed after it), ${Object.keys(restored.events).length} events, ${Object.keys(restored.audit).length} audit rows, ` +
        `office sequence ${restoredSeq} of ${source.officeSeqs[office.id]}; quiet backup rows different: ${JSON.stringify(quietDifferent)}`,
    );

    // A restore into a target that holds data is refused without --force, and changes nothing.
    const refused = await cli(['restore', quiet], target.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(await target.read(office.id)).toEqual(restored);

    // With --force, what was there is kept first, then replaced.
    const forced = await cli(['restore', quiet, '--force'], target.env);
    expect(forced).toMatchObject({ code: 0 });
    expect(await target.read(office.id)).toEqual(restoredQuiet);
    if (onPostgres) {
      const kept = (await readdir(join(target.env.DATA_DIR, 'backups'))).filter((name) => name.startsWith('before-restore-'));
      expect(kept).toHaveLength(1);
      expect((await stat(join(target.env.DATA_DIR, 'backups', kept[0]))).mode & 0o777).toBe(0o600);
      expect(forced.stdout).toContain(kept[0]);
      // The copy kept is the database that was there: the mid-traffic restore.
      const keptView = await freshTarget();
      expect(await cli(['restore', join(target.env.DATA_DIR, 'backups', kept[0])], keptView.env)).toMatchObject({ code: 0 });
      expect(await keptView.read(office.id)).toEqual(restored);
    } else {
      const kept = (await readdir(target.env.DATA_DIR)).filter((name) => name.startsWith('pglite.before-restore-'));
      expect(kept).toHaveLength(1);
      expect(forced.stdout).toContain(kept[0]);
      // The folder moved aside is the database that was there: the mid-traffic restore.
      const keptView = await tempDir();
      await rename(join(target.env.DATA_DIR, kept[0]), join(keptView, 'pglite'));
      expect(parseState((await queryPglite<RawState>(keptView, STATE_SQL, [office.id]))[0])).toEqual(restored);
    }
  }, 600_000);

  it('takes a scheduled backup when the newest is older than BACKUP_EVERY_HOURS, and keeps the newest BACKUP_KEEP', async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock('2026-12-01T01:00:00.000Z');
    const config = { ...t.app.get<AppConfig>(APP_CONFIG), dataDir, backup: { everyHours: 24, keep: 2 } };
    const service = new BackupService(config, t.db, clock);
    const files: (string | null)[] = [];
    for (const hours of [0, 23, 1, 24, 30]) {
      clock.advanceMinutes(hours * 60);
      files.push(await service.scheduledTick());
    }
    // At 0 h (none before) taken; at 23 h not yet due; at 24 h, 48 h and 78 h due again.
    expect(files.map((file) => file !== null)).toEqual([true, false, true, true, true]);
    const left = (await readdir(join(dataDir, 'backups'))).sort();
    expect(left).toEqual(files.slice(-2).map((file) => file!.split('/').pop()));
    expect(left[1]).toMatch(/^loket-20261204T070000000Z\./);
  }, 300_000);
});

/**
 * `npm run backup` and `npm run restore` next to the built API running as it does in
 * production: on the embedded database the CLI asks the running API for the backup
 * (SIGUSR2), refuses to restore under it, and opens the database itself once it is stopped.
 */
describe('npm run backup and restore beside a running API', () => {
  let dataDir: string;
  let database: { url: string; drop(): Promise<void> } | null = null;
  let api: ApiProcess | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loket-backup-cli-'));
    if (onPostgres) database = await createPrivateDatabase(process.env.DATABASE_URL!, `loket_backup_cli_${randomBytes(4).toString('hex')}`);
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('backs up while the API serves, refuses a restore under it, and backs up once it is stopped', async () => {
    const env: Record<string, string> = { DATA_DIR: dataDir, DEMO_PASSWORD: 'backup-test-password', ...(database ? { DATABASE_URL: database.url } : {}) };
    api = await ApiProcess.start({ ...env, ...officeHoursClock() }, await freePort());

    const live = await cli(['backup'], env);
    expect(live).toMatchObject({ code: 0, stderr: '' });
    expect(live.stdout).toMatch(new RegExp(`^${dataDir}/backups/loket-\\d{8}T\\d{9}Z\\.${onPostgres ? 'dump' : 'tar\\.gz'}$`));
    expect((await stat(live.stdout)).mode & 0o777).toBe(0o600);
    if (!onPostgres) expect(api.log.join('\n')).toContain(`Backup written to ${live.stdout}`);

    if (!onPostgres) {
      const underTheApi = await cli(['restore', live.stdout, '--force'], env);
      expect(underTheApi.code).toBe(2);
      expect(underTheApi.stderr).toContain('stop it first');
    }
    const wrongKind = await cli(['restore', join(dataDir, 'backups', onPostgres ? 'x.tar.gz' : 'x.dump')], env);
    expect(wrongKind.code).toBe(2);

    await api.stop();
    api = null;
    const stopped = await cli(['backup'], env);
    expect(stopped).toMatchObject({ code: 0, stderr: '' });
    expect(stopped.stdout).not.toBe(live.stdout);
    // The API starts again on the same data afterwards: the CLI let go of the database.
    api = await ApiProcess.start({ ...env, ...officeHoursClock() }, await freePort());
  }, 300_000);
});
