import { type ExecutionContext, Injectable, ParseIntPipe, ParseUUIDPipe, type PipeTransform, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { KIOSK_TOKEN_HEADER, RuleError, isProductDay } from '@loket/domain';
import { TRACKING_CODE_PATTERN } from '../tickets/tracking-code.js';

function patternPipe(pattern: RegExp, what: string) {
  @Injectable()
  class PatternPipe implements PipeTransform<unknown, string> {
    transform(value: unknown): string {
      if (typeof value !== 'string' || !pattern.test(value)) {
        throw new RuleError('validation_failed', `${what} is malformed`);
      }
      return value;
    }
  }
  return PatternPipe;
}

@Injectable()
export class DayPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !isProductDay(value)) throw new RuleError('validation_failed', 'The day must be a date YYYY-MM-DD between 2000 and 2099');
    return value;
  }
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SlugPipe = patternPipe(SLUG_PATTERN, 'The office slug');
export const TrackingCodePipe = patternPipe(TRACKING_CODE_PATTERN, 'The tracking code');
/** A webhook delivery's id: a positive whole number (bigint). */
export const DeliveryIdPipe = patternPipe(/^[1-9]\d{0,17}$/, 'The delivery id');

/** The `Idempotency-Key` header: optional; when sent, 1–100 visible ASCII characters. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | null => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(value)) {
    throw new RuleError('validation_failed', 'The Idempotency-Key header must be 1–100 visible ASCII characters');
  }
  return value;
});

/** A counter's number in an address (`/counters/:number/…`): a whole number, or validation_failed. */
export const counterNumberPipe = new ParseIntPipe({ exceptionFactory: () => new RuleError('validation_failed', 'The counter number must be a whole number') });
export const uuidPipe = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new RuleError('validation_failed', `${name} must be a UUID`) });

/** The kiosk token header (KIOSK_TOKEN_HEADER): absent = an anonymous client; malformed = not a paired kiosk. */
export const KioskToken = createParamDecorator((_: unknown, context: ExecutionContext): string | null => {
  const value = context.switchToHttp().getRequest<Request>().headers[KIOSK_TOKEN_HEADER];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !TRACKING_CODE_PATTERN.test(value.toUpperCase())) {
    throw new RuleError('kiosk_not_paired', 'The kiosk token is malformed: pair the kiosk again');
  }
  return value.toUpperCase();
});
