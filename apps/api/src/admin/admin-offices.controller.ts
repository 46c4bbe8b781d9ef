import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminOfficeView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { CreateOfficeDto, UpdateOfficeDto } from './dto/office.dto.js';

@ApiTags('admin')
@Controller('admin/offices')
export class AdminOfficesController {
  constructor(private readonly offices: AdminOfficesService) {}

  @Get()
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'Every office for an admin; a supervisor’s own offices' })
  list(@CurrentStaff() staff: AuthenticatedStaff): Promise<AdminOfficeView[]> {
    return this.offices.list(staff);
  }

  @Post()
  @StaffOnly('admin')
  create(@Body() body: CreateOfficeDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminOfficeView> {
    return this.offices.create(body, staff);
  }

  @Patch(':officeId')
  @StaffOnly('admin')
  update(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: UpdateOfficeDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminOfficeView> {
    return this.offices.update(officeId, body, staff);
  }
}
