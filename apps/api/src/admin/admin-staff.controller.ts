import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminStaffView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminStaffService } from './admin-staff.service.js';
import { CreateStaffDto, PasswordDto, UpdateStaffDto } from './dto/staff.dto.js';
import { StaffQueryDto } from './dto/staff-query.dto.js';

@ApiTags('admin')
@Controller('admin/staff')
export class AdminStaffController {
  constructor(private readonly staff: AdminStaffService) {}

  @Get()
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'Staff accounts (inactive included); a supervisor sees those of their offices' })
  list(@Query() query: StaffQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminStaffView[]> {
    return this.staff.list(staff, query.officeId);
  }

  @Post()
  @StaffOnly('admin')
  create(@Body() body: CreateStaffDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminStaffView> {
    return this.staff.create(body, staff);
  }

  @Patch(':staffId')
  @StaffOnly('admin')
  update(
    @Param('staffId', uuidPipe('staffId')) staffId: string,
    @Body() body: UpdateStaffDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminStaffView> {
    return this.staff.update(staffId, body, staff);
  }

  @Post(':staffId/reset-password')
  @HttpCode(200)
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'Sets a new password and ends every session of that staff member' })
  resetPassword(
    @Param('staffId', uuidPipe('staffId')) staffId: string,
    @Body() body: PasswordDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminStaffView> {
    return this.staff.resetPassword(staffId, body.password, staff);
  }

  @Post(':staffId/deactivate')
  @HttpCode(200)
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'Ends their sessions; refused for the last active admin (409 last_admin)' })
  deactivate(@Param('staffId', uuidPipe('staffId')) staffId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminStaffView> {
    return this.staff.setActive(staffId, false, staff);
  }

  @Post(':staffId/reactivate')
  @HttpCode(200)
  @StaffOnly('admin')
  reactivate(@Param('staffId', uuidPipe('staffId')) staffId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminStaffView> {
    return this.staff.setActive(staffId, true, staff);
  }
}
