import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pushWantedSql } from '../push/push-deliveries.repository.js';
import { type BookingReminderKind, NOTIFICATION_VERSION, type NotificationType } from '@loket/domain';

/*
 * The transactional outbox (issue 18). A notification event is written by the very
 * statement, or at least the very transaction, of the change that causes it: a crash between
 * COMMIT and the send loses nothing, and a rollback sends nothing.
 *
 * Cheap on the hot path: the ticket statements carry the outbox insert as extra CTEs of the
 * statement they already run (no extra round trip), and it inserts a row only when some
 * consumer of the office wants that event (`outboxWantedSql`): an office without webhooks
 * pays one probe of a partial index and writes nothing. The deliveries for each enabled
 * endpoint are fanned out by the same statement (`fanOutSql`).
 *
 * Web push plugs in with its "wants" condition here (`pushWantedSql`); its fan-out is the
 * outbox's AFTER INSERT trigger (migration 1765150000001), whichever statement wrote the row.
 */

/**
 * Whether some consumer in office `office` wants an event of type `type` about `subject`
 * (all three SQL expressions): an enabled webhook endpoint of the office subscribed to it, or
 * a browser subscribed to the ticket's web push.
 */
export function outboxWantedSql(office: string, type: string, subject: string): string {
  return `(EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = ${office} AND w.enabled AND ${type} = ANY(w.events))
      OR ${pushWantedSql(office, type, subject)})`;
}

/** The INSERT that fans the rows of CTE `notice` (id, office_id, type, subject_key, occurred_at) out to one delivery per enabled, subscribed endpoint. */
export function fanOutSql(notice: string): string {
  return `INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
    SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
    FROM ${notice} n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)`;
}

/** The once-key of booking `b`'s reminder of kind `kind` (an SQL expression) for its present slot. */
function reminderKeySql(kind: string): string {
  return `'reminder:' || ${kind} || ':' || b.id || ':' || floor(extract(epoch FROM b.slot_starts_at))::bigint`;
}

/** The office as every payload names it (`NotificationOffice`), from alias `o`. */
export const OFFICE_JSON = `jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone)`;
/** The service, from alias `s`. */
export const SERVICE_JSON = `jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name)`;

/** A ticket number as people read it (`formatTicketNumber`): code, dash, at least three digits. */
export function ticketNumberSql(code: string, number: string): string {
  return `${code} || '-' || lpad(${number}::text, greatest(3, length(${number}::text)), '0')`;
}

/** A citizen's contact, from a booking under alias `b` (null when the booking, or its name and phone, is absent). */
const CONTACT_JSON = `CASE WHEN b.name IS NULL AND b.phone IS NULL THEN NULL ELSE jsonb_build_object('name', b.name, 'phone', b.phone) END`;

/**
 * `TicketNotificationData` for ticket `t` (with `o`, `s`, counter `c`, booking `b`), as it
 * stands in the transaction that writes the event.
 */
export const TICKET_DATA_SQL = `jsonb_build_object(
      'ticket', jsonb_build_object('id', t.id, 'number', ${ticketNumberSql('t.issued_code', 't.number')}, 'trackingCode', t.tracking_code, 'recallCount', t.recall_count),
      'office', ${OFFICE_JSON},
      'service', ${SERVICE_JSON},
      'counter', CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object('id', c.id, 'number', c.number, 'name', c.name) END,
      'ahead', NULL, 'estimatedWaitMinutes', NULL,
      'link', '/t/' || t.tracking_code,
      'contact', ${CONTACT_JSON})`;

/** `BookingNotificationData` for booking `b` (with `o`, `s`). */
export const BOOKING_DATA_SQL = `jsonb_build_object(
      'booking', jsonb_build_object('id', b.id, 'reference', b.reference, 'code', b.code, 'day', b.service_day::text,
                                    'startsAt', b.slot_starts_at, 'endsAt', b.slot_ends_at),
      'office', ${OFFICE_JSON},
      'service', ${SERVICE_JSON},
      'link', '/b/' || b.code,
      'contact', ${CONTACT_JSON})`;

export const OUTBOX_SQL = {
  // $1 booking, $2 type, $3 version, $4 now: a booking's event, inside the transaction that changed it.
  bookingNotice: `WITH notice AS (
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT b.office_id, $2, $3, 'booking:' || b.id, ${BOOKING_DATA_SQL}, $4
    FROM bookings b JOIN offices o ON o.id = b.office_id JOIN services s ON s.id = b.service_id
    WHERE b.id = $1 AND ${outboxWantedSql('b.office_id', '$2::text', "'booking:' || b.id")}
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  SELECT count(*)::int AS written FROM notice`,
  /*
   * `ticket.near` for the tickets the domain chose, each once (the unique outbox_near_once
   * skips a ticket told before), and only while it still waits. $1 office, $2 tickets
   * [{id, ahead, estimate}] as JSON, $3 version, $4 now.
   */
  nearNotices: `WITH chosen AS (
    SELECT x.id, x.ahead, x.estimate FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, ahead int, estimate int)
  ), notice AS (
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT t.office_id, 'ticket.near', $3, 'ticket:' || t.id,
           ${TICKET_DATA_SQL} || jsonb_build_object('ahead', chosen.ahead, 'estimatedWaitMinutes', chosen.estimate), $4
    FROM chosen JOIN tickets t ON t.id = chosen.id AND t.status = 'waiting' AND t.office_id = $1
    JOIN offices o ON o.id = t.office_id JOIN services s ON s.id = t.service_id
    LEFT JOIN counters c ON false LEFT JOIN bookings b ON b.ticket_id = t.id
    WHERE ${outboxWantedSql('t.office_id', "'ticket.near'", "'ticket:' || t.id")}
    ON CONFLICT DO NOTHING
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  SELECT count(*)::int AS written FROM notice`,
  /*
   * `booking.reminder` for the bookings the domain chose (`dueBookingReminder`), each kind once
   * per slot (`once_key` and the unique outbox_once), and only while still booked.
   * $1 [{id, kind}] as JSON, $2 version, $3 now.
   */
  reminderNotices: `WITH chosen AS (
    SELECT x.id, x.kind FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, kind text)
  ), notice AS (
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at, once_key)
    SELECT b.office_id, 'booking.reminder', $2, 'booking:' || b.id, ${BOOKING_DATA_SQL} || jsonb_build_object('reminder', chosen.kind), $3,
           ${reminderKeySql('chosen.kind')}
    FROM chosen JOIN bookings b ON b.id = chosen.id AND b.status = 'booked'
    JOIN offices o ON o.id = b.office_id JOIN services s ON s.id = b.service_id
    WHERE ${outboxWantedSql('b.office_id', "'booking.reminder'", "'booking:' || b.id")}
    ON CONFLICT DO NOTHING
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  SELECT count(*)::int AS written FROM notice`,
  /*
   * Bookings that may be due a reminder at $1: still booked, their slot ahead and within two
   * days (the day-before reminder is at most 47 h ahead of a slot), in offices with an endpoint
   * wanting reminders (web push sends none: its fan-out is for ticket events), and not yet
   * given their last one. Read through bookings_booked_slot, bounded by the two days.
   * $2 one office only (null: all).
   */
  reminderCandidates: `SELECT b.id, b.service_day::text AS day, b.slot_starts_at, b.created_at, o.reminder_hour, o.time_zone
  FROM bookings b JOIN offices o ON o.id = b.office_id
  WHERE b.office_id IN (SELECT w.office_id FROM webhook_endpoints w WHERE w.enabled AND 'booking.reminder' = ANY(w.events))
    AND ($2::uuid IS NULL OR b.office_id = $2)
    AND b.status = 'booked' AND b.slot_starts_at > $1 AND b.slot_starts_at <= $1 + interval '2 days'
    AND NOT EXISTS (SELECT 1 FROM outbox n WHERE n.once_key = ${reminderKeySql("'hour_before'")})
  ORDER BY b.slot_starts_at
  LIMIT 2000`,
  /*
   * `complaint.updated` for complaint $1, inside the transaction that changed it. $2 version, $3 now.
   * The contact is whatever the citizen left (a phone number or an address), under `phone`.
   */
  complaintNotice: `WITH notice AS (
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT k.office_id, 'complaint.updated', $2, 'complaint:' || k.id,
           jsonb_build_object(
             'office', ${OFFICE_JSON},
             'complaint', jsonb_build_object('id', k.id, 'number', k.number::text, 'status', k.status, 'code', k.code, 'publicReply', k.public_reply),
             'link', '/pengaduan/' || k.code,
             'contact', CASE WHEN k.contact_name IS NULL AND k.contact IS NULL THEN NULL ELSE jsonb_build_object('name', k.contact_name, 'phone', k.contact) END),
           $3
    FROM complaints k JOIN offices o ON o.id = k.office_id
    WHERE k.id = $1 AND ${outboxWantedSql('k.office_id', "'complaint.updated'", "'complaint:' || k.id")}
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  SELECT count(*)::int AS written FROM notice`,
  // The offices where someone wants ticket.near, with their settings.
  nearOffices: `SELECT o.id, o.slug, o.near_ahead, o.near_minutes FROM offices o
  WHERE ${outboxWantedSql('o.id', "'ticket.near'", 'NULL')}`,
  // The waiting tickets of an office not yet told, with how many of their service wait ahead in call order (`placeInQueue`).
  nearCandidates: `SELECT q.id, q.service_id, q.priority, q.ahead FROM (
    SELECT t.id, t.service_id, t.priority,
           (row_number() OVER (PARTITION BY t.service_id ORDER BY t.due_at, t.issued_at, t.issue_order) - 1)::int AS ahead
    FROM tickets t WHERE t.office_id = $1 AND t.status = 'waiting') q
  WHERE NOT EXISTS (SELECT 1 FROM outbox n WHERE n.subject_key = 'ticket:' || q.id AND n.type = 'ticket.near')
  ORDER BY q.ahead
  LIMIT 500`,
} as const;

export interface NearOfficeRow {
  id: string;
  slug: string;
  near_ahead: number;
  near_minutes: number;
}

export interface ReminderCandidateRow {
  id: string;
  day: string;
  slot_starts_at: Date;
  created_at: Date;
  reminder_hour: number;
  time_zone: string;
}

export interface NearCandidateRow {
  id: string;
  service_id: string;
  priority: string | null;
  ahead: number;
}

/** The outbox writes that are not part of a ticket's own statement (those are in `TICKETS_SQL`). */
@Injectable()
export class OutboxRepository {
  /** A booking's event, written in the transaction `tx` that changed the booking. */
  async bookingNotice(tx: EntityManager, bookingId: string, type: NotificationType, now: Date): Promise<number> {
    const [row] = await tx.query<{ written: number }[]>(OUTBOX_SQL.bookingNotice, [bookingId, type, NOTIFICATION_VERSION[type], now]);
    return row.written;
  }

  /** A complaint's `complaint.updated`, written in the transaction `tx` that changed it. */
  async complaintNotice(tx: EntityManager, complaintId: string, now: Date): Promise<number> {
    const [row] = await tx.query<{ written: number }[]>(OUTBOX_SQL.complaintNotice, [complaintId, NOTIFICATION_VERSION['complaint.updated'], now]);
    return row.written;
  }

  reminderCandidates(db: EntityManager, now: Date, officeId: string | null): Promise<ReminderCandidateRow[]> {
    return db.query<ReminderCandidateRow[]>(OUTBOX_SQL.reminderCandidates, [now, officeId]);
  }

  /** Writes the chosen reminders not written before; returns how many were written. */
  async reminderNotices(db: EntityManager, reminders: { id: string; kind: BookingReminderKind }[], now: Date): Promise<number> {
    if (reminders.length === 0) return 0;
    const [row] = await db.query<{ written: number }[]>(OUTBOX_SQL.reminderNotices, [JSON.stringify(reminders), NOTIFICATION_VERSION['booking.reminder'], now]);
    return row.written;
  }

  async nearOffices(db: EntityManager): Promise<NearOfficeRow[]> {
    return db.query<NearOfficeRow[]>(OUTBOX_SQL.nearOffices);
  }

  async nearCandidates(db: EntityManager, officeId: string): Promise<NearCandidateRow[]> {
    return db.query<NearCandidateRow[]>(OUTBOX_SQL.nearCandidates, [officeId]);
  }

  /** Writes `ticket.near` for the chosen tickets still waiting and not told before; returns how many were written. */
  async nearNotices(db: EntityManager, officeId: string, tickets: { id: string; ahead: number; estimate: number | null }[], now: Date): Promise<number> {
    if (tickets.length === 0) return 0;
    const [row] = await db.query<{ written: number }[]>(OUTBOX_SQL.nearNotices, [officeId, JSON.stringify(tickets), NOTIFICATION_VERSION['ticket.near'], now]);
    return row.written;
  }
}
