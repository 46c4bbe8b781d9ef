import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type RuleError, type StaffView, type ZoneView, NotFoundError, assertZoneMembers, fieldConflict, invalidField, zoneSlug } from '@loket/domain';
import { OfficesRepository } from '../offices/offices.repository.js';
import { refuseNulls } from './admin-scope.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AdminZonesRepository, type ZoneColumns } from './admin-zones.repository.js';
import type { CreateZoneDto, UpdateZoneDto } from './dto/zone.dto.js';
import { NO_UNIQUE_KEYS, OfficeSetupChanges } from './office-setup-changes.js';

/** What the audit keeps of a zone, before and after a change. */
const fieldsOf = ({ name, slug, sortOrder, agencyIds, counterIds }: ZoneView) => ({ name, slug, sortOrder, agencyIds, counterIds });

/**
 * The zones of an office (issue 20): a part of the building a board shows alone. Each change
 * moves the office's sequence number on, so the boards take a fresh snapshot with the zone as
 * it now is. The rules of what a zone holds are in libs/domain (zones.ts).
 */
@Injectable()
export class AdminZonesService {
  constructor(
    private readonly setup: OfficeSetupChanges,
    private readonly db: DataSource,
    private readonly zones: AdminZonesRepository,
    private readonly officeRows: OfficesRepository,
    private readonly offices: AdminOfficesService,
  ) {}

  async list(officeId: string, staff: StaffView): Promise<ZoneView[]> {
    await this.offices.read(officeId, staff);
    return this.officeRows.zones(this.db.manager, officeId);
  }

  create(officeId: string, body: CreateZoneDto, actor: StaffView): Promise<ZoneView> {
    const slug = slugOf(body.name);
    return this.setup.run(actor, nameConflict(body.name), async (manager, change) => {
      const office = await this.offices.locked(manager, officeId, actor);
      const agencyIds = body.agencyIds ?? [];
      const counterIds = body.counterIds ?? [];
      assertZoneMembers({ agencyIds, counterIds }, await this.zones.officeMembers(manager, office.id));
      await this.assertNameFree(manager, office.id, body.name, slug, null);
      const columns: ZoneColumns = { name: body.name, slug, sortOrder: body.sortOrder ?? (await this.zones.nextSortOrder(manager, office.id)) };
      const id = await this.zones.insert(manager, office.id, columns, change.now);
      await this.zones.setMembers(manager, id, office.id, agencyIds, counterIds);
      const view = await this.byId(manager, id);
      await change.record({
        officeId: office.id,
        action: 'zone.created',
        subjectType: 'zone',
        subjectId: id,
        subjectLabel: view.name,
        before: null,
        after: fieldsOf(view),
      });
      return view;
    });
  }

  /** Renames it, or sets its agencies or counters (a list sent replaces the zone's; one left out stays). */
  update(zoneId: string, body: UpdateZoneDto, actor: StaffView): Promise<ZoneView> {
    refuseNulls(body);
    return this.setup.run(actor, nameConflict(body.name ?? ''), async (manager, change) => {
      const office = await this.lockedWithOffice(manager, zoneId, actor);
      const current = await this.byId(manager, zoneId);
      const name = body.name ?? current.name;
      const slug = body.name === undefined ? current.slug : slugOf(body.name);
      const agencyIds = body.agencyIds ?? current.agencyIds;
      const counterIds = body.counterIds ?? current.counterIds;
      assertZoneMembers({ agencyIds, counterIds }, await this.zones.officeMembers(manager, office));
      if (body.name !== undefined) await this.assertNameFree(manager, office, name, slug, zoneId);
      await this.zones.update(manager, zoneId, { name, slug, sortOrder: body.sortOrder ?? current.sortOrder });
      if (body.agencyIds !== undefined || body.counterIds !== undefined) await this.zones.setMembers(manager, zoneId, office, agencyIds, counterIds);
      const after = await this.byId(manager, zoneId);
      await change.record({
        officeId: office,
        action: 'zone.updated',
        subjectType: 'zone',
        subjectId: zoneId,
        subjectLabel: after.name,
        before: fieldsOf(current),
        after: fieldsOf(after),
      });
      return after;
    });
  }

  /** A zone holds nothing of its own: deleting it only takes its board address away. */
  remove(zoneId: string, actor: StaffView): Promise<void> {
    return this.setup.run(actor, NO_UNIQUE_KEYS, async (manager, change) => {
      const office = await this.lockedWithOffice(manager, zoneId, actor);
      const current = await this.byId(manager, zoneId);
      await this.zones.delete(manager, zoneId);
      await change.record({
        officeId: office,
        action: 'zone.deleted',
        subjectType: 'zone',
        subjectId: zoneId,
        subjectLabel: current.name,
        before: fieldsOf(current),
        after: null,
      });
    });
  }

  /** The zone's office locked (checked against the actor), then the zone: the order every set-up change of the office takes. */
  private async lockedWithOffice(manager: EntityManager, zoneId: string, actor: StaffView): Promise<string> {
    const officeId = await this.zones.officeOf(manager, zoneId);
    if (!officeId) throw new NotFoundError(`No zone with the id "${zoneId}"`);
    const office = (await this.offices.locked(manager, officeId, actor)).id;
    if (!(await this.zones.lock(manager, zoneId))) throw new NotFoundError(`No zone with the id "${zoneId}"`);
    return office;
  }

  private async byId(manager: EntityManager, zoneId: string): Promise<ZoneView> {
    const view = await this.zones.byId(manager, zoneId);
    if (!view) throw new NotFoundError(`No zone with the id "${zoneId}"`);
    return view;
  }

  private async assertNameFree(manager: EntityManager, officeId: string, name: string, slug: string, exceptId: string | null): Promise<void> {
    const taken = await this.zones.nameTakenBy(manager, officeId, name, slug, exceptId);
    if (taken) throw fieldConflict('zone_name_taken', 'name', `The zone "${taken}" of this office already has this name or board address (${slug})`);
  }
}

/** The board address of a name; a name of no letter or digit ("– –") has none. */
function slugOf(name: string): string {
  const slug = zoneSlug(name);
  if (slug === '') throw invalidField('name', 'name must contain a letter or a digit');
  return slug;
}

function nameConflict(name: string): Record<string, () => RuleError> {
  const conflict = () => fieldConflict('zone_name_taken', 'name', `Another zone of this office already has the name ${name} or its board address`);
  return { zones_office_name: conflict, zones_office_id_slug_key: conflict };
}
