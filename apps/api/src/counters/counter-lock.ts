import type { EntityManager } from 'typeorm';
import {
  type CounterAction,
  NotFoundError,
  RuleError,
  type StaffView,
  assertAgencyScope,
  assertCounterFree as refuseUnlessFree,
  assertSessionHolder,
  nextCounterState,
} from '@loket/domain';
import { assertOfficeAccess } from '../common/office-access.js';
import type { CountersRepository, LockedCounter } from './counters.repository.js';

/**
 * Locks a counter row for the rest of the transaction and checks that `staff` may act
 * for it: their office, and their agency when they are confined to one. Every change to a counter or its session goes through here, so two requests
 * for one counter (a double click, two tabs, close against call-next) run one after the
 * other, and the second sees the session and held ticket the first left.
 */
export async function lockCounter(counters: CountersRepository, tx: EntityManager, counterId: string, staff: StaffView): Promise<LockedCounter> {
  const counter = await counters.lock(tx, counterId);
  if (!counter) throw new NotFoundError(`No counter with the id "${counterId}"`);
  assertOfficeAccess(staff, counter.office_id);
  // A member confined to one agency acts on its counters only (an agency supervisor, issue 20).
  assertAgencyScope(staff, counter.agency_id, counter.name);
  return counter;
}

/** Asks the domain whether the counter's state allows `action` (`nextCounterState`), then whether `staff` holds its session. */
export function assertCounterAction(counter: LockedCounter, action: CounterAction, staff: StaffView): void {
  nextCounterState({ name: counter.name, state: counter.state ?? 'closed' }, action);
  assertSessionHolder({ name: counter.name, sessionStaffId: counter.session_staff_id }, staff);
}

/** A counter serves one citizen at a time: refuse a new call, a break or closing while one is called or served. */
export function assertCounterFree(counter: LockedCounter): void {
  const held = counter.held;
  refuseUnlessFree(counter, held ? { issuedCode: held.issued_code, number: held.number, status: held.status } : null);
}

/**
 * Before an open: locks the officer's row (after the counter's, as every open does; a
 * deactivation or an office change takes the same lock) and checks, as of after that lock,
 * that the account is still active, still works in the office and holds no other counter.
 * So one officer opening two counters at once, or being deactivated meanwhile, cannot end
 * with two sessions or an inactive officer at an open counter.
 */
export async function assertMayOpen(counters: CountersRepository, tx: EntityManager, counter: LockedCounter, staff: StaffView): Promise<void> {
  const officer = await counters.lockOfficer(tx, staff.id, counter.office_id);
  if (!officer?.active) throw new RuleError('unauthorized', 'This account has been deactivated; log in again');
  if (officer.role !== 'admin' && !officer.in_office) throw new RuleError('not_your_office', 'You do not work in this office');
  if (officer.elsewhere) throw new RuleError('officer_already_at_counter', `You already have ${officer.elsewhere} open; close it first`);
}
