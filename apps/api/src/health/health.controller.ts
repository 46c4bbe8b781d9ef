import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthService } from './health.service.js';

/**
 * Probes for a load balancer or orchestrator. `live` answers while the process can serve
 * at all (restart it when this fails); `ready` also needs the database (send it no traffic
 * while this fails, but do not restart it: it recovers by itself when the database returns).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ description: 'Kept for existing callers: the same check as /health/ready' })
  @ApiServiceUnavailableResponse({ description: 'The database cannot be reached (code database_unavailable)' })
  combined(): Promise<{ status: 'ok'; database: 'ok' }> {
    return this.health.ready();
  }

  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is up; the database is not consulted' })
  live(): { status: 'ok' } {
    return this.health.live();
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The process and its database answer' })
  @ApiServiceUnavailableResponse({ description: 'The database cannot be reached (code database_unavailable)' })
  ready(): Promise<{ status: 'ok'; database: 'ok' }> {
    return this.health.ready();
  }
}
