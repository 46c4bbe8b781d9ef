import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { serviceInAgency } from '../common/agency-scope-sql.js';
import type { ReportOfficeRow } from './reports.repository.js';
import type { PriorityCategory, PriorityFact, ServiceChange, TicketStatus } from '@loket/domain';

export const COMPLIANCE_SQL = {
  // Every audited change of the office's services, oldest first: the domain counts the standard's versions.
  serviceChanges: `SELECT subject_id AS service_id, action, at, before, after FROM audit_log
    WHERE office_id = $1 AND subject_type = 'service' AND action IN ('service.created', 'service.updated')
    ORDER BY at, id`,
  // The period's priority tickets (issued on its office-local days) with their first call, and the
  // maximum wait of the service they were issued for; the domain holds them to `maxWaitFor`. With an
  // agency ($4), those issued for its services only (an agency supervisor's pack).
  priorityTickets: `SELECT t.priority, t.status, t.issued_at, s.max_wait_minutes,
      (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'called') AS first_called_at
    FROM tickets t JOIN services s ON s.id = t.issued_service_id
    WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date AND t.priority IS NOT NULL
      AND ${serviceInAgency('t.issued_service_id', '$4')}`,
  // The office, read once for the whole pack: what each part needs of it.
  office: `SELECT id, slug, name, address, city, time_zone, lapor_channel, complaint_response_days, priority_max_wait_minutes FROM offices WHERE slug = $1`,
} as const;

/** The office as the compliance pack's parts need it. */
export interface PackOfficeRow extends ReportOfficeRow {
  lapor_channel: string;
  complaint_response_days: number;
  priority_max_wait_minutes: number;
}

interface ServiceChangeRow {
  service_id: string;
  action: ServiceChange['action'];
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface PriorityTicketRow {
  priority: PriorityCategory;
  status: TicketStatus;
  issued_at: Date;
  max_wait_minutes: number;
  first_called_at: Date | null;
}

/** What only the compliance pack reads: the audited changes of the services, and the period's priority tickets. */
@Injectable()
export class ComplianceRepository {
  constructor(private readonly db: DataSource) {}

  async serviceChanges(officeId: string): Promise<ServiceChange[]> {
    const rows = await this.db.query<ServiceChangeRow[]>(COMPLIANCE_SQL.serviceChanges, [officeId]);
    return rows.map((row) => ({ serviceId: row.service_id, action: row.action, at: row.at.getTime(), before: row.before, after: row.after }));
  }

  async priorityTickets(officeId: string, from: string, to: string, agencyId: string | null = null): Promise<PriorityFact[]> {
    const rows = await this.db.query<PriorityTicketRow[]>(COMPLIANCE_SQL.priorityTickets, [officeId, from, to, agencyId]);
    return rows.map((row) => ({
      group: row.priority,
      status: row.status,
      issuedAt: row.issued_at.getTime(),
      firstCalledAt: row.first_called_at?.getTime() ?? null,
      serviceMaxWaitMinutes: row.max_wait_minutes,
    }));
  }

  async office(slug: string): Promise<PackOfficeRow | null> {
    const [row] = await this.db.query<PackOfficeRow[]>(COMPLIANCE_SQL.office, [slug]);
    return row ?? null;
  }
}
