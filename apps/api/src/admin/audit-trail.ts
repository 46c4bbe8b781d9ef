import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OfficeSequenceRepository } from '../database/office-sequence.repository.js';
import type { SequenceTaken } from '../offices/office-changes.js';
import { type AuditRecord, AuditRepository } from './audit.repository.js';

export type { AuditRecord } from './audit.repository.js';

/**
 * Writes one admin change to the append-only audit_log, inside the caller's transaction:
 * the change and its record commit together or not at all.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly audit: AuditRepository,
    private readonly sequence: OfficeSequenceRepository,
  ) {}

  record(manager: EntityManager, entry: AuditRecord, at: Date): Promise<void> {
    return this.audit.insert(manager, entry, at);
  }

  /**
   * A change the office's public screens show (a service, counter, agency, zone, its name or
   * hours): records it, then moves the office's sequence number on and passes the number to
   * `taken`, so the screens take a fresh snapshot once the transaction has committed. The
   * number is taken last, holding the office row's lock as briefly as possible.
   */
  async recordOfficeChange(manager: EntityManager, entry: AuditRecord & { officeId: string }, at: Date, taken: SequenceTaken): Promise<void> {
    await this.audit.insert(manager, entry, at);
    taken(entry.officeId, await this.sequence.next(manager, entry.officeId));
  }
}
