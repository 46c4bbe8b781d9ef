/** The one error shape every failure takes, over HTTP and over the socket. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** A stable machine code the apps translate (e.g. `illegal_transition`). */
  code?: string;
  details?: unknown;
}

/** Base of every rule broken inside the domain; the API maps `kind` to an HTTP status in one place. */
export abstract class DomainError extends Error {
  abstract readonly kind: 'conflict' | 'invalid' | 'not_found' | 'forbidden';
  abstract readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}
