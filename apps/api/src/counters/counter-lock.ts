import type { EntityManager } from 'typeorm';
import { type CounterAction, NotFoundError, type StaffView, assertCounterFree as refuseUnlessFree, assertSessionHolder, nextCounterState } from '@loket/domain';
import { assertOfficeAccess } from '../common/office-access.js';
import type { CountersRepository, LockedCounter } from './counters.repository.js';

/**
 * Locks a counter row for the rest of the transaction and checks that `staff` may act
 * for it. Every change to a counter or its session goes through here, so two requests
 * for one counter (a double click, two tabs) run one after the other.
 */
export async function lockCounter(counters: CountersRepository, tx: EntityManager, counterId: string, staff: StaffView): Promise<LockedCounter> {
  const counter = await counters.lock(tx, counterId);
  if (!counter) throw new NotFoundError(`No counter with the id "${counterId}"`);
  assertOfficeAccess(staff, counter.office_id);
  return counter;
}

/** Asks the domain whether the counter's state allows `action` (`nextCounterState`), then whether `staff` holds its session. */
export function assertCounterAction(counter: LockedCounter, action: CounterAction, staff: StaffView): void {
  nextCounterState({ name: counter.name, state: counter.state ?? 'closed' }, action);
  assertSessionHolder({ name: counter.name, sessionStaffId: counter.session_staff_id }, staff);
}

/** A counter serves one citizen at a time: refuse a new call, a break or closing while one is called or served. */
export async function assertCounterFree(counters: CountersRepository, tx: EntityManager, counter: LockedCounter): Promise<void> {
  const held = await counters.heldTicket(tx, counter.id);
  refuseUnlessFree(counter, held ? { issuedCode: held.issued_code, number: held.number, status: held.status } : null);
}
