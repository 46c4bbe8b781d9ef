import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';

/** Read only: no route changes or removes an entry of the trail. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'Admin changes and staff actions on tickets and counters, newest first; `nextCursor` pages on' })
  page(@Query() query: AuditQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<AuditPage> {
    return this.audit.page(query, staff);
  }
}
