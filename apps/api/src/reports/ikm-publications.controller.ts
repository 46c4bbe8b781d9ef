import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { IkmPublicationView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
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
