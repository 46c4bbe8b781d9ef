import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { serviceInAgency } from '../common/agency-scope-sql.js';
import { TICKET_VIEW_SELECT } from './tickets.repository.js';
import type { TicketViewRow } from './ticket-views.js';

export const END_OF_DAY_SQL = {
  // The waiting tickets of the office's day and any before it (a ticket is for its own day); of one agency's
  // services ($3, an agency supervisor's view: a waiting ticket is at no counter), or null: the whole office.
  waitingCount: `SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND status = 'waiting' AND service_day <= $2::date
         AND ${serviceInAgency('service_id', '$3')}`,
  // Locked as a transition locks one ticket (NO KEY UPDATE, tickets.repository.ts): a call taking one
  // of them waits for the step, then finds it closed; in issue order, so two steps lock alike.
  lockWaiting: `SELECT id FROM tickets WHERE office_id = $1 AND status = 'waiting' AND service_day <= $2::date ORDER BY issue_order FOR NO KEY UPDATE`,
  close: `UPDATE tickets SET status = 'closed_end_of_day' WHERE id = ANY($1::uuid[]) AND status = 'waiting'`,
  views: `${TICKET_VIEW_SELECT} WHERE t.id = ANY($1::uuid[]) ORDER BY t.issue_order`,
  // The offices the sweep looks at: those with anyone waiting (the partial index tickets_waiting_due).
  officesWithWaiting: `SELECT DISTINCT office_id FROM tickets WHERE status = 'waiting'`,
} as const;

/** The end-of-day step's reads and writes (libs/domain end-of-day.ts decides when it may run). */
@Injectable()
export class EndOfDayRepository {
  constructor(private readonly db: DataSource) {}

  async waitingCount(officeId: string, throughDay: string, agencyId: string | null = null, tx: EntityManager = this.db.manager): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(END_OF_DAY_SQL.waitingCount, [officeId, throughDay, agencyId]);
    return row.n;
  }

  /** Locks the waiting tickets of `throughDay` and earlier to the end of the transaction; their ids in issue order. */
  async lockWaiting(tx: EntityManager, officeId: string, throughDay: string): Promise<string[]> {
    return (await tx.query<{ id: string }[]>(END_OF_DAY_SQL.lockWaiting, [officeId, throughDay])).map((row) => row.id);
  }

  /** Closes the tickets (still waiting, as locked) and returns their views. */
  async close(tx: EntityManager, ids: readonly string[]): Promise<TicketViewRow[]> {
    await tx.query(END_OF_DAY_SQL.close, [ids]);
    return tx.query<TicketViewRow[]>(END_OF_DAY_SQL.views, [ids]);
  }

  async officesWithWaiting(): Promise<string[]> {
    return (await this.db.query<{ office_id: string }[]>(END_OF_DAY_SQL.officesWithWaiting)).map((row) => row.office_id);
  }
}
