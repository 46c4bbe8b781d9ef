import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditRecord, AuditRepository } from './audit.repository.js';

export type { AuditRecord } from './audit.repository.js';

/**
 * Writes one admin change to the append-only audit_log, inside the caller's transaction:
 * the change and its record commit together or not at all.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly audit: AuditRepository) {}

  record(manager: EntityManager, entry: AuditRecord, at: Date): Promise<void> {
    return this.audit.insert(manager, entry, at);
  }
}
