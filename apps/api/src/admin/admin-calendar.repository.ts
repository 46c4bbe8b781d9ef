import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClosureView, OfficeOwnDay } from '@loket/domain';

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
}
