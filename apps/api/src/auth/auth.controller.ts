import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { LoginResult, StaffView } from '@loket/domain';
import { AuthService } from './auth.service.js';
import type { AuthenticatedStaff } from './authenticated-staff.js';
import { LoginDto } from './dto/login.dto.js';
import { CurrentStaff, StaffOnly } from './staff-auth.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ accessToken, staff }`; the token goes in `Authorization: Bearer …`' })
  login(@Body() body: LoginDto): Promise<LoginResult> {
    return this.auth.login(body.username, body.password);
  }

  @Get('me')
  @StaffOnly()
  me(@CurrentStaff() staff: AuthenticatedStaff): StaffView {
    return staff;
  }
}
