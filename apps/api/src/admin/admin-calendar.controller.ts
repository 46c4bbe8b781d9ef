import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminCalendarView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { DayPipe, uuidPipe } from '../common/param-pipes.js';
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

  @Delete('days/:day')
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'The calendar after the own day was taken off' })
  removeDay(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('day', DayPipe) day: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminCalendarView> {
    return this.calendar.removeDay(officeId, day, staff);
  }

  @Post('closures/:closureId/end')
  @HttpCode(200)
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'The calendar after the closure ended now (or, not yet begun, was called off)' })
  endClosure(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('closureId', uuidPipe('closureId')) closureId: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminCalendarView> {
    return this.calendar.endClosure(officeId, closureId, staff);
  }
}
