import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnswerMethod, ChecklistAnswer, ChecklistKind, InteractionOutcome } from '@loket/domain';

/**
 * The responses that count: those no correction supersedes (migration 1764850000000). Every
 * query that reads answers or outcomes for a figure filters its response alias `r` with it,
 * and selects its period by `r.filed_at`, never `r.at`: a correction counts on the day of the
 * interaction it corrects (migration 1764920000000).
 */
export const CURRENT_RESPONSE = `NOT EXISTS (SELECT 1 FROM checklist_responses superseding WHERE superseding.supersedes_id = r.id)`;

export const CHECKLISTS_SQL = {
  items: `SELECT t.id AS template_id, t.kind, t.version AS template_version, i.id, i.code, i.label, i.sort_order, i.active
  FROM checklist_templates t JOIN checklist_items i ON i.template_id = t.id
  WHERE t.office_id = $1 ORDER BY t.kind, i.sort_order, i.code`,
  // ON CONFLICT: two first requests at once create the template once; the loser gets no row and adds no items.
  createTemplate: `INSERT INTO checklist_templates (office_id, kind) VALUES ($1, $2) ON CONFLICT (office_id, kind) DO NOTHING RETURNING id`,
  addItem: `INSERT INTO checklist_items (template_id, code, label, sort_order) VALUES ($1, $2, $3, $4)`,
  // The set-up's edits to a template's items (admin).
  updateItem: `UPDATE checklist_items SET label = $2, sort_order = $3, active = $4 WHERE id = $1`,
  insertItem: `INSERT INTO checklist_items (template_id, code, label, sort_order, active) VALUES ($1, $2, $3, $4, $5)`,
  // A correction is filed when the record it corrects was (migration 1764920000000): on the interaction's day.
  // With a version ($14, the template as kept in memory), nothing is written unless that version still stands
  // (migration 1765120000000): the caller reads the template again and retries.
  recordResponse: `INSERT INTO checklist_responses (office_id, template_id, kind, session_id, ticket_id, counter_id, subject_staff_id, answered_by_staff_id, method, outcome, note, at, supersedes_id, filed_at)
  SELECT $1::uuid, $2::uuid, $3::text, $4::uuid, $5::uuid, $6::uuid, $7::uuid, $8::uuid, $9::text, $10::text, $11::text, $12::timestamptz, $13::uuid,
         COALESCE((SELECT corrected.filed_at FROM checklist_responses corrected WHERE corrected.id = $13::uuid), $12::timestamptz)
  WHERE $14::integer IS NULL OR EXISTS (SELECT 1 FROM checklist_templates v WHERE v.id = $2::uuid AND v.version = $14::integer)
  RETURNING id`,
  // The ticket is locked first, so two corrections of one interaction run one after the other.
  lockTicket: `SELECT id, office_id FROM tickets WHERE id = $1 FOR NO KEY UPDATE`,
  // The officer's own interaction record of a ticket as it stands, and when it was first saved (the window's start).
  currentInteraction: `SELECT r.id, r.counter_id, r.subject_staff_id, r.answered_by_staff_id,
         (SELECT min(first.at) FROM checklist_responses first WHERE first.ticket_id = r.ticket_id AND first.kind = 'interaction' AND first.method <> 'observed') AS first_saved_at
  FROM checklist_responses r
  WHERE r.ticket_id = $1 AND r.kind = 'interaction' AND r.method <> 'observed' AND ${CURRENT_RESPONSE}`,
  recordAnswers: `INSERT INTO checklist_answers (response_id, item_id, item_code, answer)
  SELECT $1, unnest($2::uuid[]), unnest($3::text[]), unnest($4::text[])`,
} as const;

export interface ChecklistItemRow {
  template_id: string;
  kind: ChecklistKind;
  /** Raised by the database on every change to the template's items (migration 1765120000000). */
  template_version: number;
  id: string;
  code: string;
  label: string;
  sort_order: number;
  active: boolean;
}

export interface ChecklistResponseRecord {
  officeId: string;
  templateId: string;
  kind: ChecklistKind;
  sessionId: string | null;
  ticketId: string | null;
  counterId: string | null;
  subjectStaffId: string;
  answeredByStaffId: string;
  method: AnswerMethod;
  outcome: InteractionOutcome | null;
  note: string | null;
  at: Date;
  /** The response this one corrects, if it is a correction. */
  supersedesId?: string | null;
  /** The template's version the answers were checked against; null writes whatever it is now. */
  templateVersion?: number | null;
  answers: readonly { itemId: string; code: string; answer: ChecklistAnswer }[];
}

export interface ChecklistItemColumns {
  label: string;
  sortOrder: number;
  active: boolean;
}

interface IdRow {
  id: string;
}

export interface InteractionRecordRow {
  id: string;
  counter_id: string | null;
  subject_staff_id: string;
  answered_by_staff_id: string;
  first_saved_at: Date;
}

/** Checklist templates, the set-up's edits to their items, and the answers recorded with the state change they belong to; always inside the caller's transaction. */
@Injectable()
export class ChecklistsRepository {
  items(tx: EntityManager, officeId: string): Promise<ChecklistItemRow[]> {
    return tx.query<ChecklistItemRow[]>(CHECKLISTS_SQL.items, [officeId]);
  }

  /** Creates the office's template of `kind` with its items, unless it exists (then false). */
  async createTemplate(tx: EntityManager, officeId: string, kind: ChecklistKind, items: readonly { code: string; label: string }[]): Promise<boolean> {
    const [created] = await tx.query<IdRow[]>(CHECKLISTS_SQL.createTemplate, [officeId, kind]);
    if (!created) return false;
    for (const [order, item] of items.entries()) {
      await tx.query(CHECKLISTS_SQL.addItem, [created.id, item.code, item.label, order + 1]);
    }
    return true;
  }

  async updateItem(tx: EntityManager, itemId: string, item: ChecklistItemColumns): Promise<void> {
    await tx.query(CHECKLISTS_SQL.updateItem, [itemId, item.label, item.sortOrder, item.active]);
  }

  async insertItem(tx: EntityManager, templateId: string, code: string, item: ChecklistItemColumns): Promise<void> {
    await tx.query(CHECKLISTS_SQL.insertItem, [templateId, code, item.label, item.sortOrder, item.active]);
  }

  /** Locks the ticket; its office, or null when there is no such ticket. */
  async lockTicket(tx: EntityManager, ticketId: string): Promise<{ id: string; office_id: string } | null> {
    const [row] = await tx.query<{ id: string; office_id: string }[]>(CHECKLISTS_SQL.lockTicket, [ticketId]);
    return row ?? null;
  }

  async currentInteraction(tx: EntityManager, ticketId: string): Promise<InteractionRecordRow | null> {
    const [row] = await tx.query<InteractionRecordRow[]>(CHECKLISTS_SQL.currentInteraction, [ticketId]);
    return row ?? null;
  }

  /** Stores the response and its answers; false, writing nothing, when the template is no longer at `templateVersion`. */
  async record(tx: EntityManager, response: ChecklistResponseRecord): Promise<boolean> {
    const [row] = await tx.query<IdRow[]>(CHECKLISTS_SQL.recordResponse, [
      response.officeId,
      response.templateId,
      response.kind,
      response.sessionId,
      response.ticketId,
      response.counterId,
      response.subjectStaffId,
      response.answeredByStaffId,
      response.method,
      response.outcome,
      response.note,
      response.at,
      response.supersedesId ?? null,
      response.templateVersion ?? null,
    ]);
    if (!row) return false;
    const { answers } = response;
    await tx.query(CHECKLISTS_SQL.recordAnswers, [row.id, answers.map((a) => a.itemId), answers.map((a) => a.code), answers.map((a) => a.answer)]);
    return true;
  }
}
