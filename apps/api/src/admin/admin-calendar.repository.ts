import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ClosureView, NOTIFICATION_VERSION, NotificationType, type OfficeOwnDay } from '@loket/domain';
import { OFFICE_JSON, SERVICE_JSON, fanOutSql, outboxWantedSql, ticketNumberSql } from '../notifications/outbox.repository.js';

export const ADMIN_CALENDAR_SQL = {
  ownDays: `SELECT day::text AS day, kind, name FROM office_days WHERE office_id = $1 ORDER BY day`,
  closures: `SELECT id, starts_at, ends_at, reason FROM office_closures WHERE office_id = $1 AND ends_at > $2 ORDER BY starts_at`,
  insertDay: `INSERT INTO office_days (office_id, day, kind, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
  insertClosure: `INSERT INTO office_closures (office_id, starts_at, ends_at, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  // In a CTE so every driver answers with the rows alone (a bare DELETE … RETURNING answers [rows, count] on pg).
  deleteDay: `WITH removed AS (DELETE FROM office_days WHERE office_id = $1 AND day = $2::date RETURNING day, kind, name)
    SELECT day::text AS day, kind, name FROM removed`,
  // The closure row is locked for the change: two admins ending it at once change it once.
  closureForUpdate: `SELECT id, starts_at, ends_at, reason FROM office_closures WHERE office_id = $1 AND id = $2 FOR UPDATE`,
  endClosure: `UPDATE office_closures SET ends_at = $3 WHERE office_id = $1 AND id = $2`,
  // A closure called off before it began leaves no row: ends_at > starts_at holds for every row kept.
  deleteClosure: `DELETE FROM office_closures WHERE office_id = $1 AND id = $2`,
  // The tickets a closure would leave waiting: those of today still waiting (no day rollover here, the end-of-day step is later).
  waiting: `SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND status = 'waiting'`,
  // The bookings not yet checked in whose slot falls in [$2, $3): those a closure leaves unserved.
  bookingsIn: `SELECT count(*)::int AS n FROM bookings WHERE office_id = $1 AND status = 'booked' AND slot_starts_at < $3 AND slot_ends_at > $2`,
  /*
   * office.closed_unexpectedly (issue 18's catalogue), in the transaction that closes: one row
   * per citizen it strands, each today's waiting ticket when $7 and each booking of [$2, $3), so
   * a rollback tells nobody and a crash after COMMIT loses nobody. Written only when some
   * consumer of the office wants it (`outboxWantedSql`); the webhook deliveries fan out in the
   * same statement. $1 office, $4 reason, $5 version, $6 now; $8 and $9 the closure's ends as
   * ISO text for the payload (a timestamptz in JSON would take the session's zone).
   */
  closedNotices: `WITH hit AS (
    SELECT 'ticket:' || t.id AS subject_key, s.id AS service_id, '/t/' || t.tracking_code AS link,
           jsonb_build_object('id', t.id, 'number', ${ticketNumberSql('t.issued_code', 't.number')}, 'trackingCode', t.tracking_code) AS ticket,
           NULL::jsonb AS booking, b.name, b.phone
    FROM tickets t JOIN services s ON s.id = t.service_id LEFT JOIN bookings b ON b.ticket_id = t.id
    WHERE $7::boolean AND t.office_id = $1 AND t.status = 'waiting'
    UNION ALL
    SELECT 'booking:' || b.id, b.service_id, '/b/' || b.code, NULL::jsonb,
           jsonb_build_object('id', b.id, 'reference', b.reference, 'code', b.code, 'day', b.service_day::text, 'startsAt', b.slot_starts_at, 'endsAt', b.slot_ends_at),
           b.name, b.phone
    FROM bookings b WHERE b.office_id = $1 AND b.status = 'booked' AND b.slot_starts_at < $3 AND b.slot_ends_at > $2
  ), notice AS (
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT o.id, '${NotificationType.officeClosedUnexpectedly}', $5, hit.subject_key,
           jsonb_build_object('office', ${OFFICE_JSON}, 'from', $8::text, 'to', $9::text, 'reason', $4::text,
                              'service', ${SERVICE_JSON}, 'ticket', hit.ticket, 'booking', hit.booking, 'link', hit.link,
                              'contact', CASE WHEN hit.name IS NULL AND hit.phone IS NULL THEN NULL ELSE jsonb_build_object('name', hit.name, 'phone', hit.phone) END),
           $6
    FROM hit JOIN offices o ON o.id = $1 JOIN services s ON s.id = hit.service_id
    WHERE ${outboxWantedSql('o.id', `'${NotificationType.officeClosedUnexpectedly}'`, 'hit.subject_key')}
    RETURNING id, office_id, type, subject_key, occurred_at
  ), fanout AS (
    ${fanOutSql('notice')}
  )
  SELECT count(*)::int AS written FROM notice`,
} as const;

/** An office's own days and closures (issue 16). */
@Injectable()
export class AdminCalendarRepository {
  constructor(private readonly db: DataSource) {}

  ownDays(officeId: string): Promise<OfficeOwnDay[]> {
    return this.db.query<OfficeOwnDay[]>(ADMIN_CALENDAR_SQL.ownDays, [officeId]);
  }

  async closures(officeId: string, now: Date): Promise<ClosureView[]> {
    const rows = await this.db.query<{ id: string; starts_at: Date; ends_at: Date; reason: string }[]>(ADMIN_CALENDAR_SQL.closures, [officeId, now]);
    return rows.map((row) => ({ id: row.id, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), reason: row.reason }));
  }

  async insertDay(tx: EntityManager, officeId: string, entry: OfficeOwnDay, actorId: string, now: Date): Promise<void> {
    await tx.query(ADMIN_CALENDAR_SQL.insertDay, [officeId, entry.day, entry.kind, entry.name, actorId, now]);
  }

  async insertClosure(tx: EntityManager, officeId: string, closure: { from: Date; to: Date; reason: string }, actorId: string, now: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(ADMIN_CALENDAR_SQL.insertClosure, [officeId, closure.from, closure.to, closure.reason, actorId, now]);
    return row.id;
  }

  /** Removes the office's own entry for a day; what was removed, or null when there was none. */
  async deleteDay(tx: EntityManager, officeId: string, day: string): Promise<OfficeOwnDay | null> {
    const [row] = await tx.query<OfficeOwnDay[]>(ADMIN_CALENDAR_SQL.deleteDay, [officeId, day]);
    return row ?? null;
  }

  async closureForUpdate(tx: EntityManager, officeId: string, id: string): Promise<ClosureView | null> {
    const [row] = await tx.query<{ id: string; starts_at: Date; ends_at: Date; reason: string }[]>(ADMIN_CALENDAR_SQL.closureForUpdate, [officeId, id]);
    return row ? { id: row.id, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), reason: row.reason } : null;
  }

  async endClosure(tx: EntityManager, officeId: string, id: string, at: Date): Promise<void> {
    await tx.query(ADMIN_CALENDAR_SQL.endClosure, [officeId, id, at]);
  }

  async deleteClosure(tx: EntityManager, officeId: string, id: string): Promise<void> {
    await tx.query(ADMIN_CALENDAR_SQL.deleteClosure, [officeId, id]);
  }

  async waiting(tx: EntityManager, officeId: string): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(ADMIN_CALENDAR_SQL.waiting, [officeId]);
    return row.n;
  }

  async bookingsIn(tx: EntityManager, officeId: string, from: Date, to: Date): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(ADMIN_CALENDAR_SQL.bookingsIn, [officeId, from, to]);
    return row.n;
  }

  /** Tells everyone a closure strands (today's waiting tickets when `waiting`, the bookings inside it); returns how many notices were written. */
  async closedNotices(tx: EntityManager, officeId: string, closure: { from: Date; to: Date; reason: string }, waiting: boolean, now: Date): Promise<number> {
    const version = NOTIFICATION_VERSION[NotificationType.officeClosedUnexpectedly];
    const [row] = await tx.query<{ written: number }[]>(ADMIN_CALENDAR_SQL.closedNotices, [
      officeId,
      closure.from,
      closure.to,
      closure.reason,
      version,
      now,
      waiting,
      closure.from.toISOString(),
      closure.to.toISOString(),
    ]);
    return row.written;
  }
}
