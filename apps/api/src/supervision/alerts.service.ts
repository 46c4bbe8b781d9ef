import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { type AlertView, type OfficeEvent, type StaffView, NotFoundError, RuleError, detectAlerts, supervisionFigures } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { StaffEventsPublisher } from '../realtime/staff-events.publisher.js';
import { ALERT_VIEW_SELECT, type AlertRow, toAlertView } from './alert-views.js';
import { SupervisionStateLoader } from './supervision-state.loader.js';

/** How often every office is scanned; `SUPERVISION_SCAN_SECONDS=0` turns the timer off (tests call `scan`). */
export function scanIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SUPERVISION_SCAN_SECONDS;
  if (raw === undefined || raw === '') return 15_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`SUPERVISION_SCAN_SECONDS must be a number of seconds ≥ 0, got "${raw}"`);
  return seconds * 1000;
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
  private readonly scanning = new Set<string>();

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly loader: SupervisionStateLoader,
    private readonly publisher: StaffEventsPublisher,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    // A finished service can make a service "far over its standard": look at once rather than at the next tick.
    this.moduleRef.get(OfficeEventsPublisher, { strict: false }).onPublish((officeId, event) => this.react(officeId, event));
    const interval = scanIntervalMs();
    if (interval > 0) {
      this.timer = setInterval(() => void this.scan().catch((error: unknown) => this.logger.error(`Alert scan failed: ${String(error)}`)), interval);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Scans every office at `now` (the injected clock's by default) and returns the alerts newly raised. */
  async scan(now: Date = this.clock.now()): Promise<AlertView[]> {
    // Only offices where a rule can fire: someone waiting, a scheduled or open counter, or a service finished in the last day.
    const offices = await this.db.query<{ id: string; slug: string }[]>(
      `SELECT o.id, o.slug FROM offices o
       WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.office_id = o.id AND t.status = 'waiting')
          OR EXISTS (SELECT 1 FROM counters c WHERE c.office_id = o.id AND c.active AND c.schedule <> '[]'::jsonb)
          OR EXISTS (SELECT 1 FROM ticket_events e WHERE e.office_id = o.id AND e.type = 'finished' AND e.at >= $1)
       ORDER BY o.slug`,
      [new Date(now.getTime() - 24 * 60 * 60_000)],
    );
    const raised: AlertView[] = [];
    for (const office of offices) raised.push(...(await this.scanOffice(office.slug, now)));
    return raised;
  }

  /**
   * Raises what the rules say for one office. The unique (office, subject key) makes this
   * idempotent: a second scan, on this instance or another at the same moment, inserts
   * nothing and publishes nothing.
   */
  async scanOffice(slug: string, now: Date = this.clock.now()): Promise<AlertView[]> {
    const state = await this.loader.load(slug, now);
    const candidates = detectAlerts(state, supervisionFigures(state, now.getTime()), now.getTime());
    if (candidates.length === 0) return [];
    const officeId = state.office.office.id;
    const known = new Set(
      (
        await this.db.query<{ subject_key: string }[]>('SELECT subject_key FROM supervision_alerts WHERE office_id = $1 AND subject_key = ANY($2::text[])', [
          officeId,
          candidates.map((candidate) => candidate.key),
        ])
      ).map((row) => row.subject_key),
    );
    const raised: AlertView[] = [];
    for (const candidate of candidates.filter((c) => !known.has(c.key))) {
      const [row] = await this.db.query<AlertRow[]>(
        `WITH raised AS (
           INSERT INTO supervision_alerts (office_id, kind, subject_key, subject, service_id, counter_id, ticket_id, since, raised_at, details)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (office_id, subject_key) DO NOTHING RETURNING *)
         SELECT raised.*, NULL::text AS acknowledged_by_name FROM raised`,
        [officeId, candidate.kind, candidate.key, candidate.subject, candidate.serviceId, candidate.counterId, candidate.ticketId, new Date(candidate.since), now, JSON.stringify(candidate.details)],
      );
      if (!row) continue;
      const alert = toAlertView(row);
      raised.push(alert);
      this.publisher.alertRaised(alert);
    }
    return raised;
  }

  async open(officeId: string): Promise<AlertView[]> {
    const rows = await this.db.query<AlertRow[]>(`${ALERT_VIEW_SELECT} WHERE a.office_id = $1 AND a.acknowledged_at IS NULL ORDER BY a.since, a.raised_at`, [officeId]);
    return rows.map(toAlertView);
  }

  async list(slug: string, staff: StaffView): Promise<AlertView[]> {
    const office = await this.offices.bySlug(slug);
    assertOfficeAccess(staff, office.id);
    return this.open(office.id);
  }

  /** Marks an alert seen, with who and when; it leaves every supervisor's list. */
  async acknowledge(alertId: string, staff: StaffView): Promise<AlertView> {
    const now = this.clock.now();
    const alert = await this.db.transaction(async (manager) => {
      const [row] = await manager.query<{ office_id: string; acknowledged_at: Date | null }[]>('SELECT office_id, acknowledged_at FROM supervision_alerts WHERE id = $1 FOR UPDATE', [alertId]);
      if (!row) throw new NotFoundError(`No alert with the id "${alertId}"`);
      assertOfficeAccess(staff, row.office_id);
      if (row.acknowledged_at) throw new RuleError('alert_already_acknowledged', 'This alert has already been acknowledged');
      await manager.query('UPDATE supervision_alerts SET acknowledged_at = $2, acknowledged_by_staff_id = $3 WHERE id = $1', [alertId, now, staff.id]);
      const [updated] = await manager.query<AlertRow[]>(`${ALERT_VIEW_SELECT} WHERE a.id = $1`, [alertId]);
      return toAlertView(updated);
    });
    this.publisher.alertAcknowledged(alert);
    return alert;
  }

  private react(officeId: string, event: OfficeEvent): void {
    if (event.kind !== 'ticket' || event.type !== 'finished' || this.scanning.has(officeId)) return;
    this.scanning.add(officeId);
    void this.db
      .query<{ slug: string }[]>('SELECT slug FROM offices WHERE id = $1', [officeId])
      .then(([office]) => (office ? this.scanOffice(office.slug) : []))
      .catch((error: unknown) => this.logger.error(`Alert scan after a finish failed: ${String(error)}`))
      .finally(() => this.scanning.delete(officeId));
  }
}
