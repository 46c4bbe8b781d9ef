import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChecklistTemplateView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe, uuidPipe } from '../common/param-pipes.js';
import { ChecklistsService } from './checklists.service.js';
import { CorrectInteractionDto } from './dto/correct-interaction.dto.js';

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

@ApiTags('checklists')
@Controller('tickets/:id/checklist')
@StaffOnly()
export class InteractionRecordController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Put()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The interaction checklist of a finished ticket, corrected: a new response superseding the one saved' })
  @ApiForbiddenResponse({ description: '`forbidden`: only the officer who saved it corrects it' })
  @ApiConflictResponse({ description: '`correction_window_closed`: more than 2 minutes after it was first saved' })
  correct(@Param('id', uuidPipe('The ticket id')) id: string, @Body() body: CorrectInteractionDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<void> {
    return this.checklists.correctInteraction(id, { checklist: body.checklist, outcome: body.outcome, note: body.note || null }, staff);
  }
}
