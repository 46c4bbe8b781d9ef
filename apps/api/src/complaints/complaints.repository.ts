import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintFact,
  type ComplaintNoteView,
  type ComplaintPublicView,
  type ComplaintStaffView,
  type ComplaintStatus,
  type OpeningHours,
  formatTicketNumber,
  isComplaintOverdue,
} from '@loket/domain';
import { serviceInAgency } from '../common/agency-scope-sql.js';

/** One select every staff view is read with; the notes come separately. */
const STAFF_SELECT = `SELECT k.id, k.number, k.service_id, s.name AS service_name, t.issued_code, t.number AS ticket_number, k.channel, k.category,
       k.description, k.contact_name, k.contact, k.status, k.filed_at, k.due_at, k.rejection_reason, k.public_reply, k.replied_at, k.closed_at,
       k.assigned_staff_id, a.name AS assigned_name, k.recorded_by_staff_id, r.name AS recorded_name, k.lapor_number, k.lapor_handed_at
  FROM complaints k
  LEFT JOIN services s ON s.id = k.service_id
  LEFT JOIN tickets t ON t.id = k.ticket_id
  LEFT JOIN staff a ON a.id = k.assigned_staff_id
  LEFT JOIN staff r ON r.id = k.recorded_by_staff_id`;

export const COMPLAINTS_SQL = {
  office: `SELECT id, slug, name, time_zone, opening_hours, complaint_response_days, lapor_channel FROM offices WHERE slug = $1`,
  services: `SELECT id, code, name FROM services WHERE office_id = $1 AND (active OR $2) ORDER BY code`,
  serviceInOffice: `SELECT id FROM services WHERE id = $1 AND office_id = $2`,
  ticketByCode: `SELECT t.id, t.office_id, t.service_id, o.slug AS office_slug FROM tickets t JOIN offices o ON o.id = t.office_id WHERE t.tracking_code = $1`,
  ticketById: `SELECT t.id, t.office_id, t.service_id, o.slug AS office_slug FROM tickets t JOIN offices o ON o.id = t.office_id WHERE t.id = $1`,
  // A complaint is its service's agency's; one about no service is the whole office's (agency null).
  officeOf: `SELECT k.office_id, s.agency_id FROM complaints k LEFT JOIN services s ON s.id = k.service_id WHERE k.id = $1`,
  // The number is the office's next, drawn in the same statement: complaint_numbers is a row per office, so
  // two filings at once queue for it alone, never for the office row every ticket change locks.
  insert: `WITH drawn AS (
         INSERT INTO complaint_numbers (office_id, last) VALUES ($1, 1)
         ON CONFLICT (office_id) DO UPDATE SET last = complaint_numbers.last + 1 RETURNING last)
       INSERT INTO complaints (office_id, number, code, service_id, ticket_id, channel, category, description, contact_name, contact,
                               recorded_by_staff_id, filed_at, due_at)
       SELECT $1, drawn.last, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM drawn RETURNING id`,
  publicByCode: `SELECT k.code, o.name AS office_name, o.slug AS office_slug, o.lapor_channel, o.time_zone, s.name AS service_name, k.category, k.description,
         k.status, k.filed_at, k.due_at, k.rejection_reason, k.public_reply, k.replied_at, k.closed_at, k.lapor_number
       FROM complaints k JOIN offices o ON o.id = k.office_id LEFT JOIN services s ON s.id = k.service_id
       WHERE k.code = $1`,
  // The staff reads take an agency as their last parameter: its services' complaints only (an agency supervisor's); null: all.
  list: `${STAFF_SELECT}
       WHERE k.office_id = $1 AND ${serviceInAgency('k.service_id', '$4')}
         AND ($2::text IS NULL OR k.status = $2 OR ($2 = 'open' AND k.closed_at IS NULL) OR ($2 = 'overdue' AND k.closed_at IS NULL AND k.due_at < $3))
       ORDER BY k.closed_at IS NULL DESC, k.due_at, k.number LIMIT 500`,
  byId: `${STAFF_SELECT} WHERE k.id = $1`,
  notes: `SELECT n.id, n.complaint_id, n.body, n.created_at, n.staff_id, st.name AS staff_name
       FROM complaint_notes n JOIN staff st ON st.id = n.staff_id WHERE n.complaint_id = ANY($1::uuid[]) ORDER BY n.created_at, n.id`,
  lock: `SELECT k.id, k.office_id, k.number, k.status, k.public_reply, k.assigned_staff_id, k.lapor_number, s.agency_id
       FROM complaints k LEFT JOIN services s ON s.id = k.service_id WHERE k.id = $1 FOR UPDATE OF k`,
  setStatus: `UPDATE complaints SET status = $2, rejection_reason = coalesce($3, rejection_reason),
       closed_at = CASE WHEN $2 IN ('selesai', 'ditolak') THEN $4::timestamptz ELSE NULL END WHERE id = $1`,
  setReply: `UPDATE complaints SET public_reply = $2, replied_at = $3 WHERE id = $1`,
  assign: `UPDATE complaints SET assigned_staff_id = $2 WHERE id = $1`,
  staffOfOffice: `SELECT st.id FROM staff st JOIN staff_offices so ON so.staff_id = st.id WHERE st.id = $1 AND so.office_id = $2 AND st.active`,
  addNote: `INSERT INTO complaint_notes (complaint_id, staff_id, body, created_at) VALUES ($1, $2, $3, $4)`,
  handToLapor: `UPDATE complaints SET lapor_number = $2, lapor_handed_at = $3 WHERE id = $1`,
  settings: `UPDATE offices SET complaint_response_days = $2, lapor_channel = $3 WHERE id = $1`,
  // Complaints filed in the period (office-local days, both counted).
  facts: `SELECT k.service_id, k.status, k.filed_at, k.due_at, k.closed_at FROM complaints k JOIN offices o ON o.id = k.office_id
       WHERE k.office_id = $1 AND (k.filed_at AT TIME ZONE o.time_zone)::date BETWEEN $2::date AND $3::date AND ${serviceInAgency('k.service_id', '$4')}`,
  exportRows: `${STAFF_SELECT} JOIN offices o ON o.id = k.office_id
       WHERE k.office_id = $1 AND (k.filed_at AT TIME ZONE o.time_zone)::date BETWEEN $2::date AND $3::date AND ${serviceInAgency('k.service_id', '$4')}
       ORDER BY k.number`,
} as const;

export interface ComplaintOfficeRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  opening_hours: OpeningHours[];
  complaint_response_days: number;
  lapor_channel: string;
}

export interface ComplaintTicketRow {
  id: string;
  office_id: string;
  office_slug: string;
  service_id: string;
}

export interface NewComplaint {
  officeId: string;
  code: string;
  serviceId: string | null;
  ticketId: string | null;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  description: string;
  contactName: string | null;
  contact: string | null;
  recordedBy: string | null;
  filedAt: Date;
  dueAt: Date;
}

export interface LockedComplaint {
  id: string;
  office_id: string;
  number: number;
  status: ComplaintStatus;
  public_reply: string | null;
  assigned_staff_id: string | null;
  lapor_number: string | null;
  /** Its service's agency; null: about no service, the whole office's. */
  agency_id: string | null;
}

interface StaffRow {
  id: string;
  number: number;
  service_id: string | null;
  service_name: string | null;
  issued_code: string | null;
  ticket_number: number | null;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  description: string;
  contact_name: string | null;
  contact: string | null;
  status: ComplaintStatus;
  filed_at: Date;
  due_at: Date;
  rejection_reason: string | null;
  public_reply: string | null;
  replied_at: Date | null;
  closed_at: Date | null;
  assigned_staff_id: string | null;
  assigned_name: string | null;
  recorded_by_staff_id: string | null;
  recorded_name: string | null;
  lapor_number: string | null;
  lapor_handed_at: Date | null;
}

interface NoteRow {
  id: string;
  complaint_id: string;
  body: string;
  created_at: Date;
  staff_id: string;
  staff_name: string;
}

interface PublicRow {
  code: string;
  office_name: string;
  office_slug: string;
  lapor_channel: string;
  time_zone: string;
  service_name: string | null;
  category: ComplaintCategory;
  description: string;
  status: ComplaintStatus;
  filed_at: Date;
  due_at: Date;
  rejection_reason: string | null;
  public_reply: string | null;
  replied_at: Date | null;
  closed_at: Date | null;
  lapor_number: string | null;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function toStaffView(row: StaffRow, notes: ComplaintNoteView[], now: Date): ComplaintStaffView {
  return {
    id: row.id,
    number: row.number,
    serviceId: row.service_id,
    serviceName: row.service_name,
    ticketNumber: row.issued_code !== null && row.ticket_number !== null ? formatTicketNumber(row.issued_code, row.ticket_number) : null,
    channel: row.channel,
    category: row.category,
    description: row.description,
    contactName: row.contact_name,
    contact: row.contact,
    status: row.status,
    filedAt: row.filed_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    overdue: isComplaintOverdue({ status: row.status, dueAt: row.due_at.getTime() }, now.getTime()),
    rejectionReason: row.rejection_reason,
    publicReply: row.public_reply,
    repliedAt: iso(row.replied_at),
    closedAt: iso(row.closed_at),
    assignedTo: row.assigned_staff_id ? { id: row.assigned_staff_id, name: row.assigned_name ?? '' } : null,
    recordedBy: row.recorded_by_staff_id ? { id: row.recorded_by_staff_id, name: row.recorded_name ?? '' } : null,
    laporNumber: row.lapor_number,
    laporHandedAt: iso(row.lapor_handed_at),
    notes,
  };
}

/** Complaints (pengaduan): their rows, notes and the office settings they depend on. */
@Injectable()
export class ComplaintsRepository {
  constructor(private readonly db: DataSource) {}

  async office(slug: string, tx: EntityManager = this.db.manager): Promise<ComplaintOfficeRow | null> {
    const [row] = await tx.query<ComplaintOfficeRow[]>(COMPLAINTS_SQL.office, [slug]);
    return row ?? null;
  }

  /** The office's services a citizen may choose; with `withInactive`, those closed since too (a report's names). */
  services(officeId: string, withInactive = false): Promise<{ id: string; code: string; name: string }[]> {
    return this.db.query(COMPLAINTS_SQL.services, [officeId, withInactive]);
  }

  async serviceInOffice(tx: EntityManager, serviceId: string, officeId: string): Promise<boolean> {
    return (await tx.query<unknown[]>(COMPLAINTS_SQL.serviceInOffice, [serviceId, officeId])).length > 0;
  }

  async ticketByCode(tx: EntityManager, trackingCode: string): Promise<ComplaintTicketRow | null> {
    const [row] = await tx.query<ComplaintTicketRow[]>(COMPLAINTS_SQL.ticketByCode, [trackingCode]);
    return row ?? null;
  }

  async ticketById(tx: EntityManager, ticketId: string): Promise<ComplaintTicketRow | null> {
    const [row] = await tx.query<ComplaintTicketRow[]>(COMPLAINTS_SQL.ticketById, [ticketId]);
    return row ?? null;
  }

  /** The complaint's office and agency (its service's; null when about no service), or null when there is no such complaint. */
  async officeOf(id: string): Promise<{ officeId: string; agencyId: string | null } | null> {
    const [row] = await this.db.query<{ office_id: string; agency_id: string | null }[]>(COMPLAINTS_SQL.officeOf, [id]);
    return row ? { officeId: row.office_id, agencyId: row.agency_id } : null;
  }

  async insert(tx: EntityManager, c: NewComplaint): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(COMPLAINTS_SQL.insert, [
      c.officeId,
      c.code,
      c.serviceId,
      c.ticketId,
      c.channel,
      c.category,
      c.description,
      c.contactName,
      c.contact,
      c.recordedBy,
      c.filedAt,
      c.dueAt,
    ]);
    return row.id;
  }

  async publicByCode(code: string): Promise<ComplaintPublicView | null> {
    const [row] = await this.db.query<PublicRow[]>(COMPLAINTS_SQL.publicByCode, [code]);
    if (!row) return null;
    return {
      code: row.code,
      officeName: row.office_name,
      officeSlug: row.office_slug,
      serviceName: row.service_name,
      category: row.category,
      description: row.description,
      status: row.status,
      filedAt: row.filed_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      rejectionReason: row.rejection_reason,
      publicReply: row.public_reply,
      repliedAt: iso(row.replied_at),
      closedAt: iso(row.closed_at),
      laporNumber: row.lapor_number,
      laporChannel: row.lapor_channel,
      timeZone: row.time_zone,
    };
  }

  private async withNotes(rows: StaffRow[], now: Date, tx: EntityManager): Promise<ComplaintStaffView[]> {
    if (rows.length === 0) return [];
    const notes = await tx.query<NoteRow[]>(COMPLAINTS_SQL.notes, [rows.map((row) => row.id)]);
    const byComplaint = new Map<string, ComplaintNoteView[]>();
    for (const note of notes) {
      const list = byComplaint.get(note.complaint_id) ?? [];
      list.push({ id: note.id, body: note.body, at: note.created_at.toISOString(), staff: { id: note.staff_id, name: note.staff_name } });
      byComplaint.set(note.complaint_id, list);
    }
    return rows.map((row) => toStaffView(row, byComplaint.get(row.id) ?? [], now));
  }

  async list(officeId: string, status: string | null, now: Date, agencyId: string | null = null): Promise<ComplaintStaffView[]> {
    return this.withNotes(await this.db.query<StaffRow[]>(COMPLAINTS_SQL.list, [officeId, status, now, agencyId]), now, this.db.manager);
  }

  async byId(id: string, now: Date, tx: EntityManager = this.db.manager): Promise<ComplaintStaffView | null> {
    const [view] = await this.withNotes(await tx.query<StaffRow[]>(COMPLAINTS_SQL.byId, [id]), now, tx);
    return view ?? null;
  }

  async lock(tx: EntityManager, id: string): Promise<LockedComplaint | null> {
    const [row] = await tx.query<LockedComplaint[]>(COMPLAINTS_SQL.lock, [id]);
    return row ?? null;
  }

  async setStatus(tx: EntityManager, id: string, status: ComplaintStatus, reason: string | null, at: Date): Promise<void> {
    await tx.query(COMPLAINTS_SQL.setStatus, [id, status, reason, at]);
  }

  async setReply(tx: EntityManager, id: string, reply: string, at: Date): Promise<void> {
    await tx.query(COMPLAINTS_SQL.setReply, [id, reply, at]);
  }

  async assign(tx: EntityManager, id: string, staffId: string | null): Promise<void> {
    await tx.query(COMPLAINTS_SQL.assign, [id, staffId]);
  }

  async staffOfOffice(tx: EntityManager, staffId: string, officeId: string): Promise<boolean> {
    return (await tx.query<unknown[]>(COMPLAINTS_SQL.staffOfOffice, [staffId, officeId])).length > 0;
  }

  async addNote(tx: EntityManager, id: string, staffId: string, body: string, at: Date): Promise<void> {
    await tx.query(COMPLAINTS_SQL.addNote, [id, staffId, body, at]);
  }

  async handToLapor(tx: EntityManager, id: string, laporNumber: string, at: Date): Promise<void> {
    await tx.query(COMPLAINTS_SQL.handToLapor, [id, laporNumber, at]);
  }

  async saveSettings(tx: EntityManager, officeId: string, responseWorkingDays: number, laporChannel: string): Promise<void> {
    await tx.query(COMPLAINTS_SQL.settings, [officeId, responseWorkingDays, laporChannel]);
  }

  async facts(officeId: string, from: string, to: string, agencyId: string | null = null): Promise<ComplaintFact[]> {
    const rows = await this.db.query<{ service_id: string | null; status: ComplaintStatus; filed_at: Date; due_at: Date; closed_at: Date | null }[]>(
      COMPLAINTS_SQL.facts,
      [officeId, from, to, agencyId],
    );
    return rows.map((row) => ({
      serviceId: row.service_id,
      status: row.status,
      filedAt: row.filed_at.getTime(),
      dueAt: row.due_at.getTime(),
      closedAt: row.closed_at ? row.closed_at.getTime() : null,
    }));
  }

  async exportRows(officeId: string, from: string, to: string, now: Date, agencyId: string | null = null): Promise<ComplaintStaffView[]> {
    return (await this.db.query<StaffRow[]>(COMPLAINTS_SQL.exportRows, [officeId, from, to, agencyId])).map((row) => toStaffView(row, [], now));
  }
}
