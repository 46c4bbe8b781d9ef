import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type AdminOfficeView,
  DEFAULT_NO_SHOW_AFTER_MINUTES,
  DEFAULT_OFFLINE_AFTER_MINUTES,
  DEFAULT_SHIFT_END_GRACE_MINUTES,
  type StaffView,
  NotFoundError,
  assertCutoffsFitHours,
  fieldConflict,
  scheduleProblems,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import type { OfficeEntity } from '../offices/office.entity.js';
import { toOfficeView } from '../offices/office-views.js';
import { OfficesRepository } from '../offices/offices.repository.js';
import { assertNoProblems, uniqueChecked } from './admin-errors.js';
import { AdminServicesRepository } from './admin-services.repository.js';
import { refuseNulls, visibleOfficeIds } from './admin-scope.js';
import { AuditTrail } from './audit-trail.js';
import type { CreateOfficeDto, UpdateOfficeDto } from './dto/office.dto.js';
import { OfficeSetupChanges } from './office-setup-changes.js';

/** The unique constraint behind an office's slug, and the conflict its breach is. */
const SLUG_CONFLICT = { offices_slug_key: () => fieldConflict('office_slug_taken', 'slug', 'Another office already uses this slug') };

/** Offices: name, slug, time zone, opening hours. */
@Injectable()
export class AdminOfficesService {
  constructor(
    private readonly setup: OfficeSetupChanges,
    private readonly db: DataSource,
    private readonly offices: OfficesRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly services: AdminServicesRepository,
  ) {}

  async list(staff: StaffView): Promise<AdminOfficeView[]> {
    const visible = visibleOfficeIds(staff);
    const rows = await this.offices.list();
    return rows.filter((row) => visible === null || visible.includes(row.id)).map(toOfficeView);
  }

  /** The office, locked for the rest of the transaction, after checking the reader may reach it. */
  async locked(manager: EntityManager, officeId: string, staff: StaffView): Promise<OfficeEntity> {
    const office = await this.offices.locked(manager, officeId);
    if (!office) throw new NotFoundError(`No office with the id "${officeId}"`);
    assertOfficeAccess(staff, office.id);
    return office;
  }

  async read(officeId: string, staff: StaffView): Promise<OfficeEntity> {
    const office = await this.offices.byId(officeId);
    if (!office) throw new NotFoundError(`No office with the id "${officeId}"`);
    assertOfficeAccess(staff, office.id);
    return office;
  }

  async create(body: CreateOfficeDto, actor: StaffView): Promise<AdminOfficeView> {
    assertNoProblems(scheduleProblems(body.openingHours, 'openingHours'));
    const now = this.clock.now();
    return uniqueChecked(SLUG_CONFLICT, () =>
      this.db.transaction(async (manager) => {
        await this.assertSlugFree(manager, body.slug, null);
        const id = await this.offices.insert(
          manager,
          {
            ...body,
            noShowAfterMinutes: body.noShowAfterMinutes ?? DEFAULT_NO_SHOW_AFTER_MINUTES,
            offlineAfterMinutes: body.offlineAfterMinutes ?? DEFAULT_OFFLINE_AFTER_MINUTES,
            shiftEndGraceMinutes: body.shiftEndGraceMinutes ?? DEFAULT_SHIFT_END_GRACE_MINUTES,
            address: body.address ?? '',
            city: body.city ?? '',
          },
          now,
        );
        const view = toOfficeView((await this.offices.byId(id, manager))!);
        await this.audit.record(
          manager,
          {
            actorId: actor.id,
            officeId: id,
            action: 'office.created',
            subjectType: 'office',
            subjectId: id,
            subjectLabel: view.slug,
            before: null,
            after: view,
          },
          now,
        );
        return view;
      }),
    );
  }

  async update(officeId: string, body: UpdateOfficeDto, actor: StaffView): Promise<AdminOfficeView> {
    refuseNulls(body);
    if (body.openingHours) assertNoProblems(scheduleProblems(body.openingHours, 'openingHours'));
    return this.setup.run(actor, SLUG_CONFLICT, async (manager, change) => {
      const office = await this.locked(manager, officeId, actor);
      if (body.slug !== undefined) await this.assertSlugFree(manager, body.slug, office.id);
      // New hours are checked against every service's cut-off, read under the office's lock that
      // a service change also takes; issuing reads hours and cut-off per ticket, so they hold from the next one.
      if (body.openingHours) assertCutoffsFitHours(await this.services.cutoffs(manager, office.id), body.openingHours);
      const before = toOfficeView(office);
      const after = { ...before, ...body };
      await this.offices.update(manager, office.id, after);
      // The screens show the office's name and hours: the bumped sequence makes them resync.
      await change.record({
        officeId: office.id,
        action: 'office.updated',
        subjectType: 'office',
        subjectId: office.id,
        subjectLabel: after.slug,
        before,
        after,
      });
      return after;
    });
  }

  private async assertSlugFree(manager: EntityManager, slug: string, exceptId: string | null): Promise<void> {
    if (await this.offices.slugTaken(manager, slug, exceptId))
      throw fieldConflict('office_slug_taken', 'slug', `Another office already uses the slug "${slug}"`);
  }
}
