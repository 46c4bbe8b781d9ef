import { RuleError } from '@loket/domain';
import type { NextFunction, Request, Response } from 'express';

/** No request body of ours nests deeper than a few levels; 32 leaves room and stops hostile nesting. */
export const MAX_BODY_DEPTH = 32;

function depthExceeds(value: unknown, limit: number): boolean {
  // Iterative: a recursive walk would itself overflow on the bodies it is meant to stop.
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses parsed bodies nested deeper than MAX_BODY_DEPTH with a 400, before validation:
 * class-transformer walks bodies recursively, and a few thousand nested arrays (well under
 * the size limit) would overflow its stack and answer 500.
 */
export function refuseDeepBodies(request: Request, _response: Response, next: NextFunction): void {
  if (depthExceeds(request.body, MAX_BODY_DEPTH)) {
    next(new RuleError('validation_failed', `The request body nests deeper than ${MAX_BODY_DEPTH} levels`));
    return;
  }
  next();
}
