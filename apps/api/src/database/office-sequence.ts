import type { EntityManager } from 'typeorm';

/**
 * Takes the office's next realtime sequence number inside the caller's transaction. The
 * row lock it takes is held to commit, so sequence order is commit order; call it last
 * in the transaction to hold that lock as briefly as possible.
 */
export async function nextOfficeSeq(manager: EntityManager, officeId: string): Promise<number> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
  const [row] = await manager.query<{ seq: string }[]>(
    'WITH bumped AS (UPDATE offices SET seq = seq + 1 WHERE id = $1 RETURNING seq) SELECT seq FROM bumped',
    [officeId],
  );
  return Number(row.seq);
}
