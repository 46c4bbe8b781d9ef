import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const ADMIN_CHECKLISTS_SQL = {
  updateItem: `UPDATE checklist_items SET label = $2, sort_order = $3, active = $4 WHERE id = $1`,
  insertItem: `INSERT INTO checklist_items (template_id, code, label, sort_order, active) VALUES ($1, $2, $3, $4, $5)`,
} as const;

export interface ChecklistItemColumns {
  label: string;
  sortOrder: number;
  active: boolean;
}

/** The set-up's writes to checklist items; templates are read through ChecklistsService. Always inside the caller's transaction. */
@Injectable()
export class AdminChecklistsRepository {
  async updateItem(tx: EntityManager, itemId: string, item: ChecklistItemColumns): Promise<void> {
    await tx.query(ADMIN_CHECKLISTS_SQL.updateItem, [itemId, item.label, item.sortOrder, item.active]);
  }

  async insertItem(tx: EntityManager, templateId: string, code: string, item: ChecklistItemColumns): Promise<void> {
    await tx.query(ADMIN_CHECKLISTS_SQL.insertItem, [templateId, code, item.label, item.sortOrder, item.active]);
  }
}
