import { Injectable } from '@nestjs/common';
import {
  AUDIT_SOURCES,
  type AuditEntryView,
  type AuditPage,
  type AuditSource,
  type StaffView,
  RuleError,
  formatTicketNumber,
  invalidField,
} from '@loket/domain';
import { visibleOfficeIds } from './admin-scope.js';
import { AuditRepository, type TrailRow } from './audit.repository.js';
import type { AuditQueryDto } from './dto/audit-query.dto.js';

const DEFAULT_LIMIT = 50;

/**
 * The audit trail, read-only: admin changes (audit_log) together with every staff action
 * the queue already records with actor, counter and time — on tickets (ticket_events), on
 * counter sessions (counter_session_events), observations (checklist_responses) and alert
 * acknowledgements (supervision_alerts). The first four refuse UPDATE and DELETE in the database.
 */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async page(query: AuditQueryDto, staff: StaffView): Promise<AuditPage> {
    const visible = visibleOfficeIds(staff);
    if (query.officeId && visible && !visible.includes(query.officeId)) throw new RuleError('not_your_office', 'You do not work in this office');
    const offices = query.officeId ? [query.officeId] : visible;
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.from && query.to && query.from >= query.to) {
      throw new RuleError('validation_failed', 'from must be before to', [{ field: 'to', problems: ['to must be after from'] }]);
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.audit.trail({
      officeIds: offices,
      actorId: query.actorId ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      action: query.action ?? null,
      cursor,
      limit: limit + 1,
    });
    const more = rows.length > limit;
    const entries = rows.slice(0, limit);
    const last = entries.at(-1);
    return { entries: entries.map(toEntry), nextCursor: more && last ? encodeCursor([last.at_micros, last.source, last.k]) : null };
  }
}

function toEntry(row: TrailRow): AuditEntryView {
  return {
    id: `${row.source}:${row.id}`,
    source: row.source,
    at: row.at.toISOString(),
    actor: row.actor_staff_id
      ? { id: row.actor_staff_id, name: row.actor_name ?? '', username: row.actor_username ?? '', role: row.actor_role ?? 'officer' }
      : null,
    officeId: row.office_id,
    officeName: row.office_name,
    counterId: row.counter_id,
    counterNumber: row.counter_number,
    counterName: row.counter_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectLabel: row.ticket_code !== null && row.ticket_number !== null ? formatTicketNumber(row.ticket_code, row.ticket_number) : row.subject_label,
    before: row.before,
    after: row.after,
  };
}

/** The last entry's instant in microseconds since the epoch (exact, unlike a JS Date), source and sort key. */
type Cursor = [atMicros: string, source: AuditSource, key: string];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const malformed = () => invalidField('cursor', 'cursor is malformed');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    typeof value[0] !== 'string' ||
    !/^\d{1,17}$/.test(value[0]) ||
    !(AUDIT_SOURCES as readonly unknown[]).includes(value[1]) ||
    typeof value[2] !== 'string' ||
    !/^(\d{19}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(value[2])
  ) {
    throw malformed();
  }
  return value as Cursor;
}
