import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { type LoginResult, type StaffView, RuleError } from '@loket/domain';
import { StaffDirectory } from '../staff/staff-directory.js';
import type { TokenClaims } from './authenticated-staff.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly db: DataSource,
  ) {}

  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    await this.throttle.assertAllowed(username, ip);
    const found = await this.directory.findForLogin(username);
    // An unknown user costs the same Argon2 work and gets the same message as a wrong password.
    const valid = found ? await verifyPassword(found.passwordHash, password) : await verifyAgainstDummy(password);
    if (!found || !valid) {
      await this.throttle.failed(username, ip);
      throw new UnauthorizedException('Wrong username or password');
    }
    await this.throttle.succeeded(username, ip);
    return this.signIn(found.staff, found.tokenVersion);
  }

  /**
   * The logged-in staff member's own password. Ends every other session (the token version
   * moves on in the same statement) and returns a fresh token for this one.
   */
  async changePassword(staff: StaffView, ip: string, currentPassword: string, newPassword: string): Promise<LoginResult> {
    await this.throttle.assertAllowed(staff.username, ip);
    if (newPassword === currentPassword) throw new RuleError('password_unchanged', 'The new password must differ from the current one');
    if (newPassword.toLowerCase() === staff.username.toLowerCase()) {
      throw new RuleError('password_too_weak', 'The new password must not be the username');
    }
    const [row] = await this.db.query<{ password_hash: string }[]>(`SELECT password_hash FROM staff WHERE id = $1 AND active`, [staff.id]);
    if (!row) throw new UnauthorizedException('This account no longer exists or has been deactivated');
    if (!(await verifyPassword(row.password_hash, currentPassword))) {
      await this.throttle.failed(staff.username, ip);
      throw new RuleError('wrong_password', 'The current password is wrong');
    }
    const newHash = await hashPassword(newPassword);
    // Only if the hash is still the one just checked: two changes at once cannot both win.
    const [updated] = await this.db.query<{ token_version: number }[]>(
      `WITH changed AS (UPDATE staff SET password_hash = $2, token_version = token_version + 1 WHERE id = $1 AND active AND password_hash = $3 RETURNING token_version)
       SELECT token_version FROM changed`,
      [staff.id, newHash, row.password_hash],
    );
    if (!updated) throw new RuleError('wrong_password', 'The password was changed meanwhile; log in again');
    await this.throttle.succeeded(staff.username, ip);
    return this.signIn(staff, updated.token_version);
  }

  private async signIn(staff: StaffView, tokenVersion: number): Promise<LoginResult> {
    const claims: TokenClaims = { sub: staff.id, role: staff.role, ver: tokenVersion };
    return { accessToken: await this.jwt.signAsync(claims), staff };
  }
}
