import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RuleError, StaffView } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { OfficeChanges } from '../offices/office-changes.js';
import { uniqueChecked } from './admin-errors.js';
import { type AuditRecord, AuditTrail } from './audit-trail.js';

/** Unique keys whose breach is its own 409: none (a deletion, say). */
export const NO_UNIQUE_KEYS: Readonly<Record<string, () => RuleError>> = {};

/** What a change of an office's set-up gets: its instant, and its audit row to record (the actor is the change's). */
export interface SetupChange {
  now: Date;
  record(entry: Omit<AuditRecord, 'actorId'> & { officeId: string }): Promise<void>;
}

/**
 * The frame of every change to an office's set-up that its screens show (its services,
 * counters, agencies, zones, the office itself): one transaction writes the change and its
 * audit row, which moves the office's sequence number on; the number is announced once the
 * transaction has committed, so boards and desks take a fresh snapshot; and a breach of one of
 * `uniqueKeys` (two admins at once, both past the pre-check) becomes that key's 409.
 */
@Injectable()
export class OfficeSetupChanges {
  constructor(
    private readonly db: DataSource,
    private readonly changes: OfficeChanges,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  run<T>(
    actor: StaffView,
    uniqueKeys: Readonly<Record<string, () => RuleError>>,
    work: (manager: EntityManager, change: SetupChange) => Promise<T>,
  ): Promise<T> {
    const now = this.clock.now();
    return uniqueChecked(uniqueKeys, () =>
      this.changes.announcing((taken) =>
        this.db.transaction((manager) =>
          work(manager, { now, record: (entry) => this.audit.recordOfficeChange(manager, { ...entry, actorId: actor.id }, now, taken) }),
        ),
      ),
    );
  }
}
