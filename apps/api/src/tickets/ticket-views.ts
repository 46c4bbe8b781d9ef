import { type CallView, type PriorityCategory, type TicketStatus, type TicketView, formatTicketNumber } from '@loket/domain';

/** A ticket as `TICKET_VIEW_SELECT` (tickets.repository.ts) reads it. */
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
