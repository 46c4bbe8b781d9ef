import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingStatus, PushSubscriptionInput, TicketStatus } from '@loket/domain';

export const PUSH_SQL = {
  // What a subscription by tracking code is for.
  ticketByTrackingCode: `SELECT t.id, t.office_id, t.status, t.issued_at FROM tickets t WHERE t.tracking_code = $1`,
  // What a subscription by booking code is for, with the ticket it became at check-in.
  bookingByCode: `SELECT b.id, b.office_id, b.status, b.slot_ends_at, t.status AS ticket_status, t.issued_at AS ticket_issued_at
  FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id WHERE b.code = $1`,
  /*
   * One subscription per browser (endpoint) per ticket: subscribing again from the same
   * browser replaces the keys and the language. $1 ticket, $2 endpoint, $3 p256dh, $4 auth,
   * $5 language, $6 now, $7 office.
   */
  subscribeTicket: `INSERT INTO push_subscriptions (ticket_id, endpoint, p256dh, auth, language, created_at, office_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (ticket_id, endpoint) WHERE ticket_id IS NOT NULL DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language`,
  // The same per booking. $1 booking, $2–$7 as above.
  subscribeBooking: `INSERT INTO push_subscriptions (booking_id, endpoint, p256dh, auth, language, created_at, office_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (booking_id, endpoint) WHERE booking_id IS NOT NULL DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language`,
  // The push service answered 404/410: the browser dropped this subscription, for every ticket it was used for.
  removeEndpoint: `DELETE FROM push_subscriptions WHERE endpoint = $1`,
  /*
   * Subscriptions whose ticket or booking is over: a ticket a day after it was issued, a
   * booking once cancelled, or a day after its slot (or its check-in ticket) began.
   * $1 = now minus PUSH_SUBSCRIPTION_HOURS.
   */
  pruneExpired: `DELETE FROM push_subscriptions s WHERE s.id IN (
    SELECT x.id FROM push_subscriptions x
    LEFT JOIN tickets t ON t.id = x.ticket_id
    LEFT JOIN bookings b ON b.id = x.booking_id
    LEFT JOIN tickets bt ON bt.id = b.ticket_id
    WHERE t.issued_at < $1 OR b.status = 'cancelled' OR coalesce(bt.issued_at, b.slot_ends_at) < $1)`,
} as const;

export interface PushTicketRow {
  id: string;
  office_id: string;
  status: TicketStatus;
  issued_at: Date;
}

export interface PushBookingRow {
  id: string;
  office_id: string;
  status: BookingStatus;
  slot_ends_at: Date;
  ticket_status: TicketStatus | null;
  ticket_issued_at: Date | null;
}

@Injectable()
export class PushSubscriptionsRepository {
  constructor(private readonly db: DataSource) {}

  async ticket(trackingCode: string): Promise<PushTicketRow | null> {
    const [row] = (await this.db.query(PUSH_SQL.ticketByTrackingCode, [trackingCode])) as PushTicketRow[];
    return row ?? null;
  }

  async booking(code: string): Promise<PushBookingRow | null> {
    const [row] = (await this.db.query(PUSH_SQL.bookingByCode, [code])) as PushBookingRow[];
    return row ?? null;
  }

  async subscribe(target: { officeId: string } & ({ ticketId: string } | { bookingId: string }), input: PushSubscriptionInput, now: Date): Promise<void> {
    const [sql, id] = 'ticketId' in target ? [PUSH_SQL.subscribeTicket, target.ticketId] : [PUSH_SQL.subscribeBooking, target.bookingId];
    await this.db.query(sql, [id, input.endpoint, input.keys.p256dh, input.keys.auth, input.language, now, target.officeId]);
  }

  async removeEndpoint(endpoint: string): Promise<void> {
    await this.db.query(PUSH_SQL.removeEndpoint, [endpoint]);
  }

  async pruneExpired(before: Date): Promise<void> {
    await this.db.query(PUSH_SQL.pruneExpired, [before]);
  }
}
