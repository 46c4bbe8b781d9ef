import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ZoneView } from '@loket/domain';
import { ZONE_SELECT, type ZoneRow, toZoneView } from '../offices/offices.repository.js';

export const ADMIN_ZONES_SQL = {
  byId: `${ZONE_SELECT} WHERE z.id = $1`,
  // Whose zone it is (never changes), read before its office is locked: the office first, as every set-up change takes them.
  officeOf: `SELECT office_id FROM zones WHERE id = $1`,
  lock: `SELECT office_id FROM zones WHERE id = $1 FOR UPDATE`,
  insert: `INSERT INTO zones (office_id, name, slug, sort_order, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
  update: `UPDATE zones SET name = $2, slug = $3, sort_order = $4 WHERE id = $1`,
  delete: `DELETE FROM zones WHERE id = $1`,
  nextSortOrder: `SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM zones WHERE office_id = $1`,
  // Another zone of the office by this name (case ignored) or giving this board address.
  nameTakenBy: `SELECT name FROM zones WHERE office_id = $1 AND (lower(name) = lower($2) OR slug = $3) AND id IS DISTINCT FROM $4::uuid LIMIT 1`,
  // What a zone of the office may hold: its agencies and its counters (inactive ones too: they may come back).
  officeMembers: `SELECT ARRAY(SELECT id FROM agencies WHERE office_id = $1) AS agency_ids, ARRAY(SELECT id FROM counters WHERE office_id = $1) AS counter_ids`,
  clearAgencies: `DELETE FROM zone_agencies WHERE zone_id = $1`,
  clearCounters: `DELETE FROM zone_counters WHERE zone_id = $1`,
  addAgencies: `INSERT INTO zone_agencies (zone_id, office_id, agency_id) SELECT $1, $2, unnest($3::uuid[])`,
  addCounters: `INSERT INTO zone_counters (zone_id, office_id, counter_id) SELECT $1, $2, unnest($3::uuid[])`,
} as const;

export interface ZoneColumns {
  name: string;
  slug: string;
  sortOrder: number;
}

/** An office's zones, as the set-up writes them; the office's list is read with its snapshot (`OfficesRepository.zones`). */
@Injectable()
export class AdminZonesRepository {
  async byId(tx: EntityManager, id: string): Promise<ZoneView | null> {
    const [row] = await tx.query<ZoneRow[]>(ADMIN_ZONES_SQL.byId, [id]);
    return row ? toZoneView(row) : null;
  }

  async officeOf(tx: EntityManager, id: string): Promise<string | null> {
    const [row] = await tx.query<{ office_id: string }[]>(ADMIN_ZONES_SQL.officeOf, [id]);
    return row?.office_id ?? null;
  }

  /** Locks the zone row to the end of the transaction; its office, or null when there is no such zone. */
  async lock(tx: EntityManager, id: string): Promise<string | null> {
    const [row] = await tx.query<{ office_id: string }[]>(ADMIN_ZONES_SQL.lock, [id]);
    return row?.office_id ?? null;
  }

  async insert(tx: EntityManager, officeId: string, zone: ZoneColumns, at: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(ADMIN_ZONES_SQL.insert, [officeId, zone.name, zone.slug, zone.sortOrder, at]);
    return row.id;
  }

  async update(tx: EntityManager, id: string, zone: ZoneColumns): Promise<void> {
    await tx.query(ADMIN_ZONES_SQL.update, [id, zone.name, zone.slug, zone.sortOrder]);
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(ADMIN_ZONES_SQL.delete, [id]);
  }

  async nextSortOrder(tx: EntityManager, officeId: string): Promise<number> {
    const [{ next }] = await tx.query<{ next: number }[]>(ADMIN_ZONES_SQL.nextSortOrder, [officeId]);
    return next;
  }

  /** The name of another zone of the office with this name or slug, or null. */
  async nameTakenBy(tx: EntityManager, officeId: string, name: string, slug: string, exceptId: string | null): Promise<string | null> {
    const [row] = await tx.query<{ name: string }[]>(ADMIN_ZONES_SQL.nameTakenBy, [officeId, name, slug, exceptId]);
    return row?.name ?? null;
  }

  async officeMembers(tx: EntityManager, officeId: string): Promise<{ agencyIds: Set<string>; counterIds: Set<string> }> {
    const [row] = await tx.query<{ agency_ids: string[]; counter_ids: string[] }[]>(ADMIN_ZONES_SQL.officeMembers, [officeId]);
    return { agencyIds: new Set(row.agency_ids), counterIds: new Set(row.counter_ids) };
  }

  /** Replaces the zone's agencies and counters with these. */
  async setMembers(tx: EntityManager, zoneId: string, officeId: string, agencyIds: readonly string[], counterIds: readonly string[]): Promise<void> {
    await tx.query(ADMIN_ZONES_SQL.clearAgencies, [zoneId]);
    await tx.query(ADMIN_ZONES_SQL.clearCounters, [zoneId]);
    if (agencyIds.length > 0) await tx.query(ADMIN_ZONES_SQL.addAgencies, [zoneId, officeId, agencyIds]);
    if (counterIds.length > 0) await tx.query(ADMIN_ZONES_SQL.addCounters, [zoneId, officeId, counterIds]);
  }
}
