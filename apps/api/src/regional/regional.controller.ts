import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { RegionalOfficeRow, RegionalReportView, RegionalSnapshot } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe } from '../common/param-pipes.js';
import { ReportCsvQueryDto, ReportQueryDto } from '../reports/dto/report-query.dto.js';
import { XLSX_CONTENT_TYPE } from '../reports/report-xlsx.js';
import { type ReportFile, RegionalReportsService } from './regional-reports.service.js';
import { RegionalService } from './regional.service.js';

const REPORT_PERIOD = '`invalid_period`: a day that does not exist, from after to, more than 92 days';

function download(file: ReportFile): StreamableFile {
  return new StreamableFile(file.body, { type: file.type, disposition: `attachment; filename="${file.filename}"` });
}

@ApiTags('regional')
@Controller('regional')
@StaffOnly('regional', 'admin')
export class RegionalController {
  constructor(
    private readonly regional: RegionalService,
    private readonly reports: RegionalReportsService,
  ) {}

  @Get('offices')
  @ApiOkResponse({
    description:
      'The regional dashboard: each office of the regional head (every office for an admin) with its open or closed state, waiting count, longest wait against its maximum, counters open against scheduled, share within the standard today, IKM of the period and open alerts, sorted by where it is failing',
  })
  dashboard(@CurrentStaff() staff: AuthenticatedStaff): Promise<RegionalSnapshot> {
    return this.regional.snapshot(staff);
  }

  @Get('offices/:slug')
  @ApiOkResponse({ description: 'One office’s row of the regional dashboard' })
  @ApiForbiddenResponse({ description: '`not_your_office`: the office is not one of the regional head’s' })
  office(@Param('slug', SlugPipe) slug: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<RegionalOfficeRow> {
    return this.regional.office(slug, staff);
  }

  @Get('reports')
  @ApiOkResponse({
    description:
      'The regional report: each office of the regional head (every office for an admin) side by side for a period, each row the office total of its own report (counts, waiting, service time, punctuality, etiquette, satisfaction), by office name',
  })
  @ApiBadRequestResponse({ description: REPORT_PERIOD })
  report(@Query() query: ReportQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<RegionalReportView> {
    return this.reports.report(query, staff);
  }

  @Get('reports.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The regional report as CSV: UTF-8 with BOM, a row per office, headers and dialect in `lang` (as the office reports’ CSV)' })
  @ApiBadRequestResponse({ description: REPORT_PERIOD })
  async csv(@Query() query: ReportCsvQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<StreamableFile> {
    return download(await this.reports.file('csv', query, staff));
  }

  @Get('reports.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The regional report as an Excel workbook: one sheet, a row per office, headers in `lang`, figures as numbers' })
  @ApiBadRequestResponse({ description: REPORT_PERIOD })
  async xlsx(@Query() query: ReportCsvQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<StreamableFile> {
    return download(await this.reports.file('xlsx', query, staff));
  }
}
