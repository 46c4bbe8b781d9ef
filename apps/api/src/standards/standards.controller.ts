import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { MaklumatView, OfficeStandardsView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe, uuidPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { MaklumatDto } from './dto/maklumat.dto.js';
import { StandardsService } from './standards.service.js';

@ApiTags('standards')
@Controller()
export class StandardsController {
  constructor(private readonly standards: StandardsService) {}

  @Get('offices/:slug/standards')
  @RateLimit('read')
  @ApiOkResponse({ description: 'The published standard of each active service (14 components) and the maklumat in force' })
  published(@Param('slug', SlugPipe) slug: string): Promise<OfficeStandardsView> {
    return this.standards.published(slug);
  }

  @Get('admin/offices/:officeId/maklumat')
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'The office’s maklumat versions, the latest first' })
  history(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<MaklumatView[]> {
    return this.standards.maklumatHistory(officeId, staff);
  }

  @Post('admin/offices/:officeId/maklumat')
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'Records a new version of the maklumat; the earlier ones are kept' })
  record(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: MaklumatDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<MaklumatView> {
    return this.standards.record(officeId, body, staff);
  }
}
