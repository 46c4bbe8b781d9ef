import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Ends every session of a staff member: bumps staff.token_version, so each token signed
 * before is refused by StaffAuthGuard from the next request on, on every instance.
 * Call it with the transaction's manager from a password reset or a deactivation, so the
 * change and the end of the sessions commit together.
 */
@Injectable()
export class SessionRevoker {
  constructor(private readonly db: DataSource) {}

  /** Returns the new token version, or null when no such staff member exists. */
  async endSessions(staffId: string, manager: EntityManager = this.db.manager): Promise<number | null> {
    const rows = await manager.query<{ token_version: number }[]>(
      // Through a CTE: TypeORM wraps a bare UPDATE … RETURNING's rows in [rows, count].
      `WITH bumped AS (UPDATE staff SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version) SELECT token_version FROM bumped`,
      [staffId],
    );
    return rows[0]?.token_version ?? null;
  }
}
