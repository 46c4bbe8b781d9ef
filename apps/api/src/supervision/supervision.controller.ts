import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AlertView, ObservationResult, SupervisionBookingsView, SupervisionCharts, SupervisionSnapshot } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly, StaffRoles } from '../auth/staff-auth.guard.js';
import { SlugPipe, uuidPipe } from '../common/param-pipes.js';
import { AlertsService } from './alerts.service.js';
import { ChartsService } from './charts.service.js';
import { AcknowledgeAlertsDto } from './dto/acknowledge-alerts.dto.js';
import { ChartsQueryDto } from './dto/charts-query.dto.js';
import { ObservationDto } from './dto/observation.dto.js';
import { ObservationsService } from './observations.service.js';
import { SupervisionService } from './supervision.service.js';

@ApiTags('supervision')
@Controller()
@StaffOnly('supervisor', 'admin')
export class SupervisionController {
  // A regional head reads the live view of their offices (the regional dashboard links to it) and acts on nothing.
  constructor(
    private readonly supervision: SupervisionService,
    private readonly alerts: AlertsService,
    private readonly charts: ChartsService,
    private readonly observations: ObservationsService,
  ) {}

  @Get('offices/:slug/supervision')
  @StaffRoles('supervisor', 'admin', 'regional')
  @ApiOkResponse({ description: 'Live per-service and per-counter figures, today’s records they come from, and the open alerts' })
  snapshot(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<SupervisionSnapshot> {
    return this.supervision.snapshot(slug, staff);
  }

  @Get('offices/:slug/supervision/alerts')
  @StaffRoles('supervisor', 'admin', 'regional')
  @ApiOkResponse({ description: 'The alerts not yet acknowledged, oldest first' })
  openAlerts(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AlertView[]> {
    return this.alerts.list(slug, staff);
  }

  @Post('supervision/alerts/:id/acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The alert, with who acknowledged it and when' })
  @ApiNotFoundResponse({ description: 'No such alert' })
  @ApiConflictResponse({ description: '`alert_already_acknowledged`' })
  acknowledge(@Param('id', uuidPipe('The alert id')) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<AlertView> {
    return this.alerts.acknowledge(id, staff);
  }

  @Post('offices/:slug/supervision/alerts/acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The alerts acknowledged now (those already acknowledged are left out)' })
  @ApiNotFoundResponse({ description: 'An id that is no alert of this office: nothing is acknowledged' })
  acknowledgeMany(@Param('slug', SlugPipe) slug: string, @Body() body: AcknowledgeAlertsDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<AlertView[]> {
    return this.alerts.acknowledgeMany(slug, body.ids, staff);
  }

  @Get('offices/:slug/supervision/charts')
  @StaffRoles('supervisor', 'admin', 'regional')
  @ApiOkResponse({ description: 'Waiting time through the day, wait distribution, service times, etiquette (self vs observed), satisfaction per element' })
  chartData(@Param('slug', SlugPipe) slug: string, @Query() query: ChartsQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<SupervisionCharts> {
    return this.charts.charts(slug, query.days ?? 1, staff);
  }

  @Get('offices/:slug/supervision/bookings')
  @StaffRoles('supervisor', 'admin', 'regional')
  @ApiOkResponse({
    description:
      'Today’s bookings per service and slot (booked, checked in, late, no-show, still expected) and the share of booked citizens called within 10 minutes of their slot',
  })
  bookings(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<SupervisionBookingsView> {
    return this.supervision.bookings(slug, staff);
  }

  @Post('offices/:slug/supervision/observations')
  @HttpCode(201)
  @ApiOkResponse({ description: 'The observation recorded for the ticket being served at the counter' })
  @ApiConflictResponse({ description: '`nothing_to_observe`: nobody is being served there' })
  observe(@Param('slug', SlugPipe) slug: string, @Body() body: ObservationDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<ObservationResult> {
    return this.observations.observe(slug, body, staff);
  }
}
