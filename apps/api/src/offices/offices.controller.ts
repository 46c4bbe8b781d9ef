import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OfficeSnapshot, OfficeView, ServiceView } from '@loket/domain';
import { SlugPipe } from '../common/param-pipes.js';
import { OfficesService } from './offices.service.js';

@ApiTags('offices')
@Controller('offices')
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  @Get()
  list(): Promise<OfficeView[]> {
    return this.offices.list();
  }

  @Get(':slug/services')
  @ApiOkResponse({ description: 'Each service with its standard, waiting count, counters open and estimated wait' })
  services(@Param('slug', SlugPipe) slug: string): Promise<ServiceView[]> {
    return this.offices.services(slug);
  }

  @Get(':slug/board')
  @ApiOkResponse({ description: 'The snapshot a board starts from, with its sequence number' })
  board(@Param('slug', SlugPipe) slug: string): Promise<OfficeSnapshot> {
    return this.offices.snapshotBySlug(slug);
  }
}
