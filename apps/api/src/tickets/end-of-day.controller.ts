import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EndOfDayView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { CloseDayDto } from './dto/close-day.dto.js';
import { type EndOfDayResult, EndOfDayService } from './end-of-day.service.js';

@ApiTags('supervision')
@Controller('offices/:slug/end-of-day')
@StaffOnly('supervisor', 'admin')
export class EndOfDayController {
  constructor(private readonly endOfDay: EndOfDayService) {}

  @Get()
  @ApiOkResponse({ description: 'How many tickets still wait, whether the office’s day is over, and when the sweep closes them by itself' })
  view(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<EndOfDayView> {
    return this.endOfDay.view(slug, staff);
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The tickets still waiting are closed with the status closed_end_of_day' })
  @ApiConflictResponse({ description: '`day_not_over` while the office is open; `end_of_day_count_changed` when `waiting` is not how many wait now' })
  close(@Param('slug', SlugPipe) slug: string, @Body() body: CloseDayDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<EndOfDayResult> {
    return this.endOfDay.close(slug, body.waiting, staff);
  }
}
