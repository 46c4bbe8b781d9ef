import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BOOKING_CLIENT_HEADER } from '@loket/domain';
import type { RateLimitRule } from './rate-limit-config.js';
import { RateLimiter, TooManyRequests } from './rate-limiter.js';

const RULE = 'loket:rate-limit';

/** Who a request counts against: its IP, and for ticket issue the office too (one kiosk per office). */
export function rateLimitSubject(rule: RateLimitRule, request: Request): string {
  const ip = request.ip ?? request.socket.remoteAddress ?? 'unknown';
  if (rule === 'book') {
    // One phone among many behind one NAT address: counted by the id its booking page keeps.
    const client = request.headers[BOOKING_CLIENT_HEADER];
    return `${ip}|${typeof client === 'string' ? client.slice(0, 64) : ''}`;
  }
  if (rule !== 'issue') return ip;
  const slug = typeof request.params?.slug === 'string' ? request.params.slug.slice(0, 64) : '';
  return `${ip}|${slug}`;
}

/** Runs before validation, so malformed and hostile requests count too. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<RateLimitRule | undefined>(RULE, context.getHandler());
    if (!rule) return true;
    const http = context.switchToHttp();
    try {
      await this.limiter.consume(rule, rateLimitSubject(rule, http.getRequest<Request>()));
    } catch (error) {
      if (error instanceof TooManyRequests) http.getResponse<Response>().setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    return true;
  }
}

/** Limits a public route by the named rule (see rate-limit-config.ts); answers 429 with Retry-After. */
export function RateLimit(rule: RateLimitRule) {
  return applyDecorators(
    SetMetadata(RULE, rule),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: 'Too many requests from this address: `Retry-After` says when to try again' }),
  );
}
