import { Body, Controller, Get, HttpCode, Ip, Post, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RetryAfterInterceptor } from '../rate-limit/retry-after.interceptor.js';
import { type LoginResult, STAFF_ROLES, type StaffView } from '@loket/domain';
import { AuthService } from './auth.service.js';
import type { AuthenticatedStaff } from './authenticated-staff.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { CurrentStaff, StaffOnly } from './staff-auth.guard.js';

@ApiTags('auth')
@Controller('auth')
@UseInterceptors(RetryAfterInterceptor)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this address, or too many wrong passwords for this username from it; `Retry-After` says when',
  })
  @ApiOkResponse({ description: '`{ accessToken, staff }`; the token goes in `Authorization: Bearer …` and lasts 12 hours' })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, ip);
  }

  @Get('me')
  @StaffOnly(...STAFF_ROLES)
  me(@CurrentStaff() staff: AuthenticatedStaff): StaffView {
    return staff;
  }

  @Post('change-password')
  @HttpCode(200)
  @StaffOnly(...STAFF_ROLES)
  @ApiOkResponse({ description: 'A fresh `{ accessToken, staff }`; every other session of this account has ended' })
  changePassword(@Body() body: ChangePasswordDto, @CurrentStaff() staff: AuthenticatedStaff, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.changePassword(staff, ip, body.currentPassword, body.newPassword);
  }
}
