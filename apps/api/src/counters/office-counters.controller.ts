import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { StaffCounterView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { CountersService } from './counters.service.js';

@ApiTags('counters')
@Controller('offices/:slug/counters')
@StaffOnly()
export class OfficeCountersController {
  constructor(private readonly counters: CountersService) {}

  @Get()
  @ApiOkResponse({ description: 'The office’s counters with their state and the officer at each, to choose a free one' })
  list(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<StaffCounterView[]> {
    return this.counters.forOffice(slug, staff);
  }
}
