import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AdminCounterView, CounterScheduleDay } from '@loket/domain';

const SELECT = `SELECT c.id, c.office_id, c.agency_id, c.number, c.name, c.priority_only, c.active, c.schedule,
       (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids
  FROM counters c`;

export const ADMIN_COUNTERS_SQL = {
  ofOffice: `${SELECT} WHERE c.office_id = $1 ORDER BY c.number`,
  byId: `${SELECT} WHERE c.id = $1`,
  // The lock every change to the counter or its session takes (CountersRepository.lock); read the row afresh after it.
  lock: `SELECT office_id FROM counters WHERE id = $1 FOR UPDATE`,
  // scheduled_since: the instant of the counter's first schedule, kept once set (punctuality counts from it).
  // agency_id null: the office's first agency (the database's default_agency).
  insert: `INSERT INTO counters (office_id, number, name, priority_only, schedule, active, scheduled_since, agency_id)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5::jsonb <> '[]'::jsonb THEN $7::timestamptz END, $8) RETURNING id`,
  update: `UPDATE counters SET number = $2, name = $3, priority_only = $4, schedule = $5, active = $6,
       scheduled_since = COALESCE(scheduled_since, CASE WHEN $5::jsonb <> '[]'::jsonb THEN $7::timestamptz END), agency_id = $8 WHERE id = $1`,
  openSessionState: `SELECT state FROM counter_sessions WHERE counter_id = $1 AND state <> 'closed'`,
  servicesOfOffice: `SELECT id FROM services WHERE office_id = $1 AND id = ANY($2::uuid[])`,
  dropOtherServices: `DELETE FROM counter_services WHERE counter_id = $1 AND NOT (service_id = ANY($2::uuid[]))`,
  addServices: `INSERT INTO counter_services (counter_id, service_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
  numberTakenBy: `SELECT name FROM counters WHERE office_id = $1 AND number = $2 AND id IS DISTINCT FROM $3::uuid`,
} as const;

interface CounterRow {
  id: string;
  office_id: string;
  agency_id: string;
  number: number;
  name: string;
  priority_only: boolean;
  active: boolean;
  schedule: CounterScheduleDay[];
  service_ids: string[] | null;
}

function toView(row: CounterRow): AdminCounterView {
  return {
    id: row.id,
    officeId: row.office_id,
    agencyId: row.agency_id,
    number: row.number,
    name: row.name,
    priorityOnly: row.priority_only,
    active: row.active,
    serviceIds: row.service_ids ?? [],
    schedule: row.schedule,
  };
}

export interface CounterColumns {
  /** Null on insert: the office's first agency. */
  agencyId: string | null;
  number: number;
  name: string;
  priorityOnly: boolean;
  schedule: CounterScheduleDay[];
  active: boolean;
}

/** An office's counters, the services each serves and their schedules, as the set-up reads and writes them. */
@Injectable()
export class AdminCountersRepository {
  constructor(private readonly db: DataSource) {}

  async ofOffice(officeId: string): Promise<AdminCounterView[]> {
    return (await this.db.query<CounterRow[]>(ADMIN_COUNTERS_SQL.ofOffice, [officeId])).map(toView);
  }

  async byId(tx: EntityManager, id: string): Promise<AdminCounterView | null> {
    const [row] = await tx.query<CounterRow[]>(ADMIN_COUNTERS_SQL.byId, [id]);
    return row ? toView(row) : null;
  }

  /** Locks the counter row to the end of the transaction; its office, or null when there is no such counter. */
  async lock(tx: EntityManager, id: string): Promise<string | null> {
    const [row] = await tx.query<{ office_id: string }[]>(ADMIN_COUNTERS_SQL.lock, [id]);
    return row?.office_id ?? null;
  }

  /** A new counter; `at` is when it gets its schedule, if it has one. */
  async insert(tx: EntityManager, officeId: string, counter: CounterColumns, at: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(ADMIN_COUNTERS_SQL.insert, [
      officeId,
      counter.number,
      counter.name,
      counter.priorityOnly,
      JSON.stringify(counter.schedule),
      counter.active,
      at,
      counter.agencyId ?? null,
    ]);
    return row.id;
  }

  /** `at` becomes the counter's scheduled-since when this gives it its first schedule. */
  async update(tx: EntityManager, id: string, counter: CounterColumns, at: Date): Promise<void> {
    await tx.query(ADMIN_COUNTERS_SQL.update, [
      id,
      counter.number,
      counter.name,
      counter.priorityOnly,
      JSON.stringify(counter.schedule),
      counter.active,
      at,
      counter.agencyId,
    ]);
  }

  /** The state of the counter's session when one is open or paused, else null. */
  async openSessionState(tx: EntityManager, id: string): Promise<string | null> {
    const [row] = await tx.query<{ state: string }[]>(ADMIN_COUNTERS_SQL.openSessionState, [id]);
    return row?.state ?? null;
  }

  /** Which of `serviceIds` are services of the office. */
  async servicesOfOffice(tx: EntityManager, officeId: string, serviceIds: readonly string[]): Promise<string[]> {
    return (await tx.query<{ id: string }[]>(ADMIN_COUNTERS_SQL.servicesOfOffice, [officeId, serviceIds])).map((row) => row.id);
  }

  /** Makes the counter's services exactly `serviceIds`. */
  async setServices(tx: EntityManager, id: string, serviceIds: readonly string[]): Promise<void> {
    await tx.query(ADMIN_COUNTERS_SQL.dropOtherServices, [id, serviceIds]);
    await tx.query(ADMIN_COUNTERS_SQL.addServices, [id, serviceIds]);
  }

  /** The name of another counter of the office with this number, or null. */
  async numberTakenBy(tx: EntityManager, officeId: string, number: number, exceptId: string | null): Promise<string | null> {
    const [row] = await tx.query<{ name: string }[]>(ADMIN_COUNTERS_SQL.numberTakenBy, [officeId, number, exceptId]);
    return row?.name ?? null;
  }
}
