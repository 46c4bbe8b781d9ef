import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ChecklistSubmission,
  type CounterChange,
  type CounterEventType,
  type CounterView,
  NotFoundError,
  type PauseReason,
  type StaffCounterView,
  type TicketView,
  nextCounterState,
  queueFor,
} from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { OfficeSequenceRepository } from '../database/office-sequence.repository.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { toTicketView } from '../tickets/ticket-views.js';
import { assertCounterAction, assertCounterFree, assertMayOpen, lockCounter } from './counter-lock.js';
import { CountersRepository, type LockedCounter } from './counters.repository.js';

/** Counter sessions (shifts): open, pause with a reason, resume, close. */
@Injectable()
export class CountersService {
  constructor(
    private readonly db: DataSource,
    private readonly counters: CountersRepository,
    private readonly sequence: OfficeSequenceRepository,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly publisher: OfficeEventsPublisher,
    private readonly checklists: ChecklistsService,
  ) {}

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
    const office = await this.offices.bySlug(slug);
    assertOfficeAccess(staff, office.id);
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

  pause(counterId: string, staff: AuthenticatedStaff, reason: PauseReason): Promise<CounterView> {
    return this.change(counterId, staff, 'paused', async (tx, counter) => {
      assertCounterAction(counter, 'pause', staff);
      assertCounterFree(counter);
      await this.counters.pauseSession(tx, counter.session_id!, reason);
      return { sessionId: counter.session_id!, reason };
    });
  }

  resume(counterId: string, staff: AuthenticatedStaff): Promise<CounterView> {
    return this.change(counterId, staff, 'resumed', async (tx, counter) => {
      assertCounterAction(counter, 'resume', staff);
      await this.counters.resumeSession(tx, counter.session_id!);
      return { sessionId: counter.session_id! };
    });
  }

  close(counterId: string, staff: AuthenticatedStaff): Promise<CounterView> {
    return this.change(counterId, staff, 'closed', async (tx, counter, now) => {
      assertCounterAction(counter, 'close', staff);
      assertCounterFree(counter);
      await this.counters.closeSession(tx, counter.session_id!, now);
      return { sessionId: counter.session_id! };
    });
  }

  /** Locks the counter, applies `apply`, records the session event and publishes it, in one transaction. */
  private async change(
    counterId: string,
    staff: AuthenticatedStaff,
    type: CounterEventType,
    apply: (tx: EntityManager, counter: LockedCounter, now: Date) => Promise<{ sessionId: string; reason?: string }>,
  ): Promise<CounterView> {
    const now = this.clock.now();
    const { officeId, change } = await this.db.transaction(async (tx) => {
      const counter = await lockCounter(this.counters, tx, counterId, staff);
      const { sessionId, reason } = await apply(tx, counter, now);
      const seq = await this.sequence.next(tx, counter.office_id);
      await this.counters.recordEvent(tx, { sessionId, counterId: counter.id, type, at: now, actorStaffId: staff.id, reason: reason ?? null, seq });
      const [view] = await this.offices.counterViews(tx, counter.office_id, counter.id);
      const change: CounterChange = { seq, at: now.toISOString(), kind: 'counter', type, counter: view };
      return { officeId: counter.office_id, change };
    });
    this.publisher.publish(officeId, change);
    return change.counter;
  }
}
