import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type LoginResult, type StaffView, RuleError } from '@loket/domain';
import { StaffDirectory } from '../staff/staff-directory.js';
import { StaffRepository } from '../staff/staff.repository.js';
import type { TokenClaims } from './authenticated-staff.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionRevoker } from './session-revoker.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly staffRows: StaffRepository,
    private readonly sessions: SessionRevoker,
  ) {}

  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    // Counted before the password is checked, so a wrong one needs nothing more.
    await this.throttle.attempt(username, ip);
    const found = await this.directory.findForLogin(username);
    // An unknown user costs the same Argon2 work and gets the same message as a wrong password.
    const valid = found ? await verifyPassword(found.passwordHash, password) : await verifyAgainstDummy(password);
    if (!found || !valid) throw new UnauthorizedException('Wrong username or password');
    await this.throttle.succeeded(username, ip);
    return this.signIn(found.staff, found.tokenVersion);
  }

  /**
   * The logged-in staff member's own password. Ends every other session (the token version
   * moves on in the same statement) and returns a fresh token for this one.
   */
  async changePassword(staff: StaffView, ip: string, currentPassword: string, newPassword: string): Promise<LoginResult> {
    if (newPassword === currentPassword) throw new RuleError('password_unchanged', 'The new password must differ from the current one');
    if (newPassword.toLowerCase() === staff.username.toLowerCase()) {
      throw new RuleError('password_too_weak', 'The new password must not be the username');
    }
    const passwordHash = await this.staffRows.activePasswordHash(staff.id);
    if (passwordHash === null) throw new UnauthorizedException('This account no longer exists or has been deactivated');
    await this.throttle.attempt(staff.username, ip);
    if (!(await verifyPassword(passwordHash, currentPassword))) throw new RuleError('wrong_password', 'The current password is wrong');
    await this.throttle.succeeded(staff.username, ip);
    const newHash = await hashPassword(newPassword);
    // Only if the hash is still the one just checked: two changes at once cannot both win.
    const tokenVersion = await this.staffRows.changePassword(staff.id, newHash, passwordHash);
    if (tokenVersion === null) throw new RuleError('wrong_password', 'The password was changed meanwhile; log in again');
    // Every other session has ended, its sockets too; this client connects again with the new token.
    this.sessions.endSockets(staff.id);
    return this.signIn(staff, tokenVersion);
  }

  private async signIn(staff: StaffView, tokenVersion: number): Promise<LoginResult> {
    const claims: TokenClaims = { sub: staff.id, role: staff.role, ver: tokenVersion };
    return { accessToken: await this.jwt.signAsync(claims), staff };
  }
}
