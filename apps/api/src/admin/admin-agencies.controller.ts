import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AgencyView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminAgenciesService } from './admin-agencies.service.js';
import { CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto.js';

@ApiTags('admin')
@Controller('admin')
export class AdminAgenciesController {
  constructor(private readonly agencies: AdminAgenciesService) {}

  @Get('offices/:officeId/agencies')
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'The agencies (instansi) of the office, in their order; the first takes services and counters created without one' })
  list(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AgencyView[]> {
    return this.agencies.list(officeId, staff);
  }

  @Post('offices/:officeId/agencies')
  @StaffOnly('admin')
  create(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: CreateAgencyDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AgencyView> {
    return this.agencies.create(officeId, body, staff);
  }

  @Patch('agencies/:agencyId')
  @StaffOnly('admin')
  update(
    @Param('agencyId', uuidPipe('agencyId')) agencyId: string,
    @Body() body: UpdateAgencyDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AgencyView> {
    return this.agencies.update(agencyId, body, staff);
  }

  @Delete('agencies/:agencyId')
  @StaffOnly('admin')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Deleted; refused while it has services (agency_has_services) or counters (agency_has_counters), or is the last (agency_last)',
  })
  remove(@Param('agencyId', uuidPipe('agencyId')) agencyId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<void> {
    return this.agencies.remove(agencyId, staff);
  }
}
