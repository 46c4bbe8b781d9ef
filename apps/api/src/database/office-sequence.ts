import type { EntityManager } from 'typeorm';

/**
 * Takes the office's next realtime sequence number inside the caller's transaction. The
 * row lock it takes is held to commit, so sequence order is commit order; call it last
 * in the transaction to hold that lock as briefly as possible.
 */
export async function nextOfficeSeq(manager: EntityManager, officeId: string): Promise<number> {
  const [row] = await manager.query<{ seq: string }[]>('UPDATE offices SET seq = seq + 1 WHERE id = $1 RETURNING seq', [officeId]);
  return Number(row.seq);
}
