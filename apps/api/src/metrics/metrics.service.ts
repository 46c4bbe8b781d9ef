import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Clock } from '../clock/clock.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { MetricsRepository } from './metrics.repository.js';
import { databaseStatementsSent } from '../database/timed-pg-client.js';
import { supervisionReloads } from '../supervision/supervision-live-state.js';

// Around the product's targets (p99 under 25 ms for an issue) and up to the 5 s a request may wait for a connection.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The figures Prometheus scrapes from this instance. Request counts and durations are this
 * process's own (scrape each instance, not the load balancer). Queue figures are read from
 * the database at scrape time rather than kept from events: the database is the one state
 * every instance shares, so each instance reports the same true numbers, nothing drifts
 * after a restart, and the read is two grouped queries over partial indexes (waiting
 * tickets, non-closed counter sessions) once per scrape interval.
 */
@Injectable()
export class MetricsService {
  // Its own registry, not prom-client's global one: tests start several apps in one process.
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'loket_http_requests_total',
    help: 'HTTP requests answered by this instance, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly durations = new Histogram({
    name: 'loket_http_request_duration_seconds',
    help: 'Time from request to response on this instance, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly waiting = new Gauge({
    name: 'loket_tickets_waiting',
    help: 'Tickets waiting now, per office (slug) and service (code)',
    labelNames: ['office', 'service'] as const,
    registers: [this.registry],
  });

  private readonly overdue = new Gauge({
    name: 'loket_tickets_overdue',
    help: 'Waiting tickets already past their due time (the service standard), per office and service',
    labelNames: ['office', 'service'] as const,
    registers: [this.registry],
  });

  private readonly counters = new Gauge({
    name: 'loket_counters',
    help: 'Counters with a session, per office and state (open or paused); closed counters are not counted',
    labelNames: ['office', 'state'] as const,
    registers: [this.registry],
  });

  private readonly databaseUp = new Gauge({
    name: 'loket_database_up',
    help: '1 when the database answered the last scrape, 0 when it could not be reached',
    registers: [this.registry],
  });

  constructor(
    private readonly figures: MetricsRepository,
    private readonly clock: Clock,
    limiter: RateLimiter,
  ) {
    collectDefaultMetrics({ register: this.registry });
    new Counter({
      name: 'loket_database_statements_total',
      help: 'Statements this process has sent to the database, transaction control included',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(databaseStatementsSent());
      },
    });
    new Counter({
      name: 'loket_supervision_reloads_total',
      help: "Times this process read an office's supervision state afresh instead of moving it on by events, by reason",
      labelNames: ['reason'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [reason, count] of Object.entries(supervisionReloads())) this.inc({ reason }, count);
      },
    });
    this.registry.registerMetric(limiter.storeFallbacks);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  /** The exposition text, with the queue figures read now. A database outage is itself a figure, not a failed scrape. */
  async scrape(): Promise<string> {
    try {
      await this.readQueueFigures();
      this.databaseUp.set(1);
    } catch {
      this.waiting.reset();
      this.overdue.reset();
      this.counters.reset();
      this.databaseUp.set(0);
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async readQueueFigures(): Promise<void> {
    const queues = await this.figures.queues(this.clock.now());
    const sessions = await this.figures.sessions();
    const offices = await this.figures.officeSlugs();
    // Reset first, so a service deactivated or an office removed since the last scrape disappears.
    this.waiting.reset();
    this.overdue.reset();
    this.counters.reset();
    for (const row of queues) {
      this.waiting.set({ office: row.office, service: row.service }, row.waiting);
      this.overdue.set({ office: row.office, service: row.service }, row.overdue);
    }
    for (const office of offices) {
      this.counters.set({ office, state: 'open' }, 0);
      this.counters.set({ office, state: 'paused' }, 0);
    }
    for (const row of sessions) this.counters.set({ office: row.office, state: row.state }, row.count);
  }
}
