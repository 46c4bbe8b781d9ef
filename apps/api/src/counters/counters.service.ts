import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ChecklistSubmission, type CounterChange, type CounterEventType, type CounterView, NotFoundError, type PauseReason, RuleError, type StaffCounterView, type TicketView, nextCounterState, queueFor } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { nextOfficeSeq } from '../database/office-sequence.js';
import { OfficesService } from '../offices/offices.service.js';
import { OfficeEventsPublisher } from '../realtime/office-events.publisher.js';
import { TICKET_VIEW_SELECT, type TicketViewRow, toTicketView } from '../tickets/ticket-views.js';
import { type LockedCounter, assertCounterAction, assertCounterFree, lockCounter } from './counter-lock.js';

/** Counter sessions (shifts): open, pause with a reason, resume, close. */
@Injectable()
export class CountersService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly publisher: OfficeEventsPublisher,
    private readonly checklists: ChecklistsService,
  ) {}

  /** Opens a shift; the shift-start checklist, when sent, is stored in the same transaction. */
  open(counterId: string, staff: AuthenticatedStaff, checklist?: ChecklistSubmission): Promise<CounterView> {
    return this.change(counterId, staff, 'opened', async (manager, counter, now) => {
      nextCounterState({ name: counter.name, state: counter.state ?? 'closed' }, 'open');
      const [elsewhere] = await manager.query<{ name: string }[]>(
        `SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id WHERE cn.staff_id = $1 AND cn.state <> 'closed'`,
        [staff.id],
      );
      if (elsewhere) throw new RuleError('officer_busy', `You already have ${elsewhere.name} open; close it first`);
      const [session] = await manager.query<{ id: string }[]>(
        `INSERT INTO counter_sessions (counter_id, staff_id, state, opened_at) VALUES ($1, $2, 'open', $3) RETURNING id`,
        [counter.id, staff.id, now],
      );
      if (checklist) {
        const subject = { kind: 'shift_start' as const, officeId: counter.office_id, sessionId: session.id, counterId: counter.id, subjectStaffId: staff.id };
        await this.checklists.record(manager, subject, checklist, staff, now);
      }
      return { sessionId: session.id };
    });
  }

  /** The office's counters as staff choose among them: state, services and the officer holding each. */
  async forOffice(slug: string, staff: AuthenticatedStaff): Promise<StaffCounterView[]> {
    const office = await this.offices.bySlug(slug);
    assertOfficeAccess(staff, office.id);
    const views = await this.offices.counterViews(this.db.manager, office.id);
    const extra = await this.db.query<{ id: string; codes: string[] | null; staff_id: string | null; staff_name: string | null }[]>(
      `SELECT c.id,
              (SELECT array_agg(s.code ORDER BY s.sort_order, s.code) FROM counter_services cs JOIN services s ON s.id = cs.service_id WHERE cs.counter_id = c.id) AS codes,
              cn.staff_id, st.name AS staff_name
       FROM counters c
       LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
       LEFT JOIN staff st ON st.id = cn.staff_id
       WHERE c.office_id = $1`,
      [office.id],
    );
    const byId = new Map(extra.map((row) => [row.id, row]));
    return views.map((view) => {
      const row = byId.get(view.id);
      return { ...view, serviceCodes: row?.codes ?? [], staffId: row?.staff_id ?? null, staffName: row?.staff_name ?? null };
    });
  }

  /** The waiting tickets the counter serves, in the order call-next would take them (`queueFor` of libs/domain). */
  async queue(counterId: string, staff: AuthenticatedStaff): Promise<TicketView[]> {
    const [counter] = await this.db.query<{ id: string; office_id: string; priority_only: boolean; service_ids: string[] | null }[]>(
      `SELECT c.id, c.office_id, c.priority_only, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
       FROM counters c WHERE c.id = $1 AND c.active`,
      [counterId],
    );
    if (!counter) throw new NotFoundError(`No counter with the id "${counterId}"`);
    assertOfficeAccess(staff, counter.office_id);
    const serviceIds = counter.service_ids ?? [];
    const rows = await this.db.query<TicketViewRow[]>(`${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status = 'waiting' AND t.service_id = ANY($2::uuid[])`, [
      counter.office_id,
      serviceIds,
    ]);
    const entries = rows.map((row) => {
      const view = toTicketView(row);
      return { view, id: view.id, serviceId: view.serviceId, issuedAt: Date.parse(view.issuedAt), dueAt: Date.parse(view.dueAt), issueOrder: view.issueOrder, priority: view.priority };
    });
    return queueFor(entries, { serviceIds, priorityOnly: counter.priority_only }).map((entry) => entry.view);
  }

  pause(counterId: string, staff: AuthenticatedStaff, reason: PauseReason): Promise<CounterView> {
    return this.change(counterId, staff, 'paused', async (manager, counter) => {
      assertCounterAction(counter, 'pause', staff);
      await assertCounterFree(manager, counter);
      await manager.query(`UPDATE counter_sessions SET state = 'paused', pause_reason = $2 WHERE id = $1`, [counter.session_id, reason]);
      return { sessionId: counter.session_id!, reason };
    });
  }

  resume(counterId: string, staff: AuthenticatedStaff): Promise<CounterView> {
    return this.change(counterId, staff, 'resumed', async (manager, counter) => {
      assertCounterAction(counter, 'resume', staff);
      await manager.query(`UPDATE counter_sessions SET state = 'open', pause_reason = NULL WHERE id = $1`, [counter.session_id]);
      return { sessionId: counter.session_id! };
    });
  }

  close(counterId: string, staff: AuthenticatedStaff): Promise<CounterView> {
    return this.change(counterId, staff, 'closed', async (manager, counter, now) => {
      assertCounterAction(counter, 'close', staff);
      await assertCounterFree(manager, counter);
      await manager.query(`UPDATE counter_sessions SET state = 'closed', pause_reason = NULL, closed_at = $2 WHERE id = $1`, [counter.session_id, now]);
      return { sessionId: counter.session_id! };
    });
  }

  /** Locks the counter, applies `apply`, records the session event and publishes it, in one transaction. */
  private async change(
    counterId: string,
    staff: AuthenticatedStaff,
    type: CounterEventType,
    apply: (manager: EntityManager, counter: LockedCounter, now: Date) => Promise<{ sessionId: string; reason?: string }>,
  ): Promise<CounterView> {
    const now = this.clock.now();
    const { officeId, change } = await this.db.transaction(async (manager) => {
      const counter = await lockCounter(manager, counterId, staff);
      const { sessionId, reason } = await apply(manager, counter, now);
      const seq = await nextOfficeSeq(manager, counter.office_id);
      await manager.query(
        `INSERT INTO counter_session_events (session_id, counter_id, type, at, actor_staff_id, reason, seq) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [sessionId, counter.id, type, now, staff.id, reason ?? null, seq],
      );
      const [view] = await this.offices.counterViews(manager, counter.office_id, counter.id);
      const change: CounterChange = { seq, at: now.toISOString(), kind: 'counter', type, counter: view };
      return { officeId: counter.office_id, change };
    });
    this.publisher.publish(officeId, change);
    return change.counter;
  }
}
