/**
 * The booking rush (issue 17): the moment a popular service's day opens, thousands of phones
 * ask at once for a few hundred seats. Each attempt is what a booking page does: read the
 * availability of the day (`GET /offices/:slug/services/:id/availability?day=`), pick a slot that shows seats
 * left, and book it (`POST /offices/:slug/bookings`) with a client id of its own and an
 * Idempotency-Key; some attempts tap twice with one key. The attempts start at a fixed rate
 * (open loop: a slow answer does not hold the next phone back). Correctness, read from the
 * tables afterwards, decides: exactly as many confirmed as there are seats, none over a slot's
 * seats, none twice, every refusal a 409 `slot_full` / `day_full`. Beside it the bare stack:
 * the same read and a conditional UPDATE + INSERT through `pg`, at the same rate.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ApiProcess, REPO_ROOT, startApi } from '@loket/simulator/api-process';
import { Api } from '@loket/simulator/http';
import { openBareDb, dropBare } from './bare-db.js';
import { callersCell, type ProfileSummary, summarizeProfile } from './profile.js';
import { apiCpuSeconds, backendCpuDelta, backendCpuSeconds, statementsSent } from './serving.js';
import { createBenchOffice, openSql, type Sql } from './sql.js';
import { latency, type Latency, openLoop, ratio } from './stats.js';

export interface RushSize {
  /** Booking attempts in all, started evenly over `seconds`. */
  attempts: number;
  seconds: number;
  /** Seats per slot; the day has `RUSH_SLOTS` slots. */
  seatsPerSlot: number;
  /** Every `doubleTapEvery`th attempt sends its booking twice at once with one Idempotency-Key. */
  doubleTapEvery: number;
  /** The bare stack's pool on PostgreSQL. */
  concurrency: number;
}

/** The office is open 08:00–18:00 every day: twenty slots of 30 minutes. */
export const RUSH_SLOTS = 20;
/** How many times a phone refused slot_full reads the seats again and tries another slot. */
const RUSH_RETRIES = 3;
const HOURS = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '08:00', closes: '18:00' }));

export interface RushSide {
  attempts: number;
  confirmed: number;
  /** Confirmed bookings per second: from the first attempt's start to the last confirmation's answer. */
  confirmsPerSecond: number;
  /** Every booking request's answer time (confirmed or refused). */
  book: Latency;
  /** The confirmed ones only. */
  confirm: Latency;
  read: Latency;
  seconds: number;
}

export interface RushRun {
  seats: number;
  slots: number;
  offeredPerSecond: number;
  ours: RushSide & {
    /** Refusals by status and code (`409 slot_full`, …); anything else is an error. */
    refusals: Record<string, number>;
    errors: number;
    /** Availability reads that failed (shed under load): those phones did not book. */
    unread: number;
    /** Availability reads that failed on the way, by cause (`network ECONNRESET`, …). */
    unreadCauses?: Record<string, number>;
    /** The availability answer's size, bytes per read (mean over the reads answered 200). */
    readBytes?: number | null;
    /**
     * Where the two cores went during the rush, in CPU seconds per wall second (1 = one core):
     * the API process, its database backends (PostgreSQL) and this bench client, which shares
     * the machine; and the client's event-loop delay p99 in ms (a busy client times its own queue too).
     */
    machine?: {
      wallSeconds: number;
      apiCores: number | null;
      databaseCores: number | null;
      clientCores: number;
      clientLoopDelayP99Ms: number;
      /** Connections dropped at a full accept queue during the rush (`listenOverflows`; the whole machine's). */
      listenOverflows: number | null;
    };
    /** Booking requests after a slot_full, each on a slot the fresh view showed free. */
    retries: number;
    doubleTaps: number;
    /** Double taps answered with two different bookings (must be 0). */
    doubleTapsSplit: number;
    /** From the tables after the run. */
    stored: { bookings: number; overCapacity: number; duplicates: number; dayRowBooked: number };
    /**
     * What the rush cost, per booking request sent (a double tap sends two) and per confirmed
     * booking (all the rush's reads, refusals and retries included): the statements the API sent,
     * the API process's CPU milliseconds and, on PostgreSQL, its backends'. Null where not reported.
     */
    cost: {
      bookRequests: number;
      statementsPerBook: number | null;
      statementsPerConfirm: number | null;
      apiCpuMsPerConfirm: number | null;
      databaseCpuMsPerConfirm: number | null;
    };
  };
  bare: RushSide;
  profile: ProfileSummary | null;
}

interface SlotView {
  startsAt: string;
  left: number;
}
interface AvailabilityView {
  days: { day: string; open: boolean; slots: SlotView[] }[];
}

/** A fresh x-loket-client id (BOOKING_CLIENT_PATTERN). */
const clientId = () => randomBytes(12).toString('hex');

/** Picks a slot that shows a seat left (at random, as a crowd spreads), or any slot when none shows one. */
function pickSlot(slots: { startsAt: string; left: number }[], random: () => number): string {
  const open = slots.filter((slot) => slot.left > 0);
  const from = open.length > 0 ? open : slots;
  return from[Math.floor(random() * from.length)].startsAt;
}

/** A small deterministic generator, so two runs pick alike. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: Record<string, unknown>; bytes: number }> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, data: text ? (JSON.parse(text) as Record<string, unknown>) : {}, bytes: Buffer.byteLength(text) };
}

/**
 * Connections the kernel refused to queue because a listening socket's accept queue was full
 * (TcpExt ListenOverflows, machine-wide, Linux only; null elsewhere). Each costs that phone a
 * retransmitted SYN, a second or more: a surge's latency that no profile of the API shows.
 */
async function listenOverflows(): Promise<number | null> {
  const text = await readFile('/proc/net/netstat', 'utf8').catch(() => null);
  if (text === null) return null;
  const [names, values] = text.split('\n').filter((line) => line.startsWith('TcpExt:'));
  const at = names?.split(' ').indexOf('ListenOverflows') ?? -1;
  return at > 0 && values ? Number(values.split(' ')[at]) : null;
}

/** A request that failed on the way, by its cause (`ECONNRESET`, `UND_ERR_SOCKET`, …): where a surge broke, the client or the server. */
function failed(error: unknown): { status: 0; data: Record<string, unknown>; bytes: 0 } {
  const cause = (error as { cause?: { code?: string; name?: string } }).cause;
  return { status: 0, data: { code: `network ${cause?.code ?? cause?.name ?? (error as Error).name ?? 'error'}` }, bytes: 0 };
}

export interface RushOptions {
  target: 'pglite' | 'postgresql';
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  run: string;
  size: RushSize;
  profile: boolean;
  /** With `profile`: a folder to copy the raw .cpuprofile into, for DevTools. */
  keepProfile?: string | null;
  /** False: the profile's summary is printed only, not written over tools/bench/results (a --rush-only run keeps nothing). */
  saveProfile?: boolean;
  log: (line: string) => void;
}

/**
 * The whole phase on a stopped API's database: the rush office written into the tables, an
 * API of its own started (under --cpu-prof when asked), the rush, the API stopped, the tables
 * counted, then the bare stack at the same rate.
 */
export async function rushPhase(options: RushOptions): Promise<RushRun> {
  const { size, log } = options;
  const postgres = options.target === 'postgresql';
  const seats = RUSH_SLOTS * size.seatsPerSlot;
  const sqlTarget = postgres ? { databaseUrl: options.databaseUrl! } : { dataDir: options.dataDir };
  let sql = await openSql(sqlTarget);
  const office = await createBenchOffice(sql, 1, `${options.run}-rush`);
  await sql.query('UPDATE offices SET opening_hours = $2, bookings_per_person = 1 WHERE slug = $1', [office.slug, JSON.stringify(HOURS)]);
  await sql.query('UPDATE services SET daily_quota = NULL, booking_settings = $2 WHERE id = $1', [
    office.serviceId,
    JSON.stringify({
      enabled: true,
      slotMinutes: 30,
      seatsPerSlot: size.seatsPerSlot,
      walkInSharePercent: 0,
      horizonDays: 14,
      opensDaysBefore: 14,
      opensAt: '00:00',
      changeCutoffDays: 1,
      graceMinutes: 10,
      lateToleranceMinutes: 15,
    }),
  ]);
  await sql.close();

  const profileDir = join(options.dataDir, 'rush-profile');
  let api: ApiProcess | null = await startApi({
    port: options.port,
    dataDir: options.dataDir,
    databaseUrl: postgres ? options.databaseUrl : null,
    nodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const base = api.url;
  const availabilityPath = `/offices/${office.slug}/services/${office.serviceId}/availability`;
  let day: string;
  let oursSide: RushRun['ours'];
  try {
    // The day: the first after today with all its slots (a holiday or a closure has none).
    const first = await new Api(base).get<AvailabilityView>(availabilityPath);
    const found = first.days.slice(1).find((d) => d.open && d.slots.length === RUSH_SLOTS && d.slots.every((slot) => slot.left === size.seatsPerSlot));
    if (!found) throw new Error(`No day ahead with ${RUSH_SLOTS} open slots for the rush`);
    day = found.day;
    const slotsOf = (view: AvailabilityView) => view.days.find((d) => d.day === day)?.slots ?? [];
    // Each phone reads the day it books, as the booking page showing that day does (`?day=`).
    const dayPath = `${availabilityPath}?day=${day}`;
    // Warm-up: a few reads, so the first phones do not pay for the API's first statements.
    for (let n = 0; n < 5; n += 1) await call(base, 'GET', dayPath);
    // The API's own counts around the rush; on PostgreSQL its backends' CPU through a connection of the bench's own.
    const counter: Sql | null = postgres ? await openSql(sqlTarget) : null;
    const statementsBefore = await statementsSent(base);
    const cpuBefore = await apiCpuSeconds(base);
    const backendsBefore = counter ? await backendCpuSeconds(counter) : null;
    let bookRequests = 0;

    log(`rush: ${size.attempts.toLocaleString('en')} booking attempts in ${size.seconds} s for ${seats.toLocaleString('en')} seats (${RUSH_SLOTS} slots)`);
    const random = seeded(17);
    const bookSamples: number[] = [];
    const confirmSamples: number[] = [];
    const readSamples: number[] = [];
    const refusals: Record<string, number> = {};
    let errors = 0;
    let unread = 0;
    const unreadCauses: Record<string, number> = {};
    let readBytes = 0;
    let readsAnswered = 0;
    let retries = 0;
    let confirmed = 0;
    let doubleTaps = 0;
    let doubleTapsSplit = 0;
    let lastConfirm = 0;
    const overflowsBefore = await listenOverflows();
    const clientBefore = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    await openLoop(size.attempts / size.seconds, size.seconds, async (index) => {
      const headers = { 'x-loket-client': clientId() };
      // As the booking page does: refused slot_full, the phone reads the seats again and picks another (a few times at most).
      for (let round = 0; round <= RUSH_RETRIES; round += 1) {
        let begin = performance.now();
        const read = await call(base, 'GET', dayPath).catch(failed);
        readSamples.push(performance.now() - begin);
        if (read.status !== 200) {
          // The phone saw no slots: it does not book (counted, not a refusal of a booking).
          unread += 1;
          const cause = read.status === 0 ? String(read.data.code) : `${read.status} ${String(read.data.code ?? '')}`;
          unreadCauses[cause] = (unreadCauses[cause] ?? 0) + 1;
          return;
        }
        readBytes += read.bytes;
        readsAnswered += 1;
        const slots = slotsOf(read.data as unknown as AvailabilityView);
        // A page that shows the day full books nothing more.
        if (round > 0 && slots.every((slot) => slot.left === 0)) return;
        const startsAt = pickSlot(slots, random);
        const body = { serviceId: office.serviceId, startsAt, phone: `0812${String(10_000_000 + index)}` };
        const key = { ...headers, 'idempotency-key': `rush-${options.run}-${index}-${round}` };
        const path = `/offices/${office.slug}/bookings`;
        const post = () => call(base, 'POST', path, body, key).catch(failed);
        begin = performance.now();
        const tap = round === 0 && size.doubleTapEvery > 0 && index % size.doubleTapEvery === 0;
        bookRequests += tap ? 2 : 1;
        const answers = await Promise.all(tap ? [post(), post()] : [post()]);
        const took = performance.now() - begin;
        bookSamples.push(took);
        if (round > 0) retries += 1;
        const [answer] = answers;
        if (tap) {
          doubleTaps += 1;
          const codes = new Set(answers.filter((a) => a.status === 201 || a.status === 200).map((a) => a.data.code));
          if (codes.size > 1) doubleTapsSplit += 1;
        }
        if (answer.status === 201 || answer.status === 200) {
          confirmed += 1;
          confirmSamples.push(took);
          lastConfirm = performance.now();
          return;
        }
        const refusal = answer.status === 0 ? String(answer.data.code) : `${answer.status} ${String(answer.data.code ?? '')}`;
        refusals[refusal] = (refusals[refusal] ?? 0) + 1;
        if (answer.status !== 409) errors += 1;
        if (refusal !== '409 slot_full') return;
      }
    });
    const seconds = (performance.now() - started) / 1000;
    loopDelay.disable();
    const clientCpu = process.cpuUsage(clientBefore);
    const overflowsAfter = await listenOverflows();
    const cpuAfter = await apiCpuSeconds(base);
    const backendsAfter = counter ? await backendCpuSeconds(counter) : null;
    const statementsAfter = await statementsSent(base);
    await counter?.close();
    const databaseCpu = backendCpuDelta(backendsBefore, backendsAfter);
    const statements = statementsBefore === null || statementsAfter === null ? null : statementsAfter - statementsBefore;
    const per = (value: number | null, n: number) => (value === null || n === 0 ? null : Math.round((value / n) * 100) / 100);
    const cost = {
      bookRequests,
      statementsPerBook: per(statements, bookRequests),
      statementsPerConfirm: per(statements, confirmed),
      apiCpuMsPerConfirm: per(cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000, confirmed),
      databaseCpuMsPerConfirm: per(databaseCpu === null ? null : databaseCpu * 1000, confirmed),
    };
    await api.stop();
    api = null;

    sql = await openSql(sqlTarget);
    try {
      const [stored] = await sql.query<{ bookings: number; duplicates: number }>(
        `SELECT count(*)::int AS bookings,
                (count(*) - count(DISTINCT idempotency_key)) + (count(*) - count(DISTINCT client_key)) + (count(*) - count(DISTINCT code))::int AS duplicates
         FROM bookings WHERE service_id = $1 AND status <> 'cancelled'`,
        [office.serviceId],
      );
      const [over] = await sql.query<{ over: number }>(
        `SELECT count(*)::int AS over FROM (SELECT slot_starts_at FROM bookings WHERE service_id = $1 AND status <> 'cancelled'
           GROUP BY slot_starts_at HAVING count(*) > $2) s`,
        [office.serviceId, size.seatsPerSlot],
      );
      const [dayRow] = await sql.query<{ booked: number }>(
        'SELECT coalesce(sum(booked), 0)::int AS booked FROM booking_slots WHERE service_id = $1 AND service_day = $2::date',
        [office.serviceId, day],
      );
      oursSide = {
        attempts: size.attempts,
        confirmed,
        confirmsPerSecond: lastConfirm ? Math.round((confirmed / ((lastConfirm - started) / 1000)) * 10) / 10 : 0,
        book: latency(bookSamples),
        confirm: latency(confirmSamples),
        read: latency(readSamples),
        seconds: Math.round(seconds * 10) / 10,
        refusals,
        errors,
        unread,
        unreadCauses,
        readBytes: readsAnswered ? Math.round(readBytes / readsAnswered) : null,
        machine: {
          wallSeconds: Math.round(seconds * 10) / 10,
          apiCores: cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / seconds) * 100) / 100,
          databaseCores: databaseCpu === null ? null : Math.round((databaseCpu / seconds) * 100) / 100,
          clientCores: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / seconds) * 100) / 100,
          clientLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e4) / 100,
          listenOverflows: overflowsBefore === null || overflowsAfter === null ? null : overflowsAfter - overflowsBefore,
        },
        retries,
        doubleTaps,
        doubleTapsSplit,
        stored: {
          bookings: Number(stored.bookings),
          overCapacity: Number(over.over),
          duplicates: Number(stored.duplicates),
          dayRowBooked: Number(dayRow?.booked ?? 0),
        },
        cost,
      };
    } finally {
      await sql.close();
    }
  } finally {
    await api?.stop();
  }

  let profile: ProfileSummary | null = null;
  if (options.profile) {
    const files = (await readdir(profileDir).catch(() => [] as string[])).filter((file) => file.endsWith('.cpuprofile'));
    profile = files.length ? await summarizeProfile(join(profileDir, files[0])) : null;
    if (files.length && options.keepProfile) {
      await mkdir(options.keepProfile, { recursive: true });
      await copyFile(join(profileDir, files[0]), join(options.keepProfile, `${options.target}-rush-${options.run}.cpuprofile`));
    }
    if (profile && options.saveProfile !== false)
      await writeFile(resolve(REPO_ROOT, `tools/bench/results/profile-${options.target}-rush.json`), `${JSON.stringify(profile, null, 2)}\n`).catch(
        () => undefined,
      );
  }

  log('rush, bare stack: the same read and a conditional UPDATE + INSERT through pg, at the same rate');
  const bare = await bareRush(postgres ? { databaseUrl: options.databaseUrl! } : 'pglite', options.run, size);
  return { seats, slots: RUSH_SLOTS, offeredPerSecond: size.attempts / size.seconds, ours: oursSide, bare, profile };
}

/** The bare stack's rush: one row per slot, a read of all of them, then `UPDATE … WHERE booked < seats` and the booking's INSERT in one statement. */
async function bareRush(target: { databaseUrl: string } | 'pglite', run: string, size: RushSize): Promise<RushSide> {
  const db = await openBareDb(target, target === 'pglite' ? 1 : size.concurrency);
  const slots = `bench_bare_rush_slots_${run}`;
  const bookings = `bench_bare_rush_bookings_${run}`;
  try {
    await db.pool.query(`CREATE TABLE ${slots} (slot int PRIMARY KEY, booked int NOT NULL)`);
    await db.pool.query(`CREATE TABLE ${bookings} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, slot int NOT NULL, code text NOT NULL UNIQUE)`);
    await db.pool.query(`INSERT INTO ${slots} (slot, booked) SELECT g, 0 FROM generate_series(1, $1) g`, [RUSH_SLOTS]);
    const random = seeded(17);
    const bookSamples: number[] = [];
    const confirmSamples: number[] = [];
    const readSamples: number[] = [];
    let confirmed = 0;
    let lastConfirm = 0;
    const started = performance.now();
    await openLoop(size.attempts / size.seconds, size.seconds, async () => {
      let begin = performance.now();
      const { rows } = await db.pool.query<{ slot: number; booked: number }>(`SELECT slot, booked FROM ${slots} ORDER BY slot`);
      readSamples.push(performance.now() - begin);
      const slot = Number(
        pickSlot(
          rows.map((row) => ({ startsAt: String(row.slot), left: size.seatsPerSlot - row.booked })),
          random,
        ),
      );
      begin = performance.now();
      const result = await db.pool.query(
        `WITH seat AS (UPDATE ${slots} SET booked = booked + 1 WHERE slot = $1 AND booked < $2 RETURNING slot)
         INSERT INTO ${bookings} (slot, code) SELECT slot, md5(random()::text) FROM seat RETURNING id`,
        [slot, size.seatsPerSlot],
      );
      const took = performance.now() - begin;
      bookSamples.push(took);
      if (result.rowCount === 1) {
        confirmed += 1;
        confirmSamples.push(took);
        lastConfirm = performance.now();
      }
    });
    const seconds = (performance.now() - started) / 1000;
    await dropBare(db, [bookings, slots]);
    return {
      attempts: size.attempts,
      confirmed,
      confirmsPerSecond: lastConfirm ? Math.round((confirmed / ((lastConfirm - started) / 1000)) * 10) / 10 : 0,
      book: latency(bookSamples),
      confirm: latency(confirmSamples),
      read: latency(readSamples),
      seconds: Math.round(seconds * 10) / 10,
    };
  } finally {
    await db.close();
  }
}

/**
 * What is wrong with a rush, for the exit code (empty: nothing). Correctness only: a slot over
 * its seats, a duplicate, a double tap booked twice, a confirmed booking not stored, a refusal
 * that is not a clear 409 `slot_full` / `day_full`. Requests the API shed under load (503, with
 * Retry-After) or that failed on the way are counted and shown, not failed on; only when every
 * attempt was answered must exactly as many be confirmed as there are seats.
 */
export function rushProblems(r: RushRun): string[] {
  const problems: string[] = [];
  const o = r.ours;
  const shed =
    o.unread +
    Object.entries(o.refusals)
      .filter(([key]) => key.startsWith('5') || key.startsWith('network'))
      .reduce((sum, [, n]) => sum + n, 0);
  if (shed === 0 && o.confirmed !== r.seats) problems.push(`${o.confirmed} confirmed for ${r.seats} seats`);
  if (o.stored.bookings > r.seats) problems.push(`${o.stored.bookings} bookings stored for ${r.seats} seats`);
  if (o.stored.bookings < o.confirmed) problems.push(`${o.confirmed} confirmed but ${o.stored.bookings} stored`);
  if (o.stored.dayRowBooked !== o.stored.bookings) problems.push(`the seat counters count ${o.stored.dayRowBooked}, the table holds ${o.stored.bookings}`);
  if (o.stored.overCapacity > 0) problems.push(`${o.stored.overCapacity} slots over their seats`);
  if (o.stored.duplicates > 0) problems.push(`${o.stored.duplicates} duplicates`);
  if (o.doubleTapsSplit > 0) problems.push(`${o.doubleTapsSplit} double taps booked twice`);
  const unclear = Object.entries(o.refusals).filter(([key]) => key.startsWith('4') && key !== '409 slot_full' && key !== '409 day_full');
  if (unclear.length > 0) problems.push(`refusals other than 409 slot_full/day_full: ${unclear.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  return problems;
}

const causes = (byCause: Record<string, number> | undefined) =>
  byCause && Object.keys(byCause).length
    ? `: ${Object.entries(byCause)
        .sort((x, y) => y[1] - x[1])
        .map(([key, n]) => `${n.toLocaleString('en')} × ${key}`)
        .join(', ')}`
    : '';
const ms = (value: number | null) => (value === null ? '–' : value.toFixed(value < 10 ? 2 : 1));
const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p99)}`;
const num = (value: number | null) => (value === null ? '–' : String(value));
const times = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)}×`);

/** The rush's lines of the report. */
export function rushTable(r: RushRun): string[] {
  const o = r.ours;
  const b = r.bare;
  const refusals = Object.entries(o.refusals)
    .sort((x, y) => y[1] - x[1])
    .map(([key, n]) => `${n.toLocaleString('en')} × ${key}`)
    .join(', ');
  const lines = [
    `Booking rush: ${o.attempts.toLocaleString('en')} attempts started at ${r.offeredPerSecond.toLocaleString('en')}/s (open loop, ${o.seconds} s in all) for ${r.seats.toLocaleString('en')} seats (one service, one day, ${r.slots} slots); each attempt reads the day's availability (?day=), picks a slot that shows a seat, and books it with a client id of its own, and when refused slot_full reads again and tries another slot (${o.retries.toLocaleString('en')} such retries, at most ${RUSH_RETRIES} a phone); ${o.doubleTaps} of them tap twice with one Idempotency-Key.`,
    '',
    '| measure | Loket | bare stack | ratio |',
    '| --- | ---: | ---: | ---: |',
    `| confirmed (of ${r.seats.toLocaleString('en')} seats) | **${o.confirmed.toLocaleString('en')}** | ${b.confirmed.toLocaleString('en')} | |`,
    `| confirms per second | ${o.confirmsPerSecond} | ${b.confirmsPerSecond} | ${times(ratio(o.confirmsPerSecond, b.confirmsPerSecond))} |`,
    `| booking request (confirmed or refused): p50 / p99 | ${lat(o.book)} | ${lat(b.book)} (UPDATE + INSERT) | ${times(ratio(o.book.p50, b.book.p50))} / ${times(ratio(o.book.p99, b.book.p99))} |`,
    `| confirmed booking: p50 / p99 | ${lat(o.confirm)} | ${lat(b.confirm)} | ${times(ratio(o.confirm.p50, b.confirm.p50))} / ${times(ratio(o.confirm.p99, b.confirm.p99))} |`,
    `| availability read: p50 / p99 | ${lat(o.read)} | ${lat(b.read)} (SELECT) | ${times(ratio(o.read.p50, b.read.p50))} / ${times(ratio(o.read.p99, b.read.p99))} |`,
    `| stored: bookings / slots over their seats / duplicates / seat counters | **${o.stored.bookings.toLocaleString('en')} / ${o.stored.overCapacity} / ${o.stored.duplicates}** / ${o.stored.dayRowBooked.toLocaleString('en')} | | |`,
    `| double taps (one key, sent twice at once) / booked twice | ${o.doubleTaps} / **${o.doubleTapsSplit}** | | |`,
    `| statements per booking request / per confirmed booking (every read, refusal and retry counted) | ${num(o.cost.statementsPerBook)} / ${num(o.cost.statementsPerConfirm)} | | |`,
    `| CPU ms per confirmed booking: API process / database backends | ${num(o.cost.apiCpuMsPerConfirm)} / ${num(o.cost.databaseCpuMsPerConfirm)} | | |`,
    ...(o.readBytes !== undefined ? [`| availability answer: bytes per read | ${num(o.readBytes)} | | |`] : []),
    ...(o.machine
      ? [
          `| cores busy over the rush's ${o.machine.wallSeconds} s: API / database backends / this bench client; client event-loop delay p99 | ${num(o.machine.apiCores)} / ${num(o.machine.databaseCores)} / ${o.machine.clientCores}; ${o.machine.clientLoopDelayP99Ms} ms | | |`,
          `| connections dropped at a full accept queue (the machine's TcpExt ListenOverflows) | ${num(o.machine.listenOverflows)} | | |`,
        ]
      : []),
    '',
    `Answers other than a booking: ${refusals || 'none'}${o.unread ? `; ${o.unread} availability reads failed (those phones did not book${causes(o.unreadCauses)})` : ''}. A 503 is the API shedding load (database_unavailable, with Retry-After), not a refusal; "network" is a request that failed on the way, with its cause.`,
  ];
  if (r.profile) {
    lines.push('', `CPU profile of the API during the rush (${r.profile.totalMs} ms sampled), self time:`, '', '| package | share |', '| --- | ---: |');
    for (const pkg of r.profile.topPackages.slice(0, 8)) lines.push(`| ${pkg.name} | ${pkg.share}% |`);
    lines.push('', '| function | where | share | called from (a runtime function: the nearest frames of ours) |', '| --- | --- | ---: | --- |');
    for (const fn of r.profile.topFunctions.slice(0, 10)) lines.push(`| ${fn.name} | ${fn.where} | ${fn.share}% | ${callersCell(fn)} |`);
  }
  return lines;
}
