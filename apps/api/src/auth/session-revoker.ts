import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffSockets } from '../realtime/staff-sockets.js';
import { StaffRepository } from '../staff/staff.repository.js';

/**
 * Ends every session of a staff member: bumps staff.token_version, so each token signed
 * before is refused by StaffAuthGuard from the next request on, on every instance.
 * Call it with the transaction's manager from a password reset or a deactivation, so the
 * change and the end of the sessions commit together.
 */
@Injectable()
export class SessionRevoker {
  constructor(
    private readonly staff: StaffRepository,
    private readonly sockets: StaffSockets,
  ) {}

  /** Returns the new token version, or null when no such staff member exists. */
  endSessions(staffId: string, manager?: EntityManager): Promise<number | null> {
    return this.staff.endSessions(staffId, manager);
  }

  /**
   * Ends the account's open sockets on every instance: a socket was checked when it joined
   * a staff room, not at each event. Call it after the change of access has committed
   * (deactivation, password change or reset, a new role or other offices), so a reconnect
   * is checked against the new state.
   */
  endSockets(staffId: string): void {
    this.sockets.disconnect(staffId);
  }
}
