import { Injectable } from '@nestjs/common';
import type { StaffView } from '@loket/domain';
import { StaffRepository } from './staff.repository.js';

/** Looks up active staff with the offices they work in. */
@Injectable()
export class StaffDirectory {
  constructor(private readonly staff: StaffRepository) {}

  async findActive(id: string): Promise<StaffView | null> {
    return (await this.staff.activeById(id))?.staff ?? null;
  }

  /** With the token version a valid token must carry (see auth/session-revoker.ts). */
  async findActiveSession(id: string): Promise<{ staff: StaffView; tokenVersion: number } | null> {
    const found = await this.staff.activeById(id);
    return found ? { staff: found.staff, tokenVersion: found.tokenVersion } : null;
  }

  async findForLogin(username: string): Promise<{ staff: StaffView; passwordHash: string; tokenVersion: number } | null> {
    return this.staff.activeByUsername(username);
  }
}
