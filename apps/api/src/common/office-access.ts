import { RuleError, type StaffView } from '@loket/domain';

/** Admins reach every office; officers and supervisors only those they work in. */
export function assertOfficeAccess(staff: StaffView, officeId: string): void {
  if (staff.role === 'admin' || staff.officeIds.includes(officeId)) return;
  throw new RuleError('not_your_office', 'You do not work in this office');
}
