import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type AdminAction,
  type AdminCalendarView,
  NATIONAL_HOLIDAYS,
  NATIONAL_HOLIDAY_SOURCES,
  type OfficeOwnDay,
  RuleError,
  type StaffView,
  assertClosureAhead,
  assertClosureConfirmed,
  assertOwnDayAllowed,
  dayStretch,
  endClosureEarly,
  waitingHitBy,
  waitingHitByDay,
  NotFoundError,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { OfficeSequenceRepository } from '../database/office-sequence.repository.js';
import { OfficeChanges } from '../offices/office-changes.js';
import type { OfficeEntity } from '../offices/office.entity.js';
import { uniqueChecked } from './admin-errors.js';
import { AdminCalendarRepository } from './admin-calendar.repository.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AuditTrail } from './audit-trail.js';
import type { CreateClosureDto, CreateOfficeDayDto } from './dto/calendar.dto.js';

const DAY_TAKEN = {
  office_days_office_day_key: () =>
    new RuleError('holiday_exists', 'This day is already on the office calendar', [{ field: 'day', problems: ['already on the calendar'] }]),
};

/**
 * The office's calendar (issue 16): its own days and its closures. The domain decides what
 * is allowed (`assertOwnDayAllowed`, `assertClosureAhead`, `assertClosureConfirmed`); issuing reads the calendar on
 * every ticket (`TicketsService.issue`), so a change holds from the next ticket on.
 */
@Injectable()
export class AdminCalendarService {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: AdminCalendarRepository,
    private readonly offices: AdminOfficesService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly sequence: OfficeSequenceRepository,
    private readonly changes: OfficeChanges,
  ) {}

  async view(officeId: string, staff: StaffView): Promise<AdminCalendarView> {
    const office = await this.offices.read(officeId, staff);
    const now = this.clock.now();
    const [ownDays, closures] = await Promise.all([this.calendar.ownDays(office.id), this.calendar.closures(office.id, now)]);
    return { officeId: office.id, at: now.toISOString(), ownDays, closures, nationalHolidays: NATIONAL_HOLIDAYS, sources: NATIONAL_HOLIDAY_SOURCES };
  }

  /**
   * Adds an own day. A holiday that strands citizens (today's waiting tickets when it is today,
   * that day's bookings) asks for confirmation first, and once confirmed tells each of them, as a closure does.
   */
  async addDay(officeId: string, body: CreateOfficeDayDto, actor: StaffView): Promise<AdminCalendarView> {
    const entry: OfficeOwnDay = { day: body.day, kind: body.kind, name: body.name };
    assertOwnDayAllowed(entry);
    const now = this.clock.now();
    await uniqueChecked(DAY_TAKEN, () =>
      this.change(officeId, actor, async (manager, office) => {
        let hit = { waiting: 0, bookings: 0, told: 0 };
        if (entry.kind === 'holiday') {
          const stretch = dayStretch(entry.day, office.timeZone);
          const closed = { from: new Date(stretch.from), to: new Date(stretch.to), reason: entry.name };
          const waiting = waitingHitByDay(entry.day, now.getTime(), office.timeZone, await this.calendar.waiting(manager, office.id));
          const bookings = await this.calendar.bookingsIn(manager, office.id, closed.from, closed.to);
          assertClosureConfirmed({ waiting, bookings }, body.confirm === true);
          hit = { waiting, bookings, told: await this.calendar.closedNotices(manager, office.id, closed, waiting > 0, now) };
        }
        await this.calendar.insertDay(manager, office.id, entry, actor.id, now);
        await this.recordChange(manager, office, actor, 'calendar.day_added', { before: null, after: { ownDay: entry, ...hit } }, now);
      }),
    );
    return this.view(officeId, actor);
  }

  /**
   * Closes the office from now or ahead. Citizens it strands (today's waiting tickets when it
   * begins today, the bookings inside it) must be confirmed over (`assertClosureConfirmed`);
   * each is then told in the same transaction (`office.closed_unexpectedly` in the outbox), and
   * their phone pages show the closure from the snapshot the new sequence number brings.
   */
  async close(officeId: string, body: CreateClosureDto, actor: StaffView): Promise<AdminCalendarView> {
    const now = this.clock.now();
    const closure = { from: body.startsAt ? new Date(body.startsAt) : now, to: new Date(body.endsAt), reason: body.reason };
    assertClosureAhead({ from: closure.from.getTime(), to: closure.to.getTime() }, now.getTime());
    await this.change(officeId, actor, async (manager, office) => {
      const waiting = waitingHitBy(closure.from.getTime(), now.getTime(), office.timeZone, await this.calendar.waiting(manager, office.id));
      const bookings = await this.calendar.bookingsIn(manager, office.id, closure.from, closure.to);
      assertClosureConfirmed({ waiting, bookings }, body.confirm === true);
      const id = await this.calendar.insertClosure(manager, office.id, closure, actor.id, now);
      const told = await this.calendar.closedNotices(manager, office.id, closure, waiting > 0, now);
      const after = {
        closure: { id, startsAt: closure.from.toISOString(), endsAt: closure.to.toISOString(), reason: closure.reason, waiting, bookings, told },
      };
      await this.recordChange(manager, office, actor, 'calendar.closure_added', { before: null, after }, now);
    });
    return this.view(officeId, actor);
  }

  /** Takes an own day off the calendar: the office keeps its weekly hours (and the national list) that day again. */
  async removeDay(officeId: string, day: string, actor: StaffView): Promise<AdminCalendarView> {
    const now = this.clock.now();
    await this.change(officeId, actor, async (manager, office) => {
      const removed = await this.calendar.deleteDay(manager, office.id, day);
      if (!removed) throw new NotFoundError(`${day} is not on this office's own calendar`);
      await this.recordChange(manager, office, actor, 'calendar.day_removed', { before: { ownDay: removed }, after: null }, now);
    });
    return this.view(officeId, actor);
  }

  /** Ends a closure now (the office opens again at once), or calls off one not yet begun (`endClosureEarly`). */
  async endClosure(officeId: string, closureId: string, actor: StaffView): Promise<AdminCalendarView> {
    const now = this.clock.now();
    await this.change(officeId, actor, async (manager, office) => {
      const closure = await this.calendar.closureForUpdate(manager, office.id, closureId);
      if (!closure) throw new NotFoundError(`No closure with the id "${closureId}" in this office`);
      const ending = endClosureEarly({ from: Date.parse(closure.startsAt), to: Date.parse(closure.endsAt) }, now.getTime());
      if (ending.kind === 'ended') await this.calendar.endClosure(manager, office.id, closure.id, new Date(ending.at));
      else await this.calendar.deleteClosure(manager, office.id, closure.id);
      const after = ending.kind === 'ended' ? { closure: { ...closure, endsAt: new Date(ending.at).toISOString() } } : null;
      await this.recordChange(manager, office, actor, 'calendar.closure_ended', { before: { closure }, after }, now);
    });
    return this.view(officeId, actor);
  }

  /**
   * One calendar change, in a transaction on the locked office that moves its number on and
   * announces it once committed: the public screens' snapshot (open or closed) is read again.
   */
  private change(officeId: string, actor: StaffView, work: (manager: EntityManager, office: OfficeEntity) => Promise<void>): Promise<void> {
    return this.changes.announcing((taken) =>
      this.db.transaction(async (manager) => {
        const office = await this.offices.locked(manager, officeId, actor);
        await work(manager, office);
        taken(office.id, await this.sequence.next(manager, office.id));
      }),
    );
  }

  /** A calendar change goes into the audit trail under its own action, on its office, with what it added or took away. */
  private recordChange(
    manager: EntityManager,
    office: { id: string; name: string },
    actor: StaffView,
    action: Extract<AdminAction, `calendar.${string}`>,
    change: { before: object | null; after: object | null },
    now: Date,
  ): Promise<void> {
    return this.audit.record(
      manager,
      { actorId: actor.id, officeId: office.id, action, subjectType: 'office', subjectId: office.id, subjectLabel: office.name, ...change },
      now,
    );
  }
}
