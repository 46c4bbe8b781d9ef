/**
 * The reads phase: phones polling their ticket (`GET /tickets/track/:code`) and boards
 * asking for the office's snapshot again (`office:resync` over socket.io), all at once, with
 * nothing else happening in the office. What the readers cost the database is the figure:
 * the statements the API sent (both databases) and, on PostgreSQL, the rows read and
 * transactions, each beside the same counts over an idle window as long (the API's own
 * timers: the alert scan, the counter sweep), so what is left is what the readers cost.
 */
import type { Socket } from 'socket.io-client';
import { type Api, ApiError } from '@loket/simulator/http';
import { connectClients } from './fanout.js';
import { type DatabaseCounts, databaseCounts, sourceDeltas, statementsSent } from './serving.js';
import type { Sql } from './sql.js';
import { closedLoop, latency, type Latency } from './stats.js';

export interface ReadCounts {
  statements: number | null;
  rowsRead: number | null;
  transactions: number | null;
}

export interface ReadsRun {
  phones: number;
  boards: number;
  rounds: number;
  tracks: number;
  resyncs: number;
  /** Requests for made-up codes (answered 404) and how many distinct codes they used. */
  unknown: { requests: number; codes: number; notFound: number };
  errors: number;
  seconds: number;
  track: Latency;
  resync: Latency;
  /** During the phase, and during an idle window as long, right before it. */
  phase: ReadCounts;
  idle: ReadCounts;
  /** Rows read during the phase beyond the idle window, by source, largest first (PostgreSQL). */
  rowsBySource: { source: string; rows: number }[];
}

/** A made-up tracking code of the right form (`TRACKING_CODE_PATTERN`), the `n`th of ten. */
const made = (n: number) => `${'23456789AB'[n]}ZZZZ-ZZZZZ-ZZZZZ-ZZZZZ`;

async function counts(baseUrl: string, sql: Sql | null): Promise<{ statements: number | null; database: DatabaseCounts | null }> {
  const database = sql ? await databaseCounts(sql) : null;
  // A scrape reads the queue figures itself: taken after the database's counts, and its own statements taken out below.
  const statements = await statementsSent(baseUrl);
  return { statements, database };
}

function delta(before: Awaited<ReturnType<typeof counts>>, after: Awaited<ReturnType<typeof counts>>, scrapeStatements: number): ReadCounts {
  return {
    statements: before.statements === null || after.statements === null ? null : after.statements - before.statements - scrapeStatements,
    rowsRead: before.database && after.database ? after.database.rowsRead - before.database.rowsRead : null,
    transactions: before.database && after.database ? after.database.transactions - before.database.transactions : null,
  };
}

export async function readsRun(options: {
  baseUrl: string;
  api: Api;
  officeSlug: string;
  codes: string[];
  boards: number;
  rounds: number;
  concurrency: number;
  sql: Sql | null;
}): Promise<ReadsRun> {
  const { api, officeSlug, codes, rounds } = options;
  const subscribe = (socket: Socket) =>
    new Promise<void>((done, fail) =>
      socket
        .timeout(30_000)
        .emit('office:subscribe', { officeSlug }, (error: Error | null, ack: { ok: boolean }) =>
          error || !ack.ok ? fail(error ?? new Error('subscribe refused')) : done(),
        ),
    );
  const boards = await connectClients(options.baseUrl, options.boards, subscribe);
  try {
    // Every phone once and every board once before counting: the first reads fill what is kept.
    for (const code of codes.slice(0, 1)) await api.request('GET', `/tickets/track/${code}`);
    // What one scrape of the metrics costs in statements (it reads the queue figures).
    const s0 = await statementsSent(options.baseUrl);
    const s1 = await statementsSent(options.baseUrl);
    const scrape = s0 === null || s1 === null ? 0 : s1 - s0;

    const unknownCodes = Array.from({ length: 10 }, (_, n) => made(n));
    const trackSamples: number[] = [];
    const resyncSamples: number[] = [];
    let errors = 0;
    let notFound = 0;
    let unknownRequests = 0;
    const phaseBefore = await counts(options.baseUrl, options.sql);
    const began = performance.now();
    const phones = closedLoop(codes.length * rounds, options.concurrency, async (index) => {
      const begin = performance.now();
      await api.request('GET', `/tickets/track/${codes[index % codes.length]}`);
      trackSamples.push(performance.now() - begin);
      // Now and then a made-up code, as a mistyped or guessed one would come.
      if (index % 10 === 0) {
        unknownRequests += 1;
        try {
          await api.request('GET', `/tickets/track/${unknownCodes[Math.floor(index / 10) % unknownCodes.length]}`);
          errors += 1;
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) notFound += 1;
          else errors += 1;
        }
      }
    });
    const resyncs = Promise.all(
      boards.sockets.map(async (socket) => {
        for (let round = 0; round < rounds; round += 1) {
          const begin = performance.now();
          const ack = await new Promise<{ ok: boolean }>((done) =>
            socket.timeout(30_000).emit('office:resync', { officeSlug }, (_: Error | null, reply: { ok: boolean }) => done(reply ?? { ok: false })),
          );
          resyncSamples.push(performance.now() - begin);
          if (!ack.ok) errors += 1;
        }
      }),
    );
    const [phoneRun] = await Promise.all([phones, resyncs]);
    errors += phoneRun.errors;
    const seconds = (performance.now() - began) / 1000;
    const phaseAfter = await counts(options.baseUrl, options.sql);

    // The same length of time with nobody reading: what the API does by itself (its timers).
    const idleBefore = await counts(options.baseUrl, options.sql);
    await new Promise((done) => setTimeout(done, seconds * 1000));
    const idleAfter = await counts(options.baseUrl, options.sql);

    const phase = delta(phaseBefore, phaseAfter, scrape);
    const idle = delta(idleBefore, idleAfter, scrape);
    const phaseSources = phaseBefore.database && phaseAfter.database ? sourceDeltas(phaseBefore.database, phaseAfter.database) : [];
    const idleSources = new Map(
      idleBefore.database && idleAfter.database ? sourceDeltas(idleBefore.database, idleAfter.database).map((d) => [d.source, d.rows]) : [],
    );
    return {
      phones: codes.length,
      boards: options.boards,
      rounds,
      tracks: trackSamples.length,
      resyncs: resyncSamples.length,
      unknown: { requests: unknownRequests, codes: unknownCodes.length, notFound },
      errors,
      seconds: Math.round(seconds * 10) / 10,
      track: latency(trackSamples),
      resync: latency(resyncSamples),
      phase,
      idle,
      rowsBySource: phaseSources
        .map((d) => ({ source: d.source, rows: Math.round((d.rows - (idleSources.get(d.source) ?? 0)) * 10) / 10 }))
        .filter((d) => d.rows > 0)
        .sort((a, b) => b.rows - a.rows),
    };
  } finally {
    boards.close();
  }
}
