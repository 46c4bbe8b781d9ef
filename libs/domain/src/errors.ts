/** The one error shape every failure takes, over HTTP and over the socket. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** A stable machine code the apps translate (e.g. `illegal_transition`). */
  code?: ErrorCode;
  details?: unknown;
}

/**
 * Every business error code the API answers with, and what kind of failure each is. The
 * apps translate them with tables typed `Record<ErrorCode, string>`, so a code added here
 * without its Indonesian and English text fails compilation.
 */
export const ERROR_KINDS = {
  // The request itself is wrong.
  validation_failed: 'invalid',
  invalid_period: 'invalid',
  invalid_service_code: 'invalid',
  invalid_ticket_number: 'invalid',
  checklist_mismatch: 'invalid',
  same_service: 'invalid',
  password_unchanged: 'invalid',
  password_too_weak: 'invalid',
  unsupported_media_type: 'unsupported',
  reason_required: 'invalid',
  closure_in_past: 'invalid',
  cutoff_too_long: 'invalid',
  reply_required: 'invalid',
  break_outside_hours: 'invalid',
  breaks_overlap: 'invalid',
  push_endpoint_refused: 'invalid',
  push_keys_invalid: 'invalid',
  webhook_url_invalid: 'invalid',
  webhook_private_target: 'invalid',
  webhook_unknown_event: 'invalid',
  /** A zone naming an agency or counter of another office (issue 20). */
  zone_outside_office: 'invalid',
  /** A zone with neither an agency nor a counter. */
  zone_empty: 'invalid',
  /** A day asked of the booking availability that is not a `YYYY-MM-DD` calendar day, or lies outside today to the booking horizon. */
  invalid_day: 'invalid',
  // Who may do it.
  unauthorized: 'unauthorized',
  kiosk_not_paired: 'unauthorized',
  forbidden: 'forbidden',
  anonymous_issue_off: 'forbidden',
  not_your_office: 'forbidden',
  /** A staff member confined to one agency acting on another agency's counter (issue 20). */
  not_your_agency: 'forbidden',
  wrong_password: 'forbidden',
  observation_not_allowed: 'forbidden',
  counter_taken_by_other: 'forbidden',
  ticket_at_other_counter: 'forbidden',
  // What it is about does not exist (the message says which).
  not_found: 'not_found',
  booking_not_found: 'not_found',
  // The state of things does not allow it now.
  illegal_transition: 'conflict',
  reinstate_expired: 'conflict',
  no_show_too_soon: 'conflict',
  undo_expired: 'conflict',
  correction_window_closed: 'conflict',
  counter_already_open: 'conflict',
  counter_closed: 'conflict',
  counter_paused: 'conflict',
  counter_busy: 'conflict',
  officer_already_at_counter: 'conflict',
  service_inactive: 'conflict',
  service_not_served: 'conflict',
  service_without_counter: 'conflict',
  quota_reached: 'conflict',
  survey_not_allowed: 'conflict',
  survey_already_submitted: 'conflict',
  /** A survey terminal answers only for the ticket just finished at its own counter. */
  survey_terminal_closed: 'conflict',
  /** Publishing an IKM for a period without a complete index. */
  nothing_to_publish: 'conflict',
  nothing_to_observe: 'conflict',
  alert_already_acknowledged: 'conflict',
  already_active: 'conflict',
  already_inactive: 'conflict',
  staff_at_counter: 'conflict',
  counter_in_use: 'conflict',
  last_admin: 'conflict',
  service_code_taken: 'conflict',
  counter_number_taken: 'conflict',
  /** An agency (instansi) still owns services or counters, or is its office's last one (issue 20). */
  agency_has_services: 'conflict',
  agency_has_counters: 'conflict',
  agency_last: 'conflict',
  agency_has_staff: 'conflict',
  agency_short_name_taken: 'conflict',
  /** Another zone of the office has this name, or one giving the same board address. */
  zone_name_taken: 'conflict',
  /** A counter, or a counter serving the service, is open or paused: it cannot change agency now. */
  counter_open: 'conflict',
  username_taken: 'conflict',
  nip_taken: 'conflict',
  office_slug_taken: 'conflict',
  office_closed: 'conflict',
  cannot_serve_today: 'conflict',
  holiday_exists: 'conflict',
  closure_needs_confirmation: 'conflict',
  closure_over: 'conflict',
  day_not_over: 'conflict',
  end_of_day_count_changed: 'conflict',
  booking_closed: 'conflict',
  slot_unavailable: 'conflict',
  slot_full: 'conflict',
  day_full: 'conflict',
  booking_limit: 'conflict',
  reschedule_used: 'conflict',
  past_cutoff: 'conflict',
  booking_cancelled: 'conflict',
  booking_expired: 'conflict',
  push_ticket_over: 'conflict',
  already_checked_in: 'conflict',
  wrong_office: 'conflict',
  wrong_day: 'conflict',
  seats_below_booked: 'conflict',
  complaint_closed: 'conflict',
  already_handed_to_lapor: 'conflict',
  webhook_not_failed: 'conflict',
  // The system, not the request.
  rate_limited: 'rate_limited',
  too_many_logins: 'rate_limited',
  database_unavailable: 'unavailable',
} as const satisfies Record<string, ErrorKind>;

export type ErrorKind = 'invalid' | 'unsupported' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';
export type ErrorCode = keyof typeof ERROR_KINDS;
export const ERROR_CODES = Object.keys(ERROR_KINDS) as ErrorCode[];

/** The HTTP status of each kind: the only mapping from a broken rule to HTTP, used by the API's one filter. */
export const HTTP_STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unsupported: 415,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_KINDS, value);
}

/** Base of every rule broken inside the domain or refused by a use case; its code decides the HTTP status. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }

  get kind(): ErrorKind {
    return ERROR_KINDS[this.code];
  }
}

/**
 * A refusal with its code and message, for use cases that need no class of their own:
 * `throw new RuleError('service_inactive', \`${service.name} is not open for tickets\`)`.
 */
export class RuleError extends DomainError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(message, details);
  }
}

/** Something named in the request does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** A field-level conflict (a code, number, username already taken): the form marks the field. */
export function fieldConflict(code: ErrorCode, field: string, message: string): RuleError {
  return new RuleError(code, message, [{ field, problems: [message] }]);
}

/** A request that fails validation on one field: the same `details` shape as the validation pipe. */
export function invalidField(field: string, message: string): RuleError {
  return new RuleError('validation_failed', message, [{ field, problems: [message] }]);
}
