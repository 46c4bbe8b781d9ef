/**
 * The notification outbox (issue 18): webhooks leave through a transactional outbox and a
 * dispatcher per instance, off the request path. This phase measures, against a local
 * receiver that answers at once:
 * - events per second through the outbox: a burst of issues at saturation, until the
 *   receiver has every `ticket.issued`;
 * - delivery lag p50/p99 (the receiver's arrival minus the event's `timestamp`, one machine
 *   clock) with tickets issued at the saturation phase's rate;
 * - ticket issue p99 with and without a second endpoint that takes 10 s to answer (the
 *   dispatcher's timeout cuts it at WEBHOOK_TIMEOUT_MS), and the fast endpoint's lag while
 *   the slow one, still enabled, holds its sends.
 * Correctness decides: every event delivered, none lost; a repeat of a webhook-id at the
 * receiver is counted (at-least-once allows it; the receiver would dedupe).
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { type ApiProcess, startApi } from '@loket/simulator/api-process';
import { Api } from '@loket/simulator/http';
import { createBenchOffice, openSql } from './sql.js';
import { closedLoop, latency, type Latency, openLoop } from './stats.js';

export interface OutboxSize {
  /** Tickets issued in the burst whose webhooks are counted through. */
  burst: number;
  /** Seconds of issuing at the saturation rate for the lag. */
  lagSeconds: number;
  /** Tickets issued at saturation without, then with, the slow endpoint. */
  slowIssues: number;
  /** How long the slow endpoint takes to answer. */
  slowMs: number;
  concurrency: number;
}

interface Arrival {
  id: string;
  arrivedAt: number;
  occurredAt: number;
}

export interface OutboxRun {
  burst: { events: number; delivered: number; duplicates: number; seconds: number; perSecond: number };
  lag: { rate: number; events: number; delivered: number; duplicates: number; latency: Latency };
  slow: {
    slowMs: number;
    timeoutMs: number;
    issueWithout: Latency & { perSecond: number };
    issueWith: Latency & { perSecond: number };
    /** Requests the slow endpoint received while the second run issued. */
    slowRequests: number;
    /** The fast endpoint's lag for the events of the second run, and whether all arrived. */
    fastLag: Latency;
    fastDelivered: number;
    events: number;
  };
}

/** A local webhook receiver: `/fast` answers 204 at once, `/slow` after `slowMs`. It keeps each arrival. */
async function startReceiver(slowMs: number): Promise<{ url: string; fast: Arrival[]; slowRequests: () => number; close(): Promise<void> }> {
  const fast: Arrival[] = [];
  let slow = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/slow') {
        slow += 1;
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) response.writeHead(204).end();
        }, slowMs);
        timers.add(timer);
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string };
      fast.push({ id: String(request.headers['webhook-id']), arrivedAt: Date.now(), occurredAt: Date.parse(body.timestamp) });
      response.writeHead(204).end();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    fast,
    slowRequests: () => slow,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const unique = (arrivals: readonly Arrival[]) => new Set(arrivals.map((a) => a.id)).size;

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
}

export interface OutboxOptions {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  run: string;
  size: OutboxSize;
  /** The saturation phase's issues per second; null: this phase's own saturation run sets it. */
  issueRate: number | null;
  log: (line: string) => void;
}

/** The API must be stopped when this starts (it writes an office into the embedded database's folder); it is stopped again at the end. */
export async function outboxPhase(options: OutboxOptions): Promise<OutboxRun> {
  const { size, log } = options;
  const sql = await openSql(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: options.dataDir });
  const office = await createBenchOffice(sql, 1, `${options.run}-outbox`);
  const [{ id: officeId }] = await sql.query<{ id: string }>('SELECT id FROM offices WHERE slug = $1', [office.slug]);
  await sql.close();
  const receiver = await startReceiver(size.slowMs);
  const timeoutMs = 5_000;
  let api: ApiProcess | null = null;
  try {
    // The receiver listens on 127.0.0.1: allowed as an office allows its own gateway.
    api = await startApi({
      port: options.port,
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: String(timeoutMs) },
    });
    const publicApi = new Api(api.url);
    const login = await publicApi.post<{ accessToken: string }>('/auth/login', { username: 'admin', password: process.env.DEMO_PASSWORD ?? 'demo' });
    const admin = publicApi.withToken(login.accessToken);
    const hooks = `/admin/offices/${officeId}/webhooks`;
    await admin.post(hooks, { url: `${receiver.url}/fast`, events: ['ticket.issued'], description: 'bench fast receiver' });
    const issue = () => publicApi.post(`/offices/${office.slug}/tickets`, { serviceId: office.serviceId });
    await closedLoop(20, 4, issue); // warm-up
    await until(() => unique(receiver.fast) >= 20, 30_000);

    log(`outbox: a burst of ${size.burst} issues, until the receiver has every ticket.issued`);
    receiver.fast.length = 0;
    const burstStart = Date.now();
    const burst = await closedLoop(size.burst, size.concurrency, issue);
    await until(() => unique(receiver.fast) >= burst.samples.length, 60_000 + size.burst * 20);
    const burstEnd = Math.max(burstStart, ...receiver.fast.map((a) => a.arrivedAt));
    const burstSeconds = (burstEnd - burstStart) / 1000;
    // Without a saturation rate from the main run (--outbox-only), the burst's own issue rate stands in.
    const rate = Math.max(1, Math.round(options.issueRate ?? burst.samples.length / burst.seconds));
    const burstRun = {
      events: burst.samples.length,
      delivered: unique(receiver.fast),
      duplicates: receiver.fast.length - unique(receiver.fast),
      seconds: Math.round(burstSeconds * 100) / 100,
      perSecond: burstSeconds > 0 ? Math.round((unique(receiver.fast) / burstSeconds) * 10) / 10 : 0,
    };

    log(`outbox: lag at ${rate} issues/s for ${size.lagSeconds} s`);
    receiver.fast.length = 0;
    const paced = await openLoop(rate, size.lagSeconds, issue);
    await until(() => unique(receiver.fast) >= paced.samples.length, 60_000);
    const lagRun = {
      rate,
      events: paced.samples.length,
      delivered: unique(receiver.fast),
      duplicates: receiver.fast.length - unique(receiver.fast),
      latency: latency(receiver.fast.map((a) => a.arrivedAt - a.occurredAt)),
    };

    log(`outbox: ${size.slowIssues} issues at ${size.concurrency} in flight, one fast endpoint`);
    receiver.fast.length = 0;
    const without = await closedLoop(size.slowIssues, size.concurrency, issue);
    await until(() => unique(receiver.fast) >= without.samples.length, 60_000);
    const issueWithout = { ...latency(without.samples), perSecond: Math.round((without.samples.length / without.seconds) * 10) / 10 };

    log(`outbox: ${size.slowIssues} issues with a second endpoint that answers after ${size.slowMs / 1000} s`);
    await admin.post(hooks, { url: `${receiver.url}/slow`, events: ['ticket.issued'], description: 'bench slow receiver' });
    receiver.fast.length = 0;
    const withSlow = await closedLoop(size.slowIssues, size.concurrency, issue);
    // The slow endpoint stays on with its backlog: it holds its own sends (at most 8 in flight), never the fast one's.
    await until(() => unique(receiver.fast) >= withSlow.samples.length, 120_000);
    const slowRequests = receiver.slowRequests();
    return {
      burst: burstRun,
      lag: lagRun,
      slow: {
        slowMs: size.slowMs,
        timeoutMs,
        issueWithout,
        issueWith: { ...latency(withSlow.samples), perSecond: Math.round((withSlow.samples.length / withSlow.seconds) * 10) / 10 },
        slowRequests,
        fastLag: latency(receiver.fast.map((a) => a.arrivedAt - a.occurredAt)),
        fastDelivered: unique(receiver.fast),
        events: withSlow.samples.length,
      },
    };
  } finally {
    await api?.stop();
    await receiver.close();
  }
}

/** What went wrong: an event issued and never delivered (lost). */
export function outboxProblems(run: OutboxRun): string[] {
  const problems: string[] = [];
  if (run.burst.delivered < run.burst.events) problems.push(`burst: ${run.burst.events - run.burst.delivered} of ${run.burst.events} events not delivered`);
  if (run.lag.delivered < run.lag.events) problems.push(`lag: ${run.lag.events - run.lag.delivered} of ${run.lag.events} events not delivered`);
  if (run.slow.fastDelivered < run.slow.events)
    problems.push(`with a slow endpoint: ${run.slow.events - run.slow.fastDelivered} of ${run.slow.events} events not delivered to the fast one`);
  return problems;
}

const lat = (l: Latency) => `${l.p50 ?? '–'} / ${l.p99 ?? '–'}`;

export function outboxTable(run: OutboxRun): string[] {
  return [
    '| notifications outbox (issue 18) | figure |',
    '| --- | ---: |',
    `| events through the outbox to a local receiver, a burst of ${run.burst.events} issues: per second | ${run.burst.perSecond} (${run.burst.delivered} delivered in ${run.burst.seconds} s; ${run.burst.duplicates} repeated) |`,
    `| delivery lag at ${run.lag.rate} issues/s (the saturation rate), ms: p50 / p99 | ${lat(run.lag.latency)} (${run.lag.delivered} of ${run.lag.events} delivered; ${run.lag.duplicates} repeated) |`,
    `| ticket issue at saturation, one fast endpoint: per second; p50 / p99 | ${run.slow.issueWithout.perSecond}; ${lat(run.slow.issueWithout)} |`,
    `| the same with a second endpoint answering after ${run.slow.slowMs / 1000} s (timeout ${run.slow.timeoutMs / 1000} s): per second; p50 / p99 | ${run.slow.issueWith.perSecond}; ${lat(run.slow.issueWith)} |`,
    `| meanwhile: requests to the slow endpoint; the fast endpoint's lag p50 / p99 | ${run.slow.slowRequests}; ${lat(run.slow.fastLag)} (${run.slow.fastDelivered} of ${run.slow.events}) |`,
  ];
}
