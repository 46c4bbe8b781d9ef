import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffRepository } from '../staff/staff.repository.js';

/**
 * Ends every session of a staff member: bumps staff.token_version, so each token signed
 * before is refused by StaffAuthGuard from the next request on, on every instance.
 * Call it with the transaction's manager from a password reset or a deactivation, so the
 * change and the end of the sessions commit together.
 */
@Injectable()
export class SessionRevoker {
  constructor(private readonly staff: StaffRepository) {}

  /** Returns the new token version, or null when no such staff member exists. */
  endSessions(staffId: string, manager?: EntityManager): Promise<number | null> {
    return this.staff.endSessions(staffId, manager);
  }
}
