import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type OfficerTodayView, STAFF_ROLES } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { OfficerDayService } from './officer-day.service.js';

@ApiTags('staff')
@Controller('staff/me')
// Any staff member's own day: a regional head's is empty.
@StaffOnly(...STAFF_ROLES)
export class StaffController {
  constructor(private readonly officerDay: OfficerDayService) {}

  @Get('today')
  @ApiOkResponse({ description: 'The officer’s own today: served, service time against standard, etiquette, idle while people waited, late openings' })
  today(@CurrentStaff() staff: AuthenticatedStaff): Promise<OfficerTodayView> {
    return this.officerDay.today(staff);
  }
}
