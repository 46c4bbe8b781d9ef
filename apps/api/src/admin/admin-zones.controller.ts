import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ZoneView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminZonesService } from './admin-zones.service.js';
import { CreateZoneDto, UpdateZoneDto } from './dto/zone.dto.js';

@ApiTags('admin')
@Controller('admin')
export class AdminZonesController {
  constructor(private readonly zones: AdminZonesService) {}

  @Get('offices/:officeId/zones')
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'The zones of the office, in their order, each with its agencies and counters; a board shows one at /board?zone=<slug>' })
  list(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<ZoneView[]> {
    return this.zones.list(officeId, staff);
  }

  @Post('offices/:officeId/zones')
  @StaffOnly('admin')
  @ApiBadRequestResponse({ description: 'zone_empty (no agency and no counter), zone_outside_office (one of another office), validation_failed' })
  @ApiConflictResponse({ description: 'zone_name_taken: another zone of the office has the name or its board address' })
  create(@Param('officeId', uuidPipe('officeId')) officeId: string, @Body() body: CreateZoneDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<ZoneView> {
    return this.zones.create(officeId, body, staff);
  }

  @Patch('zones/:zoneId')
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'Renamed, or its agencies or counters set (a list sent replaces the zone’s)' })
  update(@Param('zoneId', uuidPipe('zoneId')) zoneId: string, @Body() body: UpdateZoneDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<ZoneView> {
    return this.zones.update(zoneId, body, staff);
  }

  @Delete('zones/:zoneId')
  @StaffOnly('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its board address then shows that the zone is unknown' })
  remove(@Param('zoneId', uuidPipe('zoneId')) zoneId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<void> {
    return this.zones.remove(zoneId, staff);
  }
}
