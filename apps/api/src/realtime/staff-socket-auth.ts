import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io';
import { RuleError, type StaffRole, type StaffView } from '@loket/domain';
import { assertStaffRole, verifyStaffToken } from '../auth/staff-token.js';
import { StaffDirectory } from '../staff/staff-directory.js';

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
    if (typeof token !== 'string' || token.length === 0) throw new RuleError('unauthorized', 'Log in first: connect with auth { token: <accessToken> }');
    const staff = await verifyStaffToken(this.jwt, this.directory, token);
    assertStaffRole(staff, roles);
    return staff;
  }
}
