import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ComplaintChannel,
  type ComplaintReceipt,
  type ComplaintReportView,
  type ComplaintOfficeInfo,
  type ComplaintPublicView,
  type ComplaintStaffView,
  NotFoundError,
  RuleError,
  type StaffView,
  agencyScopeOf,
  assertComplaintOpen,
  assertWithinAgencyScope,
  changeComplaintStatus,
  complaintDueAt,
  complaintReport,
  invalidField,
  isCalendarDay,
  periodDays,
} from '@loket/domain';
import { type AuditRecord, AuditTrail } from '../admin/audit-trail.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { officeCalendar } from '../offices/office-views.js';
import { OfficesRepository } from '../offices/offices.repository.js';
import { newTrackingCode } from '../tickets/tracking-code.js';
import { type ComplaintOfficeRow, ComplaintsRepository, type LockedComplaint } from './complaints.repository.js';
import type { ComplaintSettingsDto, ComplaintStatusDto, FileComplaintDto, RecordComplaintDto } from './dto/complaint.dto.js';

export type { ComplaintReceipt, ComplaintReportView as ComplaintReport };

/** What a handling change writes to the audit trail; the actor, office and complaint are filled in by `change`. */
type ComplaintAudit = Pick<AuditRecord, 'action' | 'before' | 'after'>;

/** A complaint report covers at most a year (two semesters), so the annual figure can be produced. */
export const COMPLAINT_REPORT_MAX_DAYS = 366;

@Injectable()
export class ComplaintsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly complaints: ComplaintsRepository,
    private readonly offices: OfficesRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxRepository,
  ) {}

  private async office(slug: string, tx?: EntityManager): Promise<ComplaintOfficeRow> {
    const office = await this.complaints.office(slug, tx);
    if (!office) throw new NotFoundError(`No office "${slug}"`);
    return office;
  }

  private async staffOffice(slug: string, staff: StaffView): Promise<ComplaintOfficeRow> {
    const office = await this.office(slug);
    assertOfficeAccess(staff, office.id);
    return office;
  }

  /** What the public filing form needs: the services to choose from, the deadline and the LAPOR! channel. */
  async info(slug: string): Promise<ComplaintOfficeInfo> {
    const office = await this.office(slug);
    return {
      officeName: office.name,
      officeSlug: office.slug,
      laporChannel: office.lapor_channel,
      responseWorkingDays: office.complaint_response_days,
      services: await this.complaints.services(office.id),
    };
  }

  /** Filed on the public page, with no ticket. */
  fileOnWeb(slug: string, body: FileComplaintDto): Promise<ComplaintReceipt> {
    return this.file(slug, body, 'web', null, null);
  }

  /** Filed from the phone ticket page: linked to the ticket, about its service unless the citizen names another. */
  async fileFromTicket(trackingCode: string, body: FileComplaintDto): Promise<ComplaintReceipt> {
    const ticket = await this.complaints.ticketByCode(this.db.manager, trackingCode);
    if (!ticket) throw new NotFoundError('No ticket with this tracking code');
    return this.file(ticket.office_slug, { ...body, serviceId: body.serviceId ?? ticket.service_id }, 'ticket_page', ticket.id, null);
  }

  /** Recorded by an officer at the counter from what the citizen says. */
  async record(slug: string, body: RecordComplaintDto, staff: StaffView): Promise<ComplaintReceipt> {
    const office = await this.staffOffice(slug, staff);
    let serviceId = body.serviceId ?? null;
    if (body.ticketId) {
      const ticket = await this.complaints.ticketById(this.db.manager, body.ticketId);
      if (!ticket || ticket.office_id !== office.id) throw new NotFoundError('No such ticket in this office');
      serviceId ??= ticket.service_id;
    }
    return this.file(office.slug, { ...body, serviceId: serviceId ?? undefined }, 'counter', body.ticketId ?? null, staff.id);
  }

  private async file(
    slug: string,
    body: FileComplaintDto,
    channel: ComplaintChannel,
    ticketId: string | null,
    recordedBy: string | null,
  ): Promise<ComplaintReceipt> {
    const now = this.clock.now();
    const code = `PGD-${newTrackingCode()}`;
    const id = await this.db.transaction(async (tx) => {
      const office = await this.office(slug, tx);
      if (body.serviceId && !(await this.complaints.serviceInOffice(tx, body.serviceId, office.id)))
        throw invalidField('serviceId', 'serviceId is not a service of this office');
      const calendar = officeCalendar({ timeZone: office.time_zone, openingHours: office.opening_hours }, await this.offices.calendar(tx, office.id, now));
      const dueAt = new Date(complaintDueAt(calendar, now.getTime(), office.complaint_response_days));
      return this.complaints.insert(tx, {
        officeId: office.id,
        code,
        serviceId: body.serviceId ?? null,
        ticketId,
        channel,
        category: body.category,
        description: body.description,
        contactName: body.contactName ?? null,
        contact: body.contact ?? null,
        recordedBy,
        filedAt: now,
        dueAt,
      });
    });
    const view = (await this.complaints.byId(id, now))!;
    const office = await this.office(slug);
    return { code, number: view.number, dueAt: view.dueAt, laporChannel: office.lapor_channel, timeZone: office.time_zone };
  }

  /** The citizen's status page: no contact, no note, no staff name. */
  async publicStatus(code: string): Promise<ComplaintPublicView> {
    const view = await this.complaints.publicByCode(code);
    if (!view) throw new NotFoundError('No complaint with this code');
    return view;
  }

  /** The office's complaints; an agency supervisor's, those about their agency's services (`agencyScopeOf`). */
  async list(slug: string, status: string | undefined, staff: StaffView): Promise<ComplaintStaffView[]> {
    const office = await this.staffOffice(slug, staff);
    return this.complaints.list(office.id, status ?? null, this.clock.now(), agencyScopeOf(staff));
  }

  async get(id: string, staff: StaffView): Promise<ComplaintStaffView> {
    const owner = await this.complaints.officeOf(id);
    if (!owner) throw new NotFoundError(`No complaint with the id "${id}"`);
    assertOfficeAccess(staff, owner.officeId);
    assertWithinAgencyScope(staff, owner.agencyId, 'This complaint');
    return (await this.complaints.byId(id, this.clock.now()))!;
  }

  /**
   * Locks the complaint, checks the caller's office, runs the change, and answers the complaint as
   * it now stands. A change that names an audit entry writes it in the same transaction.
   */
  private async change(
    id: string,
    staff: StaffView,
    apply: (tx: EntityManager, row: LockedComplaint, now: Date) => Promise<ComplaintAudit | void>,
  ): Promise<ComplaintStaffView> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = await this.complaints.lock(tx, id);
      if (!row) throw new NotFoundError(`No complaint with the id "${id}"`);
      assertOfficeAccess(staff, row.office_id);
      assertWithinAgencyScope(staff, row.agency_id, 'This complaint');
      const audited = await apply(tx, row, now);
      if (audited)
        await this.audit.record(
          tx,
          { actorId: staff.id, officeId: row.office_id, subjectType: 'complaint', subjectId: row.id, subjectLabel: `#${row.number}`, ...audited },
          now,
        );
      return (await this.complaints.byId(id, now, tx))!;
    });
  }

  changeStatus(id: string, body: ComplaintStatusDto, staff: StaffView): Promise<ComplaintStaffView> {
    return this.change(id, staff, async (tx, row, now) => {
      const to = changeComplaintStatus({ status: row.status, publicReply: row.public_reply }, { to: body.status, reason: body.reason });
      const reason = to === 'ditolak' ? body.reason! : null;
      await this.complaints.setStatus(tx, id, to, reason, now);
      await this.outbox.complaintNotice(tx, id, now);
      return { action: 'complaint.status_changed', before: { status: row.status }, after: reason ? { status: to, reason } : { status: to } };
    });
  }

  reply(id: string, reply: string, staff: StaffView): Promise<ComplaintStaffView> {
    return this.change(id, staff, async (tx, row, now) => {
      assertComplaintOpen(row.status);
      await this.complaints.setReply(tx, id, reply, now);
      await this.outbox.complaintNotice(tx, id, now);
      return { action: 'complaint.replied', before: { publicReply: row.public_reply }, after: { publicReply: reply } };
    });
  }

  assign(id: string, staffId: string | null, staff: StaffView): Promise<ComplaintStaffView> {
    return this.change(id, staff, async (tx, row) => {
      assertComplaintOpen(row.status);
      if (staffId && !(await this.complaints.staffOfOffice(tx, staffId, row.office_id)))
        throw invalidField('staffId', 'staffId is not an active staff member of this office');
      await this.complaints.assign(tx, id, staffId);
      return { action: 'complaint.assigned', before: { staffId: row.assigned_staff_id }, after: { staffId } };
    });
  }

  /**
   * Not in the audit trail: a note is itself an authored, dated, append-only row that nobody can
   * edit, and its internal text (often the citizen's particulars) stays with the complaint.
   */
  addNote(id: string, note: string, staff: StaffView): Promise<ComplaintStaffView> {
    return this.change(id, staff, (tx, _row, now) => this.complaints.addNote(tx, id, staff.id, note, now));
  }

  /** Marks the complaint handed to SP4N-LAPOR! with its LAPOR! number; once only, so the number the citizen was given stays. */
  handToLapor(id: string, laporNumber: string, staff: StaffView): Promise<ComplaintStaffView> {
    return this.change(id, staff, async (tx, row, now) => {
      if (row.lapor_number !== null)
        throw new RuleError('already_handed_to_lapor', `Already handed to LAPOR! as ${row.lapor_number}`, { laporNumber: row.lapor_number });
      await this.complaints.handToLapor(tx, id, laporNumber, now);
      return { action: 'complaint.handed_to_lapor', before: null, after: { laporNumber } };
    });
  }

  async settings(slug: string, body: ComplaintSettingsDto, staff: StaffView): Promise<ComplaintOfficeInfo> {
    await this.staffOffice(slug, staff);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const office = await this.office(slug, tx);
      await this.complaints.saveSettings(tx, office.id, body.responseWorkingDays, body.laporChannel);
      await this.audit.record(
        tx,
        {
          actorId: staff.id,
          officeId: office.id,
          action: 'complaint.settings_updated',
          subjectType: 'office',
          subjectId: office.id,
          subjectLabel: office.name,
          before: { responseWorkingDays: office.complaint_response_days, laporChannel: office.lapor_channel },
          after: { responseWorkingDays: body.responseWorkingDays, laporChannel: body.laporChannel },
        },
        now,
      );
    });
    return this.info(slug);
  }

  private period(from: string, to: string): void {
    for (const [name, day] of [
      ['from', from],
      ['to', to],
    ] as const)
      if (!isCalendarDay(day)) throw new RuleError('invalid_period', `${name} (${day}) is not a day of the calendar`);
    if (from > to) throw new RuleError('invalid_period', `from (${from}) must not be after to (${to})`);
    const days = periodDays(from, to);
    if (days > COMPLAINT_REPORT_MAX_DAYS)
      throw new RuleError('invalid_period', `A complaint report covers at most ${COMPLAINT_REPORT_MAX_DAYS} days; ${from} to ${to} is ${days}`);
  }

  /** Count, share closed within the deadline and median time to close, per service and for the office, over complaints filed in the period. */
  async report(slug: string, from: string, to: string, staff: StaffView): Promise<ComplaintReportView> {
    return this.reportOf(await this.staffOffice(slug, staff), from, to, staff);
  }

  /** The report of an office the caller has read and checked the staff member's access to. */
  async reportOf(
    office: Pick<ComplaintOfficeRow, 'id' | 'slug' | 'name' | 'complaint_response_days'>,
    from: string,
    to: string,
    staff: StaffView,
  ): Promise<ComplaintReportView> {
    this.period(from, to);
    const now = this.clock.now();
    const { rows, total } = complaintReport(await this.complaints.facts(office.id, from, to, agencyScopeOf(staff)), now.getTime());
    const names = new Map((await this.complaints.services(office.id, true)).map((service) => [service.id, `${service.code} ${service.name}`]));
    return {
      office: { slug: office.slug, name: office.name },
      period: { from, to },
      responseWorkingDays: office.complaint_response_days,
      rows: rows.map((row) => ({ ...row, serviceName: row.serviceId ? (names.get(row.serviceId) ?? null) : null })),
      total,
    };
  }

  async exportRows(slug: string, from: string, to: string, staff: StaffView): Promise<{ office: ComplaintOfficeRow; rows: ComplaintStaffView[] }> {
    const office = await this.staffOffice(slug, staff);
    this.period(from, to);
    return { office, rows: await this.complaints.exportRows(office.id, from, to, this.clock.now(), agencyScopeOf(staff)) };
  }
}
