import { Injectable } from '@nestjs/common';
import {
  type CompliancePackView,
  NotFoundError,
  PACK_SUGGESTIONS,
  type StaffView,
  agencyScopeOf,
  missingComponents,
  planProgressCounts,
  priorityFigures,
  standardVersions,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { StandardsService } from '../standards/standards.service.js';
import { ComplianceRepository } from './compliance.repository.js';
import { IkmPublicationsService } from './ikm-publications.service.js';
import { ReportsRepository } from './reports.repository.js';
import { type SkmQuery, SkmService } from './skm.service.js';

/**
 * The compliance pack (issue 19): the evidence of what the law asks an office to publish and
 * to do, for one SKM period (a semester, a year, or up to 366 days), put together from what
 * the other features already compute, so the pack and their own pages always agree.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly clock: Clock,
    private readonly reports: ReportsRepository,
    private readonly skm: SkmService,
    private readonly standards: StandardsService,
    private readonly complaints: ComplaintsService,
    private readonly publications: IkmPublicationsService,
    private readonly compliance: ComplianceRepository,
  ) {}

  async pack(slug: string, query: SkmQuery, staff: StaffView): Promise<CompliancePackView> {
    // The office is read once here, and its parts are asked for that office: `not_found`, then `not_your_office`.
    const office = await this.compliance.office(slug);
    if (!office) throw new NotFoundError(`No office with the slug "${slug}"`);
    assertOfficeAccess(staff, office.id);
    const skm = await this.skm.reportOf(office, query, staff);
    const { from, to } = skm.period;
    // An agency supervisor's pack is their agency's: its services' standards, SKM, complaints and priority tickets.
    const agencyId = agencyScopeOf(staff);
    const [published, complaints, followUp, changes, priority, services] = await Promise.all([
      this.standards.publishedOf(office.id),
      this.complaints.reportOf(office, from, to, staff),
      this.publications.latestOf(office.slug),
      this.compliance.serviceChanges(office.id),
      this.compliance.priorityTickets(office.id, from, to, agencyId),
      this.reports.services(office.id, agencyId),
    ]);
    const ownServices = new Set(services.map((service) => service.id));
    const priorityMaxWaitMinutes = office.priority_max_wait_minutes;
    const versions = standardVersions(changes);
    return {
      office: { slug: office.slug, name: office.name, address: office.address, city: office.city, timeZone: office.time_zone },
      period: skm.period,
      generatedAt: this.clock.now().toISOString(),
      generatedBy: staff.name,
      standards: published.services
        .filter((service) => ownServices.has(service.serviceId))
        .map((service) => ({
          ...service,
          ...(versions.get(service.serviceId) ?? { version: 1, since: null }),
          missing: missingComponents(service),
        })),
      maklumat: published.maklumat,
      skm: {
        total: skm.total,
        services: skm.services.map(({ code, name, satisfaction }) => ({ code, name, satisfaction })),
        profile: skm.profile,
        channels: skm.channels,
        suggestionCount: skm.suggestions.length,
        suggestions: skm.suggestions.slice(0, PACK_SUGGESTIONS).map(({ submittedAt, text }) => ({ submittedAt, text })),
      },
      complaints: { ...complaints, laporChannel: office.lapor_channel },
      followUp: followUp ? { ...followUp, counts: planProgressCounts(followUp.plan) } : null,
      priority: { priorityMaxWaitMinutes, ...priorityFigures(priority, priorityMaxWaitMinutes) },
    };
  }
}
