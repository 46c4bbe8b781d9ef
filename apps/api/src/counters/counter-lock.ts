import type { EntityManager } from 'typeorm';
import { type CounterAction, NotFoundError, type StaffView, assertCounterFree as refuseUnlessFree, assertSessionHolder as refuseUnlessHolder, nextCounterState } from '@loket/domain';
import { assertOfficeAccess } from '../common/office-access.js';

export interface LockedCounter {
  id: string;
  office_id: string;
  number: number;
  name: string;
  priority_only: boolean;
  session_id: string | null;
  state: 'open' | 'paused' | null;
  session_staff_id: string | null;
  service_ids: string[];
}

/**
 * Locks a counter row for the rest of the transaction and checks that `staff` may act
 * for it. Every change to a counter or its session goes through here, so two requests
 * for one counter (a double click, two tabs) run one after the other.
 */
export async function lockCounter(manager: EntityManager, counterId: string, staff: StaffView): Promise<LockedCounter> {
  const [counter] = await manager.query<LockedCounter[]>(
    `SELECT c.id, c.office_id, c.number, c.name, c.priority_only,
            cn.id AS session_id, cn.state, cn.staff_id AS session_staff_id,
            COALESCE((SELECT array_agg(cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id), '{}') AS service_ids
     FROM counters c
     LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
     WHERE c.id = $1 AND c.active
     FOR UPDATE OF c`,
    [counterId],
  );
  if (!counter) throw new NotFoundError(`No counter with the id "${counterId}"`);
  assertOfficeAccess(staff, counter.office_id);
  return counter;
}

/** Asks the domain whether the counter's state allows `action` (`nextCounterState`), then whether `staff` holds its session. */
export function assertCounterAction(counter: LockedCounter, action: CounterAction, staff: StaffView): void {
  nextCounterState({ name: counter.name, state: counter.state ?? 'closed' }, action);
  assertSessionHolder(counter, staff);
}

export function assertSessionHolder(counter: LockedCounter, staff: StaffView): void {
  refuseUnlessHolder({ name: counter.name, sessionStaffId: counter.session_staff_id }, staff);
}

/** A counter serves one citizen at a time: refuse a new call, a break or closing while one is called or served. */
export async function assertCounterFree(manager: EntityManager, counter: LockedCounter): Promise<void> {
  const [held] = await manager.query<{ issued_code: string; number: number; status: string }[]>(
    `SELECT issued_code, number, status FROM tickets WHERE counter_id = $1 AND status IN ('called', 'serving') LIMIT 1`,
    [counter.id],
  );
  refuseUnlessFree(counter, held ? { issuedCode: held.issued_code, number: held.number, status: held.status } : null);
}
