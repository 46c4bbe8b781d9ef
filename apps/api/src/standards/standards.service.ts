import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type MaklumatInput,
  type MaklumatView,
  type OfficeStandardsView,
  type PublishedServiceStandard,
  type StaffView,
  RuleError,
  maklumatProblems,
  nextMaklumatVersion,
  serviceDay,
} from '@loket/domain';
import { AdminOfficesService } from '../admin/admin-offices.service.js';
import { AuditTrail } from '../admin/audit-trail.js';
import { Clock } from '../clock/clock.js';
import { OfficesService } from '../offices/offices.service.js';
import { StandardsRepository } from './standards.repository.js';

/** How many past versions the admin screen lists; every version stays in the table and the audit trail. */
export const MAKLUMAT_HISTORY = 20;

/**
 * What the office publishes (issue 19): the public page of its service standards and
 * maklumat, and the maklumat's versions. Editing a service's standard goes through the
 * admin service update, audited as `service.updated`.
 */
@Injectable()
export class StandardsService {
  constructor(
    private readonly db: DataSource,
    private readonly standards: StandardsRepository,
    private readonly offices: OfficesService,
    private readonly adminOffices: AdminOfficesService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async published(slug: string): Promise<OfficeStandardsView> {
    const office = await this.offices.bySlug(slug);
    const [services, [maklumat]] = await Promise.all([this.standards.publishedServices(office.id), this.standards.maklumatVersions(office.id, 1)]);
    return {
      office: {
        slug: office.slug,
        name: office.name,
        address: office.address,
        city: office.city,
        timeZone: office.timeZone,
        laporChannel: office.laporChannel,
      },
      services,
      maklumat: maklumat ?? null,
    };
  }

  /** The published services and the maklumat's versions of an office the caller has read and checked (the compliance pack). */
  async publishedOf(officeId: string): Promise<{ services: PublishedServiceStandard[]; maklumat: MaklumatView[] }> {
    const [services, maklumat] = await Promise.all([this.standards.publishedServices(officeId), this.standards.maklumatVersions(officeId, MAKLUMAT_HISTORY)]);
    return { services, maklumat };
  }

  async maklumatHistory(officeId: string, staff: StaffView): Promise<MaklumatView[]> {
    await this.adminOffices.read(officeId, staff);
    return this.standards.maklumatVersions(officeId, MAKLUMAT_HISTORY);
  }

  /** Records a new version; the one before stays, and the audit trail holds both texts. */
  record(officeId: string, input: MaklumatInput, actor: StaffView): Promise<MaklumatView> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      // The office row lock orders two admins saving at once: each gets its own version number.
      const office = await this.adminOffices.locked(manager, officeId, actor);
      const problems = maklumatProblems(input, serviceDay(now, office.timeZone));
      if (problems.length > 0) throw new RuleError('validation_failed', problems.flatMap((p) => p.problems).join('; '), problems);
      const previous = await this.standards.latestVersion(manager, office.id);
      const version = nextMaklumatVersion(previous);
      await this.standards.insertMaklumat(manager, office.id, version, input, now, actor.id);
      const [saved] = await this.standards.maklumatVersions(office.id, 1, manager);
      await this.audit.record(
        manager,
        {
          actorId: actor.id,
          officeId: office.id,
          action: 'maklumat.recorded',
          subjectType: 'maklumat',
          subjectId: `${office.id}:${version}`,
          subjectLabel: `${office.slug} v${version}`,
          before: previous === null ? null : { version: previous },
          after: { version, ...input },
        },
        now,
      );
      return saved;
    });
  }
}
