import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  type RegionalOfficeRow,
  type SupervisionState,
  type SurveyTotals,
  regionalOfficeRow,
  serviceDay,
  skmPeriod,
  sumSurveyTotals,
  supervisionFigures,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { StaffEventsPublisher } from '../realtime/staff-events.publisher.js';
import { SupervisionLiveState } from '../supervision/supervision-live-state.js';
import { SupervisionRepository } from '../supervision/supervision.repository.js';
import { type RegionalOffice, RegionalRepository } from './regional.repository.js';

function nonNegativeMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`${name} must be a number of milliseconds ≥ 0, got "${raw}"`);
  return ms;
}

/**
 * `REGIONAL_REFRESH_MS` (default 2000): the least time between two computations of one
 * office's row that its events start; events within it share one, at its end. `0` in tests
 * that await each row. One row costs what one alert scan does (`supervisionFigures` without
 * estimates: tools/bench `regional-cost`, about 35 ms at 2,000 waiting and 250 ms at 20,000
 * on a loaded 2-core machine), so a busy office costs a regional dashboard at most that every
 * two seconds.
 */
export function regionalRefreshMs(env: NodeJS.ProcessEnv = process.env): number {
  return nonNegativeMs(env, 'REGIONAL_REFRESH_MS', 2_000);
}

/**
 * `REGIONAL_TICK_MS` (default 30000): how often the rows kept are computed again from memory,
 * for the figures the clock moves with no event (the longest wait, counters scheduled, open or
 * closed); only rows that changed are sent. `0`: never (tests call `tick`).
 */
export function regionalTickMs(env: NodeJS.ProcessEnv = process.env): number {
  return nonNegativeMs(env, 'REGIONAL_TICK_MS', 30_000);
}

interface Kept {
  office: RegionalOffice;
  row: RegionalOfficeRow | null;
  /** The SKM period the totals are of, `from:to`; null: not read yet. */
  period: string | null;
  surveys: SurveyTotals | null;
  /** Null: to be read (at first, and after an alert of the office was raised, acknowledged or resolved). */
  openAlerts: number | null;
  phase: 'idle' | 'waiting' | 'running';
  again: boolean;
  lastStarted: number;
}

/** Rows computed in this process, by what started them (for the tests and the bench). */
export const regionalComputations = { event: 0, tick: 0, snapshot: 0 };

/**
 * Each watched office's row of the regional dashboard (libs/domain `regionalOfficeRow`), kept
 * in memory and moved on by that office's own events: an event of office X computes X's row
 * again, from X's live supervision state (`SupervisionLiveState`, in memory, as the alert scan
 * reads it), and sends it to X's regional room. No event reads any other office, and none
 * reads X's tables unless its kept state is not current. The alerts' count is read again only
 * when an alert of X changes; the period's answers once per office and period.
 *
 * Watched: the offices some active regional head oversees (read at start and every
 * `REGIONAL_WATCH_MS`, and when a dashboard subscribes), and those an admin's dashboard asked
 * for here. An office no one oversees costs its events nothing.
 */
@Injectable()
export class RegionalRows implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Regional');
  private readonly kept = new Map<string, Kept>();
  private watched = new Set<string>();
  /** Offices an admin's dashboard asked for here (an admin oversees every office without being assigned one). */
  private readonly asked = new Set<string>();
  private refreshMs = regionalRefreshMs();
  private timers: ReturnType<typeof setInterval>[] = [];
  private stopped = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly clock: Clock,
    private readonly live: SupervisionLiveState,
    private readonly regional: RegionalRepository,
    private readonly supervision: SupervisionRepository,
    private readonly staffEvents: StaffEventsPublisher,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const publisher = this.moduleRef.get(OfficeEventsPublisher, { strict: false });
    // The alert scan's listener moves the live state on (`SupervisionLiveState.record`); the row is computed after it, never inside the publish.
    publisher.onPublish((officeId) => this.touch(officeId));
    this.staffEvents.onAlert((officeId) => {
      const kept = this.kept.get(officeId);
      if (kept) kept.openAlerts = null;
      this.touch(officeId);
    });
    await this.rewatch().catch((error: unknown) => this.logger.error(`Reading the watched offices failed: ${String(error)}`));
    const tick = regionalTickMs();
    if (tick > 0)
      this.timers.push(
        setInterval(() => {
          try {
            this.tick();
          } catch (error) {
            this.logger.error(`Regional rows' tick failed: ${String(error)}`);
          }
        }, tick),
      );
    this.timers.push(setInterval(() => void this.rewatch().catch(() => undefined), nonNegativeMs(process.env, 'REGIONAL_WATCH_MS', 60_000) || 60_000));
    for (const timer of this.timers) timer.unref();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
  }

  /** Reads again which offices regional heads oversee. */
  async rewatch(): Promise<void> {
    this.watched = new Set([...(await this.regional.watchedOffices()), ...this.asked]);
  }

  /**
   * Fresh rows of these offices, in their order (a dashboard's snapshot): each from its live
   * state now, with the alerts' counts and the period's answers read for all of them at once.
   * From then on the rows move with their offices' events.
   */
  async fresh(offices: readonly RegionalOffice[]): Promise<RegionalOfficeRow[]> {
    const now = this.clock.now();
    for (const office of offices) {
      if (!this.watched.has(office.id)) this.asked.add(office.id);
      this.watched.add(office.id);
    }
    const ids = offices.map((office) => office.id);
    const [alerts] = await Promise.all([this.regional.openAlertCounts(ids), this.readSurveys(offices, now, true)]);
    const rows: RegionalOfficeRow[] = [];
    for (const office of offices) {
      const kept = this.keep(office);
      kept.openAlerts = alerts.get(office.id) ?? 0;
      regionalComputations.snapshot += 1;
      rows.push(await this.compute(kept, now));
    }
    return rows;
  }

  /**
   * Computes every kept row again at `now` from the state kept in memory and sends those that
   * changed (the clock's part). An office whose kept state is not current here is skipped, not
   * read: its events happen on another instance, whose rows the dashboards get.
   */
  tick(now: Date = this.clock.now()): void {
    for (const kept of this.kept.values()) {
      if (this.stopped || !this.watched.has(kept.office.id) || !kept.row) continue;
      const state = this.live.peek(kept.office.id, now);
      if (!state) continue;
      const before = kept.row;
      regionalComputations.tick += 1;
      const row = this.rowOf(kept, state, now);
      if (!sameFigures(before, row)) this.send(row);
    }
  }

  /** Resolves once the rows events started so far are computed and sent (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private keep(office: RegionalOffice): Kept {
    let kept = this.kept.get(office.id);
    if (!kept) {
      kept = { office, row: null, period: null, surveys: null, openAlerts: null, phase: 'idle', again: false, lastStarted: -Infinity };
      this.kept.set(office.id, kept);
    }
    kept.office = office;
    return kept;
  }

  /**
   * An event of a watched office: its row is computed now, or once `refreshMs` has passed
   * since the last one an event started; an event while one runs owes one more after it.
   */
  private touch(officeId: string): void {
    if (this.stopped || !this.watched.has(officeId)) return;
    const kept = this.kept.get(officeId) ?? null;
    if (kept === null) {
      // Not kept here yet: learn the office's slug and time zone, then compute.
      const first = this.regional
        .offices([officeId])
        .then(([office]) => {
          if (office && !this.kept.has(officeId)) this.schedule(this.keep(office));
        })
        .catch((error: unknown) => this.logger.error(`Regional row of ${officeId} failed: ${String(error)}`))
        .finally(() => this.running.delete(first));
      this.running.add(first);
      return;
    }
    this.schedule(kept);
  }

  private schedule(kept: Kept): void {
    if (kept.phase === 'waiting') return;
    if (kept.phase === 'running') {
      kept.again = true;
      return;
    }
    kept.phase = 'waiting';
    const wait = kept.lastStarted + this.refreshMs - performance.now();
    // Always after the publish has returned: the live state is moved on by the alert scan's listener.
    const run = new Promise<void>((done) => setTimeout(done, Math.max(0, wait)).unref())
      .then(async () => {
        if (this.stopped) return;
        kept.phase = 'running';
        kept.lastStarted = performance.now();
        const now = this.clock.now();
        if (kept.openAlerts === null) kept.openAlerts = (await this.regional.openAlertCounts([kept.office.id])).get(kept.office.id) ?? 0;
        await this.readSurveys([kept.office], now, false);
        regionalComputations.event += 1;
        this.send(await this.compute(kept, now));
      })
      .catch((error: unknown) => this.logger.error(`Regional row of ${kept.office.slug} failed: ${String(error)}`))
      .finally(() => {
        kept.phase = 'idle';
        this.running.delete(run);
        if (kept.again && !this.stopped) {
          kept.again = false;
          this.schedule(kept);
        }
      });
    this.running.add(run);
  }

  /** The period's answers of the offices whose kept totals are of another period (all of them when `always`), one read per period. */
  private async readSurveys(offices: readonly RegionalOffice[], now: Date, always: boolean): Promise<void> {
    const byPeriod = new Map<string, RegionalOffice[]>();
    for (const office of offices) {
      const { from, to } = skmPeriod('semester', serviceDay(now, office.timeZone));
      const period = `${from}:${to}`;
      if (!always && this.kept.get(office.id)?.period === period) continue;
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), office]);
    }
    for (const [period, members] of byPeriod) {
      const [from, to] = period.split(':');
      // The building manager's per-agency totals, summed per office.
      const agencies = await this.supervision.surveyTotals(
        members.map((office) => office.id),
        from,
        to,
      );
      const byOffice = new Map<string, SurveyTotals[]>();
      for (const row of agencies) byOffice.set(row.officeId, [...(byOffice.get(row.officeId) ?? []), row.totals]);
      for (const office of members) {
        const kept = this.keep(office);
        const own = byOffice.get(office.id);
        kept.period = period;
        kept.surveys = own ? sumSurveyTotals(own) : null;
      }
    }
  }

  /** The row from the office's live state now (read if it is not current). */
  private async compute(kept: Kept, now: Date): Promise<RegionalOfficeRow> {
    // Used at once, before any await (`SupervisionLiveState`).
    return this.rowOf(kept, await this.live.current(kept.office.slug, now), now);
  }

  private rowOf(kept: Kept, state: SupervisionState, now: Date): RegionalOfficeRow {
    // No estimates: no figure of the row reads one, and the forecast replays the whole queue.
    const figures = supervisionFigures(state, now.getTime(), { estimates: false });
    kept.row = regionalOfficeRow(state, figures, { now: now.getTime(), surveys: kept.surveys, openAlerts: kept.openAlerts ?? 0 });
    return kept.row;
  }

  private send(row: RegionalOfficeRow): void {
    this.staffEvents.regionalRow(row);
  }
}

/** Whether two rows of an office show the same (the time they were computed at aside). */
function sameFigures(a: RegionalOfficeRow, b: RegionalOfficeRow): boolean {
  return JSON.stringify({ ...a, at: 0 }) === JSON.stringify({ ...b, at: 0 });
}
