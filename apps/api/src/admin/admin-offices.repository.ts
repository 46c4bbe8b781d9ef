import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OpeningHours } from '@loket/domain';
import { OfficeEntity } from '../offices/office.entity.js';

export const ADMIN_OFFICES_SQL = {
  insert: `INSERT INTO offices (slug, name, time_zone, opening_hours, priority_max_wait_minutes, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  update: `UPDATE offices SET slug = $2, name = $3, time_zone = $4, opening_hours = $5, priority_max_wait_minutes = $6 WHERE id = $1`,
  slugTaken: `SELECT id FROM offices WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid`,
} as const;

export interface OfficeFields {
  slug: string;
  name: string;
  timeZone: string;
  openingHours: OpeningHours[];
  priorityMaxWaitMinutes: number;
}

/** Offices as the set-up reads and writes them; a lookup by id goes through the office entity. */
@Injectable()
export class AdminOfficesRepository {
  constructor(private readonly db: DataSource) {}

  list(): Promise<OfficeEntity[]> {
    return this.db.getRepository(OfficeEntity).find({ order: { name: 'ASC' } });
  }

  byId(id: string, tx: EntityManager = this.db.manager): Promise<OfficeEntity | null> {
    return tx.getRepository(OfficeEntity).findOneBy({ id });
  }

  /** The office, locked to the end of the caller's transaction. */
  locked(tx: EntityManager, id: string): Promise<OfficeEntity | null> {
    return tx.getRepository(OfficeEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(tx: EntityManager, office: OfficeFields, createdAt: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(ADMIN_OFFICES_SQL.insert, [
      office.slug,
      office.name,
      office.timeZone,
      JSON.stringify(office.openingHours),
      office.priorityMaxWaitMinutes,
      createdAt,
    ]);
    return row.id;
  }

  async update(tx: EntityManager, id: string, office: OfficeFields): Promise<void> {
    await tx.query(ADMIN_OFFICES_SQL.update, [id, office.slug, office.name, office.timeZone, JSON.stringify(office.openingHours), office.priorityMaxWaitMinutes]);
  }

  async slugTaken(tx: EntityManager, slug: string, exceptId: string | null): Promise<boolean> {
    return (await tx.query<{ id: string }[]>(ADMIN_OFFICES_SQL.slugTaken, [slug, exceptId])).length > 0;
  }
}
