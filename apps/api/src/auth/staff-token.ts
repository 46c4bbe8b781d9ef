import { UnauthorizedException } from '@nestjs/common';
import type { JwtService } from '@nestjs/jwt';
import { OFFICE_ROLES, RuleError, type StaffRole } from '@loket/domain';
import type { StaffDirectory } from '../staff/staff-directory.js';
import type { AuthenticatedStaff, TokenClaims } from './authenticated-staff.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one check of a staff access token, for HTTP (StaffAuthGuard) and sockets
 * (StaffSocketAuth): signed by us, well formed, an active account, the account's current
 * token version (a password change or deactivation moves it on, voiding older tokens).
 */
export async function verifyStaffToken(jwt: JwtService, directory: StaffDirectory, token: string): Promise<AuthenticatedStaff> {
  return staffOfClaims(directory, await verifyStaffClaims(jwt, token));
}

/** The first half of the check: signed by us, not expired, well formed. Reads no database. */
export async function verifyStaffClaims(jwt: JwtService, token: string): Promise<TokenClaims> {
  let claims: TokenClaims;
  try {
    claims = await jwt.verifyAsync<TokenClaims & object>(token);
  } catch {
    throw new UnauthorizedException('The access token is invalid or has expired; log in again');
  }
  // Signed by us, but check the shape anyway: a bad sub must be a 401, never a database error.
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || (claims.ver !== undefined && !Number.isInteger(claims.ver))) {
    throw new UnauthorizedException('The access token is invalid or has expired; log in again');
  }
  return claims;
}

/** The second half: the account of verified claims is active and at the token's version. */
export async function staffOfClaims(directory: StaffDirectory, claims: TokenClaims): Promise<AuthenticatedStaff> {
  const session = await directory.findActiveSession(claims.sub);
  if (!session) throw new UnauthorizedException('This account no longer exists or has been deactivated');
  if ((claims.ver ?? 0) !== session.tokenVersion)
    throw new UnauthorizedException('This session has ended (the password was changed or the account reset); log in again');
  return session.staff;
}

/**
 * Refuses, 403 `forbidden`, a staff member whose role the route does not name. A route that
 * names none is for the roles that work in an office (`OFFICE_ROLES`): a regional head acts
 * in no office, and reads only what names `regional`.
 */
export function assertStaffRole(staff: AuthenticatedStaff, roles: readonly StaffRole[] | undefined): void {
  const allowed = roles && roles.length > 0 ? roles : OFFICE_ROLES;
  if (!allowed.includes(staff.role)) {
    throw new RuleError('forbidden', `This needs the role ${allowed.join(' or ')}; you are ${staff.role}`);
  }
}
