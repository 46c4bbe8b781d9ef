import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BOOKINGS_REPORT_TABLE, type CompliancePackView, NotFoundError, REPORT_TABLES, type OfficeReportView, type ReportTable } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { ComplianceService } from './compliance.service.js';
import { ReportCsvQueryDto, ReportQueryDto, SkmQueryDto } from './dto/report-query.dto.js';
import { bookingsCsv, bookingsCsvFilename, reportCsv, reportCsvFilename } from './report-csv.js';
import { ReportsService } from './reports.service.js';
import { type SkmReportView, SkmService } from './skm.service.js';

function tableOf(name: string): ReportTable | typeof BOOKINGS_REPORT_TABLE {
  const tables: readonly string[] = [...REPORT_TABLES, BOOKINGS_REPORT_TABLE];
  if (!tables.includes(name)) throw new NotFoundError(`No report table "${name}"; the tables are ${tables.join(', ')}`);
  return name as ReportTable | typeof BOOKINGS_REPORT_TABLE;
}

@ApiTags('reports')
@Controller('offices/:slug/reports')
@StaffOnly('supervisor', 'admin')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly skm: SkmService,
    private readonly compliance: ComplianceService,
  ) {}

  @Get('compliance')
  @ApiOkResponse({
    description:
      'The compliance pack of a semester, a year or up to 366 days: published standards with their versions, the maklumat, the SKM with sample adequacy, complaint figures, follow-up progress, priority service per group',
  })
  @ApiBadRequestResponse({ description: '`invalid_period`: a day that does not exist, from after to, more than 366 days' })
  compliancePack(@Param('slug', SlugPipe) slug: string, @Query() query: SkmQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<CompliancePackView> {
    return this.compliance.pack(slug, query, staff);
  }

  @Get('skm')
  @ApiOkResponse({ description: 'The SKM tables of a semester or year: IKM and NRR per service and office, sample adequacy, respondent profile, suggestions' })
  @ApiBadRequestResponse({ description: '`invalid_period`: a day that does not exist, from after to, more than 366 days' })
  skmReport(@Param('slug', SlugPipe) slug: string, @Query() query: SkmQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<SkmReportView> {
    return this.skm.report(slug, query, staff);
  }

  @Get()
  @ApiOkResponse({
    description: 'Per service, per counter and per officer: counts, waiting, service time, punctuality, etiquette, satisfaction; and the office total',
  })
  @ApiBadRequestResponse({ description: '`invalid_period`: a day that does not exist, from after to, more than 92 days' })
  report(@Param('slug', SlugPipe) slug: string, @Query() query: ReportQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<OfficeReportView> {
    return this.reports.report(slug, query, staff);
  }

  @Get(':table.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'One table (services, counters, officers, or bookings per day and service) as CSV, UTF-8 with BOM, headers in `lang`, the office total last',
  })
  async csv(
    @Param('slug', SlugPipe) slug: string,
    @Param('table') name: string,
    @Query() query: ReportCsvQueryDto,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const table = tableOf(name);
    const { lang = 'id', ...period } = query;
    const report = await this.reports.report(slug, period, staff);
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    if (table === BOOKINGS_REPORT_TABLE) {
      response.setHeader('content-disposition', `attachment; filename="${bookingsCsvFilename(report, lang)}"`);
      return bookingsCsv(report, lang);
    }
    response.setHeader('content-disposition', `attachment; filename="${reportCsvFilename(report, table, lang)}"`);
    return reportCsv(report, table, lang);
  }
}
