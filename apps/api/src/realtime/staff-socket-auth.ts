import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io';
import type { StaffRole, StaffView } from '@loket/domain';
import type { TokenClaims } from '../auth/authenticated-staff.js';
import { StaffDirectory } from '../staff/staff-directory.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The staff check of a socket, as StaffAuthGuard does it for HTTP: the access token comes
 * in the socket.io handshake (`auth: { token }`), is verified, and must belong to an active
 * account whose token version it carries and whose role is allowed. Checked on every staff
 * subscribe, so a revoked token cannot join a staff room again after a reconnect.
 */
@Injectable()
export class StaffSocketAuth {
  constructor(
    private readonly jwt: JwtService,
    private readonly directory: StaffDirectory,
  ) {}

  async authenticate(socket: Socket, roles: readonly StaffRole[]): Promise<StaffView> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0) throw new UnauthorizedException('Log in first: connect with auth { token: <accessToken> }');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch {
      throw new UnauthorizedException('The access token is invalid or has expired; log in again');
    }
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || (claims.ver !== undefined && !Number.isInteger(claims.ver))) {
      throw new UnauthorizedException('The access token is invalid or has expired; log in again');
    }
    const session = await this.directory.findActiveSession(claims.sub);
    if (!session) throw new UnauthorizedException('This account no longer exists or has been deactivated');
    if ((claims.ver ?? 0) !== session.tokenVersion) throw new UnauthorizedException('This session has ended; log in again');
    if (!roles.includes(session.staff.role)) throw new ForbiddenException(`This needs the role ${roles.join(' or ')}; you are ${session.staff.role}`);
    return session.staff;
  }
}
