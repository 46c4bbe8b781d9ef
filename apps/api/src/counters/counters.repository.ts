import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CounterEventType, OpeningHours, PauseReason, StaffRole } from '@loket/domain';
import { TICKET_VIEW_SELECT } from '../tickets/tickets.repository.js';
import type { TicketViewRow } from '../tickets/ticket-views.js';

export const COUNTERS_SQL = {
  // Every change to a counter or its session queues behind this lock. It locks the counter row
  // alone: a statement that waited for the lock re-reads only the locked row, so anything
  // joined to it would be as it was before the wait. `state` reads the rest afterwards.
  lock: `SELECT id, office_id, agency_id, number, name, priority_only FROM counters WHERE id = $1 AND active FOR UPDATE`,
  // Run after `lock`, in a statement (and snapshot) of its own: it sees every change the lock waited for.
  state: `SELECT cn.id AS session_id, cn.state, cn.staff_id AS session_staff_id,
         COALESCE((SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id), '{}') AS service_ids,
         held.issued_code AS held_code, held.number AS held_number, held.status AS held_status
  FROM counters c
  LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
  LEFT JOIN LATERAL (SELECT t.issued_code, t.number, t.status FROM tickets t WHERE t.counter_id = c.id AND t.status IN ('called', 'serving') LIMIT 1) held ON true
  WHERE c.id = $1`,
  // Taken by an open after the counter's lock, and by the changes that take an officer off counters
  // (deactivation, a new set of offices), so those and two opens by one officer run one after the other.
  lockOfficer: `SELECT id FROM staff WHERE id = $1 FOR NO KEY UPDATE`,
  // Run after `lockOfficer`, in a statement of its own, for the same reason as `state`.
  officer: `SELECT s.active, s.role, EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = s.id AND so.office_id = $2) AS in_office,
         (SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id WHERE cn.staff_id = s.id AND cn.state <> 'closed') AS elsewhere
  FROM staff s WHERE s.id = $1`,
  openSession: `INSERT INTO counter_sessions (counter_id, staff_id, state, opened_at, last_seen_at) VALUES ($1, $2, 'open', $3, $3) RETURNING id`,
  pauseSession: `UPDATE counter_sessions SET state = 'paused', pause_reason = $2, pause_note = $3, paused_at = $4 WHERE id = $1`,
  // Resuming is the officer at the desk: it counts as a heartbeat, or the sweep would pause an offline counter again at once.
  resumeSession: `UPDATE counter_sessions SET state = 'open', pause_reason = NULL, pause_note = NULL, paused_at = NULL, last_seen_at = $2 WHERE id = $1`,
  closeSession: `UPDATE counter_sessions SET state = 'closed', pause_reason = NULL, pause_note = NULL, paused_at = NULL, closed_at = $2 WHERE id = $1`,
  // The office's next sequence number and the event it numbers in one statement, the last of
  // the change: the bump's row lock is then held for this statement and the COMMIT only
  // (office-sequence-lock.spec.ts). $8 is the counter's office.
  recordEvent: `WITH bumped AS (UPDATE offices SET seq = seq + 1 WHERE id = $8 RETURNING seq)
  INSERT INTO counter_session_events (session_id, counter_id, type, at, actor_staff_id, reason, note, seq)
  SELECT $1, $2, $3, $4, $5, $6, $7, bumped.seq FROM bumped
  RETURNING seq`,
  // The desk's heartbeat: only the officer whose session it is keeps it alive. Through a CTE, as TypeORM wraps a bare UPDATE … RETURNING.
  heartbeat: `WITH seen AS (UPDATE counter_sessions SET last_seen_at = $3 WHERE counter_id = $1 AND staff_id = $2 AND state <> 'closed' RETURNING state)
  SELECT state FROM seen`,
  // Every session not closed, with what the upkeep rule (`sessionUpkeep`) needs to decide about it.
  upkeepSessions: `SELECT cn.id AS session_id, cn.counter_id, cn.state, cn.opened_at, COALESCE(cn.last_seen_at, cn.opened_at) AS last_seen_at,
         CASE WHEN jsonb_array_length(c.schedule) > 0 THEN c.schedule ELSE o.opening_hours END AS schedule,
         o.time_zone, o.offline_after_minutes, o.shift_end_grace_minutes,
         EXISTS (SELECT 1 FROM tickets t WHERE t.counter_id = cn.counter_id AND t.status IN ('called', 'serving')) AS busy
  FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id JOIN offices o ON o.id = c.office_id
  WHERE cn.state <> 'closed' AND ($1::uuid IS NULL OR cn.counter_id = $1::uuid)`,
  // Today's no-shows of the services a counter serves, latest first: the desk's "tidak hadir hari ini".
  noShows: `${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status = 'no_show' AND t.service_day = $2::date AND t.service_id = ANY($3::uuid[])
  ORDER BY t.finished_at DESC`,
  officeOfCounter: `SELECT o.time_zone FROM counters c JOIN offices o ON o.id = c.office_id WHERE c.id = $1`,
  // The latest event of the counter's latest session, with who held the session and who acted: the desk's stop notice.
  lastEvent: `SELECT e.type, e.at, e.reason, e.note, cn.staff_id AS session_staff_id, a.id AS actor_id, a.name AS actor_name, a.role AS actor_role
  FROM (SELECT id, staff_id FROM counter_sessions WHERE counter_id = $1 ORDER BY opened_at DESC LIMIT 1) cn
  JOIN LATERAL (SELECT x.type, x.at, x.reason, x.note, x.actor_staff_id FROM counter_session_events x WHERE x.session_id = cn.id ORDER BY x.id DESC LIMIT 1) e ON true
  LEFT JOIN staff a ON a.id = e.actor_staff_id`,
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

/** A counter row locked for the rest of the transaction, with its open session (if any) and the ticket it holds, read after the lock. */
export interface LockedCounter {
  id: string;
  office_id: string;
  agency_id: string;
  number: number;
  name: string;
  priority_only: boolean;
  session_id: string | null;
  state: 'open' | 'paused' | null;
  session_staff_id: string | null;
  service_ids: string[];
  /** The ticket called to or served at the counter, if any. */
  held: HeldTicketRow | null;
}

export interface HeldTicketRow {
  issued_code: string;
  number: number;
  status: string;
}

interface LockedRow {
  id: string;
  office_id: string;
  agency_id: string;
  number: number;
  name: string;
  priority_only: boolean;
}

interface StateRow {
  session_id: string | null;
  state: 'open' | 'paused' | null;
  session_staff_id: string | null;
  service_ids: string[];
  held_code: string | null;
  held_number: number | null;
  held_status: string | null;
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
  /** Null for the API's own upkeep (offline pause, shift-end close). */
  actorStaffId: string | null;
  reason: string | null;
  note: string | null;
  /** The counter's office, whose sequence numbers the event. */
  officeId: string;
}

/** The latest event of a counter's latest session (`lastEvent`). */
export interface LastEventRow {
  type: CounterEventType;
  at: Date;
  reason: PauseReason | null;
  note: string | null;
  session_staff_id: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: StaffRole | null;
}

/** A session as the upkeep sweep reads it. */
export interface UpkeepSessionRow {
  session_id: string;
  counter_id: string;
  state: 'open' | 'paused';
  opened_at: Date;
  last_seen_at: Date;
  schedule: OpeningHours[];
  time_zone: string;
  offline_after_minutes: number;
  shift_end_grace_minutes: number;
  busy: boolean;
}

/** A staff member as an open checks them, read after their row was locked. */
export interface OfficerRow {
  active: boolean;
  role: StaffRole;
  in_office: boolean;
  /** The name of the counter they hold a session on (open or paused), if any. */
  elsewhere: string | null;
}

interface IdRow {
  id: string;
}

/** Counters and their sessions (shifts). Methods that take `tx` run inside the caller's transaction. */
@Injectable()
export class CountersRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Locks the counter row to the end of the transaction, then reads its session, services and
   * held ticket in a second statement, so what it returns is as of after the lock was taken.
   */
  async lock(tx: EntityManager, counterId: string): Promise<LockedCounter | undefined> {
    const [counter] = await tx.query<LockedRow[]>(COUNTERS_SQL.lock, [counterId]);
    if (!counter) return undefined;
    const [state] = await tx.query<StateRow[]>(COUNTERS_SQL.state, [counterId]);
    const { held_code, held_number, held_status, ...session } = state;
    const held = held_code === null ? null : { issued_code: held_code, number: held_number!, status: held_status! };
    return { ...counter, ...session, held };
  }

  /**
   * Locks the staff member's row to the end of the transaction, then reads, as of after the
   * lock, whether the account is active, works in `officeId`, and which counter it already holds.
   */
  async lockOfficer(tx: EntityManager, staffId: string, officeId: string): Promise<OfficerRow | undefined> {
    await tx.query(COUNTERS_SQL.lockOfficer, [staffId]);
    const [row] = await tx.query<OfficerRow[]>(COUNTERS_SQL.officer, [staffId, officeId]);
    return row;
  }

  async openSession(tx: EntityManager, counterId: string, staffId: string, at: Date): Promise<string> {
    const [row] = await tx.query<IdRow[]>(COUNTERS_SQL.openSession, [counterId, staffId, at]);
    return row.id;
  }

  async pauseSession(tx: EntityManager, sessionId: string, reason: PauseReason, note: string | null, at: Date): Promise<void> {
    await tx.query(COUNTERS_SQL.pauseSession, [sessionId, reason, note, at]);
  }

  async resumeSession(tx: EntityManager, sessionId: string, at: Date): Promise<void> {
    await tx.query(COUNTERS_SQL.resumeSession, [sessionId, at]);
  }

  /** Records the desk's heartbeat; the session's state, or undefined when `staffId` holds no session at the counter. */
  async heartbeat(counterId: string, staffId: string, at: Date): Promise<{ state: 'open' | 'paused' } | undefined> {
    const [row] = await this.db.query<{ state: 'open' | 'paused' }[]>(COUNTERS_SQL.heartbeat, [counterId, staffId, at]);
    return row;
  }

  /** The sessions not closed (or the one of `counterId`), to sweep; pass `tx` to read under the caller's counter lock. */
  upkeepSessions(counterId: string | null = null, tx: EntityManager = this.db.manager): Promise<UpkeepSessionRow[]> {
    return tx.query<UpkeepSessionRow[]>(COUNTERS_SQL.upkeepSessions, [counterId]);
  }

  noShows(officeId: string, day: string, serviceIds: readonly string[]): Promise<TicketViewRow[]> {
    return this.db.query<TicketViewRow[]>(COUNTERS_SQL.noShows, [officeId, day, serviceIds]);
  }

  async officeTimeZoneOfCounter(counterId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ time_zone: string }[]>(COUNTERS_SQL.officeOfCounter, [counterId]);
    return row?.time_zone;
  }

  /** The latest event of the counter's latest session, or undefined when it never had one. */
  async lastEvent(counterId: string): Promise<LastEventRow | undefined> {
    const [row] = await this.db.query<LastEventRow[]>(COUNTERS_SQL.lastEvent, [counterId]);
    return row;
  }

  async closeSession(tx: EntityManager, sessionId: string, at: Date): Promise<void> {
    await tx.query(COUNTERS_SQL.closeSession, [sessionId, at]);
  }

  /** Appends the event with the office's next sequence number, and returns it. Call it last in the transaction. */
  async recordEvent(tx: EntityManager, event: CounterEventRecord): Promise<number> {
    const [row] = await tx.query<{ seq: string }[]>(COUNTERS_SQL.recordEvent, [
      event.sessionId,
      event.counterId,
      event.type,
      event.at,
      event.actorStaffId,
      event.reason,
      event.note,
      event.officeId,
    ]);
    return Number(row.seq);
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
