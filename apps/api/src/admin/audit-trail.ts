import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AdminAction } from '@loket/domain';

export interface AuditRecord {
  actorId: string;
  officeId: string | null;
  counterId?: string | null;
  action: AdminAction;
  subjectType: 'office' | 'service' | 'counter' | 'staff' | 'checklist_template';
  subjectId: string;
  subjectLabel: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Writes one admin change to the append-only audit_log, inside the caller's transaction:
 * the change and its record commit together or not at all.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, entry: AuditRecord, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (at, actor_staff_id, office_id, counter_id, action, subject_type, subject_id, subject_label, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
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
      ],
    );
  }
}
