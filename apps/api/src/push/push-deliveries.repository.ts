import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PushLanguage, PushSource, TicketStatus } from '@loket/domain';

/**
 * Whether a browser is subscribed to the event's ticket (or to the booking it came from), so
 * the outbox row is worth writing for web push alone (`outboxWantedSql` of
 * notifications/outbox.repository.ts). `office`, `type` and `subject` are SQL expressions;
 * `subject` is `'ticket:' || id`, another subject, or NULL for "anyone in the office".
 * The CASE keeps a booking's subject from being cast to a ticket id.
 */
export function pushWantedSql(office: string, type: string, subject: string): string {
  const ticket = `(CASE WHEN ${subject} LIKE 'ticket:%' THEN substr(${subject}, 8)::uuid END)`;
  return `(${type} IN ('ticket.near', 'ticket.called', 'ticket.recalled') AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.office_id = ${office}
      AND (${subject} IS NULL OR p.ticket_id = ${ticket} OR p.booking_id IN (SELECT b.id FROM bookings b WHERE b.ticket_id = ${ticket}))))`;
}

export const PUSH_DELIVERIES_SQL = {
  /*
   * Claims up to $3 due pushes for this instance until $2 (a lease: a crash mid-send lets
   * another instance take them after it), in one short statement, so no transaction is held
   * across a send; with what sending needs: the event, the browser, the ticket's status now.
   * $1 now.
   */
  // The offices with a subscribed browser: only their changes kick the dispatcher (`DispatchLoop`).
  officesWanting: `SELECT DISTINCT office_id FROM push_subscriptions`,
  claim: `WITH due AS (
    SELECT d.id FROM push_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
    ORDER BY d.next_attempt_at, d.id
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE push_deliveries d SET leased_until = $2, attempts = d.attempts + 1 FROM due WHERE d.id = due.id
    RETURNING d.id, d.outbox_id, d.subscription_id, d.attempts
  )
  SELECT c.id, c.attempts, o.type, o.data, o.occurred_at, s.endpoint, s.p256dh, s.auth, s.language, t.id AS ticket_id, t.status AS ticket_status
  FROM claimed c JOIN outbox o ON o.id = c.outbox_id JOIN push_subscriptions s ON s.id = c.subscription_id
  JOIN tickets t ON t.id = substr(o.subject_key, 8)::uuid`,
  // What became of each claimed push ($1: [{id, status, next, last_status}] as JSON; $2 now). A push whose browser is gone was deleted with it.
  record: `UPDATE push_deliveries d
  SET status = x.status, next_attempt_at = coalesce(x.next, d.next_attempt_at), leased_until = NULL, last_status = x.last_status,
      finished_at = CASE WHEN x.status = 'pending' THEN NULL ELSE $2::timestamptz END
  FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, status text, next timestamptz, last_status int)
  WHERE d.id = x.id`,
} as const;

export interface ClaimedPush {
  id: string;
  attempts: number;
  type: string;
  data: PushSource & { link: string };
  occurred_at: Date;
  endpoint: string;
  p256dh: string;
  auth: string;
  language: PushLanguage;
  ticket_id: string;
  ticket_status: TicketStatus;
}

export interface PushDeliveryOutcome {
  id: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  next: Date | null;
  last_status: number | null;
}

@Injectable()
export class PushDeliveriesRepository {
  constructor(private readonly db: DataSource) {}

  async officesWanting(): Promise<ReadonlySet<string>> {
    return new Set((await this.db.query<{ office_id: string }[]>(PUSH_DELIVERIES_SQL.officesWanting)).map((row) => row.office_id));
  }

  claim(now: Date, leasedUntil: Date, limit: number): Promise<ClaimedPush[]> {
    return this.db.query<ClaimedPush[]>(PUSH_DELIVERIES_SQL.claim, [now, leasedUntil, limit]);
  }

  async record(outcomes: PushDeliveryOutcome[], now: Date): Promise<void> {
    if (outcomes.length > 0) await this.db.query(PUSH_DELIVERIES_SQL.record, [JSON.stringify(outcomes), now]);
  }
}
