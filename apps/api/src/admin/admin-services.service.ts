import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type AdminServiceView,
  DEFAULT_ISSUE_CUTOFF_MINUTES,
  EMPTY_STANDARD_DETAILS,
  type StaffView,
  NotFoundError,
  RuleError,
  assertCutoffFits,
  assertMovable,
  fieldConflict,
  standardDetailsProblems,
} from '@loket/domain';
import { refuseNulls } from './admin-scope.js';
import { AdminAgenciesRepository } from './admin-agencies.repository.js';
import { AdminAgenciesService } from './admin-agencies.service.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AdminServicesRepository, type ServiceFields } from './admin-services.repository.js';
import type { CreateServiceDto, UpdateServiceDto } from './dto/service.dto.js';
import { OfficeSetupChanges } from './office-setup-changes.js';

function fieldsOf(view: AdminServiceView): ServiceFields {
  return {
    agencyId: view.agencyId,
    code: view.code,
    name: view.name,
    active: view.active,
    sortOrder: view.sortOrder,
    issueCutoffMinutes: view.issueCutoffMinutes,
    dynamicQuota: view.dynamicQuota,
    ...view.standard,
    ...view.details,
  };
}

/** The fields a request sent: a DTO instance carries its unsent optional fields as undefined, which must not overwrite a default. */
function sent<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}

/** Refuses details the domain finds wrong (`standardDetailsProblems`), with every problem in `details`. */
function assertStandardDetails(fields: ServiceFields): void {
  const problems = standardDetailsProblems(fields);
  if (problems.length > 0) throw new RuleError('validation_failed', problems.flatMap((p) => p.problems).join('; '), problems);
}

/**
 * The services (layanan) of an office and their standard. A service is never deleted —
 * tickets and reports point at it — it is made inactive, and the kiosk shows it closed.
 */
@Injectable()
export class AdminServicesService {
  constructor(
    private readonly setup: OfficeSetupChanges,
    private readonly services: AdminServicesRepository,
    private readonly offices: AdminOfficesService,
    private readonly agencies: AdminAgenciesService,
    private readonly agencyRows: AdminAgenciesRepository,
  ) {}

  async list(officeId: string, staff: StaffView): Promise<AdminServiceView[]> {
    await this.offices.read(officeId, staff);
    return this.services.ofOffice(officeId);
  }

  create(officeId: string, body: CreateServiceDto, actor: StaffView): Promise<AdminServiceView> {
    return this.setup.run(actor, this.codeConflict(body.code), async (manager, change) => {
      const office = await this.offices.locked(manager, officeId, actor);
      await this.assertCodeFree(manager, office.id, body.code, null);
      if (body.agencyId !== undefined) await this.agencies.assertOfOffice(manager, office.id, body.agencyId);
      const fields: ServiceFields = {
        ...EMPTY_STANDARD_DETAILS,
        agencyId: null,
        ...sent(body),
        issueCutoffMinutes: body.issueCutoffMinutes ?? DEFAULT_ISSUE_CUTOFF_MINUTES,
        dynamicQuota: body.dynamicQuota ?? false,
        sortOrder: body.sortOrder ?? (await this.services.nextSortOrder(manager, office.id)),
      };
      assertCutoffFits(fields.issueCutoffMinutes, office.openingHours);
      assertStandardDetails(fields);
      const id = await this.services.insert(manager, office.id, fields);
      const view = await this.byId(manager, id);
      // The kiosk and board build their service list from the office snapshot: a new sequence number makes them take a fresh one.
      await change.record({
        officeId: office.id,
        action: 'service.created',
        subjectType: 'service',
        subjectId: id,
        subjectLabel: view.code,
        before: null,
        after: fieldsOf(view),
      });
      return view;
    });
  }

  update(serviceId: string, body: UpdateServiceDto, actor: StaffView): Promise<AdminServiceView> {
    refuseNulls(body, ['dailyQuota', 'executorCount']);
    return this.setup.run(actor, this.codeConflict(body.code ?? ''), async (manager, change) => {
      // Read again after the office's lock, which every change of its services takes: as read
      // before it, a concurrent edit of another field would be written back over.
      const { officeId } = await this.byId(manager, serviceId);
      const office = await this.offices.locked(manager, officeId, actor);
      const current = await this.byId(manager, serviceId);
      if (body.code !== undefined) await this.assertCodeFree(manager, office.id, body.code, serviceId);
      const before = fieldsOf(current);
      const after: ServiceFields = { ...before, ...sent(body) } as ServiceFields;
      assertStandardDetails(after);
      if (body.issueCutoffMinutes !== undefined) assertCutoffFits(after.issueCutoffMinutes, office.openingHours);
      if (body.agencyId !== undefined && body.agencyId !== current.agencyId) {
        await this.agencies.assertOfOffice(manager, office.id, body.agencyId);
        // A counter opening at this instant commits after the move (its last statement waits for the office's
        // row, locked here), so it opens under the new owner: the refusal is about sessions already running.
        assertMovable(current.name, await this.agencyRows.openCountersServing(manager, serviceId));
      }
      await this.services.update(manager, serviceId, after);
      await change.record({
        officeId: office.id,
        action: 'service.updated',
        subjectType: 'service',
        subjectId: serviceId,
        subjectLabel: after.code,
        before,
        after,
      });
      return this.byId(manager, serviceId);
    });
  }

  private async byId(manager: EntityManager, serviceId: string): Promise<AdminServiceView> {
    const view = await this.services.byId(manager, serviceId);
    if (!view) throw new NotFoundError(`No service with the id "${serviceId}"`);
    return view;
  }

  private async assertCodeFree(manager: EntityManager, officeId: string, code: string, exceptId: string | null): Promise<void> {
    const taken = await this.services.codeTakenBy(manager, officeId, code, exceptId);
    if (taken) throw fieldConflict('service_code_taken', 'code', `The code ${code} is already used by "${taken}" in this office`);
  }

  private codeConflict(code: string): Record<string, () => RuleError> {
    return { services_office_id_code_key: () => fieldConflict('service_code_taken', 'code', `The code ${code} is already used in this office`) };
  }
}
