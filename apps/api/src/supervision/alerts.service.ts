import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  type AlertView,
  type OfficeEvent,
  type StaffView,
  NotFoundError,
  RuleError,
  agencyScopeOf,
  assertWithinAgencyScope,
  complaintAlerts,
  detectAlerts,
  endedAlerts,
  supervisionFigures,
  webhookAlerts,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { SkipWhileRunning } from '../common/single-flight.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { StaffEventsPublisher } from '../realtime/staff-events.publisher.js';
import { SupervisionLiveState } from './supervision-live-state.js';
import { SupervisionRepository } from './supervision.repository.js';

/** How often every office is scanned; `SUPERVISION_SCAN_SECONDS=0` turns the timer off (tests call `scan`). */
export function scanIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SUPERVISION_SCAN_SECONDS;
  if (raw === undefined || raw === '') return 15_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`SUPERVISION_SCAN_SECONDS must be a number of seconds ≥ 0, got "${raw}"`);
  return seconds * 1000;
}

/**
 * The least time between two scans an office's events start (`SUPERVISION_REACT_MS`, default
 * 1000; 0 in tests that await each scan). A finish runs a scan at once when the office's last
 * one began at least this long ago; finishes within it share one scan at its end. Six officers
 * over 2,000 waiting: one scan a second instead of one per finish (each recomputes the day's
 * figures and sends four statements), and an alert at most a second after its finish.
 */
export function reactGapMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SUPERVISION_REACT_MS;
  if (raw === undefined || raw === '') return 1_000;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`SUPERVISION_REACT_MS must be a number of milliseconds ≥ 0, got "${raw}"`);
  return ms;
}

/** An office's event-started scans: `waiting` for the gap to pass, `running`, and whether one more is owed. */
interface Reaction {
  phase: 'idle' | 'waiting' | 'running';
  again: boolean;
  lastStarted: number;
}

/**
 * Supervisor alerts: raised by scanning each office with the libs/domain rules, stored
 * (idempotently, by subject key) so they survive restarts and are shared by every API
 * instance, pushed to the office's staff room, and listed until acknowledged.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Supervision');
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly reactions = new Map<string, Reaction>();
  private reactGapMs = reactGapMs();
  private stopped = false;
  private readonly ticks = new SkipWhileRunning();
  /** The scans events started, still running (`settled`). */
  private readonly reacting = new Set<Promise<unknown>>();

  constructor(
    private readonly db: DataSource,
    private readonly supervision: SupervisionRepository,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly live: SupervisionLiveState,
    private readonly publisher: StaffEventsPublisher,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    // Some events change what the rules say at once (see react): look then rather than at the next tick.
    // The kept state is moved on first, so the scan an event starts sees it.
    this.moduleRef.get(OfficeEventsPublisher, { strict: false }).onPublish((officeId, event) => {
      this.live.record(officeId, event);
      this.react(officeId, event);
    });
    const interval = scanIntervalMs();
    if (interval > 0) {
      this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.logger.error(`Alert scan failed: ${String(error)}`)), interval);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /**
   * The timer's scan: skipped while the one before is still running (a slow database, many
   * offices), so scans never overlap and queue up holding connections.
   */
  async tick(now?: Date): Promise<AlertView[] | 'skipped'> {
    const result = await this.ticks.run(() => this.scan(now));
    if (result === 'skipped') this.logger.warn('Alert scan skipped: the one before is still running');
    return result;
  }

  /** Scans every office at `now` (the injected clock's by default) and returns the alerts newly raised. */
  async scan(now: Date = this.clock.now()): Promise<AlertView[]> {
    // Only offices where a rule can fire: someone waiting, a scheduled or open counter, a service finished in the last day, an overdue complaint.
    const offices = await this.supervision.officesToScan(new Date(now.getTime() - 24 * 60 * 60_000), now);
    const raised: AlertView[] = [];
    for (const office of offices) raised.push(...(await this.scanOffice(office.slug, now)));
    return raised;
  }

  /**
   * Raises what the rules say for one office. The unique (office, subject key) makes this
   * idempotent: a second scan, on this instance or another at the same moment, inserts
   * nothing and publishes nothing. The office's state is the one kept from its events
   * (`SupervisionLiveState`), read from the database only when that is not current: a scan,
   * after an event or on the timer, reads no queue.
   */
  async scanOffice(slug: string, now: Date = this.clock.now()): Promise<AlertView[]> {
    const state = await this.live.current(slug, now);
    const officeId = state.office.office.id;
    const candidates = [
      // No estimates: no rule reads one, and the forecast replays the whole queue.
      ...detectAlerts(state, supervisionFigures(state, now.getTime(), { estimates: false }), now.getTime()),
      ...complaintAlerts(await this.supervision.overdueComplaints(officeId, now), now.getTime()),
      ...webhookAlerts(await this.supervision.failingWebhooks(officeId, new Date(now.getTime() - 24 * 60 * 60_000))),
    ];
    // An alert the rules no longer raise has ended by itself: mark it, so no one reads a stale "belum dibuka".
    const ended = endedAlerts(await this.supervision.openAlerts(officeId), candidates);
    for (const alert of await this.supervision.resolveAlerts(
      officeId,
      ended.map((a) => a.id),
      now,
    ))
      this.publisher.alertResolved(alert);
    if (candidates.length === 0) return [];
    const known = await this.supervision.knownAlertKeys(
      officeId,
      candidates.map((candidate) => candidate.key),
    );
    const raised: AlertView[] = [];
    for (const candidate of candidates.filter((c) => !known.has(c.key))) {
      const alert = await this.supervision.raiseAlert(officeId, candidate, now);
      if (!alert) continue;
      raised.push(alert);
      this.publisher.alertRaised(alert);
    }
    return raised;
  }

  /** The open alerts the staff member may read: the office's, or their agency's (`agencyScopeOf`). */
  open(officeId: string, staff: StaffView): Promise<AlertView[]> {
    return this.supervision.openAlerts(officeId, agencyScopeOf(staff));
  }

  async list(slug: string, staff: StaffView): Promise<AlertView[]> {
    const office = await this.offices.forStaff(slug, staff);
    return this.open(office.id, staff);
  }

  /** Marks an alert seen, with who and when; it leaves every supervisor's list. */
  async acknowledge(alertId: string, staff: StaffView): Promise<AlertView> {
    const now = this.clock.now();
    const alert = await this.db.transaction(async (manager) => {
      const row = await this.supervision.lockAlert(manager, alertId);
      if (!row) throw new NotFoundError(`No alert with the id "${alertId}"`);
      assertOfficeAccess(staff, row.officeId);
      assertWithinAgencyScope(staff, row.agencyId, 'This alert');
      if (row.acknowledgedAt) throw new RuleError('alert_already_acknowledged', 'This alert has already been acknowledged');
      return this.supervision.acknowledgeAlert(manager, alertId, now, staff.id);
    });
    this.publisher.alertAcknowledged(alert);
    return alert;
  }

  /**
   * Acknowledges several alerts of one office at once; those already acknowledged (by
   * someone else, a moment ago) are left as they are. All or nothing: an id that is not an
   * alert of this office refuses the whole request.
   */
  async acknowledgeMany(slug: string, ids: readonly string[], staff: StaffView): Promise<AlertView[]> {
    const office = await this.offices.forStaff(slug, staff);
    const now = this.clock.now();
    const unique = [...new Set(ids)];
    const acknowledged = await this.db.transaction(async (manager) => {
      const out: AlertView[] = [];
      for (const id of unique) {
        const row = await this.supervision.lockAlert(manager, id);
        if (!row || row.officeId !== office.id) throw new NotFoundError(`No alert with the id "${id}" in this office`);
        assertWithinAgencyScope(staff, row.agencyId, 'This alert');
        if (!row.acknowledgedAt) out.push(await this.supervision.acknowledgeAlert(manager, id, now, staff.id));
      }
      return out;
    });
    for (const alert of acknowledged) this.publisher.alertAcknowledged(alert);
    return acknowledged;
  }

  private react(officeId: string, event: OfficeEvent): void {
    // A finish can make a service slow; a counter opening or resuming ends its "not opened" or idle alert at once.
    const scanNow = event.kind === 'ticket' ? event.type === 'finished' : event.type === 'opened' || event.type === 'resumed';
    if (scanNow) this.scanSoon(officeId);
  }

  /**
   * Scans the office now, or when `reactGapMs` has passed since its last event-started scan.
   * An event while a scan waits is covered by it (the scan reads the state when it runs); an
   * event while one runs owes one more after it.
   */
  private scanSoon(officeId: string): void {
    const reaction = this.reactions.get(officeId) ?? { phase: 'idle', again: false, lastStarted: -Infinity };
    this.reactions.set(officeId, reaction);
    if (reaction.phase === 'waiting') return;
    if (reaction.phase === 'running') {
      reaction.again = true;
      return;
    }
    reaction.phase = 'waiting';
    const wait = reaction.lastStarted + this.reactGapMs - performance.now();
    const scan = (wait > 0 ? new Promise<void>((done) => setTimeout(done, wait).unref()) : Promise.resolve())
      .then(async () => {
        if (this.stopped) return;
        reaction.phase = 'running';
        reaction.lastStarted = performance.now();
        const slug = this.live.slugOf(officeId) ?? (await this.supervision.officeSlug(officeId));
        if (slug) await this.scanOffice(slug);
      })
      .catch((error: unknown) => this.logger.error(`Alert scan after an event failed: ${String(error)}`))
      .finally(() => {
        reaction.phase = 'idle';
        this.reacting.delete(scan);
        if (reaction.again && !this.stopped) {
          reaction.again = false;
          this.scanSoon(officeId);
        }
      });
    this.reacting.add(scan);
  }

  /** Resolves once the scans started by events so far have ended (for tests, and a clean shutdown). */
  async settled(): Promise<void> {
    while (this.reacting.size > 0) await Promise.all([...this.reacting]);
  }
}
