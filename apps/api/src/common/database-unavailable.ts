import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import type { ErrorBody } from '@loket/domain';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

export const DATABASE_UNAVAILABLE = 'database_unavailable';

// Seconds a client is asked to wait before retrying; a restarting PostgreSQL is usually back within that.
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures of the driver: the server is down, restarting or out of reach. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs meaning "the server cannot serve you now" rather than "your query is wrong":
 * class 08 (connection exception), 53300 too many connections, 57P01–57P03 (shut down by an
 * administrator, crashed, starting up), 57014 (statement_timeout), 55P03 (lock_timeout: a
 * lock held too long by another session), 25P03 (idle_in_transaction_session_timeout).
 * No query of the product uses NOWAIT, the other source of 55P03.
 */
function unavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['53300', '57P01', '57P02', '57P03', '57014', '55P03', '25P03'].includes(code);
}

/**
 * TypeORM's errors for a connection released under a running request: the driver reported
 * the connection dead (the server shut down, the connection was cut or timed out), TypeORM
 * released it, and the request's next statement or its rollback finds it gone.
 */
function releasedUnderRequest(error: object): boolean {
  return error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError;
}

// What node-postgres and pg-pool throw without a code when a connection dies or cannot be had.
const DRIVER_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end/i,
];

/**
 * True when `error` (or what it wraps: TypeORM's `driverError`, a `cause`) says the database
 * could not be reached, as opposed to a query the database refused. Such a request is
 * answered 503 so a client or load balancer retries, instead of a 500 that reads like a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (current instanceof DatabaseUnavailableException) return true;
    if (releasedUnderRequest(current)) return true;
    const { code, message, errors } = current as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableSqlState(code)))) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // Node's happy-eyeballs connect throws an AggregateError of per-address ECONNREFUSED errors.
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    const next = (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
    if (next === current) break;
    current = next;
  }
  return false;
}

export function databaseUnavailableBody(): ErrorBody {
  return {
    statusCode: HttpStatus.SERVICE_UNAVAILABLE,
    error: 'Service Unavailable',
    message: 'The database cannot be reached right now; please try again in a moment',
    code: DATABASE_UNAVAILABLE,
  };
}

/** Thrown by code that finds the database unreachable itself (the readiness probe). */
export class DatabaseUnavailableException extends ServiceUnavailableException {
  constructor() {
    super(databaseUnavailableBody());
  }
}
