import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type IkmPlanItem,
  type IkmPublicationView,
  NotFoundError,
  type StaffView,
  assertPublishable,
  assertWithinAgencyScope,
  checkIkmPlan,
  checkPlanProgress,
  serviceDay,
} from '@loket/domain';
import { AuditTrail } from '../admin/audit-trail.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { IkmPublicationsRepository } from './ikm-publications.repository.js';
import { ReportsRepository } from './reports.repository.js';
import { type SkmQuery, SkmService } from './skm.service.js';

/**
 * Publishing a period's IKM with its follow-up plan: a supervisor of the office or an admin
 * fixes the office's IKM of the period as the SKM tables compute it, with the plan, and the
 * board and the public pages show the latest. The audit trail records who and what.
 */
@Injectable()
export class IkmPublicationsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly skm: SkmService,
    private readonly reports: ReportsRepository,
    private readonly publications: IkmPublicationsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async publish(slug: string, query: SkmQuery & { plan: IkmPlanItem[] }, staff: StaffView): Promise<IkmPublicationView> {
    // The office's IKM is published by its own supervisors: an agency supervisor's SKM is their agency's alone.
    assertWithinAgencyScope(staff, null, 'The office’s IKM publication');
    const plan = checkIkmPlan(query.plan);
    // The SKM tables check the office and the staff member's access, and the period.
    const report = await this.skm.report(slug, { preset: query.preset, date: query.date, from: query.from, to: query.to }, staff);
    const { total } = report;
    assertPublishable(total.ikm);
    const office = (await this.reports.office(slug))!;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const id = await this.publications.insert(tx, {
        officeId: office.id,
        period: report.period,
        ikm: total.ikm!,
        grade: total.grade!,
        responses: total.responses,
        served: total.served,
        sampleSize: total.sampleSize,
        plan,
        publishedAt: now,
        publishedBy: staff.id,
      });
      await this.audit.record(
        tx,
        {
          actorId: staff.id,
          officeId: office.id,
          action: 'ikm.published',
          subjectType: 'ikm_publication',
          subjectId: id,
          subjectLabel: `${report.period.from}–${report.period.to}`,
          before: null,
          after: { period: report.period, ikm: total.ikm, grade: total.grade, responses: total.responses, plan },
        },
        now,
      );
    });
    return (await this.publications.latest(slug))!;
  }

  /**
   * Records where one item of the latest publication's plan stands (`item` counts from 1, as
   * the plan is shown). The day defaults to today in the office's zone. Audited as `ikm.progress`.
   */
  async recordProgress(slug: string, item: number, body: { status: string; on?: string; note?: string }, staff: StaffView): Promise<IkmPublicationView> {
    const office = await this.reports.office(slug);
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    assertOfficeAccess(staff, office.id);
    assertWithinAgencyScope(staff, null, 'The office’s IKM follow-up plan');
    const publication = await this.publications.latest(slug);
    if (!publication) throw new NotFoundError('The office has published no IKM yet: there is no follow-up plan to update');
    const now = this.clock.now();
    const today = serviceDay(now, office.time_zone);
    const progress = checkPlanProgress(
      { item: item - 1, status: body.status, on: body.on ?? today, note: body.note ?? '' },
      publication.plan.length,
      publication.publishedOn,
      today,
    );
    const before = publication.plan[item - 1];
    await this.db.transaction(async (tx) => {
      await this.publications.recordProgress(tx, publication.id, item - 1, progress, now, staff.id);
      await this.audit.record(
        tx,
        {
          actorId: staff.id,
          officeId: office.id,
          action: 'ikm.progress',
          subjectType: 'ikm_publication',
          subjectId: publication.id,
          subjectLabel: `${item}. ${before.action}`.slice(0, 120),
          before: { status: before.status, on: before.statusOn, note: before.note },
          after: progress,
        },
        now,
      );
    });
    return (await this.publications.latest(slug))!;
  }

  /** What the board and the public pages show: the office's latest publication, or null. */
  async latest(slug: string): Promise<IkmPublicationView | null> {
    const office = await this.reports.office(slug);
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    return this.publications.latest(slug);
  }

  /** The latest publication of an office the caller has read already (the compliance pack). */
  latestOf(slug: string): Promise<IkmPublicationView | null> {
    return this.publications.latest(slug);
  }
}
