import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  assertCorrectable,
  CHECKLIST_KINDS,
  type ChecklistSubmission,
  type ChecklistTemplateView,
  DEFAULT_CHECKLIST_ITEMS,
  type InteractionOutcome,
  NotFoundError,
  RuleError,
  type StaffView,
  validateAnswers,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
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
    private readonly clock: Clock,
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
  async record(
    tx: EntityManager,
    subject: ChecklistSubject,
    submission: ChecklistSubmission,
    answeredBy: StaffView,
    now: Date,
    supersedesId: string | null = null,
  ): Promise<void> {
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
      supersedesId,
      answers: answers.map((answer) => ({ itemId: itemIds.get(answer.code)!, code: answer.code, answer: answer.answer })),
    });
  }

  /**
   * The officer corrects the interaction checklist they saved for a ticket (answers, outcome,
   * note), within `CORRECTION_WINDOW_MINUTES` of first saving it (`assertCorrectable`). Only
   * the one who answered may; the responses stay append-only, so the correction is a new
   * response superseding the one that stood, and the audit trail shows both.
   */
  async correctInteraction(
    ticketId: string,
    input: { checklist: ChecklistSubmission; outcome: InteractionOutcome; note: string | null },
    staff: StaffView,
  ): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const ticket = await this.checklists.lockTicket(tx, ticketId);
      if (!ticket) throw new NotFoundError(`No ticket with the id "${ticketId}"`);
      assertOfficeAccess(staff, ticket.office_id);
      const current = await this.checklists.currentInteraction(tx, ticketId);
      if (!current) throw new NotFoundError('This ticket has no interaction checklist to correct');
      if (current.answered_by_staff_id !== staff.id) throw new RuleError('forbidden', 'Only the officer who saved an interaction checklist corrects it');
      if (input.checklist.method === 'observed') throw new RuleError('validation_failed', 'A correction is the officer’s own: method "self" or "one_key"');
      assertCorrectable(current.first_saved_at.getTime(), now.getTime());
      const subject: ChecklistSubject = {
        kind: 'interaction',
        officeId: ticket.office_id,
        ticketId,
        counterId: current.counter_id,
        subjectStaffId: current.subject_staff_id,
        outcome: input.outcome,
        note: input.note,
      };
      await this.record(tx, subject, input.checklist, staff, now, current.id);
    });
  }
}
