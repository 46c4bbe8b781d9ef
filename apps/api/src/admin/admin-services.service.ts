import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AdminServiceView, type StaffView, NotFoundError, fieldConflict } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { nextOfficeSeq } from '../database/office-sequence.js';
import { type ServiceStandardRow, serviceStandardFromRow } from '../offices/office-queries.js';
import { violatedConstraint } from './admin-errors.js';
import { refuseNulls } from './admin-scope.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AuditTrail } from './audit-trail.js';
import type { CreateServiceDto, UpdateServiceDto } from './dto/service.dto.js';

interface ServiceRow extends ServiceStandardRow {
  id: string;
  office_id: string;
  code: string;
  name: string;
  active: boolean;
  sort_order: number;
}

const SELECT = `SELECT id, office_id, code, name, active, sort_order, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota FROM services`;

function toView(row: ServiceRow): AdminServiceView {
  return {
    id: row.id,
    officeId: row.office_id,
    code: row.code,
    name: row.name,
    active: row.active,
    sortOrder: row.sort_order,
    standard: serviceStandardFromRow(row),
  };
}

type ServiceFields = Omit<CreateServiceDto, 'sortOrder'> & { sortOrder: number };

function fieldsOf(view: AdminServiceView): ServiceFields {
  return { code: view.code, name: view.name, active: view.active, sortOrder: view.sortOrder, ...view.standard };
}

/**
 * The services (layanan) of an office and their standard. A service is never deleted —
 * tickets and reports point at it — it is made inactive, and the kiosk shows it closed.
 */
@Injectable()
export class AdminServicesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly offices: AdminOfficesService,
    private readonly audit: AuditTrail,
  ) {}

  async list(officeId: string, staff: StaffView): Promise<AdminServiceView[]> {
    await this.offices.read(officeId, staff);
    const rows = await this.db.query<ServiceRow[]>(`${SELECT} WHERE office_id = $1 ORDER BY sort_order, code`, [officeId]);
    return rows.map(toView);
  }

  create(officeId: string, body: CreateServiceDto, actor: StaffView): Promise<AdminServiceView> {
    const now = this.clock.now();
    return this.codeChecked(body.code, () =>
      this.db.transaction(async (manager) => {
        const office = await this.offices.locked(manager, officeId, actor);
        await this.assertCodeFree(manager, office.id, body.code, null);
        const [{ next }] = await manager.query<{ next: number }[]>(`SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM services WHERE office_id = $1`, [office.id]);
        const fields: ServiceFields = { ...body, sortOrder: body.sortOrder ?? next };
        const [row] = await manager.query<{ id: string }[]>(
          `INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, active, sort_order)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [office.id, fields.code, fields.name, fields.maxWaitMinutes, fields.serviceTimeMinutes, fields.costRupiah, JSON.stringify(fields.requirements), fields.completionTime, fields.dailyQuota, fields.active, fields.sortOrder],
        );
        const view = await this.byId(manager, row.id);
        await this.audit.record(manager, { actorId: actor.id, officeId: office.id, action: 'service.created', subjectType: 'service', subjectId: row.id, subjectLabel: view.code, before: null, after: fieldsOf(view) }, now);
        // The kiosk and board build their service list from the office snapshot: a new sequence number makes them take a fresh one.
        await nextOfficeSeq(manager, office.id);
        return view;
      }),
    );
  }

  update(serviceId: string, body: UpdateServiceDto, actor: StaffView): Promise<AdminServiceView> {
    refuseNulls(body, ['dailyQuota']);
    const now = this.clock.now();
    return this.codeChecked(body.code ?? '', () =>
      this.db.transaction(async (manager) => {
        const current = await this.byId(manager, serviceId);
        const office = await this.offices.locked(manager, current.officeId, actor);
        if (body.code !== undefined) await this.assertCodeFree(manager, office.id, body.code, serviceId);
        const before = fieldsOf(current);
        const after: ServiceFields = { ...before, ...body } as ServiceFields;
        await manager.query(
          `UPDATE services SET code = $2, name = $3, max_wait_minutes = $4, service_time_minutes = $5, cost_rupiah = $6, requirements = $7,
                  completion_time = $8, daily_quota = $9, active = $10, sort_order = $11 WHERE id = $1`,
          [serviceId, after.code, after.name, after.maxWaitMinutes, after.serviceTimeMinutes, after.costRupiah, JSON.stringify(after.requirements), after.completionTime, after.dailyQuota, after.active, after.sortOrder],
        );
        await this.audit.record(manager, { actorId: actor.id, officeId: office.id, action: 'service.updated', subjectType: 'service', subjectId: serviceId, subjectLabel: after.code, before, after }, now);
        await nextOfficeSeq(manager, office.id);
        return this.byId(manager, serviceId);
      }),
    );
  }

  private async byId(manager: EntityManager, serviceId: string): Promise<AdminServiceView> {
    const [row] = await manager.query<ServiceRow[]>(`${SELECT} WHERE id = $1`, [serviceId]);
    if (!row) throw new NotFoundError(`No service with the id "${serviceId}"`);
    return toView(row);
  }

  private async assertCodeFree(manager: EntityManager, officeId: string, code: string, exceptId: string | null): Promise<void> {
    const [taken] = await manager.query<{ name: string }[]>(`SELECT name FROM services WHERE office_id = $1 AND code = $2 AND id IS DISTINCT FROM $3::uuid`, [officeId, code, exceptId]);
    if (taken) throw fieldConflict('service_code_taken', 'code', `The code ${code} is already used by "${taken.name}" in this office`);
  }

  /** Two admins adding the same code at once: the unique constraint decides, and the loser gets the same 409. */
  private async codeChecked<T>(code: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (violatedConstraint(error) === 'services_office_id_code_key') throw fieldConflict('service_code_taken', 'code', `The code ${code} is already used in this office`);
      throw error;
    }
  }
}
