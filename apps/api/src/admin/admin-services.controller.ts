import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminServiceView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminServicesService } from './admin-services.service.js';
import { CreateServiceDto, UpdateServiceDto } from './dto/service.dto.js';

@ApiTags('admin')
@Controller('admin')
export class AdminServicesController {
  constructor(private readonly services: AdminServicesService) {}

  @Get('offices/:officeId/services')
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'The office’s services with their standard, inactive ones included' })
  list(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AdminServiceView[]> {
    return this.services.list(officeId, staff);
  }

  @Post('offices/:officeId/services')
  @StaffOnly('admin')
  create(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: CreateServiceDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminServiceView> {
    return this.services.create(officeId, body, staff);
  }

  @Patch('services/:serviceId')
  @StaffOnly('admin')
  update(
    @Param('serviceId', uuidPipe('serviceId')) serviceId: string,
    @Body() body: UpdateServiceDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdminServiceView> {
    return this.services.update(serviceId, body, staff);
  }
}
