import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RegionalOfficeRow, RegionalSnapshot } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { RegionalService } from './regional.service.js';

@ApiTags('regional')
@Controller('regional')
@StaffOnly('regional', 'admin')
export class RegionalController {
  constructor(private readonly regional: RegionalService) {}

  @Get('offices')
  @ApiOkResponse({
    description:
      'The regional dashboard: each office of the regional head (every office for an admin) with its open or closed state, waiting count, longest wait against its maximum, counters open against scheduled, share within the standard today, IKM of the period and open alerts, sorted by where it is failing',
  })
  dashboard(@CurrentStaff() staff: AuthenticatedStaff): Promise<RegionalSnapshot> {
    return this.regional.snapshot(staff);
  }

  @Get('offices/:slug')
  @ApiOkResponse({ description: 'One office’s row of the regional dashboard' })
  @ApiForbiddenResponse({ description: '`not_your_office`: the office is not one of the regional head’s' })
  office(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<RegionalOfficeRow> {
    return this.regional.office(slug, staff);
  }
}
