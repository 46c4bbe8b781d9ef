import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, HTTP_STATUS_OF_KIND, isErrorCode, type ErrorBody } from '@loket/domain';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE, databaseUnavailableBody, isDatabaseUnavailable } from './database-unavailable.js';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Turns any thrown value into the one error shape; the only place errors meet HTTP. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    const statusCode = HTTP_STATUS_OF_KIND[error.kind];
    return { statusCode, error: REASON[statusCode], message: error.message, code: error.code, details: error.details };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message = typeof body.message === 'string' ? body.message : Array.isArray(body.message) ? body.message.join('; ') : error.message;
    return {
      statusCode,
      error: REASON[statusCode] ?? String(body.error ?? 'Error'),
      message,
      ...(isErrorCode(body.code) ? { code: body.code } : {}),
      ...(body.details !== undefined ? { details: body.details } : {}),
    };
  }
  // The database is down or restarting: 503, so clients and the load balancer retry; never the driver's text.
  if (isDatabaseUnavailable(error)) return databaseUnavailableBody();
  // Errors from the HTTP layer itself (malformed JSON, body too large) carry their status.
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 400 ? 'The request body is not valid JSON' : ((error as Error).message ?? 'Bad request');
    return { statusCode: status, error: REASON[status] ?? 'Bad Request', message };
  }
  // Never the error's own message: it can carry SQL, table names or a stack.
  return { statusCode: 500, error: REASON[500], message: 'Something went wrong on our side; nothing was changed' };
}

// During an outage every request fails the same way: one log line per interval, not one per request.
const OUTAGE_LOG_INTERVAL_MS = 10_000;

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private lastOutageLog = 0;

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const body = toErrorBody(error);
    const response = host.switchToHttp().getResponse<Response>();
    if (body.code === DATABASE_UNAVAILABLE) {
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      const now = Date.now();
      if (now - this.lastOutageLog >= OUTAGE_LOG_INTERVAL_MS) {
        this.lastOutageLog = now;
        this.logger.warn(`Database unavailable: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (body.statusCode >= 500) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
    }
    response.status(body.statusCode).json(body);
  }
}
