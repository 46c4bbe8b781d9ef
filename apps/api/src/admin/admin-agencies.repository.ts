import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgencyHoldings, AgencyView } from '@loket/domain';
import { type AgencyRow, toAgencyView } from '../offices/offices.repository.js';

const SELECT = `SELECT id, office_id, name, short_name, color, sort_order FROM agencies`;

export const ADMIN_AGENCIES_SQL = {
  byId: `${SELECT} WHERE id = $1`,
  // The lock every change to the agency takes; deleting it reads its holdings under this lock and the office's.
  lock: `SELECT office_id FROM agencies WHERE id = $1 FOR UPDATE`,
  // Whose agency it is (never changes), read before its office is locked: the office first, as every service or counter change takes them.
  officeOf: `SELECT office_id FROM agencies WHERE id = $1`,
  insert: `INSERT INTO agencies (office_id, name, short_name, color, sort_order, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  update: `UPDATE agencies SET name = $2, short_name = $3, color = $4, sort_order = $5 WHERE id = $1`,
  delete: `DELETE FROM agencies WHERE id = $1`,
  nextSortOrder: `SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM agencies WHERE office_id = $1`,
  holdings: `SELECT (SELECT count(*)::int FROM services s WHERE s.agency_id = a.id) AS services,
         (SELECT count(*)::int FROM counters c WHERE c.agency_id = a.id) AS counters,
         (SELECT count(*)::int FROM staff st WHERE st.agency_id = a.id) AS staff,
         (SELECT count(*)::int FROM agencies o WHERE o.office_id = a.office_id) AS agencies_in_office
  FROM agencies a WHERE a.id = $1`,
  shortNameTakenBy: `SELECT name FROM agencies WHERE office_id = $1 AND lower(short_name) = lower($2) AND id IS DISTINCT FROM $3::uuid`,
  ofOfficeById: `SELECT id FROM agencies WHERE office_id = $1 AND id = $2`,
  // The open or paused counters a move would change the owner of under their officers: the counter itself, or those serving the service.
  openCounter: `SELECT c.name, cn.state FROM counters c JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed' WHERE c.id = $1`,
  openCountersServing: `SELECT c.name, cn.state FROM counter_services cs JOIN counters c ON c.id = cs.counter_id
    JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed' WHERE cs.service_id = $1 ORDER BY c.number`,
} as const;

export interface AgencyColumns {
  name: string;
  shortName: string;
  color: string;
  sortOrder: number;
}

/** An office's agencies (instansi), as the set-up reads and writes them; the office's list is read with its snapshot (`OfficesRepository.agencies`). */
@Injectable()
export class AdminAgenciesRepository {
  async byId(tx: EntityManager, id: string): Promise<AgencyView | null> {
    const [row] = await tx.query<AgencyRow[]>(ADMIN_AGENCIES_SQL.byId, [id]);
    return row ? toAgencyView(row) : null;
  }

  /** Locks the agency row to the end of the transaction; its office, or null when there is no such agency. */
  async officeOf(tx: EntityManager, id: string): Promise<string | null> {
    const [row] = await tx.query<{ office_id: string }[]>(ADMIN_AGENCIES_SQL.officeOf, [id]);
    return row?.office_id ?? null;
  }

  async lock(tx: EntityManager, id: string): Promise<string | null> {
    const [row] = await tx.query<{ office_id: string }[]>(ADMIN_AGENCIES_SQL.lock, [id]);
    return row?.office_id ?? null;
  }

  async insert(tx: EntityManager, officeId: string, agency: AgencyColumns, at: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(ADMIN_AGENCIES_SQL.insert, [officeId, agency.name, agency.shortName, agency.color, agency.sortOrder, at]);
    return row.id;
  }

  async update(tx: EntityManager, id: string, agency: AgencyColumns): Promise<void> {
    await tx.query(ADMIN_AGENCIES_SQL.update, [id, agency.name, agency.shortName, agency.color, agency.sortOrder]);
  }

  /** The sort order after the office's last agency: a new one goes last, and the first stays the default. */
  async nextSortOrder(tx: EntityManager, officeId: string): Promise<number> {
    const [{ next }] = await tx.query<{ next: number }[]>(ADMIN_AGENCIES_SQL.nextSortOrder, [officeId]);
    return next;
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(ADMIN_AGENCIES_SQL.delete, [id]);
  }

  async holdings(tx: EntityManager, id: string): Promise<AgencyHoldings> {
    const [row] = await tx.query<{ services: number; counters: number; staff: number; agencies_in_office: number }[]>(ADMIN_AGENCIES_SQL.holdings, [id]);
    return { services: row.services, counters: row.counters, staff: row.staff, agenciesInOffice: row.agencies_in_office };
  }

  /** The name of another agency of the office with this short name (case ignored), or null. */
  async shortNameTakenBy(tx: EntityManager, officeId: string, shortName: string, exceptId: string | null): Promise<string | null> {
    const [row] = await tx.query<{ name: string }[]>(ADMIN_AGENCIES_SQL.shortNameTakenBy, [officeId, shortName, exceptId]);
    return row?.name ?? null;
  }

  async isOfOffice(tx: EntityManager, officeId: string, agencyId: string): Promise<boolean> {
    return (await tx.query<{ id: string }[]>(ADMIN_AGENCIES_SQL.ofOfficeById, [officeId, agencyId])).length > 0;
  }

  async openCounter(tx: EntityManager, counterId: string): Promise<{ name: string; state: string }[]> {
    return tx.query(ADMIN_AGENCIES_SQL.openCounter, [counterId]);
  }

  async openCountersServing(tx: EntityManager, serviceId: string): Promise<{ name: string; state: string }[]> {
    return tx.query(ADMIN_AGENCIES_SQL.openCountersServing, [serviceId]);
  }
}
