import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ChecklistKind, type ChecklistTemplateView, type FieldProblem, type StaffView } from '@loket/domain';
import { ChecklistsService } from '../checklists/checklists.service.js';
import { Clock } from '../clock/clock.js';
import { ChecklistsRepository } from '../checklists/checklists.repository.js';
import { assertNoProblems } from './admin-errors.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AuditTrail } from './audit-trail.js';
import type { ChecklistItemDto } from './dto/checklist.dto.js';

/**
 * The office's etiquette checklist templates. Items keep their code for good — answers
 * already given are stored under it — so an item is retired by making it inactive, never removed.
 */
@Injectable()
export class AdminChecklistsService {
  constructor(
    private readonly db: DataSource,
    private readonly items: ChecklistsRepository,
    private readonly clock: Clock,
    private readonly offices: AdminOfficesService,
    private readonly checklists: ChecklistsService,
    private readonly audit: AuditTrail,
  ) {}

  async list(officeId: string, staff: StaffView): Promise<ChecklistTemplateView[]> {
    await this.offices.read(officeId, staff);
    return this.db.transaction((manager) => this.checklists.templates(manager, officeId));
  }

  replace(officeId: string, kind: ChecklistKind, items: ChecklistItemDto[], actor: StaffView): Promise<ChecklistTemplateView> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const office = await this.offices.locked(manager, officeId, actor);
      const before = (await this.checklists.templates(manager, office.id)).find((template) => template.kind === kind)!;
      assertNoProblems(itemProblems(before, items));
      for (const [index, item] of items.entries()) {
        const existing = before.items.find((old) => old.code === item.code);
        if (existing) {
          await this.items.updateItem(manager, existing.id, { label: item.label, sortOrder: index + 1, active: item.active });
        } else {
          await this.items.insertItem(manager, before.id, item.code, { label: item.label, sortOrder: index + 1, active: item.active });
        }
      }
      const after = (await this.checklists.templates(manager, office.id)).find((template) => template.kind === kind)!;
      const strip = (template: ChecklistTemplateView) => template.items.map(({ code, label, order, active }) => ({ code, label, order, active }));
      await this.audit.record(
        manager,
        {
          actorId: actor.id,
          officeId: office.id,
          action: 'checklist.updated',
          subjectType: 'checklist_template',
          subjectId: before.id,
          subjectLabel: kind,
          before: strip(before),
          after: strip(after),
        },
        now,
      );
      return after;
    });
  }
}

/** Every existing item sent (none dropped), each code once, and at least one item left to answer. */
function itemProblems(current: ChecklistTemplateView, items: readonly ChecklistItemDto[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.code)) problems.push({ field: `items.${index}.code`, problems: [`the code ${item.code} is listed twice`] });
    seen.add(item.code);
  });
  const missing = current.items.filter((item) => !seen.has(item.code)).map((item) => item.code);
  if (missing.length > 0) problems.push({ field: 'items', problems: [`items cannot be removed, only made inactive: ${missing.join(', ')}`] });
  if (!items.some((item) => item.active)) problems.push({ field: 'items', problems: ['at least one item must stay active'] });
  return problems;
}
