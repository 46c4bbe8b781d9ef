/**
 * npm run bench: the built product on PGlite and on PostgreSQL, each figure beside the bare
 * stack measured in the same run: ticket issue (fixed rate and saturation), the call-next
 * storm, realtime fan-out, the serving cycle, reads, the booking rush, the notifications
 * outbox (webhooks to a local receiver), and the board's memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Socket } from 'socket.io-client';
import { type ApiProcess, REPO_ROOT, freePort, startApi, stopAllApis } from '@loket/simulator/api-process';
import { bareClaims, bareInserts, dropBare, openBareDb, type RunResult } from './bare-db.js';
import { connectClients, type FanoutResult, fanoutResult, waitFor } from './fanout.js';
import { Api, ApiError } from '@loket/simulator/http';
import { provenance } from '@loket/simulator/machine';
import { callersCell, type ProfileSummary, summarizeProfile } from './profile.js';
import { type ReadsRun, readsRun } from './reads.js';
import { type RushRun, rushPhase, rushProblems, rushTable } from './rush.js';
import { type OutboxRun, outboxPhase, outboxProblems, outboxTable } from './outbox.js';
import { type ServingDesk, type ServingRun, servingRun } from './serving.js';
import { type BenchOffice, createBenchOffice, openSql, seedWaiting } from './sql.js';
import { closedLoop, latency, type Latency, openLoop, ratio } from './stats.js';
import { serviceDay } from '@loket/domain';

const here = dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    targets: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    port: { type: 'string' },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
    'serving-only': { type: 'boolean', default: false },
    'serving-queues': { type: 'string' },
    'profile-queue': { type: 'string' },
    'reads-only': { type: 'boolean', default: false },
    'rush-only': { type: 'boolean', default: false },
    'rush-attempts': { type: 'string' },
    'rush-seconds': { type: 'string' },
    'keep-profile': { type: 'string' },
    'outbox-only': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`npm run bench -- [options]
  --database-url URL   also bench PostgreSQL on this database (default: DATABASE_URL when set)
  --targets LIST       pglite,postgresql (default: pglite, plus postgresql when a URL is given)
  --smoke              a small size, for CI: checks the tools run, measures little
  --profile            run the API under --cpu-prof in three phases (issue at saturation, the storm, the
                       serving runs over one queue length) and name each one's top costs
  --profile-queue N    with --profile, the serving queue length whose runs are profiled (one of
                       --serving-queues; default the second: 2000, smoke 160)
  --port N             the API's port (default: a free one)
  --out DIR            where to keep the results (default tools/bench/results for a full run)
  --no-save            keep nothing
  --serving-queues L   the serving cycle's queue lengths (default 200,2000,20000; smoke 40,160)
  --serving-only       only the serving cycle, printed, nothing kept (to compare one change's counts)
  --reads-only         only the reads phase (phones polling, boards resyncing), printed, nothing kept
  --rush-only          only the booking rush (with --profile: its profile), printed, nothing kept
  --rush-attempts N    the rush's booking attempts (default 10000; smoke 100), for a small run of it
  --rush-seconds S     the seconds they start over (default 10; smoke 2): the offered rate is N / S
  --keep-profile DIR   with --profile, also copy the raw .cpuprofile files there (open them in Chrome's DevTools)
  --outbox-only        only the notifications outbox (webhooks to a local receiver), printed, nothing kept`);
  process.exit(0);
}

const databaseUrl = args['database-url'] ?? process.env.DATABASE_URL ?? null;
const targets = (args.targets ?? (databaseUrl ? 'pglite,postgresql' : 'pglite')).split(',').map((target) => target.trim());
if (targets.includes('postgresql') && !databaseUrl) throw new Error('postgresql needs --database-url or DATABASE_URL');
const size = args.smoke
  ? {
      rate: 10,
      rateSeconds: 2,
      saturation: 200,
      concurrency: 16,
      offices: 4,
      counters: 10,
      stormCalls: 150,
      clients: 100,
      calls: 3,
      boardEvents: [1_000, 10_000],
      servingQueues: [40, 160],
      servingOfficers: [3, 10],
      servingCap: 20,
      phones: 50,
      boards: 10,
      readRounds: 2,
      rush: { attempts: 100, seconds: 2, seatsPerSlot: 2, doubleTapEvery: 20, concurrency: 16 },
      outbox: { burst: 200, lagSeconds: 2, slowIssues: 100, slowMs: 10_000, concurrency: 16 },
    }
  : {
      rate: 5,
      rateSeconds: 30,
      saturation: 2_000,
      concurrency: 32,
      offices: 16,
      counters: 50,
      stormCalls: 1_000,
      clients: 1_000,
      calls: 20,
      boardEvents: [1_000, 100_000],
      servingQueues: [200, 2_000, 20_000],
      servingOfficers: [6, 50],
      servingCap: 400,
      phones: 1_000,
      boards: 100,
      readRounds: 3,
      rush: { attempts: 10_000, seconds: 10, seatsPerSlot: 50, doubleTapEvery: 50, concurrency: 32 },
      outbox: { burst: 2_000, lagSeconds: 10, slowIssues: 1_000, slowMs: 10_000, concurrency: 32 },
    };
if (args['rush-attempts']) size.rush.attempts = Number(args['rush-attempts']);
if (args['rush-seconds']) size.rush.seconds = Number(args['rush-seconds']);
if (!(size.rush.attempts > 0 && size.rush.seconds > 0)) throw new Error('--rush-attempts and --rush-seconds must be positive numbers');
if (args['serving-queues']) size.servingQueues = args['serving-queues'].split(',').map(Number);
if (args['profile-queue'] !== undefined && !size.servingQueues.includes(Number(args['profile-queue'])))
  throw new Error(`--profile-queue ${args['profile-queue']} is not one of the serving queues (${size.servingQueues.join(', ')})`);
const run = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);

interface TargetResult {
  target: string;
  issueAtRate: { ours: RunResult; bare: RunResult };
  issueSaturated: { ours: RunResult; bare: RunResult };
  /** The same saturation spread over `size.offices` offices: each office numbers its tickets and events on rows of its own. */
  issueSpread: RunResult;
  storm: { counters: number; queue: number; called: number; calledTwice: number; skipped: number; ours: RunResult; bare: RunResult & { claimedTwice: number } };
  fanout: { ours: FanoutResult; bare: FanoutResult };
  serving: ServingRun[];
  reads: ReadsRun;
  rush: RushRun;
  outbox: OutboxRun;
  /** With --profile: the API's CPU profile while issuing at saturation. */
  profile: ProfileSummary | null;
  /** With --profile: the same during the call-next storm, and during the serving runs over `servingProfiledQueue` waiting. */
  profiles?: { storm: ProfileSummary | null; serving: ProfileSummary | null };
}

const log = (line: string) => console.log(line);

const rushOptions = (target: string, port: number, dataDir: string) => ({
  target: target === 'postgresql' ? ('postgresql' as const) : ('pglite' as const),
  port,
  dataDir,
  databaseUrl,
  run,
  size: size.rush,
  profile: args.profile,
  keepProfile: args['keep-profile'] ? resolve(args['keep-profile']) : null,
  saveProfile: !args['rush-only'],
  log,
});

async function benchTarget(target: string, port: number): Promise<TargetResult | null> {
  const postgres = target === 'postgresql';
  const dataDir = await mkdtemp(join(tmpdir(), `loket-bench-${target}-`));
  const profileDir = join(dataDir, 'profile');
  let api: ApiProcess | null = null;
  const apiOptions = (profilePhase: string | null) => ({
    port,
    dataDir,
    databaseUrl: postgres ? databaseUrl : null,
    nodeArgs: profilePhase ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, profilePhase)}`] : [],
  });
  /** With --profile: the API restarted under --cpu-prof for one phase (`start`), then stopped, summed up and restarted plain (`end`). */
  const phaseProfile = {
    start: async (phase: string) => {
      if (!args.profile) return;
      await api!.stop();
      api = await startApi(apiOptions(phase));
    },
    end: async (phase: string, file: string): Promise<ProfileSummary | null> => {
      if (!args.profile) return null;
      await api!.stop();
      const dir = join(profileDir, phase);
      const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.cpuprofile'));
      const summary = files.length ? await summarizeProfile(join(dir, files[0])) : null;
      if (summary) await writeFile(resolve(REPO_ROOT, `tools/bench/results/${file}`), `${JSON.stringify(summary, null, 2)}\n`).catch(() => undefined);
      api = await startApi(apiOptions(null));
      return summary;
    },
  };
  try {
    log(`\n== ${target}: preparing (migrations, demo seed, a ${size.counters}-counter office) ==`);
    api = await startApi({ port, dataDir, databaseUrl: postgres ? databaseUrl : null });
    await api.stop();
    api = null;
    if (args['rush-only']) {
      // The rush writes its own office and starts its own API: none of the other phases' offices are needed.
      const result = await rushPhase(rushOptions(target, port, dataDir));
      const problems = rushProblems(result);
      console.log(`\n## ${target}\n\n${rushTable(result).join('\n')}${problems.length ? `\n\nWRONG: ${problems.join('; ')}` : ''}`);
      return null;
    }
    const sql = await openSql(postgres ? { databaseUrl: databaseUrl! } : { dataDir });
    const office: BenchOffice = await createBenchOffice(sql, size.counters, run);
    const others: BenchOffice[] = [];
    // One counter each: a service no counter serves issues no ticket (`service_without_counter`).
    for (let n = 1; n <= size.offices; n += 1) others.push(await createBenchOffice(sql, 1, `${run}-${n}`));
    const fanoutOffice = await createBenchOffice(sql, 1, `${run}-fanout`);
    const servingOffices: BenchOffice[] = [];
    for (const queue of size.servingQueues) servingOffices.push(await createBenchOffice(sql, Math.max(...size.servingOfficers), `${run}-s${queue}`));
    const readsOffice = await createBenchOffice(sql, 1, `${run}-reads`);
    await sql.close();
    api = await startApi({ port, dataDir, databaseUrl: postgres ? databaseUrl : null });
    const publicApi = new Api(api.url);
    let servingProfile: ProfileSummary | null = null;
    const servingHooks = {
      before: () => phaseProfile.start('serving'),
      after: async () => {
        servingProfile = await phaseProfile.end('serving', `profile-${target}-serving.json`);
      },
    };
    const rush = () => rushPhase(rushOptions(target, port, dataDir));
    const outbox = (issueRate: number | null) =>
      outboxPhase({ port, dataDir, databaseUrl: postgres ? databaseUrl : null, run, size: size.outbox, issueRate, log });
    if (args['outbox-only']) {
      await api.stop();
      api = null;
      const result = await outbox(null);
      const problems = outboxProblems(result);
      console.log(`\n## ${target}\n\n${outboxTable(result).join('\n')}${problems.length ? `\n\nWRONG: ${problems.join('; ')}` : ''}`);
      return null;
    }
    if (args['reads-only']) {
      const reads = await readsPhase(publicApi, api.url, readsOffice, postgres);
      console.log(`\n## ${target}\n\n${readsTable(target, reads).join('\n')}`);
      return null;
    }
    if (args['serving-only']) {
      const serving = await servingPhase(publicApi, api.url, servingOffices, postgres, servingHooks);
      console.log(`\n## ${target}\n\n${servingTable(target, serving).join('\n')}`);
      if (servingProfile) console.log(`\n${profileTable(`the serving runs over ${servingProfiledQueue()} waiting`, servingProfile).join('\n')}`);
      return null;
    }
    const issue = () => publicApi.post(`/offices/${office.slug}/tickets`, { serviceId: office.serviceId });

    log(`issue: ${size.rate}/s for ${size.rateSeconds} s, then ${size.saturation} at ${size.concurrency} in flight`);
    await closedLoop(20, 4, issue); // warm-up
    const atRate = summarize(await openLoop(size.rate, size.rateSeconds, issue));
    if (args.profile) {
      // The profile covers the saturation phases only, where the API is busy; the fixed rate is mostly idle.
      await phaseProfile.start('issue');
      await closedLoop(20, 4, issue); // warm-up
    }
    const saturated = summarize(await closedLoop(size.saturation, size.concurrency, issue));
    log(`issue: ${size.saturation} at ${size.concurrency} in flight, spread over ${size.offices} offices`);
    const spread = summarize(
      await closedLoop(size.saturation, size.concurrency, (index) => {
        const other = others[index % others.length];
        return publicApi.post(`/offices/${other.slug}/tickets`, { serviceId: other.serviceId });
      }),
    );
    const profile = await phaseProfile.end('issue', `profile-${target}.json`);
    const url = api!.url;

    log(`call-next storm: ${size.counters} counters`);
    const tokens = new Map<string, string>();
    await closedLoop(office.counters.length, 4, async (index) => {
      const counter = office.counters[index];
      const login = await publicApi.post<{ accessToken: string }>('/auth/login', { username: counter.username, password: process.env.DEMO_PASSWORD ?? 'demo' });
      tokens.set(counter.id, login.accessToken);
      await publicApi.withToken(login.accessToken).post(`/counters/${counter.id}/open`, {});
    });
    if (tokens.size !== office.counters.length) throw new Error(`Only ${tokens.size} of ${office.counters.length} counters could be opened`);
    const first = office.counters[0];
    const order = (await publicApi.withToken(tokens.get(first.id)!).get<{ id: string }[]>(`/counters/${first.id}/queue`)).map((ticket) => ticket.id);
    const called: string[] = [];
    const stormSamples: number[] = [];
    let stormErrors = 0;
    let inFlight = 0;
    await phaseProfile.start('storm');
    const stormStart = performance.now();
    await Promise.all(
      office.counters.map(async (counter) => {
        const desk = publicApi.withToken(tokens.get(counter.id)!);
        while (called.length + inFlight < size.stormCalls) {
          inFlight += 1;
          const begin = performance.now();
          let result: { status: number; data: { id: string } };
          try {
            result = await desk.request<{ id: string }>('POST', `/counters/${counter.id}/call-next`);
          } catch {
            inFlight -= 1;
            stormErrors += 1;
            if (stormErrors > 100) return;
            continue;
          }
          inFlight -= 1;
          stormSamples.push(performance.now() - begin);
          if (result.status === 204) return;
          called.push(result.data.id);
          await desk.post(`/tickets/${result.data.id}/no-show`);
        }
      }),
    );
    const stormSeconds = (performance.now() - stormStart) / 1000;
    const calledSet = new Set(called);
    // Skipped: a ticket among the first `called.length` in call order that was not called
    // (then one later in the order was called in its place).
    const skipped = order.slice(0, called.length).filter((id) => !calledSet.has(id)).length;
    const storm = { samples: stormSamples, seconds: stormSeconds, errors: stormErrors };
    const stormProfile = await phaseProfile.end('storm', `profile-${target}-storm.json`);

    // Fan-out on an office of its own (one counter, nobody waiting), so 1,000 subscriptions do
    // not each fetch the bench queue's snapshot. Not the demo office: it keeps Monday–Friday
    // hours and refuses tickets outside them (issue 16), and the bench runs at any hour.
    log(`fan-out: ${size.clients} socket.io clients, ${size.calls} calls`);
    const fanoutCounter = fanoutOffice.counters[0];
    const fanoutLogin = await publicApi.post<{ accessToken: string }>('/auth/login', {
      username: fanoutCounter.username,
      password: process.env.DEMO_PASSWORD ?? 'demo',
    });
    const fanoutDesk = publicApi.withToken(fanoutLogin.accessToken);
    await fanoutDesk.post(`/counters/${fanoutCounter.id}/open`, {});
    const subscribeApi = (socket: Socket) =>
      new Promise<void>((done, fail) =>
        socket
          .timeout(30_000)
          .emit('office:subscribe', { officeSlug: fanoutOffice.slug }, (error: Error | null, ack: { ok: boolean }) =>
            error || !ack.ok ? fail(error ?? new Error('subscribe refused')) : done(),
          ),
      );
    const clients = await connectClients(url, size.clients, subscribeApi);
    for (let call = 0; call < size.calls; call += 1) {
      await publicApi.post(`/offices/${fanoutOffice.slug}/tickets`, { serviceId: fanoutOffice.serviceId });
      const result = await fanoutDesk.request<{ id: string }>('POST', `/counters/${fanoutCounter.id}/call-next`);
      await waitFor(() => clients.received.length >= size.clients * (call + 1), 15_000);
      if (result.status === 200) await fanoutDesk.post(`/tickets/${result.data.id}/no-show`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const oursFanout = fanoutResult(clients, size.calls);
    const payload = clients.lastEvent;
    clients.close();

    const serving = await servingPhase(publicApi, url, servingOffices, postgres, servingHooks);
    const reads = await readsPhase(publicApi, url, readsOffice, postgres);
    await api!.stop();
    api = null;
    const rushRun = await rush();
    const outboxRun = await outbox(saturated.perSecond);

    log('bare stack: single-row INSERTs and claims through pg, a bare socket.io server');
    const bare = await openBareDb(postgres ? { databaseUrl: databaseUrl! } : 'pglite', postgres ? size.concurrency : 1);
    const insertTable = `bench_bare_insert_${run}`;
    const claimTable = `bench_bare_claim_${run}`;
    let bareAtRate: RunResult;
    let bareSaturated: RunResult;
    let bareClaim: RunResult & { claimedTwice: number };
    try {
      bareAtRate = await bareInserts(bare, insertTable, { rate: size.rate, seconds: size.rateSeconds });
      bareSaturated = await bareInserts(bare, insertTable, { total: size.saturation, concurrency: size.concurrency });
      bareClaim = await bareClaims(bare, claimTable, order.length, size.stormCalls, size.counters);
      await dropBare(bare, [insertTable, claimTable]);
    } finally {
      await bare.close();
    }
    const bareFanout = await bareSocketFanout(payload ?? { type: 'called', at: '' });
    return {
      target,
      issueAtRate: { ours: atRate, bare: bareAtRate },
      issueSaturated: { ours: saturated, bare: bareSaturated },
      issueSpread: spread,
      storm: {
        counters: size.counters,
        queue: order.length,
        called: called.length,
        calledTwice: called.length - calledSet.size,
        skipped,
        ours: summarize(storm),
        bare: bareClaim,
      },
      fanout: { ours: oursFanout, bare: bareFanout },
      serving,
      reads,
      rush: rushRun,
      outbox: outboxRun,
      profile,
      profiles: args.profile ? { storm: stormProfile, serving: servingProfile } : undefined,
    };
  } finally {
    await api?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The serving cycle on each serving office: its queue issued, its counters opened, then each officer count in turn. */
/** The serving queue length whose runs --profile profiles: `--profile-queue`, else the second (2,000 at full size, as the storm's queue). */
function servingProfiledQueue(): number {
  if (args['profile-queue'] !== undefined) return Number(args['profile-queue']);
  return size.servingQueues[Math.min(1, size.servingQueues.length - 1)];
}

async function servingPhase(
  publicApi: Api,
  url: string,
  servingOffices: BenchOffice[],
  postgres: boolean,
  profileHooks: { before: () => Promise<void>; after: () => Promise<void> },
): Promise<ServingRun[]> {
  const serving: ServingRun[] = [];
  const stats = postgres ? await openSql({ databaseUrl: databaseUrl! }) : null;
  try {
    for (const [index, queue] of size.servingQueues.entries()) {
      const servingOffice = servingOffices[index];
      const issueThere = () => publicApi.post(`/offices/${servingOffice.slug}/tickets`, { serviceId: servingOffice.serviceId });
      if (stats) {
        // PostgreSQL: the queue is written in one statement, as the issue statement writes each ticket (`seedWaiting`).
        log(`serving cycle: ${queue} waiting, seeding them`);
        await seedWaiting(stats, servingOffice, queue, new Date(), serviceDay(new Date(), 'Asia/Jakarta'));
      } else {
        // PGlite: the API holds the database, so the queue is issued through it.
        log(`serving cycle: ${queue} waiting, issuing them`);
        const issued = await closedLoop(queue, size.concurrency, issueThere);
        if (issued.errors > 0) log(`serving cycle: ${issued.errors} of ${queue} issues refused; the queue is shorter`);
      }
      const desks: ServingDesk[] = [];
      const refused: string[] = [];
      await closedLoop(servingOffice.counters.length, 4, async (n) => {
        const counter = servingOffice.counters[n];
        const login = await setUp(refused, () =>
          publicApi.post<{ accessToken: string }>('/auth/login', { username: counter.username, password: process.env.DEMO_PASSWORD ?? 'demo' }),
        );
        const desk = publicApi.withToken(login.accessToken);
        // An open answered 503 may have committed all the same: the retry then finds it open, and that is the open wanted.
        await setUp(refused, () =>
          desk.post(`/counters/${counter.id}/open`, {}).catch((error: unknown) => {
            if (error instanceof ApiError && (error.body as { code?: string } | undefined)?.code === 'counter_already_open') return;
            throw error;
          }),
        );
        desks[n] = { counterId: counter.id, desk };
      });
      if (refused.length) log(`serving cycle: ${refused.length} set-up requests refused and tried again, first: ${refused[0]}`);
      if (desks.filter(Boolean).length !== servingOffice.counters.length)
        throw new Error(`Only ${desks.filter(Boolean).length} of ${servingOffice.counters.length} serving counters could be opened: ${refused.at(-1) ?? ''}`);
      // As the desk does: the office's interaction checklist, every item checked in one keystroke.
      const templates = await desks[0].desk.get<{ kind: string; items: { code: string; active: boolean }[] }[]>(`/offices/${servingOffice.slug}/checklists`);
      const interaction = templates.find((template) => template.kind === 'interaction');
      if (!interaction) throw new Error('The office has no interaction checklist');
      const finishBody = {
        checklist: { method: 'one_key', answers: interaction.items.filter((item) => item.active).map((item) => ({ code: item.code, answer: 'checked' })) },
        outcome: 'selesai',
      };
      let waiting = queue;
      const profiled = args.profile && index === size.servingQueues.indexOf(servingProfiledQueue());
      if (profiled) await profileHooks.before();
      for (const officers of size.servingOfficers) {
        if (waiting < queue) await closedLoop(queue - waiting, size.concurrency, issueThere);
        waiting = queue;
        log(`serving cycle: ${officers} officers over ${queue} waiting`);
        const result = await servingRun({
          baseUrl: url,
          desks: desks.slice(0, officers),
          total: Math.min(size.servingCap, Math.floor(queue / 2)),
          waiting: queue,
          finishBody,
          sql: stats,
        });
        waiting -= result.served;
        serving.push(result);
        // Each run as it ends, so a phase that fails later still leaves the runs before it.
        log(
          `serving cycle: ${officers} officers over ${queue} waiting: ${result.served} served (${result.errors} errors), ${result.perSecond}/s; per served: API CPU ${result.perServed.apiCpuMs} ms, database CPU ${result.perServed.databaseCpuMs} ms, rows read ${result.perServed.rowsRead}, statements ${result.perServed.statements}`,
        );
      }
      if (profiled) await profileHooks.after();
    }
  } finally {
    await stats?.close();
  }
  return serving;
}

/**
 * A set-up request (not measured) tried again while the API sheds it: answered 503 (a database
 * timeout while the API is busy) or not answered at all. Each refusal is noted in `refused`.
 */
async function setUp<T>(refused: string[], request: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      const shed = !(error instanceof ApiError) || error.status === 503;
      refused.push(error instanceof Error ? error.message : String(error));
      if (!shed || attempt >= attempts) throw error;
      await new Promise((done) => setTimeout(done, 500 * 2 ** attempt));
    }
  }
}

/** Phones polling their ticket and boards resyncing on an office of their own, nothing else happening there. */
async function readsPhase(publicApi: Api, url: string, office: BenchOffice, postgres: boolean): Promise<ReadsRun> {
  log(`reads: ${size.phones} phones polling tracking, ${size.boards} boards resyncing, ${size.readRounds} rounds`);
  const codes: string[] = [];
  await closedLoop(size.phones, size.concurrency, async () => {
    const ticket = await publicApi.post<{ trackingCode: string }>(`/offices/${office.slug}/tickets`, { serviceId: office.serviceId });
    codes.push(ticket.trackingCode);
  });
  const stats = postgres ? await openSql({ databaseUrl: databaseUrl! }) : null;
  try {
    return await readsRun({
      baseUrl: url,
      api: publicApi,
      officeSlug: office.slug,
      codes,
      boards: size.boards,
      rounds: size.readRounds,
      concurrency: size.concurrency,
      sql: stats,
    });
  } finally {
    await stats?.close();
  }
}

function summarize(run: { samples: number[]; seconds: number; errors: number }): RunResult {
  return {
    requests: run.samples.length,
    perSecond: Math.round((run.samples.length / run.seconds) * 10) / 10,
    latency: latency(run.samples),
    errors: run.errors,
  };
}

async function bareSocketFanout(payload: Record<string, unknown>): Promise<FanoutResult> {
  const child: ChildProcess = spawn(process.execPath, [join(here, 'bare-socket-server.js'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((done, fail) => {
      child.stdout!.once('data', (chunk: Buffer) => done(Number(/ready (\d+)/.exec(chunk.toString())?.[1])));
      child.once('exit', (code) => fail(new Error(`bare socket.io server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const join = (socket: Socket) =>
      new Promise<void>((done, fail) => socket.timeout(30_000).emit('join', {}, (error: Error | null) => (error ? fail(error) : done())));
    const clients = await connectClients(url, size.clients, join);
    for (let call = 0; call < size.calls; call += 1) {
      await fetch(`${url}/emit`, { method: 'POST', body: JSON.stringify({ ...payload, type: 'called' }) });
      await waitFor(() => clients.received.length >= size.clients * (call + 1), 15_000);
      await new Promise((done) => setTimeout(done, 100));
    }
    const result = fanoutResult(clients, size.calls);
    clients.close();
    return result;
  } finally {
    child.kill('SIGTERM');
  }
}

async function boardMemory(events: number): Promise<{ events: number; heapBeforeBytes: number; heapAfterBytes: number; waiting: number; recentCalls: number }> {
  const child = spawn(process.execPath, ['--expose-gc', join(here, 'board-memory.js'), String(events)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`board-memory ${events} exited with ${code}`);
  return JSON.parse(out);
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 100) / 100;
const ms = (value: number | null) => (value === null ? '–' : value.toFixed(value < 10 ? 2 : 1));
const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p99)}`;
const count = (value: number | null) => (value === null ? '–' : value.toLocaleString('en'));
const times = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)}×`);

function servingTable(target: string, serving: ServingRun[]): string[] {
  return [
    `Serving cycle: officers looping call-next → start → finish (with the interaction checklist, as the desk sends it). Per served ticket: statements the API sent${target === 'postgresql' ? '; rows read from the tables (pg_stat_user_tables seq + index fetches) and transactions (pg_stat_database)' : ''}; CPU milliseconds of the API process${target === 'postgresql' ? ' and of the database backends serving it (from /proc)' : ', the embedded database included'}.`,
    '',
    '| officers | waiting | served | served/s | call-next p50 / p99 | start p50 / p99 | finish p50 / p99 | statements | rows read | transactions | API CPU ms | database CPU ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...serving.map(
      (s) =>
        `| ${s.officers} | ${s.waiting.toLocaleString('en')} | ${s.served}${s.errors ? ` (${s.errors} errors)` : ''} | ${s.perSecond} | ${lat(s.steps.callNext)} | ${lat(s.steps.start)} | ${lat(s.steps.finish)} | ${count(s.perServed.statements)} | ${count(s.perServed.rowsRead)} | ${count(s.perServed.transactions)} | ${count(s.perServed.apiCpuMs)} | ${count(s.perServed.databaseCpuMs)} |`,
    ),
    '',
    "Where the rows go (per served ticket: the largest sources, a table's sequential scans or an index's fetches), and the supervision state read during the run (by reason):",
    '',
    ...serving.map((s) => {
      const tables = s.rowsBySource.slice(0, 5).map((t) => `${t.source} ${count(t.rows)}`);
      const reloads = s.supervisionReloads
        ? Object.entries(s.supervisionReloads)
            .filter(([, n]) => n > 0)
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', ') || 'none'
        : '–';
      return `- ${s.officers} officers, ${s.waiting.toLocaleString('en')} waiting: ${tables.join('; ') || '–'}; re-reads: ${reloads}`;
    }),
  ];
}

/** A CPU profile's top costs, self time, by package and by function. */
function profileTable(during: string, profile: ProfileSummary): string[] {
  return [
    `CPU profile of the API during ${during} (${profile.totalMs} ms sampled; the API started under --cpu-prof for it, so its boot is in it), self time:`,
    '',
    '| package | share |',
    '| --- | ---: |',
    ...profile.topPackages.slice(0, 8).map((pkg) => `| ${pkg.name} | ${pkg.share}% |`),
    '',
    '| function | where | share | called from (a runtime function: the nearest frames of ours) |',
    '| --- | --- | ---: | --- |',
    ...profile.topFunctions.slice(0, 10).map((fn) => `| ${fn.name} | ${fn.where} | ${fn.share}% | ${callersCell(fn)} |`),
  ];
}

function readsTable(target: string, r: ReadsRun): string[] {
  const c = (counts: ReadsRun['phase']) => `${count(counts.statements)} | ${count(counts.rowsRead)} | ${count(counts.transactions)}`;
  return [
    `Reads: ${r.phones.toLocaleString('en')} phones polling \`GET /tickets/track/:code\` (${r.tracks.toLocaleString('en')} requests, ${r.rounds} each) and ${r.boards} boards sending \`office:resync\` (${r.resyncs.toLocaleString('en')}), with ${r.unknown.requests} requests for ${r.unknown.codes} made-up codes (${r.unknown.notFound} answered 404), in ${r.seconds} s${r.errors ? `, ${r.errors} errors` : ''}. What the database saw: statements the API sent (less the metrics scrapes)${target === 'postgresql' ? ', rows read and transactions (pg_stat deltas)' : ''}, during the phase and over an idle window as long right after it (the API's own timers).`,
    '',
    '| window | statements | rows read | transactions | track p50 / p99 | resync p50 / p99 |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| reads phase | ${c(r.phase)} | ${lat(r.track)} | ${lat(r.resync)} |`,
    `| idle, as long | ${c(r.idle)} | | |`,
    ...(r.rowsBySource.length
      ? [
          '',
          `Rows read beyond the idle window, by source: ${r.rowsBySource
            .slice(0, 5)
            .map((d) => `${d.source} ${count(d.rows)}`)
            .join('; ')}.`,
        ]
      : []),
  ];
}

function markdown(results: TargetResult[], memory: Awaited<ReturnType<typeof boardMemory>>[], p: ReturnType<typeof provenance>): string {
  const lines = [
    '# Loket benchmark',
    '',
    `${p.date} · commit ${p.commit ?? 'unknown'}${p.dirty ? ' (with uncommitted changes)' : ''} · ${p.machine} · Node ${p.node}${args.smoke ? ' · SMOKE size' : ''}`,
    '',
    'Machine note: a shared 2-core development machine; other work ran at the same time, so absolute figures are noisy. The bare stack was measured in the same run on the same machine; the ratios are the figures to compare over time.',
    '',
    'Latencies in milliseconds (p50 / p99), measured by the client; the API ran with `RATE_LIMIT=off`.',
  ];
  for (const r of results) {
    lines.push(
      '',
      `## ${r.target === 'postgresql' ? 'PostgreSQL' : 'PGlite (embedded)'}`,
      '',
      '| measure | Loket | bare stack | ratio |',
      '| --- | ---: | ---: | ---: |',
      `| ticket issue at ${size.rate}/s: p50 / p99 | ${lat(r.issueAtRate.ours.latency)} | ${lat(r.issueAtRate.bare.latency)} (INSERT) | ${times(ratio(r.issueAtRate.ours.latency.p50, r.issueAtRate.bare.latency.p50))} / ${times(ratio(r.issueAtRate.ours.latency.p99, r.issueAtRate.bare.latency.p99))} |`,
      `| ticket issue at saturation (${size.concurrency} in flight): per second | ${r.issueSaturated.ours.perSecond} | ${r.issueSaturated.bare.perSecond} (INSERT) | ${times(ratio(r.issueSaturated.ours.perSecond, r.issueSaturated.bare.perSecond))} |`,
      `| ticket issue at saturation: p50 / p99 | ${lat(r.issueSaturated.ours.latency)} | ${lat(r.issueSaturated.bare.latency)} | ${times(ratio(r.issueSaturated.ours.latency.p50, r.issueSaturated.bare.latency.p50))} / ${times(ratio(r.issueSaturated.ours.latency.p99, r.issueSaturated.bare.latency.p99))} |`,
      `| ticket issue at saturation, spread over ${size.offices} offices: per second; p50 / p99 | ${r.issueSpread.perSecond}; ${lat(r.issueSpread.latency)} | ${r.issueSaturated.bare.perSecond}; ${lat(r.issueSaturated.bare.latency)} | ${times(ratio(r.issueSpread.perSecond, r.issueSaturated.bare.perSecond))}; ${times(ratio(r.issueSpread.latency.p50, r.issueSaturated.bare.latency.p50))} / ${times(ratio(r.issueSpread.latency.p99, r.issueSaturated.bare.latency.p99))} |`,
      `| call-next storm, ${r.storm.counters} counters over ${r.storm.queue} waiting: p50 / p99 | ${lat(r.storm.ours.latency)} | ${lat(r.storm.bare.latency)} (SKIP LOCKED claim) | ${times(ratio(r.storm.ours.latency.p50, r.storm.bare.latency.p50))} / ${times(ratio(r.storm.ours.latency.p99, r.storm.bare.latency.p99))} |`,
      `| call-next storm: calls per second | ${r.storm.ours.perSecond} | ${r.storm.bare.perSecond} | ${times(ratio(r.storm.ours.perSecond, r.storm.bare.perSecond))} |`,
      `| call-next storm: tickets called twice / skipped | **${r.storm.calledTwice} / ${r.storm.skipped}** (${r.storm.called} called) | ${r.storm.bare.claimedTwice} / – | |`,
      `| fan-out of a call to ${r.fanout.ours.clients} clients (${r.fanout.ours.calls} calls): p50 / p99 | ${lat(r.fanout.ours.latency)} | ${lat(r.fanout.bare.latency)} | ${times(ratio(r.fanout.ours.latency.p50, r.fanout.bare.latency.p50))} / ${times(ratio(r.fanout.ours.latency.p99, r.fanout.bare.latency.p99))} |`,
      `| fan-out: max; deliveries missing | ${ms(r.fanout.ours.latency.max)}; ${r.fanout.ours.missing} | ${ms(r.fanout.bare.latency.max)}; ${r.fanout.bare.missing} | ${times(ratio(r.fanout.ours.latency.max, r.fanout.bare.latency.max))} |`,
    );
    lines.push('', ...servingTable(r.target, r.serving));
    lines.push('', ...readsTable(r.target, r.reads));
    lines.push('', ...rushTable(r.rush));
    lines.push('', ...outboxTable(r.outbox));
    if (r.issueAtRate.ours.errors + r.issueSaturated.ours.errors + r.issueSpread.errors + r.storm.ours.errors > 0) {
      lines.push('', `Errors: issue ${r.issueAtRate.ours.errors + r.issueSaturated.ours.errors + r.issueSpread.errors}, storm ${r.storm.ours.errors}.`);
    }
    if (r.profile) lines.push('', ...profileTable('the two saturation phases of ticket issue', r.profile));
    if (r.profiles?.storm) lines.push('', ...profileTable('the call-next storm', r.profiles.storm));
    if (r.profiles?.serving)
      lines.push('', ...profileTable(`the serving runs over ${servingProfiledQueue().toLocaleString('en')} waiting`, r.profiles.serving));
  }
  const [small, large] = memory;
  lines.push(
    '',
    '## Board memory (libs/domain OfficeFeed, the board store’s reducer)',
    '',
    '| events applied | heap after (MB) | waiting held | recent calls held |',
    '| ---: | ---: | ---: | ---: |',
    ...memory.map((m) => `| ${m.events.toLocaleString('en')} | ${mb(m.heapAfterBytes)} | ${m.waiting} | ${m.recentCalls} |`),
    '',
    `Heap after ${large.events.toLocaleString('en')} events ÷ after ${small.events.toLocaleString('en')}: ${times(ratio(large.heapAfterBytes, small.heapAfterBytes))}.`,
    '',
    `How each figure is taken: ticket issue is \`POST /offices/:slug/tickets\` (open loop at the fixed rate, ${size.rate}/s: a large MPP's kiosks at their peak, or some thirty ordinary offices on one instance; closed loop at saturation, on one service whose queue grows to thousands for the storm, and the same spread over ${size.offices} offices of one service each, whose ticket numbers and event sequence are rows of their own), against single-row INSERTs through \`pg\` with the same concurrency. The storm opens every counter and has all call \`call-next\` at once (then \`no-show\`, to free the counter) for the first ${size.stormCalls} of the queue; "skipped" counts tickets among the first that many in call order (\`GET /counters/:id/queue\` before) that were not called; the bare claim is \`SELECT … FOR UPDATE SKIP LOCKED\` + \`UPDATE\` in a transaction with as many workers. Fan-out: the clients subscribe to an office of their own, whose officer calls a fresh ticket each time; the figure is the time from the \`at\` the API stamps on the call event (taken just before its transaction, so it includes the commit) to its arrival at each client, all on one machine clock; the bare server stamps \`at\` just before its broadcast of the same payload.`,
  );
  return `${lines.join('\n')}\n`;
}

process.on('SIGINT', () => void stopAllApis().then(() => process.exit(130)));

const results: TargetResult[] = [];
for (const target of targets) {
  const result = await benchTarget(target, args.port ? Number(args.port) : await freePort());
  if (result) results.push(result);
}
if (args['serving-only'] || args['reads-only'] || args['rush-only'] || args['outbox-only']) process.exit(0);
log('\n== board memory ==');
const memory = [];
for (const events of size.boardEvents) memory.push(await boardMemory(events));
const p = provenance(REPO_ROOT);
const report = markdown(results, memory, p);
console.log(`\n${report}`);
const out = args.out ? resolve(args.out) : args.smoke ? null : resolve(REPO_ROOT, 'tools/bench/results');
if (out && !args['no-save']) {
  await mkdir(out, { recursive: true });
  const json = `${JSON.stringify({ provenance: p, size, results, boardMemory: memory }, null, 2)}\n`;
  const stamp = p.date.slice(0, 16).replace(/[:]/g, '-');
  const name = `bench-${stamp}-${targets.join('-')}`;
  await writeFile(join(out, `${name}.json`), json);
  await writeFile(join(out, `${name}.md`), report);
  await writeFile(join(out, 'latest.json'), json);
  await writeFile(join(out, 'latest.md'), report);
  console.log(`Kept: ${join(out, `${name}.md`)} and latest.md/latest.json`);
}
// Correctness, never speed, decides the exit code: no ticket called twice or skipped, every delivery made.
const broken = results.filter(
  (r) => r.storm.calledTwice > 0 || r.storm.skipped > 0 || r.fanout.ours.missing > 0 || rushProblems(r.rush).length > 0 || outboxProblems(r.outbox).length > 0,
);
if (broken.length > 0) {
  console.error(
    `Correctness failed on ${broken.map((r) => r.target).join(', ')}: see "called twice / skipped", "deliveries missing", the booking rush and the outbox above.`,
  );
  process.exit(1);
}
// A phase that issued nothing measured nothing: until 326ecfe the spread phase printed 0/s
// (every request refused) and the run still passed.
const empty = results.flatMap((r) =>
  (
    [
      ['issue at rate', r.issueAtRate.ours],
      ['issue at saturation', r.issueSaturated.ours],
      ['issue spread', r.issueSpread],
      ['storm', r.storm.ours],
    ] as const
  )
    .filter(([, run]) => run.requests === 0)
    .map(([phase, run]) => `${r.target} ${phase} (${run.errors} errors)`),
);
if (empty.length > 0) {
  console.error(`No request succeeded in: ${empty.join(', ')}.`);
  process.exit(1);
}
process.exit(0);
