import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { KioskDeviceView, KioskSettingsView, PairedKioskView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { KioskSettingsDto, PairKioskDto } from '../kiosks/dto/kiosk.dto.js';
import { AdminKiosksService } from './admin-kiosks.service.js';

@ApiTags('admin')
@Controller('admin')
export class AdminKiosksController {
  constructor(private readonly kiosks: AdminKiosksService) {}

  @Get('offices/:officeId/kiosks')
  @StaffOnly('admin')
  settings(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<KioskSettingsView> {
    return this.kiosks.settings(officeId, staff);
  }

  @Post('offices/:officeId/kiosks')
  @StaffOnly('admin')
  @ApiCreatedResponse({ description: 'The paired kiosk with its token: shown this once, typed into the kiosk’s settings' })
  pair(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: PairKioskDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<PairedKioskView> {
    return this.kiosks.pair(officeId, body.name, staff);
  }

  @Post('kiosks/:kioskId/revoke')
  @StaffOnly('admin')
  @HttpCode(200)
  revoke(@Param('kioskId', uuidPipe('kioskId')) kioskId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<KioskDeviceView> {
    return this.kiosks.revoke(kioskId, staff);
  }

  @Put('offices/:officeId/kiosk-settings')
  @StaffOnly('admin')
  setSettings(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: KioskSettingsDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<KioskSettingsView> {
    return this.kiosks.setAnonymousIssue(officeId, body.anonymousIssue, staff);
  }
}
