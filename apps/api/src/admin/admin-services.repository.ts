import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AdminServiceView, ServiceStandard, ServiceStandardDetails } from '@loket/domain';
import { type ServiceDetailsRow, type ServiceStandardRow, serviceDetailsFromRow, serviceStandardFromRow } from '../offices/office-views.js';

const COLUMNS =
  'id, office_id, agency_id, code, name, active, sort_order, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, issue_cutoff_minutes, dynamic_quota, ' +
  'procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision, executor_count, service_guarantee, safety_guarantee, performance_evaluation';

export const ADMIN_SERVICES_SQL = {
  ofOffice: `SELECT ${COLUMNS} FROM services WHERE office_id = $1 ORDER BY sort_order, code`,
  byId: `SELECT ${COLUMNS} FROM services WHERE id = $1`,
  nextSortOrder: `SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM services WHERE office_id = $1`,
  insert: `INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, active, sort_order, issue_cutoff_minutes,
                                 procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision, executor_count, service_guarantee, safety_guarantee, performance_evaluation, dynamic_quota, agency_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25) RETURNING id`,
  update: `UPDATE services SET code = $2, name = $3, max_wait_minutes = $4, service_time_minutes = $5, cost_rupiah = $6, requirements = $7,
                  completion_time = $8, daily_quota = $9, active = $10, sort_order = $11, issue_cutoff_minutes = $12,
                  procedure = $13, product = $14, complaint_handling = $15, legal_basis = $16, facilities = $17, executor_competence = $18,
                  internal_supervision = $19, executor_count = $20, service_guarantee = $21, safety_guarantee = $22, performance_evaluation = $23,
                  dynamic_quota = $24, agency_id = COALESCE($25::uuid, agency_id) WHERE id = $1`,
  // Every service's cut-off, to check new opening hours against (`assertCutoffsFitHours`).
  cutoffs: `SELECT code, issue_cutoff_minutes AS "issueCutoffMinutes" FROM services WHERE office_id = $1 ORDER BY sort_order, code`,
  codeTakenBy: `SELECT name FROM services WHERE office_id = $1 AND code = $2 AND id IS DISTINCT FROM $3::uuid`,
} as const;

interface ServiceRow extends ServiceStandardRow, ServiceDetailsRow {
  id: string;
  office_id: string;
  agency_id: string;
  code: string;
  name: string;
  active: boolean;
  sort_order: number;
  issue_cutoff_minutes: number;
  dynamic_quota: boolean;
}

function toView(row: ServiceRow): AdminServiceView {
  return {
    id: row.id,
    officeId: row.office_id,
    agencyId: row.agency_id,
    code: row.code,
    name: row.name,
    active: row.active,
    sortOrder: row.sort_order,
    standard: serviceStandardFromRow(row),
    details: serviceDetailsFromRow(row),
    issueCutoffMinutes: row.issue_cutoff_minutes,
    dynamicQuota: row.dynamic_quota,
  };
}

/** `agencyId` null on insert: the office's first agency (the database's `default_agency`). */
export type ServiceFields = ServiceStandard &
  ServiceStandardDetails & {
    code: string;
    name: string;
    active: boolean;
    sortOrder: number;
    issueCutoffMinutes: number;
    dynamicQuota: boolean;
    agencyId: string | null;
  };

/** An office's services and their standards, as the set-up reads and writes them. */
@Injectable()
export class AdminServicesRepository {
  constructor(private readonly db: DataSource) {}

  async ofOffice(officeId: string): Promise<AdminServiceView[]> {
    return (await this.db.query<ServiceRow[]>(ADMIN_SERVICES_SQL.ofOffice, [officeId])).map(toView);
  }

  async byId(tx: EntityManager, id: string): Promise<AdminServiceView | null> {
    const [row] = await tx.query<ServiceRow[]>(ADMIN_SERVICES_SQL.byId, [id]);
    return row ? toView(row) : null;
  }

  /** The sort order after the office's last service. */
  async nextSortOrder(tx: EntityManager, officeId: string): Promise<number> {
    const [{ next }] = await tx.query<{ next: number }[]>(ADMIN_SERVICES_SQL.nextSortOrder, [officeId]);
    return next;
  }

  async insert(tx: EntityManager, officeId: string, fields: ServiceFields): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(ADMIN_SERVICES_SQL.insert, [officeId, ...columns(fields)]);
    return row.id;
  }

  async update(tx: EntityManager, id: string, fields: ServiceFields): Promise<void> {
    await tx.query(ADMIN_SERVICES_SQL.update, [id, ...columns(fields)]);
  }

  async cutoffs(tx: EntityManager, officeId: string): Promise<{ code: string; issueCutoffMinutes: number }[]> {
    return tx.query<{ code: string; issueCutoffMinutes: number }[]>(ADMIN_SERVICES_SQL.cutoffs, [officeId]);
  }

  /** The name of another service of the office with this code, or null. */
  async codeTakenBy(tx: EntityManager, officeId: string, code: string, exceptId: string | null): Promise<string | null> {
    const [row] = await tx.query<{ name: string }[]>(ADMIN_SERVICES_SQL.codeTakenBy, [officeId, code, exceptId]);
    return row?.name ?? null;
  }
}

function columns(fields: ServiceFields): unknown[] {
  return [
    fields.code,
    fields.name,
    fields.maxWaitMinutes,
    fields.serviceTimeMinutes,
    fields.costRupiah,
    JSON.stringify(fields.requirements),
    fields.completionTime,
    fields.dailyQuota,
    fields.active,
    fields.sortOrder,
    fields.issueCutoffMinutes,
    JSON.stringify(fields.procedure),
    fields.product,
    fields.complaintHandling,
    JSON.stringify(fields.legalBasis),
    fields.facilities,
    fields.competence,
    fields.internalSupervision,
    fields.executorCount,
    fields.serviceGuarantee,
    fields.safetyGuarantee,
    fields.performanceEvaluation,
    fields.dynamicQuota,
    fields.agencyId,
  ];
}
