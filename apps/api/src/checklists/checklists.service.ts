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

/** An office's templates as read, with each one's version (migration 1765120000000). */
interface KeptTemplates {
  views: ChecklistTemplateView[];
  versions: ReadonlyMap<string, number>;
}

/**
 * Etiquette checklist templates per office, and the answers recorded with the state change they belong to.
 *
 * Saving answers (every finish with its interaction checklist, every shift opened with one) checks them
 * against the office's templates kept in memory, not read each time. The answers' insert itself checks
 * that the kept template's version still stands; the database raises it on any change to the items, made
 * on any instance. If not, nothing is written: the templates are read again in the same transaction and
 * the answers checked anew, so an edit is seen by the very next answer saved, here or elsewhere.
 */
@Injectable()
export class ChecklistsService {
  /** Per office id; one entry per office that saved answers on this instance. */
  private readonly kept = new Map<string, KeptTemplates>();

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
    return (await this.read(tx, officeId)).views;
  }

  private async read(tx: EntityManager, officeId: string): Promise<KeptTemplates & { created: boolean }> {
    let rows = await this.checklists.items(tx, officeId);
    const present = new Set(rows.map((row) => row.kind));
    const created = CHECKLIST_KINDS.some((kind) => !present.has(kind));
    if (created) {
      // Two first requests at once create each template once (the repository's ON CONFLICT).
      for (const kind of CHECKLIST_KINDS) await this.checklists.createTemplate(tx, officeId, kind, DEFAULT_CHECKLIST_ITEMS[kind]);
      rows = await this.checklists.items(tx, officeId);
    }
    const views = CHECKLIST_KINDS.map((kind) => {
      const items = rows.filter((row) => row.kind === kind);
      return {
        id: items[0]?.template_id ?? '',
        kind,
        items: items.map((row) => ({ id: row.id, code: row.code, label: row.label, order: row.sort_order, active: row.active })),
      };
    });
    return { views, versions: new Map(rows.map((row) => [row.template_id, row.template_version])), created };
  }

  /**
   * The templates to check answers against: the kept ones, else read (and kept, unless this
   * transaction just created them: it may yet roll back). Only read here in a transaction that
   * has changed no item, so what is kept was committed.
   */
  private async keptTemplates(tx: EntityManager, officeId: string, fresh: boolean): Promise<KeptTemplates> {
    const kept = fresh ? undefined : this.kept.get(officeId);
    if (kept) return kept;
    const read = await this.read(tx, officeId);
    if (read.created) this.kept.delete(officeId);
    else this.kept.set(officeId, { views: read.views, versions: read.versions });
    return read;
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
    // A kept template no longer current writes nothing (false): read it again and check the answers anew.
    for (let fresh = false; ; fresh = true) {
      const kept = await this.keptTemplates(tx, subject.officeId, fresh);
      if (await this.recordAgainst(tx, kept, subject, submission, answeredBy, now, supersedesId)) return;
    }
  }

  private async recordAgainst(
    tx: EntityManager,
    kept: KeptTemplates,
    subject: ChecklistSubject,
    submission: ChecklistSubmission,
    answeredBy: StaffView,
    now: Date,
    supersedesId: string | null,
  ): Promise<boolean> {
    const template = kept.views.find((t) => t.kind === subject.kind)!;
    const answers = validateAnswers(template, submission.answers);
    if (submission.method === 'one_key' && answers.some((answer) => answer.answer !== 'checked')) {
      throw new RuleError('checklist_mismatch', 'The one-key path checks every item; send method "self" for any other answer');
    }
    const itemIds = new Map(template.items.map((item) => [item.code, item.id]));
    return this.checklists.record(tx, {
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
      templateVersion: kept.versions.get(template.id) ?? null,
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
