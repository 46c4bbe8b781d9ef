import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import {
  NOTIFICATION_VERSION,
  type OfficeOwnDay,
  type OpeningHours,
  type PriorityCategory,
  type TicketEventType,
  type TicketStatus,
  notificationForTicketEvent,
} from '@loket/domain';
import type { TicketViewRow } from './ticket-views.js';
import { OFFICE_JSON, SERVICE_JSON, TICKET_DATA_SQL, fanOutSql, outboxWantedSql, ticketNumberSql } from '../notifications/outbox.repository.js';
import { countersServingSql } from '../common/counters-serving-sql.js';

/** The one select every ticket view is read with. */
export const TICKET_VIEW_SELECT = `SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
         t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
         t.called_at, t.started_at, t.finished_at, t.recall_count
  FROM tickets t
  JOIN services s ON s.id = t.service_id
  LEFT JOIN counters c ON c.id = t.counter_id`;

/** The columns a transition may change; the rest of the row is fixed at issue. */
const STATE_COLUMNS = 'status, service_id, due_at, counter_id, staff_id, called_at, started_at, finished_at, recall_count';
/** A ticket as a transition reads it, under its row lock. */
const LOCKED_COLUMNS = `id, office_id, ${STATE_COLUMNS}, priority, issued_at, service_day::text AS service_day, tracking_code`;

export const TICKETS_SQL = {
  // The office and the service in one round trip: at a busy kiosk each one counts.
  // $3: the hash of the kiosk token sent, or null for an anonymous client; kiosk_id is its paired, unrevoked kiosk.
  issueContext: `SELECT o.id, o.slug, o.name, o.address, o.time_zone, o.opening_hours, o.priority_max_wait_minutes, o.seq, o.anonymous_issue,
         (SELECT k.id FROM kiosk_devices k WHERE k.office_id = o.id AND k.token_hash = $3 AND k.revoked_at IS NULL) AS kiosk_id,
         s.id AS service_id, s.code AS service_code, s.name AS service_name, s.max_wait_minutes, s.daily_quota, s.active AS service_active,
         -- The active counters serving it (domain countersServingFor over a snapshot's counters; test/repositories/counters-open-sql.spec.ts)
         ${countersServingSql('s.id')} AS counters_serving,
         s.issue_cutoff_minutes, s.dynamic_quota,
         -- The calendar the domain's issuingStatus needs: own days from yesterday on (a year and
         -- more ahead, the reach of "opens next") and the closures not yet over.
         (SELECT coalesce(json_agg(json_build_object('day', d.day::text, 'kind', d.kind, 'name', d.name)), '[]')
          FROM office_days d
          WHERE d.office_id = o.id AND d.day BETWEEN ($4::timestamptz AT TIME ZONE o.time_zone)::date - 1 AND ($4::timestamptz AT TIME ZONE o.time_zone)::date + 401) AS own_days,
         (SELECT coalesce(json_agg(json_build_object('from', c.starts_at, 'to', c.ends_at, 'reason', c.reason)), '[]')
          FROM office_closures c WHERE c.office_id = o.id AND c.ends_at > $4::timestamptz) AS closures
  FROM offices o LEFT JOIN services s ON s.office_id = o.id AND s.id = $2
  WHERE o.slug = $1`,
  issue: `WITH num AS (
    INSERT INTO ticket_number_counters AS n (service_id, service_day, last_number) VALUES ($1, $2, 1)
    ON CONFLICT (service_id, service_day) DO UPDATE SET last_number = n.last_number + 1
      WHERE $3::int IS NULL OR n.last_number < $3::int
    RETURNING last_number
  ), ticket AS (
    INSERT INTO tickets (office_id, service_id, issued_service_id, issued_code, service_day, number, priority, status,
                         issued_at, due_at, tracking_code, idempotency_key, idempotency_client)
    SELECT $4, $1, $1, $5, $2, num.last_number, $6, 'waiting', $7, $8, $9, $10, $13 FROM num
    RETURNING id, issue_order, number
  ), bumped AS (
    UPDATE offices SET seq = seq + 1 WHERE id = $4 AND EXISTS (SELECT 1 FROM ticket) RETURNING seq
  ), event AS (
    INSERT INTO ticket_events (ticket_id, office_id, type, at, actor_kind, service_id, payload, seq)
    SELECT ticket.id, $4, $11, $7, 'citizen', $1, $12, bumped.seq FROM ticket, bumped
    RETURNING seq
  ), notice AS (
    -- The outbox row (notifications/outbox.repository.ts), only when someone in the office wants ticket.issued.
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT $4, 'ticket.issued', $14, 'ticket:' || ticket.id, jsonb_build_object(
             'ticket', jsonb_build_object('id', ticket.id, 'number', ${ticketNumberSql('$5::text', 'ticket.number')}, 'trackingCode', $9::text, 'recallCount', 0),
             'office', ${OFFICE_JSON}, 'service', ${SERVICE_JSON}, 'counter', NULL,
             -- As the final SELECT counts it: the service's waiting count less those behind it.
             'ahead', greatest(coalesce((SELECT sw.waiting FROM service_waiting sw WHERE sw.service_id = $1), 0)
                        - (SELECT count(*)::int FROM tickets w
                           WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) > ($8, $7, ticket.issue_order)), 0),
             'estimatedWaitMinutes', NULL, 'link', '/t/' || $9::text, 'contact', NULL), $7
    FROM ticket JOIN offices o ON o.id = $4 JOIN services s ON s.id = $1
    WHERE ${outboxWantedSql('$4', "'ticket.issued'", "'ticket:' || ticket.id")}
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  -- The tickets ahead of it (its place - 1): the service's waiting count less those behind it in call
  -- order, not the queue counted through (migration 1765180000000). The statement sees neither its
  -- own new row nor the count it will raise at COMMIT; a new ticket joins at or near the end.
  SELECT ticket.id, ticket.issue_order, ticket.number, event.seq,
         greatest(coalesce((SELECT sw.waiting FROM service_waiting sw WHERE sw.service_id = $1), 0)
           - (SELECT count(*)::int FROM tickets w
              WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) > ($8, $7, ticket.issue_order)), 0) AS ahead
  FROM ticket, event`,
  // A key counts only together with the client that sent it (TicketsService.issue).
  byIdempotencyKey: 'SELECT id FROM tickets WHERE office_id = $1 AND idempotency_key = $2 AND idempotency_client = $3',
  byTrackingCode: 'SELECT id FROM tickets WHERE tracking_code = $1',
  // What the phone page's reads need to find a ticket in its office's snapshot (TrackedTickets).
  trackingCode: 'SELECT t.id, t.office_id, o.slug AS office_slug FROM tickets t JOIN offices o ON o.id = t.office_id WHERE t.tracking_code = $1',
  // Sent before the claim, in its transaction: sorts are priced out of the planner until COMMIT, so the
  // claim can only take its first ticket from the ordered index (`tickets_waiting_due`, or for priority
  // tickets `tickets_waiting_priority_due`), whatever the statistics say of the office. An office the
  // statistics have not seen yet (new, or a burst before the next ANALYZE) is estimated at one ticket,
  // and for one ticket the planner took the office's whole queue through a bitmap and sorted it: 34 ms
  // at 20,000 waiting instead of 0.5 (test/repositories/claim-plan.spec.ts). The statements after the
  // claim in call-next read and write rows by id, and sort nothing.
  claimPlan: 'SET LOCAL enable_sort = off',
  // The call order of `compareForCall` (libs/domain): earliest due, then issued-at, then issue order.
  claimNext: `SELECT ${LOCKED_COLUMNS} FROM tickets
  WHERE office_id = $1 AND status = 'waiting' AND service_id = ANY($2::uuid[])
  ORDER BY due_at, issued_at, issue_order
  LIMIT 1
  FOR NO KEY UPDATE SKIP LOCKED`,
  claimNextPriority: `SELECT ${LOCKED_COLUMNS} FROM tickets
  WHERE office_id = $1 AND status = 'waiting' AND service_id = ANY($2::uuid[]) AND priority IS NOT NULL
  ORDER BY due_at, issued_at, issue_order
  LIMIT 1
  FOR NO KEY UPDATE SKIP LOCKED`,
  // With the agencies of its counter and its service, which a member confined to one agency is checked against.
  lock: `SELECT ${LOCKED_COLUMNS},
         (SELECT c.agency_id FROM counters c WHERE c.id = tickets.counter_id) AS counter_agency_id,
         (SELECT s.agency_id FROM services s WHERE s.id = tickets.service_id) AS service_agency_id
  FROM tickets WHERE id = $1 FOR NO KEY UPDATE`,
  writeState: `UPDATE tickets
  SET status = $2, service_id = $3, due_at = $4, counter_id = $5, staff_id = $6, called_at = $7, started_at = $8, finished_at = $9, recall_count = $10
  WHERE id = $1`,
  view: `${TICKET_VIEW_SELECT} WHERE t.id = $1`,
  tracked: `SELECT v.*, t.tracking_code, s.name AS service_name,
         EXISTS (SELECT 1 FROM satisfaction_surveys ss WHERE ss.ticket_id = v.id) AS survey_submitted
  FROM (${TICKET_VIEW_SELECT}
        WHERE t.id = $1) v JOIN tickets t ON t.id = v.id JOIN services s ON s.id = v.service_id`,
  // `placeInQueue` of libs/domain: the waiting tickets of its service ahead of it in call order.
  placeAhead: `SELECT count(*)::int AS ahead FROM tickets w
  WHERE w.service_id = $1 AND w.status = 'waiting' AND (w.due_at, w.issued_at, w.issue_order) < ($2, $3, $4)`,
  // The office's next sequence number and the event it numbers in one statement: the bump's
  // row lock, which every change in the office queues for, is then held for this statement
  // and the COMMIT only (office-sequence-lock.spec.ts).
  // $10/$11: the notification the event raises and its version (null: none), written to the
  // outbox by the same statement only when someone in the office wants it (notifications/outbox.repository.ts).
  recordEvent: `WITH bumped AS (UPDATE offices SET seq = seq + 1 WHERE id = $2 RETURNING seq
  ), event AS (
    INSERT INTO ticket_events (ticket_id, office_id, type, at, actor_kind, actor_staff_id, counter_id, service_id, payload, seq)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, bumped.seq FROM bumped
    RETURNING seq
  ), notice AS (
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT $2, $10::text, $11::int, 'ticket:' || t.id, ${TICKET_DATA_SQL}, $4
    FROM tickets t JOIN offices o ON o.id = t.office_id JOIN services s ON s.id = t.service_id
    LEFT JOIN counters c ON c.id = $7 LEFT JOIN bookings b ON b.ticket_id = t.id
    WHERE $10::text IS NOT NULL AND t.id = $1 AND ${outboxWantedSql('$2', '$10::text', "'ticket:' || t.id")}
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  SELECT seq FROM event`,
  transferTarget: `SELECT s.id, s.name, s.active, s.max_wait_minutes, o.priority_max_wait_minutes
  FROM services s JOIN offices o ON o.id = s.office_id WHERE s.id = $1 AND s.office_id = $2`,
  officeTimeZone: 'SELECT time_zone FROM offices WHERE id = $1',
  noShowAfterMinutes: 'SELECT no_show_after_minutes FROM offices WHERE id = $1',
  // Read without a lock: which counter to lock first (counter before ticket, as call-next locks them).
  counterOf: 'SELECT counter_id FROM tickets WHERE id = $1',
} as const;

export interface IssueContextRow {
  id: string;
  slug: string;
  name: string;
  address: string;
  time_zone: string;
  opening_hours: OpeningHours[];
  priority_max_wait_minutes: number;
  seq: string;
  anonymous_issue: boolean;
  kiosk_id: string | null;
  service_id: string | null;
  service_code: string | null;
  service_name: string | null;
  max_wait_minutes: number | null;
  daily_quota: number | null;
  service_active: boolean | null;
  counters_serving: number | null;
  issue_cutoff_minutes: number | null;
  /** Kuota dinamis is on for the service (null: no such service). */
  dynamic_quota: boolean | null;
  own_days: OfficeOwnDay[];
  /** Timestamps as JSON strings. */
  closures: { from: string; to: string; reason: string }[];
}

/** What the issue statement needs; `dailyQuota` null means no quota. */
export interface NewTicket {
  officeId: string;
  serviceId: string;
  serviceCode: string;
  serviceDay: string;
  dailyQuota: number | null;
  priority: PriorityCategory | null;
  issuedAt: Date;
  dueAt: Date;
  trackingCode: string;
  idempotencyKey: string | null;
  /** Who sent the key (`idempotencyClient` in tickets.service.ts); null without a key. */
  idempotencyClient: string | null;
  eventType: TicketEventType;
  payload: Record<string, unknown>;
}

export interface IssuedRow {
  id: string;
  issue_order: string;
  number: number;
  seq: string;
  ahead: number;
}

/** The columns a transition may change. */
export interface TicketState {
  status: TicketStatus;
  service_id: string;
  due_at: Date;
  counter_id: string | null;
  staff_id: string | null;
  called_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  recall_count: number;
}

export interface LockedTicket extends TicketState {
  id: string;
  office_id: string;
  priority: PriorityCategory | null;
  issued_at: Date;
  service_day: string;
  tracking_code: string;
}

/** The agencies a locked ticket is at (its counter's, while called or served) and of (its service's). */
export interface TicketAgencies {
  counter_agency_id: string | null;
  service_agency_id: string;
}

/** A tracking code's ticket and its office. */
export interface TrackingCodeRow {
  id: string;
  office_id: string;
  office_slug: string;
}

export interface TrackedTicketRow extends TicketViewRow {
  tracking_code: string;
  service_name: string;
  survey_submitted: boolean;
}

export interface TransferTargetRow {
  id: string;
  name: string;
  active: boolean;
  max_wait_minutes: number;
  priority_max_wait_minutes: number;
}

export interface TicketEventRecord {
  ticketId: string;
  officeId: string;
  type: TicketEventType;
  at: Date;
  actorKind: 'citizen' | 'staff' | 'system';
  actorStaffId: string | null;
  counterId: string | null;
  serviceId: string;
  payload: Record<string, unknown>;
}

interface IdRow {
  id: string;
}
interface AheadRow {
  ahead: number;
}
interface TimeZoneRow {
  time_zone: string;
}

/** Tickets and their events. Methods that take `tx` run inside the caller's transaction. */
@Injectable()
export class TicketsRepository {
  constructor(private readonly db: DataSource) {}

  async issueContext(officeSlug: string, serviceId: string, kioskTokenHash: string | null, now: Date): Promise<IssueContextRow | undefined> {
    const [row] = await this.db.query<IssueContextRow[]>(TICKETS_SQL.issueContext, [officeSlug, serviceId, kioskTokenHash, now]);
    return row;
  }

  /**
   * Issues a ticket in one SQL statement that draws the number from the service-day
   * counter row, inserts the ticket, takes the office's next sequence number and appends the
   * event. One statement is atomic on its own, so the row locks it takes are held only while
   * it runs and commits, never across round trips: that is what lets many kiosks issue at
   * once. Numbers are consecutive and never repeat; a reached daily quota draws no number
   * (undefined). A second ticket with a known idempotency key fails on its unique key
   * (`isDuplicateIdempotencyKey`). With `tx` it runs inside the caller's transaction (a booking's check-in).
   */
  async issue(ticket: NewTicket, tx?: EntityManager): Promise<IssuedRow | undefined> {
    const [row] = await (tx ?? this.db).query<IssuedRow[]>(TICKETS_SQL.issue, [
      ticket.serviceId,
      ticket.serviceDay,
      ticket.dailyQuota,
      ticket.officeId,
      ticket.serviceCode,
      ticket.priority,
      ticket.issuedAt,
      ticket.dueAt,
      ticket.trackingCode,
      ticket.idempotencyKey,
      ticket.eventType,
      JSON.stringify(ticket.payload),
      ticket.idempotencyClient,
      NOTIFICATION_VERSION['ticket.issued'],
    ]);
    return row;
  }

  async idByIdempotencyKey(officeId: string, key: string, client: string): Promise<string | null> {
    const [row] = await this.db.query<IdRow[]>(TICKETS_SQL.byIdempotencyKey, [officeId, key, client]);
    return row?.id ?? null;
  }

  /** The ticket with this tracking code and its office; null when none has it. */
  async byTrackingCode(trackingCode: string): Promise<TrackingCodeRow | null> {
    const [row] = await this.db.query<TrackingCodeRow[]>(TICKETS_SQL.trackingCode, [trackingCode]);
    return row ?? null;
  }

  async idByTrackingCode(trackingCode: string): Promise<string | null> {
    const [row] = await this.db.query<IdRow[]>(TICKETS_SQL.byTrackingCode, [trackingCode]);
    return row?.id ?? null;
  }

  /**
   * Claims the waiting ticket a counter serving `serviceIds` calls next (only priority
   * tickets with `priorityOnly`). `SKIP LOCKED` lets counters calling at the same instant
   * each claim a different ticket without waiting on or retrying each other. The lock is
   * NO KEY UPDATE, not UPDATE: a row being written that refers to a ticket (an alert the scan
   * raises about it, an event) holds KEY SHARE on it, which UPDATE would take for "being
   * claimed" and skip the ticket first in line (test/call-next-key-share.spec.ts).
   */
  async claimNext(tx: EntityManager, officeId: string, serviceIds: readonly string[], priorityOnly: boolean): Promise<LockedTicket | undefined> {
    const [row] = await tx.query<LockedTicket[]>(priorityOnly ? TICKETS_SQL.claimNextPriority : TICKETS_SQL.claimNext, [officeId, serviceIds]);
    return row;
  }

  /**
   * Call it once in the claim's transaction, before `claimNext`: the claim then takes the
   * ordered index whatever the statistics say (`claimPlan`). Until COMMIT.
   */
  async pinClaimPlan(tx: EntityManager): Promise<void> {
    await tx.query(TICKETS_SQL.claimPlan);
  }

  async lock(tx: EntityManager, ticketId: string): Promise<(LockedTicket & TicketAgencies) | undefined> {
    const [row] = await tx.query<(LockedTicket & TicketAgencies)[]>(TICKETS_SQL.lock, [ticketId]);
    return row;
  }

  async writeState(tx: EntityManager, ticketId: string, state: TicketState): Promise<void> {
    await tx.query(TICKETS_SQL.writeState, [
      ticketId,
      state.status,
      state.service_id,
      state.due_at,
      state.counter_id,
      state.staff_id,
      state.called_at,
      state.started_at,
      state.finished_at,
      state.recall_count,
    ]);
  }

  async view(tx: EntityManager, ticketId: string): Promise<TicketViewRow | undefined> {
    const [row] = await tx.query<TicketViewRow[]>(TICKETS_SQL.view, [ticketId]);
    return row;
  }

  async tracked(ticketId: string): Promise<TrackedTicketRow | undefined> {
    const [row] = await this.db.query<TrackedTicketRow[]>(TICKETS_SQL.tracked, [ticketId]);
    return row;
  }

  /** How many waiting tickets of its service are ahead of this one in call order. */
  async countAhead(ticket: Pick<TicketViewRow, 'service_id' | 'due_at' | 'issued_at' | 'issue_order'>): Promise<number> {
    const [row] = await this.db.query<AheadRow[]>(TICKETS_SQL.placeAhead, [ticket.service_id, ticket.due_at, ticket.issued_at, ticket.issue_order]);
    return row.ahead;
  }

  /**
   * Appends the event with the office's next sequence number, and returns that number. Call
   * it last in the transaction: the office's row lock it takes is held to COMMIT, so sequence
   * order is commit order.
   */
  async recordEvent(tx: EntityManager, event: TicketEventRecord): Promise<number> {
    const notification = notificationForTicketEvent(event.type);
    const [row] = await tx.query<{ seq: string }[]>(TICKETS_SQL.recordEvent, [
      event.ticketId,
      event.officeId,
      event.type,
      event.at,
      event.actorKind,
      event.actorStaffId,
      event.counterId,
      event.serviceId,
      JSON.stringify(event.payload),
      notification,
      notification === null ? null : NOTIFICATION_VERSION[notification],
    ]);
    return Number(row.seq);
  }

  async transferTarget(tx: EntityManager, serviceId: string, officeId: string): Promise<TransferTargetRow | undefined> {
    const [row] = await tx.query<TransferTargetRow[]>(TICKETS_SQL.transferTarget, [serviceId, officeId]);
    return row;
  }

  async officeTimeZone(tx: EntityManager, officeId: string): Promise<string> {
    const [row] = await tx.query<TimeZoneRow[]>(TICKETS_SQL.officeTimeZone, [officeId]);
    return row.time_zone;
  }

  async noShowAfterMinutes(tx: EntityManager, officeId: string): Promise<number> {
    const [row] = await tx.query<{ no_show_after_minutes: number }[]>(TICKETS_SQL.noShowAfterMinutes, [officeId]);
    return row.no_show_after_minutes;
  }

  /** The counter a ticket was last at, read without a lock; undefined when there is no such ticket. */
  async counterOf(ticketId: string): Promise<{ counter_id: string | null } | undefined> {
    const [row] = await this.db.query<{ counter_id: string | null }[]>(TICKETS_SQL.counterOf, [ticketId]);
    return row;
  }
}

/** Two issues with one idempotency key raced, and this one lost on the unique key. */
export function isDuplicateIdempotencyKey(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' && driverError.constraint === 'tickets_idempotency_key_client';
}
