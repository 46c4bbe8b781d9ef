import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io';
import { RuleError, type StaffRole, type StaffView } from '@loket/domain';
import { assertStaffRole, staffOfClaims, verifyStaffClaims } from '../auth/staff-token.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { StaffSockets } from './staff-sockets.js';

/**
 * The staff check of a socket, as StaffAuthGuard does it for HTTP: the access token comes
 * in the socket.io handshake (`auth: { token }`), is verified, and must belong to an active
 * account whose token version it carries and whose role is allowed. Checked on every staff
 * subscribe, so a revoked token cannot join a staff room again after a reconnect. The
 * socket joins its account's room between the two halves of the check, so an end of
 * access committed after the lookup finds it there (see StaffSockets).
 */
@Injectable()
export class StaffSocketAuth {
  constructor(
    private readonly jwt: JwtService,
    private readonly directory: StaffDirectory,
    private readonly sockets: StaffSockets,
  ) {}

  async authenticate(socket: Socket, roles: readonly StaffRole[]): Promise<StaffView> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0) throw new RuleError('unauthorized', 'Log in first: connect with auth { token: <accessToken> }');
    const claims = await verifyStaffClaims(this.jwt, token);
    await this.sockets.enter(socket, claims.sub);
    const staff = await staffOfClaims(this.directory, claims);
    assertStaffRole(staff, roles);
    return staff;
  }
}
