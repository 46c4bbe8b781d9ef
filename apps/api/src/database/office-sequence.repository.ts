import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const OFFICE_SEQUENCE_SQL = {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
  next: 'WITH bumped AS (UPDATE offices SET seq = seq + 1 WHERE id = $1 RETURNING seq) SELECT seq FROM bumped',
} as const;

interface SeqRow {
  seq: string;
}

/** The office's realtime sequence: one number per committed change, in commit order. */
@Injectable()
export class OfficeSequenceRepository {
  /**
   * Takes the office's next sequence number inside the caller's transaction. The row lock
   * it takes is held to commit, so sequence order is commit order; call it last in the
   * transaction to hold that lock as briefly as possible.
   */
  async next(tx: EntityManager, officeId: string): Promise<number> {
    const [row] = await tx.query<SeqRow[]>(OFFICE_SEQUENCE_SQL.next, [officeId]);
    return Number(row.seq);
  }
}
