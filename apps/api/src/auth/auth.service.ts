import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResult } from '@loket/domain';
import { StaffDirectory } from '../staff/staff-directory.js';
import type { TokenClaims } from './authenticated-staff.js';
import { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './password.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    this.throttle.assertAllowed(username);
    const found = await this.directory.findForLogin(username);
    // One message for an unknown user and a wrong password: no hint which usernames exist.
    if (!found || !(await verifyPassword(found.passwordHash, password))) {
      this.throttle.failed(username);
      throw new UnauthorizedException('Wrong username or password');
    }
    this.throttle.succeeded(username);
    const claims: TokenClaims = { sub: found.staff.id, role: found.staff.role };
    return { accessToken: await this.jwt.signAsync(claims), staff: found.staff };
  }
}
