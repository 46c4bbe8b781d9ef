import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { StaffRole } from '@loket/domain';
import { StaffDirectory } from '../staff/staff-directory.js';
import type { AuthenticatedStaff, TokenClaims } from './authenticated-staff.js';

const ROLES = 'loket:roles';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type StaffRequest = Request & { staff?: AuthenticatedStaff };

@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly directory: StaffDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Log in first: send "Authorization: Bearer <accessToken>"');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch {
      throw new UnauthorizedException('The access token is invalid or has expired; log in again');
    }
    // Signed by us, but check the shape anyway: a bad sub must be a 401, never a database error.
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || (claims.ver !== undefined && !Number.isInteger(claims.ver))) {
      throw new UnauthorizedException('The access token is invalid or has expired; log in again');
    }
    const session = await this.directory.findActiveSession(claims.sub);
    if (!session) throw new UnauthorizedException('This account no longer exists or has been deactivated');
    // A password change or deactivation moved the version on: tokens signed before are void.
    if ((claims.ver ?? 0) !== session.tokenVersion) throw new UnauthorizedException('This session has ended (the password was changed or the account reset); log in again');
    const { staff } = session;
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (roles && roles.length > 0 && !roles.includes(staff.role)) {
      throw new ForbiddenException(`This needs the role ${roles.join(' or ')}; you are ${staff.role}`);
    }
    request.staff = staff;
    return true;
  }
}

/** Marks a route as staff-only, optionally for some roles. */
export function StaffOnly(...roles: StaffRole[]) {
  return applyDecorators(
    SetMetadata(ROLES, roles),
    UseGuards(StaffAuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not logged in' }),
    ApiForbiddenResponse({ description: 'Role or office not allowed' }),
  );
}

export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedStaff => {
  const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new UnauthorizedException('Log in first');
  return staff;
});
