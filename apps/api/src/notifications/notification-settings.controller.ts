import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { NotificationSettingsView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { NotificationSettingsDto } from './dto/notification-settings.dto.js';
import { NotificationSettingsService } from './notification-settings.service.js';

@ApiTags('admin')
@Controller('admin/offices/:officeId/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'When `ticket.near` goes out, and the hour of the day-before booking reminder' })
  read(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<NotificationSettingsView> {
    return this.settings.read(officeId, staff);
  }

  @Put()
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'The settings as saved' })
  update(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: NotificationSettingsDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<NotificationSettingsView> {
    return this.settings.update(officeId, body, staff);
  }
}
