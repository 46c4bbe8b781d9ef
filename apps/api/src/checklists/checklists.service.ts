import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CHECKLIST_KINDS,
  type ChecklistSubmission,
  type ChecklistTemplateView,
  DEFAULT_CHECKLIST_ITEMS,
  type InteractionOutcome,
  RuleError,
  type StaffView,
  validateAnswers,
} from '@loket/domain';
import { OfficesService } from '../offices/offices.service.js';
import { ChecklistsRepository } from './checklists.repository.js';

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
    private readonly checklists: ChecklistsRepository,
    private readonly offices: OfficesService,
  ) {}

  async forOffice(slug: string, staff: StaffView): Promise<ChecklistTemplateView[]> {
    const office = await this.offices.forStaff(slug, staff);
    return this.db.transaction((tx) => this.templates(tx, office.id));
  }

  /** The office's templates, creating the default ones (docs/domain.md, Etiquette) for an office that has none yet. */
  async templates(tx: EntityManager, officeId: string): Promise<ChecklistTemplateView[]> {
    let rows = await this.checklists.items(tx, officeId);
    const present = new Set(rows.map((row) => row.kind));
    if (CHECKLIST_KINDS.some((kind) => !present.has(kind))) {
      // Two first requests at once create each template once (the repository's ON CONFLICT).
      for (const kind of CHECKLIST_KINDS) await this.checklists.createTemplate(tx, officeId, kind, DEFAULT_CHECKLIST_ITEMS[kind]);
      rows = await this.checklists.items(tx, officeId);
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
  async record(tx: EntityManager, subject: ChecklistSubject, submission: ChecklistSubmission, answeredBy: StaffView, now: Date): Promise<void> {
    if (submission.method === 'observed' && answeredBy.role === 'officer') {
      throw new RuleError('observation_not_allowed', 'Only a supervisor or admin records an observed checklist');
    }
    if (submission.method !== 'observed' && answeredBy.id !== subject.subjectStaffId && answeredBy.role === 'officer') {
      throw new RuleError('forbidden', 'An officer answers only their own checklist');
    }
    const template = (await this.templates(tx, subject.officeId)).find((t) => t.kind === subject.kind)!;
    const answers = validateAnswers(template, submission.answers);
    if (submission.method === 'one_key' && answers.some((answer) => answer.answer !== 'checked')) {
      throw new RuleError('checklist_mismatch', 'The one-key path checks every item; send method "self" for any other answer');
    }
    const itemIds = new Map(template.items.map((item) => [item.code, item.id]));
    await this.checklists.record(tx, {
      officeId: subject.officeId,
      templateId: template.id,
      kind: subject.kind,
      sessionId: subject.kind === 'shift_start' ? subject.sessionId : null,
      ticketId: subject.kind === 'interaction' ? subject.ticketId : null,
      counterId: subject.counterId,
      subjectStaffId: subject.subjectStaffId,
      answeredByStaffId: answeredBy.id,
      method: submission.method,
      outcome: subject.kind === 'interaction' ? subject.outcome : null,
      note: subject.kind === 'interaction' ? subject.note : null,
      at: now,
      answers: answers.map((answer) => ({ itemId: itemIds.get(answer.code)!, code: answer.code, answer: answer.answer })),
    });
  }
}
