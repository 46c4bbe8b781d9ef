import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { type ErrorCode, type FieldProblem, isErrorCode } from '@loket/domain';
import { ApiError } from '../../../shared/api/http';

/**
 * The API's answer to a refused save, as a form shows it: one message beside each field
 * the 400/409 `details` names (`schedule.1.closes`), and one for the whole form. Messages
 * are the app's own translations of the rule, keyed by the field's name or the error code;
 * the server's text is the fallback for a rule the app has no words for yet.
 */
/** The refusals a form explains in words of their own; any other code reads as "check the fields" or "not saved". */
const FORM_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'service_code_taken',
  'counter_number_taken',
  'username_taken',
  'nip_taken',
  'office_slug_taken',
  'cutoff_too_long',
  'last_admin',
  'staff_at_counter',
  'counter_in_use',
  'already_active',
  'already_inactive',
  'holiday_exists',
  'closure_in_past',
  'closure_over',
  'break_outside_hours',
  'breaks_overlap',
  'seats_below_booked',
  'webhook_url_invalid',
  'webhook_private_target',
  'webhook_unknown_event',
  'webhook_not_failed',
  'agency_has_services',
  'agency_has_counters',
  'agency_has_staff',
  'agency_last',
  'agency_short_name_taken',
  'counter_open',
  'zone_name_taken',
  'zone_empty',
  'zone_outside_office',
]);
/** Refused with a 400 whose code says more than the field's own rule: the field is shown the code's words. */
const FIELD_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'break_outside_hours',
  'breaks_overlap',
  'webhook_url_invalid',
  'webhook_private_target',
  'webhook_unknown_event',
  'zone_empty',
  'zone_outside_office',
]);
const formCode = (code: unknown): ErrorCode | null => (isErrorCode(code) && FORM_CODES.has(code) ? code : null);

export function useFormErrors() {
  const { t, te } = useI18n();
  const fields = ref<Record<string, string>>({});
  const general = ref<string | null>(null);

  function clear(): void {
    fields.value = {};
    general.value = null;
  }

  function fieldMessage(field: string, problems: string[], code?: string): string {
    const known = formCode(code);
    if (known) return t(`serverErrors.${known}`);
    const name =
      field
        .split('.')
        .filter((part) => !/^\d+$/.test(part))
        .pop() ?? field;
    return te(`admin.invalid.${name}`) ? t(`admin.invalid.${name}`) : problems.join(', ');
  }

  /** Takes a failed save apart; returns false when it was not a refusal the form can show. */
  function capture(error: unknown): void {
    clear();
    if (!(error instanceof ApiError)) {
      general.value = t('admin.errors.failed');
      return;
    }
    if (error.status === 0) {
      general.value = t('admin.errors.offline');
      return;
    }
    const body = error.body;
    const details = Array.isArray(body?.details) ? (body.details as FieldProblem[]) : [];
    const next: Record<string, string> = {};
    for (const detail of details) {
      if (typeof detail?.field === 'string')
        next[detail.field] = fieldMessage(
          detail.field,
          detail.problems ?? [],
          error.status === 409 || (isErrorCode(body?.code) && FIELD_CODES.has(body.code)) ? body?.code : undefined,
        );
    }
    fields.value = next;
    const known = formCode(body?.code);
    if (known) general.value = t(`serverErrors.${known}`);
    else if (details.length > 0) general.value = t('admin.errors.checkFields');
    else if (error.status === 403) general.value = t('admin.errors.forbidden');
    else general.value = t('admin.errors.failed');
  }

  /** The message for a field, or for anything below it (`schedule.1` covers `schedule.1.closes`). */
  function errorFor(field: string): string | null {
    if (fields.value[field]) return fields.value[field];
    const below = Object.keys(fields.value).find((key) => key.startsWith(`${field}.`));
    return below ? fields.value[below] : null;
  }

  return { fields, general, clear, capture, errorFor };
}
