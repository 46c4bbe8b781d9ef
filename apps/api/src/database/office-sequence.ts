import type { EntityManager } from 'typeorm';
import { OfficeSequenceRepository } from './office-sequence.repository.js';

const sequence = new OfficeSequenceRepository();

/** @deprecated Inject OfficeSequenceRepository (DatabaseModule provides it to every module); kept until the admin services do. */
export function nextOfficeSeq(tx: EntityManager, officeId: string): Promise<number> {
  return sequence.next(tx, officeId);
}
