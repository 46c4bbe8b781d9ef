import { RuleError, type StaffView } from '@loket/domain';
import { invalidFields } from './admin-errors.js';

/** The offices a reader of the set-up may see: every office for an admin, their own for a supervisor. */
export function visibleOfficeIds(staff: StaffView): string[] | null {
  return staff.role === 'admin' ? null : staff.officeIds;
}

/**
 * An update leaves out what it does not change; a null is only allowed where the field
 * itself may be empty (a quota, a NIP). The validation pipe lets nulls of optional fields
 * through, so they are refused here rather than reaching a NOT NULL column.
 */
export function refuseNulls(body: object, nullable: readonly string[] = []): void {
  // An update that changes nothing is a mistake of the caller, and would only add an empty audit row.
  if (Object.keys(body).length === 0) {
    throw new RuleError('validation_failed', 'Send at least one field to change', []);
  }
  const fields = Object.entries(body)
    .filter(([key, value]) => value === null && !nullable.includes(key))
    .map(([key]) => ({ field: key, problems: [`${key} cannot be empty`] }));
  if (fields.length > 0) throw invalidFields(fields);
}

/** Only the fields a request actually sent, for the audit's before/after. */
export function pick<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key))) as Partial<T>;
}
