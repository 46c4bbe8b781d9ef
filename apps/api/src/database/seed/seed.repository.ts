import type { CounterScheduleDay, MaklumatInput, OpeningHours, ServiceStandardDetails, StaffRole } from '@loket/domain';
import type { EntityManager } from 'typeorm';

export const SEED_SQL = {
  // Another instance starting at the same moment must not seed twice.
  lockOffices: 'LOCK TABLE offices IN EXCLUSIVE MODE',
  countOffices: 'SELECT count(*)::int AS count FROM offices',
  insertOffice: 'INSERT INTO offices (slug, name, time_zone, opening_hours, address, city, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
  insertService: `INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, sort_order,
                                       procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision, executor_count,
                                       service_guarantee, safety_guarantee, performance_evaluation)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
  insertMaklumat: `INSERT INTO office_maklumat (office_id, version, text, signer_name, signer_position, signed_on, recorded_at) VALUES ($1, 1, $2, $3, $4, $5, $6)`,
  insertCounter: 'INSERT INTO counters (office_id, number, name, priority_only, schedule) VALUES ($1, $2, $3, $4, $5) RETURNING id',
  addCounterService: 'INSERT INTO counter_services (counter_id, service_id) VALUES ($1, $2)',
  upsertStaff: `INSERT INTO staff (username, name, nip, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username) DO UPDATE SET username = EXCLUDED.username RETURNING id`,
  addStaffOffice: 'INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
} as const;

interface IdRow {
  id: string;
}

export interface SeedOffice {
  slug: string;
  name: string;
  timeZone: string;
  openingHours: OpeningHours[];
  address: string;
  city: string;
}

export interface SeedService extends Omit<ServiceStandardDetails, 'procedure' | 'legalBasis'> {
  procedure: readonly string[];
  legalBasis: readonly string[];
  code: string;
  name: string;
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
  costRupiah: number;
  requirements: readonly string[];
  completionTime: string;
  dailyQuota: number | null;
  sortOrder: number;
}

export interface SeedCounter {
  number: number;
  name: string;
  priorityOnly: boolean;
  /** The weekly hours the counter is staffed, each day with its planned breaks. */
  schedule: CounterScheduleDay[];
}

export interface SeedStaff {
  username: string;
  name: string;
  nip: string | null;
  role: StaffRole;
  passwordHash: string;
}

/**
 * The demo seed's writes. It runs before the application's modules serve anything, so it
 * is built directly rather than injected; every method runs in the seed's transaction.
 */
export class SeedRepository {
  /** Locks the offices table to commit and counts its offices. */
  async lockAndCountOffices(tx: EntityManager): Promise<number> {
    await tx.query(SEED_SQL.lockOffices);
    return this.countOffices(tx);
  }

  async countOffices(tx: EntityManager): Promise<number> {
    const [row] = await tx.query<{ count: number }[]>(SEED_SQL.countOffices);
    return row.count;
  }

  async insertOffice(tx: EntityManager, office: SeedOffice, now: Date): Promise<string> {
    return this.insertedId(tx, SEED_SQL.insertOffice, [
      office.slug,
      office.name,
      office.timeZone,
      JSON.stringify(office.openingHours),
      office.address,
      office.city,
      now,
    ]);
  }

  async insertService(tx: EntityManager, officeId: string, service: SeedService): Promise<string> {
    return this.insertedId(tx, SEED_SQL.insertService, [
      officeId,
      service.code,
      service.name,
      service.maxWaitMinutes,
      service.serviceTimeMinutes,
      service.costRupiah,
      JSON.stringify(service.requirements),
      service.completionTime,
      service.dailyQuota,
      service.sortOrder,
      JSON.stringify(service.procedure),
      service.product,
      service.complaintHandling,
      JSON.stringify(service.legalBasis),
      service.facilities,
      service.competence,
      service.internalSupervision,
      service.executorCount,
      service.serviceGuarantee,
      service.safetyGuarantee,
      service.performanceEvaluation,
    ]);
  }

  /** The office's first maklumat; recorded by nobody, since the seed is no person. */
  async insertMaklumat(tx: EntityManager, officeId: string, maklumat: MaklumatInput, now: Date): Promise<void> {
    await tx.query(SEED_SQL.insertMaklumat, [officeId, maklumat.text, maklumat.signerName, maklumat.signerPosition, maklumat.signedOn, now]);
  }

  async insertCounter(tx: EntityManager, officeId: string, counter: SeedCounter, serviceIds: readonly string[]): Promise<string> {
    const id = await this.insertedId(tx, SEED_SQL.insertCounter, [
      officeId,
      counter.number,
      counter.name,
      counter.priorityOnly,
      JSON.stringify(counter.schedule),
    ]);
    for (const serviceId of serviceIds) await tx.query(SEED_SQL.addCounterService, [id, serviceId]);
    return id;
  }

  /** Adds the account, or keeps the one of that username, and places it in the office. */
  async upsertStaff(tx: EntityManager, officeId: string, staff: SeedStaff, now: Date): Promise<string> {
    const id = await this.insertedId(tx, SEED_SQL.upsertStaff, [staff.username, staff.name, staff.nip, staff.role, staff.passwordHash, now]);
    await tx.query(SEED_SQL.addStaffOffice, [id, officeId]);
    return id;
  }

  private async insertedId(tx: EntityManager, sql: string, parameters: unknown[]): Promise<string> {
    const [row] = await tx.query<IdRow[]>(sql, parameters);
    return row.id;
  }
}
