import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AdminAction, AuditSource, StaffRole } from '@loket/domain';

// Each source applies every filter itself ($1 offices, $2 actor, $3 from, $4 to, $5 action, $6–$8 cursor),
// so each reads its own index; the sources meet in one order: newest first, then source, then key.
// The key is the row id as sortable text: bigint ids zero-padded, uuids as they are.
const branch = (source: AuditSource, alias: string, action: string) => `
  ($1::uuid[] IS NULL OR ${alias}.office_key = ANY($1::uuid[]))
  AND ($2::uuid IS NULL OR ${alias}.actor_key = $2::uuid)
  AND ($3::timestamptz IS NULL OR ${alias}.at_key >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR ${alias}.at_key < $4::timestamptz)
  AND ($5::text IS NULL OR ${action} = $5::text OR ${action} LIKE $5::text || '.%')
  AND ($6::bigint IS NULL OR (${alias}.at_key, '${source}'::text, ${alias}.k) < ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::text, $8::text))`;

const padded = (column: string) => `lpad(${column}::text, 19, '0')`;

export const AUDIT_SQL = {
  insert: `INSERT INTO audit_log (at, actor_staff_id, office_id, counter_id, action, subject_type, subject_id, subject_label, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
  trail: `
  WITH trail AS (
    SELECT 'admin'::text AS source, a.id::text AS id, a.k, a.at, a.actor_staff_id, a.office_id, a.counter_id, a.action, a.subject_type, a.subject_id,
           a.subject_label, NULL::text AS ticket_code, NULL::int AS ticket_number, a.before, a.after
    FROM (SELECT *, ${padded('id')} AS k, office_id AS office_key, actor_staff_id AS actor_key, at AS at_key FROM audit_log) a
    WHERE ${branch('admin', 'a', 'a.action')}
    UNION ALL
    SELECT 'ticket', e.id::text, e.k, e.at, e.actor_staff_id, e.office_id, e.counter_id, 'ticket.' || e.type, 'ticket', e.ticket_id::text,
           NULL, t.issued_code, t.number, NULL, e.payload
    FROM (SELECT *, ${padded('id')} AS k, office_id AS office_key, actor_staff_id AS actor_key, at AS at_key FROM ticket_events WHERE actor_kind = 'staff') e
    JOIN tickets t ON t.id = e.ticket_id
    WHERE ${branch('ticket', 'e', `('ticket.' || e.type)`)}
    UNION ALL
    SELECT 'counter', ce.id::text, ce.k, ce.at, ce.actor_staff_id, ce.office_key, ce.counter_id, 'counter.' || ce.type, 'counter_session', ce.session_id::text,
           NULL, NULL, NULL, NULL,
           CASE WHEN ce.reason IS NULL AND ce.note IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object('reason', ce.reason, 'note', ce.note)) END
    FROM (SELECT x.*, ${padded('x.id')} AS k, c.office_id AS office_key, x.actor_staff_id AS actor_key, x.at AS at_key
          FROM counter_session_events x JOIN counters c ON c.id = x.counter_id) ce
    WHERE ${branch('counter', 'ce', `('counter.' || ce.type)`)}
    UNION ALL
    -- A supervisor watching an officer at work: the observation checklist, who was observed and what was ticked.
    -- An officer correcting the interaction record they saved: the record before and after, on the ticket.
    SELECT 'checklist', r.id::text, r.k, r.at, r.answered_by_staff_id, r.office_id, r.counter_id, r.action,
           CASE WHEN r.supersedes_id IS NULL THEN 'staff' ELSE 'ticket' END,
           CASE WHEN r.supersedes_id IS NULL THEN r.subject_staff_id ELSE r.ticket_id END::text,
           CASE WHEN r.supersedes_id IS NULL THEN (SELECT name FROM staff WHERE id = r.subject_staff_id) END,
           t.issued_code, t.number,
           (SELECT jsonb_build_object('method', old.method, 'outcome', old.outcome, 'note', old.note,
              'answers', (SELECT jsonb_object_agg(a.item_code, a.answer) FROM checklist_answers a WHERE a.response_id = old.id))
            FROM checklist_responses old WHERE old.id = r.supersedes_id),
           jsonb_build_object('kind', r.kind, 'method', r.method, 'outcome', r.outcome, 'note', r.note,
             'answers', (SELECT jsonb_object_agg(a.item_code, a.answer) FROM checklist_answers a WHERE a.response_id = r.id))
    FROM (SELECT *, id::text AS k, office_id AS office_key, answered_by_staff_id AS actor_key, at AS at_key,
                 CASE WHEN supersedes_id IS NULL THEN 'checklist.observed' ELSE 'checklist.corrected' END AS action
          FROM checklist_responses WHERE method = 'observed' OR supersedes_id IS NOT NULL) r
    LEFT JOIN tickets t ON t.id = r.ticket_id AND r.supersedes_id IS NOT NULL
    WHERE ${branch('checklist', 'r', 'r.action')}
    UNION ALL
    -- An alert a supervisor acknowledged: who and when are kept on the alert's row.
    SELECT 'alert', l.id::text, l.k, l.at_key, l.acknowledged_by_staff_id, l.office_id, l.counter_id, 'alert.acknowledged', 'alert', l.id::text,
           l.subject, NULL, NULL, NULL, jsonb_build_object('kind', l.kind, 'since', l.since, 'raisedAt', l.raised_at)
    FROM (SELECT *, id::text AS k, office_id AS office_key, acknowledged_by_staff_id AS actor_key, acknowledged_at AS at_key
          FROM supervision_alerts WHERE acknowledged_at IS NOT NULL) l
    WHERE ${branch('alert', 'l', `'alert.acknowledged'`)}
  )
  SELECT tr.*, (extract(epoch FROM tr.at) * 1000000)::bigint::text AS at_micros, s.name AS actor_name, s.username AS actor_username, s.role AS actor_role,
         o.name AS office_name, c.number AS counter_number, c.name AS counter_name
  FROM trail tr
  LEFT JOIN staff s ON s.id = tr.actor_staff_id
  LEFT JOIN offices o ON o.id = tr.office_id
  LEFT JOIN counters c ON c.id = tr.counter_id
  ORDER BY tr.at DESC, tr.source DESC, tr.k DESC
  LIMIT $9`,
} as const;

export interface AuditRecord {
  actorId: string;
  officeId: string | null;
  counterId?: string | null;
  action: AdminAction;
  subjectType:
    'office' | 'service' | 'counter' | 'staff' | 'checklist_template' | 'maklumat' | 'complaint' | 'ikm_publication' | 'agency' | 'zone' | 'webhook_endpoint';
  subjectId: string;
  subjectLabel: string | null;
  before: unknown;
  after: unknown;
}

export interface TrailRow {
  source: AuditSource;
  id: string;
  at: Date;
  at_micros: string;
  k: string;
  actor_staff_id: string | null;
  office_id: string | null;
  counter_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  subject_label: string | null;
  ticket_code: string | null;
  ticket_number: number | null;
  before: unknown;
  after: unknown;
  actor_name: string | null;
  actor_username: string | null;
  actor_role: StaffRole | null;
  office_name: string | null;
  counter_number: number | null;
  counter_name: string | null;
}

/** A page of the trail: the filters (null: any) and where the previous page ended. */
export interface TrailQuery {
  officeIds: readonly string[] | null;
  actorId: string | null;
  from: string | null;
  to: string | null;
  action: string | null;
  cursor: readonly [atMicros: string, source: AuditSource, key: string] | null;
  limit: number;
}

/** The audit log (append-only) and the trail read from it and from every staff action the queue records. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  /** In the caller's transaction: the change and its record commit together or not at all. */
  async insert(tx: EntityManager, entry: AuditRecord, at: Date): Promise<void> {
    await tx.query(AUDIT_SQL.insert, [
      at,
      entry.actorId,
      entry.officeId,
      entry.counterId ?? null,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.subjectLabel,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
    ]);
  }

  trail(query: TrailQuery): Promise<TrailRow[]> {
    return this.db.query<TrailRow[]>(AUDIT_SQL.trail, [
      query.officeIds,
      query.actorId,
      query.from,
      query.to,
      query.action,
      query.cursor?.[0] ?? null,
      query.cursor?.[1] ?? null,
      query.cursor?.[2] ?? null,
      query.limit,
    ]);
  }
}
