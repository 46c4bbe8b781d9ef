import {
  type CanActivate,
  type ExecutionContext,
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
import type { AuthenticatedStaff } from './authenticated-staff.js';
import { assertStaffRole, verifyStaffToken } from './staff-token.js';

const ROLES = 'loket:roles';

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
    const staff = await verifyStaffToken(this.jwt, this.directory, token);
    assertStaffRole(staff, this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]));
    request.staff = staff;
    return true;
  }
}

/** Marks a route (or a controller's every route) as staff-only: for the roles named, or every role that works in an office (`OFFICE_ROLES`). */
export function StaffOnly(...roles: StaffRole[]) {
  return applyDecorators(
    SetMetadata(ROLES, roles),
    UseGuards(StaffAuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not logged in' }),
    ApiForbiddenResponse({ description: 'Role or office not allowed' }),
  );
}

/** Names the roles of one route of a controller marked `StaffOnly`, in place of the controller's. */
export function StaffRoles(...roles: StaffRole[]) {
  return SetMetadata(ROLES, roles);
}

export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedStaff => {
  const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new UnauthorizedException('Log in first');
  return staff;
});
