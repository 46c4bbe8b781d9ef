import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingRecord, BookingStatus } from '@loket/domain';
import { serviceInAgency } from '../common/agency-scope-sql.js';

/**
 * The rows libs/domain's booking figures (`booking-figures.ts`) are computed from, for the
 * supervisor's screen of today and the reports: an office's bookings of some days, each with
 * its ticket's first call and when that ticket ended without one; with an agency, only its
 * services' bookings (common/agency-scope-sql.ts). `bookings_reference_key` leads with the
 * office and the day, so a day reads only its own bookings; each ticket's events by `ticket_events_ticket`.
 */
export const BOOKING_RECORDS_SQL = {
  // $1 office, $2 first day, $3 last day, $4 agency (null: the whole office).
  records: `SELECT b.service_id, b.service_day::text AS day, b.slot_starts_at, b.slot_ends_at, b.status, coalesce(b.late, false) AS late,
         (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = b.ticket_id AND e.type = 'called') AS called_at,
         (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = b.ticket_id AND e.type IN ('cancelled', 'closed_end_of_day')) AS left_at
       FROM bookings b
       WHERE b.office_id = $1 AND b.service_day BETWEEN $2::date AND $3::date AND ${serviceInAgency('b.service_id', '$4')}
       ORDER BY b.service_day, b.slot_starts_at, b.created_at`,
  // The services a booking view lists: those taking bookings, and any with a booking in the days. $1 office, $2 first day, $3 last day, $4 agency.
  services: `SELECT s.id, s.code, s.name FROM services s
       WHERE s.office_id = $1 AND ${serviceInAgency('s.id', '$4')}
         AND ((s.booking_settings ->> 'enabled')::boolean IS TRUE
              OR EXISTS (SELECT 1 FROM bookings b WHERE b.office_id = $1 AND b.service_id = s.id AND b.service_day BETWEEN $2::date AND $3::date))
       ORDER BY s.sort_order, s.code`,
} as const;

interface RecordRow {
  service_id: string;
  day: string;
  slot_starts_at: Date;
  slot_ends_at: Date;
  status: BookingStatus;
  late: boolean;
  called_at: Date | null;
  left_at: Date | null;
}

export interface BookingDaysScope {
  officeId: string;
  from: string;
  to: string;
  agencyId: string | null;
}

@Injectable()
export class BookingRecordsRepository {
  constructor(private readonly db: DataSource) {}

  async records(scope: BookingDaysScope): Promise<(BookingRecord & { day: string })[]> {
    const rows = await this.db.query<RecordRow[]>(BOOKING_RECORDS_SQL.records, [scope.officeId, scope.from, scope.to, scope.agencyId]);
    return rows.map((row) => ({
      serviceId: row.service_id,
      day: row.day,
      slotStartsAt: row.slot_starts_at.getTime(),
      slotEndsAt: row.slot_ends_at.getTime(),
      status: row.status,
      late: row.late,
      calledAt: row.called_at?.getTime() ?? null,
      leftAt: row.left_at?.getTime() ?? null,
    }));
  }

  services(scope: BookingDaysScope): Promise<{ id: string; code: string; name: string }[]> {
    return this.db.query<{ id: string; code: string; name: string }[]>(BOOKING_RECORDS_SQL.services, [scope.officeId, scope.from, scope.to, scope.agencyId]);
  }
}
