import { Body, Controller, Get, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type IkmPublicationView, RuleError } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { PlanProgressDto } from './dto/plan-progress.dto.js';
import { PublishIkmDto } from './dto/publish-ikm.dto.js';
import { IkmPublicationsService } from './ikm-publications.service.js';

/** A supervisor or admin publishes a period's IKM with its follow-up plan. */
@ApiTags('reports')
@Controller('offices/:slug/ikm-publications')
@StaffOnly('supervisor', 'admin')
export class IkmPublicationsController {
  constructor(private readonly publications: IkmPublicationsService) {}

  @Post()
  @ApiCreatedResponse({ description: 'The publication as the board shows it: the period’s IKM, grade and sample as of now, and the plan' })
  @ApiConflictResponse({ description: '`nothing_to_publish` when the period has no complete IKM' })
  publish(@Param('slug', SlugPipe) slug: string, @Body() body: PublishIkmDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<IkmPublicationView> {
    return this.publications.publish(slug, body, staff);
  }
}

/** A supervisor or admin records where an item of the latest published plan stands. */
@ApiTags('reports')
@Controller('offices/:slug/ikm/plan')
@StaffOnly('supervisor', 'admin')
export class IkmPlanProgressController {
  constructor(private readonly publications: IkmPublicationsService) {}

  @Put(':item')
  @ApiOkResponse({ description: 'The latest publication with the item’s new status (items count from 1)' })
  @ApiNotFoundResponse({ description: 'No IKM published yet' })
  record(
    @Param('slug', SlugPipe) slug: string,
    @Param('item', new ParseIntPipe({ exceptionFactory: () => new RuleError('validation_failed', 'item must be a whole number, from 1') })) item: number,
    @Body() body: PlanProgressDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<IkmPublicationView> {
    return this.publications.recordProgress(slug, item, body, staff);
  }
}

/** What anyone may read: the office's latest published IKM and its follow-up plan. */
@ApiTags('reports')
@Controller('offices/:slug/ikm')
export class PublicIkmController {
  constructor(private readonly publications: IkmPublicationsService) {}

  @Get()
  @RateLimit('read')
  @ApiOkResponse({ description: 'The latest published IKM with its plan, or null when none is published yet' })
  async latest(@Param('slug', SlugPipe) slug: string): Promise<{ publication: IkmPublicationView | null }> {
    return { publication: await this.publications.latest(slug) };
  }
}
