import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ChecklistSubmission,
  type CounterChange,
  type CounterStopNotice,
  type CounterEventType,
  type CounterView,
  type HeartbeatReply,
  NotFoundError,
  type OfficerPauseReason,
  RuleError,
  type StaffCounterView,
  type TicketView,
  type UpkeepSession,
  type UpkeepSettings,
  assertReasonGiven,
  counterStopNotice,
  nextCounterState,
  queueFor,
  serviceDay,
  sessionUpkeep,
} from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { SkipWhileRunning } from '../common/single-flight.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { toTicketView } from '../tickets/ticket-views.js';
import { assertCounterAction, assertCounterFree, assertMayOpen, lockCounter } from './counter-lock.js';
import { CountersRepository, type LockedCounter, type UpkeepSessionRow } from './counters.repository.js';

/**
 * Counter sessions (shifts): open, pause with a reason, resume, close; and the sweep that
 * minds counters nobody is minding, every `counterSweepSeconds` (COUNTER_SWEEP_SECONDS).
 */
@Injectable()
export class CountersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Counters');
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly ticks = new SkipWhileRunning();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly counters: CountersRepository,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly publisher: OfficeEventsPublisher,
    private readonly checklists: ChecklistsService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.counterSweepSeconds ?? DEFAULT_SWEEP_SECONDS;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.logger.error(`Counter sweep failed: ${String(error)}`)), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Opens a shift; the shift-start checklist, when sent, is stored in the same transaction. */
  open(counterId: string, staff: AuthenticatedStaff, checklist?: ChecklistSubmission): Promise<CounterView> {
    return this.change(counterId, staff, 'opened', async (tx, counter, now) => {
      nextCounterState({ name: counter.name, state: counter.state ?? 'closed' }, 'open');
      await assertMayOpen(this.counters, tx, counter, staff);
      const sessionId = await this.counters.openSession(tx, counter.id, staff.id, now);
      if (checklist) {
        const subject = { kind: 'shift_start' as const, officeId: counter.office_id, sessionId, counterId: counter.id, subjectStaffId: staff.id };
        await this.checklists.record(tx, subject, checklist, staff, now);
      }
      return { sessionId };
    });
  }

  /** The office's counters as staff choose among them: state, services and the officer holding each. */
  async forOffice(slug: string, staff: AuthenticatedStaff): Promise<StaffCounterView[]> {
    const office = await this.offices.forStaff(slug, staff);
    const views = await this.offices.counterViews(this.db.manager, office.id);
    const extra = await this.counters.staffing(office.id);
    const byId = new Map(extra.map((row) => [row.id, row]));
    return views.map((view) => {
      const row = byId.get(view.id);
      return { ...view, serviceCodes: row?.codes ?? [], staffId: row?.staff_id ?? null, staffName: row?.staff_name ?? null };
    });
  }

  /** The waiting tickets the counter serves, in the order call-next would take them (`queueFor` of libs/domain). */
  async queue(counterId: string, staff: AuthenticatedStaff): Promise<TicketView[]> {
    const counter = await this.counters.queueCounter(counterId);
    if (!counter) throw new NotFoundError(`No counter with the id "${counterId}"`);
    assertOfficeAccess(staff, counter.office_id);
    const serviceIds = counter.service_ids ?? [];
    const rows = await this.counters.queue(counter.office_id, serviceIds);
    const entries = rows.map((row) => {
      const view = toTicketView(row);
      return {
        view,
        id: view.id,
        serviceId: view.serviceId,
        issuedAt: Date.parse(view.issuedAt),
        dueAt: Date.parse(view.dueAt),
        issueOrder: view.issueOrder,
        priority: view.priority,
      };
    });
    return queueFor(entries, { serviceIds, priorityOnly: counter.priority_only }).map((entry) => entry.view);
  }

  /**
   * Pauses a counter. A pause for "other" carries the officer's words; a supervisor pausing
   * another officer's counter from the supervisor page gives a reason (`assertReasonGiven`),
   * kept on the event for the audit trail.
   */
  pause(counterId: string, staff: AuthenticatedStaff, reason: OfficerPauseReason, note?: string | null): Promise<CounterView> {
    const words = note?.trim() || null;
    return this.change(counterId, staff, 'paused', async (tx, counter, now) => {
      assertCounterAction(counter, 'pause', staff);
      assertReasonGiven({ name: counter.name, sessionStaffId: counter.session_staff_id }, staff, 'pause', reason, words);
      assertCounterFree(counter);
      await this.counters.pauseSession(tx, counter.session_id!, reason, words, now);
      return { sessionId: counter.session_id!, reason, note: words };
    });
  }

  resume(counterId: string, staff: AuthenticatedStaff): Promise<CounterView> {
    return this.change(counterId, staff, 'resumed', async (tx, counter, now) => {
      assertCounterAction(counter, 'resume', staff);
      await this.counters.resumeSession(tx, counter.session_id!, now);
      return { sessionId: counter.session_id! };
    });
  }

  /** Closes a counter; a supervisor closing another officer's counter says why (`assertReasonGiven`). */
  close(counterId: string, staff: AuthenticatedStaff, note?: string | null): Promise<CounterView> {
    const words = note?.trim() || null;
    return this.change(counterId, staff, 'closed', async (tx, counter, now) => {
      assertCounterAction(counter, 'close', staff);
      assertReasonGiven({ name: counter.name, sessionStaffId: counter.session_staff_id }, staff, 'close', null, words);
      assertCounterFree(counter);
      await this.counters.closeSession(tx, counter.session_id!, now);
      return { sessionId: counter.session_id!, note: words };
    });
  }

  /**
   * The desk's heartbeat (every `HEARTBEAT_SECONDS` while it shows the counter): keeps the
   * officer's session from being paused as offline. Only the session's officer keeps it alive.
   * The answer is the server's time: the desk counts its countdowns by it, whatever its own clock says.
   */
  async heartbeat(counterId: string, staff: AuthenticatedStaff): Promise<HeartbeatReply> {
    const now = this.clock.now();
    const seen = await this.counters.heartbeat(counterId, staff.id, now);
    if (seen) return { at: now.toISOString() };
    // Say why nothing was recorded, in the words of the lock path's rules (the transaction always refuses).
    return this.db.transaction(async (tx): Promise<never> => {
      const counter = await lockCounter(this.counters, tx, counterId, staff);
      nextCounterState({ name: counter.name, state: counter.state ?? 'closed' }, 'close');
      throw new RuleError('counter_taken_by_other', `${counter.name} was opened by another officer`);
    });
  }

  /** Today's no-show tickets of the services the counter serves, latest first: the desk's list to call back from. */
  async noShows(counterId: string, staff: AuthenticatedStaff): Promise<TicketView[]> {
    const counter = await this.counters.queueCounter(counterId);
    if (!counter) throw new NotFoundError(`No counter with the id "${counterId}"`);
    assertOfficeAccess(staff, counter.office_id);
    const timeZone = (await this.counters.officeTimeZoneOfCounter(counterId))!;
    const rows = await this.counters.noShows(counter.office_id, serviceDay(this.clock.now(), timeZone), counter.service_ids ?? []);
    return rows.map(toTicketView);
  }

  /**
   * Why the counter stopped, when someone other than its officer stopped it today (a
   * supervisor's remote pause or close, or the API's own upkeep): the desk shows it at once.
   */
  async stopNotice(counterId: string, staff: AuthenticatedStaff): Promise<{ notice: CounterStopNotice | null }> {
    const counter = await this.counters.queueCounter(counterId);
    if (!counter) throw new NotFoundError(`No counter with the id "${counterId}"`);
    assertOfficeAccess(staff, counter.office_id);
    const timeZone = (await this.counters.officeTimeZoneOfCounter(counterId))!;
    const row = await this.counters.lastEvent(counterId);
    const last = row
      ? {
          type: row.type,
          at: new Date(row.at),
          sessionStaffId: row.session_staff_id,
          actor: row.actor_id ? { id: row.actor_id, name: row.actor_name!, role: row.actor_role! } : null,
          reason: row.reason,
          note: row.note,
        }
      : null;
    return { notice: counterStopNotice(last, this.clock.now(), timeZone) };
  }

  /**
   * Minds the counters nobody is minding, at `now` (`sessionUpkeep`): pauses an open counter
   * whose desk has been silent for the office's offline minutes (reason `offline`), closes one
   * past its shift's end plus the grace. Each under the counter's lock, decided again there,
   * recorded as the API's own event (no staff actor) and published. Returns how many changed.
   */
  async sweep(now: Date = this.clock.now()): Promise<number> {
    let changed = 0;
    for (const candidate of await this.counters.upkeepSessions()) {
      if (!sessionUpkeep(upkeepSession(candidate), upkeepSettings(candidate), now.getTime())) continue;
      const done = await this.commit(now, null, async (tx) => {
        const counter = await this.counters.lock(tx, candidate.counter_id);
        if (!counter?.session_id) return null;
        const [session] = await this.counters.upkeepSessions(counter.id, tx);
        const action = session ? sessionUpkeep(upkeepSession(session), upkeepSettings(session), now.getTime()) : null;
        if (!session || !action) return null;
        if (action === 'close') {
          await this.counters.closeSession(tx, counter.session_id, now);
          return { counter, type: 'closed' as const, sessionId: counter.session_id, note: null };
        }
        await this.counters.pauseSession(tx, counter.session_id, 'offline', null, now);
        return { counter, type: 'paused' as const, sessionId: counter.session_id, reason: 'offline', note: null };
      });
      if (done) changed += 1;
    }
    return changed;
  }

  /**
   * The timer's sweep: skipped while the one before is still running (a slow or frozen
   * database), so ticks never queue up behind each other holding connections.
   */
  async tick(now?: Date): Promise<number | 'skipped'> {
    const result = await this.ticks.run(() => this.sweep(now));
    if (result === 'skipped') this.logger.warn('Counter sweep skipped: the one before is still running');
    return result;
  }

  /** Locks the counter, applies `apply`, records the session event and publishes it, in one transaction. */
  private async change(
    counterId: string,
    staff: AuthenticatedStaff,
    type: CounterEventType,
    apply: (tx: EntityManager, counter: LockedCounter, now: Date) => Promise<{ sessionId: string; reason?: string; note?: string | null }>,
  ): Promise<CounterView> {
    const view = await this.commit(this.clock.now(), staff.id, async (tx, now) => {
      const counter = await lockCounter(this.counters, tx, counterId, staff);
      return { counter, type, ...(await apply(tx, counter, now)) };
    });
    return view!;
  }

  /**
   * One counter change in one transaction: `lockAndApply` locks the counter and changes its
   * session (or returns null: nothing to do); then the event, with the office's next sequence
   * number, and after the commit the publish.
   */
  private async commit(
    now: Date,
    actorStaffId: string | null,
    lockAndApply: (
      tx: EntityManager,
      now: Date,
    ) => Promise<{ counter: LockedCounter; type: CounterEventType; sessionId: string; reason?: string; note?: string | null } | null>,
  ): Promise<CounterView | null> {
    const result = await this.db.transaction(async (tx) => {
      const applied = await lockAndApply(tx, now);
      if (!applied) return null;
      const { counter, type, sessionId, reason, note } = applied;
      // The view first: it does not depend on the number, and the event's statement takes the
      // office's sequence lock, which every change in the office waits for until COMMIT.
      const [view] = await this.offices.counterViews(tx, counter.office_id, counter.id);
      const seq = await this.counters.recordEvent(tx, {
        sessionId,
        counterId: counter.id,
        officeId: counter.office_id,
        type,
        at: now,
        actorStaffId,
        reason: reason ?? null,
        note: note ?? null,
      });
      const change: CounterChange = { seq, at: now.toISOString(), kind: 'counter', type, counter: view };
      return { officeId: counter.office_id, change };
    });
    if (!result) return null;
    this.publisher.publish(result.officeId, result.change);
    return result.change.counter;
  }
}

/** How often the sweep runs when COUNTER_SWEEP_SECONDS is not set: well inside the shortest offline setting. */
const DEFAULT_SWEEP_SECONDS = 30;

function upkeepSession(row: UpkeepSessionRow): UpkeepSession {
  return { state: row.state, openedAt: row.opened_at.getTime(), lastSeenAt: row.last_seen_at.getTime(), busy: row.busy };
}

function upkeepSettings(row: UpkeepSessionRow): UpkeepSettings {
  return {
    schedule: row.schedule,
    timeZone: row.time_zone,
    offlineAfterMinutes: row.offline_after_minutes,
    shiftEndGraceMinutes: row.shift_end_grace_minutes,
  };
}
