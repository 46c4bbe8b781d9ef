import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OfficeSnapshot, OfficeView, ServiceView } from '@loket/domain';
import { SlugPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { OfficeSnapshotCache } from './office-snapshot-cache.js';
import { OfficesService } from './offices.service.js';

@ApiTags('offices')
@Controller('offices')
export class OfficesController {
  constructor(
    private readonly offices: OfficesService,
    private readonly snapshots: OfficeSnapshotCache,
  ) {}

  @Get()
  list(): Promise<OfficeView[]> {
    return this.offices.list();
  }

  @Get(':slug/services')
  @RateLimit('read')
  @ApiOkResponse({ description: 'Each service with its standard, waiting count, counters open and estimated wait' })
  services(@Param('slug', SlugPipe) slug: string): Promise<ServiceView[]> {
    return this.snapshots.services(slug);
  }

  @Get(':slug/board')
  @RateLimit('read')
  @ApiOkResponse({ description: 'The snapshot a board starts from, with its sequence number' })
  board(@Param('slug', SlugPipe) slug: string): Promise<OfficeSnapshot> {
    return this.snapshots.snapshot(slug);
  }
}
