import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AgencyView, type StaffView, NotFoundError, type RuleError, assertAgencyDeletable, fieldConflict, invalidField } from '@loket/domain';
import { OfficesRepository } from '../offices/offices.repository.js';
import { refuseNulls } from './admin-scope.js';
import { AdminAgenciesRepository, type AgencyColumns } from './admin-agencies.repository.js';
import { AdminOfficesService } from './admin-offices.service.js';
import type { CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto.js';
import { NO_UNIQUE_KEYS, OfficeSetupChanges } from './office-setup-changes.js';

const DEFAULT_COLOR = '#1d4ed8';

const fieldsOf = ({ name, shortName, color, sortOrder }: AgencyView): AgencyColumns => ({ name, shortName, color, sortOrder });

/**
 * The agencies (instansi) of an office. Each change moves the office's sequence number on,
 * so kiosks and boards, which group by agency, take a fresh snapshot.
 */
@Injectable()
export class AdminAgenciesService {
  constructor(
    private readonly setup: OfficeSetupChanges,
    private readonly db: DataSource,
    private readonly agencies: AdminAgenciesRepository,
    private readonly officeRows: OfficesRepository,
    private readonly offices: AdminOfficesService,
  ) {}

  async list(officeId: string, staff: StaffView): Promise<AgencyView[]> {
    await this.offices.read(officeId, staff);
    return this.officeRows.agencies(this.db.manager, officeId);
  }

  create(officeId: string, body: CreateAgencyDto, actor: StaffView): Promise<AgencyView> {
    return this.setup.run(actor, this.shortNameConflict(body.shortName), async (manager, change) => {
      const office = await this.offices.locked(manager, officeId, actor);
      await this.assertShortNameFree(manager, office.id, body.shortName, null);
      const fields: AgencyColumns = {
        name: body.name,
        shortName: body.shortName,
        color: body.color ?? DEFAULT_COLOR,
        sortOrder: body.sortOrder ?? (await this.agencies.nextSortOrder(manager, office.id)),
      };
      const id = await this.agencies.insert(manager, office.id, fields, change.now);
      const view = await this.byId(manager, id);
      await change.record({
        officeId: office.id,
        action: 'agency.created',
        subjectType: 'agency',
        subjectId: id,
        subjectLabel: view.shortName,
        before: null,
        after: fieldsOf(view),
      });
      return view;
    });
  }

  update(agencyId: string, body: UpdateAgencyDto, actor: StaffView): Promise<AgencyView> {
    refuseNulls(body);
    return this.setup.run(actor, this.shortNameConflict(body.shortName ?? ''), async (manager, change) => {
      const office = await this.lockedWithOffice(manager, agencyId, actor);
      const current = await this.byId(manager, agencyId);
      if (body.shortName !== undefined) await this.assertShortNameFree(manager, office, body.shortName, agencyId);
      const before = fieldsOf(current);
      const after: AgencyColumns = { ...before, ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) };
      await this.agencies.update(manager, agencyId, after);
      await change.record({
        officeId: office,
        action: 'agency.updated',
        subjectType: 'agency',
        subjectId: agencyId,
        subjectLabel: after.shortName,
        before,
        after,
      });
      return this.byId(manager, agencyId);
    });
  }

  /** Only an empty agency that is not the office's last may go (`assertAgencyDeletable`). */
  remove(agencyId: string, actor: StaffView): Promise<void> {
    return this.setup.run(actor, NO_UNIQUE_KEYS, async (manager, change) => {
      const office = await this.lockedWithOffice(manager, agencyId, actor);
      const current = await this.byId(manager, agencyId);
      // Under the office's lock, which every service or counter change of the office takes: nothing joins it meanwhile.
      assertAgencyDeletable(current.name, await this.agencies.holdings(manager, agencyId));
      await this.agencies.delete(manager, agencyId);
      await change.record({
        officeId: office,
        action: 'agency.deleted',
        subjectType: 'agency',
        subjectId: agencyId,
        subjectLabel: current.shortName,
        before: fieldsOf(current),
        after: null,
      });
    });
  }

  /**
   * Refuses an agency that is not the office's: 400 on the field that names it, since the
   * request, not the state of things, is wrong. Used by the service and counter set-up.
   */
  async assertOfOffice(manager: EntityManager, officeId: string, agencyId: string): Promise<void> {
    if (!(await this.agencies.isOfOffice(manager, officeId, agencyId))) {
      throw invalidField('agencyId', `agencyId is not an agency of this office: ${agencyId}`);
    }
  }

  /**
   * The agency's office locked (checked against the actor), then the agency: the office first,
   * as a service or counter change takes it before its insert or update checks the agency's
   * key. The other way round, renaming an agency while a service joins it could deadlock.
   */
  private async lockedWithOffice(manager: EntityManager, agencyId: string, actor: StaffView): Promise<string> {
    const officeId = await this.agencies.officeOf(manager, agencyId);
    if (!officeId) throw new NotFoundError(`No agency with the id "${agencyId}"`);
    const office = (await this.offices.locked(manager, officeId, actor)).id;
    if (!(await this.agencies.lock(manager, agencyId))) throw new NotFoundError(`No agency with the id "${agencyId}"`);
    return office;
  }

  private async byId(manager: EntityManager, agencyId: string): Promise<AgencyView> {
    const view = await this.agencies.byId(manager, agencyId);
    if (!view) throw new NotFoundError(`No agency with the id "${agencyId}"`);
    return view;
  }

  private async assertShortNameFree(manager: EntityManager, officeId: string, shortName: string, exceptId: string | null): Promise<void> {
    const taken = await this.agencies.shortNameTakenBy(manager, officeId, shortName, exceptId);
    if (taken) throw fieldConflict('agency_short_name_taken', 'shortName', `The short name ${shortName} is already used by "${taken}" in this office`);
  }

  private shortNameConflict(shortName: string): Record<string, () => RuleError> {
    return {
      agencies_office_id_short_name_key: () =>
        fieldConflict('agency_short_name_taken', 'shortName', `The short name ${shortName} is already used in this office`),
    };
  }
}
