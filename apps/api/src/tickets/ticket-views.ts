import type { EntityManager } from 'typeorm';
import { type CallView, type PriorityCategory, type TicketStatus, type TicketView, formatTicketNumber } from '@loket/domain';

/** The one select every ticket view is read with. */
export const TICKET_VIEW_SELECT = `
  SELECT t.id, t.office_id, t.issued_code, t.number, t.service_id, s.code AS service_code, t.priority, t.status,
         t.issued_at, t.due_at, t.issue_order, t.counter_id, c.number AS counter_number, c.name AS counter_name,
         t.called_at, t.started_at, t.finished_at, t.recall_count
  FROM tickets t
  JOIN services s ON s.id = t.service_id
  LEFT JOIN counters c ON c.id = t.counter_id`;

export interface TicketViewRow {
  id: string;
  office_id: string;
  issued_code: string;
  number: number;
  service_id: string;
  service_code: string;
  priority: PriorityCategory | null;
  status: TicketStatus;
  issued_at: Date;
  due_at: Date;
  issue_order: string;
  counter_id: string | null;
  counter_number: number | null;
  counter_name: string | null;
  called_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  recall_count: number;
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

export function toTicketView(row: TicketViewRow): TicketView {
  return {
    id: row.id,
    number: formatTicketNumber(row.issued_code, row.number),
    serviceId: row.service_id,
    serviceCode: row.service_code,
    priority: row.priority,
    status: row.status,
    issuedAt: row.issued_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    issueOrder: Number(row.issue_order),
    counterId: row.counter_id,
    counterNumber: row.counter_number,
    calledAt: iso(row.called_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    recallCount: row.recall_count,
  };
}

export async function readTicketRow(manager: EntityManager, ticketId: string): Promise<TicketViewRow | undefined> {
  const [row] = await manager.query<TicketViewRow[]>(`${TICKET_VIEW_SELECT} WHERE t.id = $1`, [ticketId]);
  return row;
}

export function toCallView(row: TicketViewRow, at: Date, recall: boolean): CallView {
  if (!row.counter_id || row.counter_number === null || row.counter_name === null) {
    throw new Error(`Ticket ${row.id} was called but has no counter`);
  }
  return {
    ticketId: row.id,
    number: formatTicketNumber(row.issued_code, row.number),
    serviceId: row.service_id,
    counterId: row.counter_id,
    counterNumber: row.counter_number,
    counterName: row.counter_name,
    at: at.toISOString(),
    recall,
  };
}
