import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CHECKLIST_KINDS,
  type ChecklistKind,
  type ChecklistSubmission,
  type ChecklistTemplateView,
  DEFAULT_CHECKLIST_ITEMS,
  type InteractionOutcome,
  RuleError,
  type StaffView,
  validateAnswers,
} from '@loket/domain';
import { assertOfficeAccess } from '../common/office-access.js';
import { OfficesService } from '../offices/offices.service.js';

interface ItemRow {
  template_id: string;
  kind: ChecklistKind;
  id: string;
  code: string;
  label: string;
  sort_order: number;
  active: boolean;
}

/** What a shift-start or interaction checklist is attached to. */
export type ChecklistSubject =
  | { kind: 'shift_start'; officeId: string; sessionId: string; counterId: string; subjectStaffId: string }
  | {
      kind: 'interaction';
      officeId: string;
      ticketId: string;
      counterId: string | null;
      subjectStaffId: string;
      outcome: InteractionOutcome;
      note: string | null;
    };

/** Etiquette checklist templates per office, and the answers recorded with the state change they belong to. */
@Injectable()
export class ChecklistsService {
  constructor(
    private readonly db: DataSource,
    private readonly offices: OfficesService,
  ) {}

  async forOffice(slug: string, staff: StaffView): Promise<ChecklistTemplateView[]> {
    const office = await this.offices.bySlug(slug);
    assertOfficeAccess(staff, office.id);
    return this.db.transaction((manager) => this.templates(manager, office.id));
  }

  /** The office's templates, creating the default ones (DESIGN.md, Etiquette) for an office that has none yet. */
  async templates(manager: EntityManager, officeId: string): Promise<ChecklistTemplateView[]> {
    let rows = await this.itemRows(manager, officeId);
    const present = new Set(rows.map((row) => row.kind));
    if (CHECKLIST_KINDS.some((kind) => !present.has(kind))) {
      for (const kind of CHECKLIST_KINDS) {
        // ON CONFLICT: two first requests at once create the template once; the loser adds no items.
        const [created] = await manager.query<{ id: string }[]>(
          `INSERT INTO checklist_templates (office_id, kind) VALUES ($1, $2) ON CONFLICT (office_id, kind) DO NOTHING RETURNING id`,
          [officeId, kind],
        );
        if (!created) continue;
        for (const [order, item] of DEFAULT_CHECKLIST_ITEMS[kind].entries()) {
          await manager.query(`INSERT INTO checklist_items (template_id, code, label, sort_order) VALUES ($1, $2, $3, $4)`, [created.id, item.code, item.label, order + 1]);
        }
      }
      rows = await this.itemRows(manager, officeId);
    }
    return CHECKLIST_KINDS.map((kind) => {
      const items = rows.filter((row) => row.kind === kind);
      return {
        id: items[0]?.template_id ?? '',
        kind,
        items: items.map((row) => ({ id: row.id, code: row.code, label: row.label, order: row.sort_order, active: row.active })),
      };
    });
  }

  /**
   * Validates the answers against the template's active items (400 naming what is off)
   * and stores them, inside the caller's transaction, so the checklist and the state
   * change it belongs to are written together or not at all.
   */
  async record(manager: EntityManager, subject: ChecklistSubject, submission: ChecklistSubmission, answeredBy: StaffView, now: Date): Promise<void> {
    if (submission.method === 'observed' && answeredBy.role === 'officer') {
      throw new RuleError('observation_not_allowed', 'Only a supervisor or admin records an observed checklist');
    }
    if (submission.method !== 'observed' && answeredBy.id !== subject.subjectStaffId && answeredBy.role === 'officer') {
      throw new RuleError('forbidden', 'An officer answers only their own checklist');
    }
    const template = (await this.templates(manager, subject.officeId)).find((t) => t.kind === subject.kind)!;
    const answers = validateAnswers(template, submission.answers);
    if (submission.method === 'one_key' && answers.some((answer) => answer.answer !== 'checked')) {
      throw new RuleError('checklist_mismatch', 'The one-key path checks every item; send method "self" for any other answer');
    }
    const [response] = await manager.query<{ id: string }[]>(
      `INSERT INTO checklist_responses (office_id, template_id, kind, session_id, ticket_id, counter_id, subject_staff_id, answered_by_staff_id, method, outcome, note, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        subject.officeId,
        template.id,
        subject.kind,
        subject.kind === 'shift_start' ? subject.sessionId : null,
        subject.kind === 'interaction' ? subject.ticketId : null,
        subject.counterId,
        subject.subjectStaffId,
        answeredBy.id,
        submission.method,
        subject.kind === 'interaction' ? subject.outcome : null,
        subject.kind === 'interaction' ? subject.note : null,
        now,
      ],
    );
    const itemIds = new Map(template.items.map((item) => [item.code, item.id]));
    await manager.query(
      `INSERT INTO checklist_answers (response_id, item_id, item_code, answer)
       SELECT $1, unnest($2::uuid[]), unnest($3::text[]), unnest($4::text[])`,
      [response.id, answers.map((a) => itemIds.get(a.code)), answers.map((a) => a.code), answers.map((a) => a.answer)],
    );
  }

  private itemRows(manager: EntityManager, officeId: string): Promise<ItemRow[]> {
    return manager.query<ItemRow[]>(
      `SELECT t.id AS template_id, t.kind, i.id, i.code, i.label, i.sort_order, i.active
       FROM checklist_templates t JOIN checklist_items i ON i.template_id = t.id
       WHERE t.office_id = $1 ORDER BY t.kind, i.sort_order, i.code`,
      [officeId],
    );
  }
}
