import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CounterEventType, PauseReason } from '@loket/domain';
import { TICKET_VIEW_SELECT } from '../tickets/tickets.repository.js';
import type { TicketViewRow } from '../tickets/ticket-views.js';

export const COUNTERS_SQL = {
  // FOR UPDATE OF c: every change to a counter or its session queues behind this lock.
  lock: `SELECT c.id, c.office_id, c.number, c.name, c.priority_only,
         cn.id AS session_id, cn.state, cn.staff_id AS session_staff_id,
         COALESCE((SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id), '{}') AS service_ids
  FROM counters c
  LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
  WHERE c.id = $1 AND c.active
  FOR UPDATE OF c`,
  heldTicket: `SELECT issued_code, number, status FROM tickets WHERE counter_id = $1 AND status IN ('called', 'serving') LIMIT 1`,
  sessionOfStaff: `SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id WHERE cn.staff_id = $1 AND cn.state <> 'closed'`,
  openSession: `INSERT INTO counter_sessions (counter_id, staff_id, state, opened_at) VALUES ($1, $2, 'open', $3) RETURNING id`,
  pauseSession: `UPDATE counter_sessions SET state = 'paused', pause_reason = $2 WHERE id = $1`,
  resumeSession: `UPDATE counter_sessions SET state = 'open', pause_reason = NULL WHERE id = $1`,
  closeSession: `UPDATE counter_sessions SET state = 'closed', pause_reason = NULL, closed_at = $2 WHERE id = $1`,
  recordEvent: `INSERT INTO counter_session_events (session_id, counter_id, type, at, actor_staff_id, reason, seq) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  staffing: `SELECT c.id,
         (SELECT array_agg(s.code ORDER BY s.sort_order, s.code) FROM counter_services cs JOIN services s ON s.id = cs.service_id WHERE cs.counter_id = c.id) AS codes,
         cn.staff_id, st.name AS staff_name
  FROM counters c
  LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
  LEFT JOIN staff st ON st.id = cn.staff_id
  WHERE c.office_id = $1`,
  queueCounter: `SELECT c.id, c.office_id, c.priority_only, (SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
  FROM counters c WHERE c.id = $1 AND c.active`,
  queue: `${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status = 'waiting' AND t.service_id = ANY($2::uuid[])`,
} as const;

/** A counter row locked for the rest of the transaction, with its open session (if any). */
export interface LockedCounter {
  id: string;
  office_id: string;
  number: number;
  name: string;
  priority_only: boolean;
  session_id: string | null;
  state: 'open' | 'paused' | null;
  session_staff_id: string | null;
  service_ids: string[];
}

export interface HeldTicketRow {
  issued_code: string;
  number: number;
  status: string;
}

export interface CounterStaffingRow {
  id: string;
  codes: string[] | null;
  staff_id: string | null;
  staff_name: string | null;
}

export interface QueueCounterRow {
  id: string;
  office_id: string;
  priority_only: boolean;
  service_ids: string[] | null;
}

export interface CounterEventRecord {
  sessionId: string;
  counterId: string;
  type: CounterEventType;
  at: Date;
  actorStaffId: string;
  reason: string | null;
  seq: number;
}

interface NameRow {
  name: string;
}
interface IdRow {
  id: string;
}

/** Counters and their sessions (shifts). Methods that take `tx` run inside the caller's transaction. */
@Injectable()
export class CountersRepository {
  constructor(private readonly db: DataSource) {}

  async lock(tx: EntityManager, counterId: string): Promise<LockedCounter | undefined> {
    const [row] = await tx.query<LockedCounter[]>(COUNTERS_SQL.lock, [counterId]);
    return row;
  }

  /** The ticket called to or served at the counter, if any. */
  async heldTicket(tx: EntityManager, counterId: string): Promise<HeldTicketRow | undefined> {
    const [row] = await tx.query<HeldTicketRow[]>(COUNTERS_SQL.heldTicket, [counterId]);
    return row;
  }

  /** The name of the counter `staffId` has a session open (or paused) at, if any. */
  async counterOfStaff(tx: EntityManager, staffId: string): Promise<string | null> {
    const [row] = await tx.query<NameRow[]>(COUNTERS_SQL.sessionOfStaff, [staffId]);
    return row?.name ?? null;
  }

  async openSession(tx: EntityManager, counterId: string, staffId: string, at: Date): Promise<string> {
    const [row] = await tx.query<IdRow[]>(COUNTERS_SQL.openSession, [counterId, staffId, at]);
    return row.id;
  }

  async pauseSession(tx: EntityManager, sessionId: string, reason: PauseReason): Promise<void> {
    await tx.query(COUNTERS_SQL.pauseSession, [sessionId, reason]);
  }

  async resumeSession(tx: EntityManager, sessionId: string): Promise<void> {
    await tx.query(COUNTERS_SQL.resumeSession, [sessionId]);
  }

  async closeSession(tx: EntityManager, sessionId: string, at: Date): Promise<void> {
    await tx.query(COUNTERS_SQL.closeSession, [sessionId, at]);
  }

  async recordEvent(tx: EntityManager, event: CounterEventRecord): Promise<void> {
    await tx.query(COUNTERS_SQL.recordEvent, [event.sessionId, event.counterId, event.type, event.at, event.actorStaffId, event.reason, event.seq]);
  }

  /** Each counter of the office with its service codes and the officer holding its session. */
  staffing(officeId: string): Promise<CounterStaffingRow[]> {
    return this.db.query<CounterStaffingRow[]>(COUNTERS_SQL.staffing, [officeId]);
  }

  async queueCounter(counterId: string): Promise<QueueCounterRow | undefined> {
    const [row] = await this.db.query<QueueCounterRow[]>(COUNTERS_SQL.queueCounter, [counterId]);
    return row;
  }

  /** The office's waiting tickets of `serviceIds`, in no order (the domain's `queueFor` orders them). */
  queue(officeId: string, serviceIds: readonly string[]): Promise<TicketViewRow[]> {
    return this.db.query<TicketViewRow[]>(COUNTERS_SQL.queue, [officeId, serviceIds]);
  }
}
