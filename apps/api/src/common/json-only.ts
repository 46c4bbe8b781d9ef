import { RuleError } from '@loket/domain';
import type { NextFunction, Request, Response } from 'express';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a request that changes something and sends a body that is not JSON with 415
 * `unsupported_media_type`. Every body the API reads is JSON; the other types are what an
 * HTML form of another site can post without the browser asking first (urlencoded,
 * multipart, text/plain), so refusing them stops a cross-site form from issuing or
 * cancelling a ticket. A request without a body (no Content-Type) goes on.
 */
export function refuseNonJsonBodies(request: Request, _response: Response, next: NextFunction): void {
  const type = request.headers['content-type'];
  if (READS.has(request.method) || type === undefined) {
    next();
    return;
  }
  const mediaType = type.split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
    next();
    return;
  }
  next(new RuleError('unsupported_media_type', `The request body must be application/json, not ${mediaType.slice(0, 100) || 'an empty type'}`));
}
