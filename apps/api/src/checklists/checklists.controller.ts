import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChecklistTemplateView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { ChecklistsService } from './checklists.service.js';

@ApiTags('checklists')
@Controller('offices/:slug/checklists')
@StaffOnly()
export class ChecklistsController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get()
  @ApiOkResponse({ description: 'The shift-start and interaction templates of the office, items in order' })
  list(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<ChecklistTemplateView[]> {
    return this.checklists.forOffice(slug, staff);
  }
}
