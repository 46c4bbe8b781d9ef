import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminCalendarView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminCalendarService } from './admin-calendar.service.js';
import { CreateClosureDto, CreateOfficeDayDto } from './dto/calendar.dto.js';

@ApiTags('admin')
@Controller('admin/offices/:officeId/calendar')
export class AdminCalendarController {
  constructor(private readonly calendar: AdminCalendarService) {}

  @Get()
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'The office’s own days, closures not yet over, and the seeded national holidays with their decree' })
  view(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminCalendarView> {
    return this.calendar.view(officeId, staff);
  }

  @Post('days')
  @StaffOnly('admin')
  addDay(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: CreateOfficeDayDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminCalendarView> {
    return this.calendar.addDay(officeId, body, staff);
  }

  @Post('closures')
  @StaffOnly('admin')
  close(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: CreateClosureDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminCalendarView> {
    return this.calendar.close(officeId, body, staff);
  }
}
