/**
 * Agency scope (issue 20): a staff member confined to one agency of their office (an agency
 * supervisor, or an officer of that agency) acts on that agency's counters and sees its
 * services, and no other's. Admins and unconfined staff keep the whole office.
 */
import { RuleError } from './errors.js';
import type { StaffView } from './views.js';

/** Null: the whole office (or every office for an admin); else the one agency the member may act for. */
export function agencyScopeOf(staff: Pick<StaffView, 'role' | 'agencyId'>): string | null {
  return staff.role === 'admin' ? null : staff.agencyId;
}

/** Refuses, 403 `not_your_agency`, an action on a counter or service of another agency than the member's. */
export function assertAgencyScope(staff: Pick<StaffView, 'role' | 'agencyId'>, agencyId: string, subject: string): void {
  const scope = agencyScopeOf(staff);
  if (scope !== null && scope !== agencyId) throw new RuleError('not_your_agency', `${subject} belongs to another agency`);
}

/** What a scoped member sees of a list: only their agency's rows; everything when unconfined. */
export function withinAgencyScope<T extends { agencyId: string }>(staff: Pick<StaffView, 'role' | 'agencyId'>, rows: readonly T[]): T[] {
  const scope = agencyScopeOf(staff);
  return scope === null ? [...rows] : rows.filter((row) => row.agencyId === scope);
}
