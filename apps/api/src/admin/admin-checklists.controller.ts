import { Body, Controller, Get, Injectable, Param, type PipeTransform, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CHECKLIST_KINDS, type ChecklistKind, type ChecklistTemplateView, RuleError } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { AdminChecklistsService } from './admin-checklists.service.js';
import { UpdateChecklistDto } from './dto/checklist.dto.js';

@Injectable()
class ChecklistKindPipe implements PipeTransform<unknown, ChecklistKind> {
  transform(value: unknown): ChecklistKind {
    if (!(CHECKLIST_KINDS as readonly unknown[]).includes(value)) {
      throw new RuleError('validation_failed', `kind must be one of ${CHECKLIST_KINDS.join(', ')}`);
    }
    return value as ChecklistKind;
  }
}

@ApiTags('admin')
@Controller('admin/offices/:officeId/checklists')
export class AdminChecklistsController {
  constructor(private readonly checklists: AdminChecklistsService) {}

  @Get()
  @StaffOnly('admin', 'supervisor')
  @ApiOkResponse({ description: 'The shift-start and interaction templates, inactive items included' })
  list(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<ChecklistTemplateView[]> {
    return this.checklists.list(officeId, staff);
  }

  @Put(':kind')
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'Replaces the template’s items in the order given; items are never removed, only made inactive' })
  replace(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('kind', ChecklistKindPipe) kind: ChecklistKind,
    @Body() body: UpdateChecklistDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ChecklistTemplateView> {
    return this.checklists.replace(officeId, kind, body.items, staff);
  }
}
