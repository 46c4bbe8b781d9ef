import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminCounterView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminCountersService } from './admin-counters.service.js';
import { CreateCounterDto, UpdateCounterDto } from './dto/counter.dto.js';

@ApiTags('admin')
@Controller('admin')
export class AdminCountersController {
  constructor(private readonly counters: AdminCountersService) {}

  @Get('offices/:officeId/counters')
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'The office’s counters with services and weekly schedule, inactive ones included' })
  list(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminCounterView[]> {
    return this.counters.list(officeId, staff);
  }

  @Post('offices/:officeId/counters')
  @StaffOnly('admin')
  create(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: CreateCounterDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminCounterView> {
    return this.counters.create(officeId, body, staff);
  }

  @Patch('counters/:counterId')
  @StaffOnly('admin')
  update(
    @Param('counterId', uuidPipe('counterId')) counterId: string,
    @Body() body: UpdateCounterDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminCounterView> {
    return this.counters.update(counterId, body, staff);
  }
}
