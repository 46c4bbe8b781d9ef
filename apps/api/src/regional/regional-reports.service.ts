import { Injectable } from '@nestjs/common';
import { PERCENTILE_METHOD, type RegionalReportView, type ReportRowView, type StaffView, resolvePeriod, serviceDay } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import type { ReportCsvQueryDto, ReportQueryDto } from '../reports/dto/report-query.dto.js';
import { csvOf, regionalReportFilename, regionalSheet } from '../reports/report-csv.js';
import { XLSX_CONTENT_TYPE, xlsxOf } from '../reports/report-xlsx.js';
import { ReportsService } from '../reports/reports.service.js';
import { RegionalService } from './regional.service.js';

/** A report as a file to download. */
export interface ReportFile {
  filename: string;
  type: string;
  body: Buffer;
}

const SHEET_NAME = { id: 'Laporan wilayah', en: 'Regional report' } as const;

/**
 * The regional report (issue 20): the offices a regional head oversees (an admin: every office)
 * side by side for one period. Each row is that office's own report total (`ReportsService`,
 * the supervisor's figures to the letter), so a regional figure and the office's never differ.
 */
@Injectable()
export class RegionalReportsService {
  constructor(
    private readonly clock: Clock,
    private readonly regional: RegionalService,
    private readonly reports: ReportsService,
  ) {}

  async report(query: ReportQueryDto, staff: StaffView): Promise<RegionalReportView> {
    const offices = await this.regional.officesOf(staff);
    const now = this.clock.now();
    // One period for every office, as the dashboard's: "today" is the first office's (offices of one region share a zone or nearly).
    const timeZone = offices[0]?.timeZone ?? 'Asia/Jakarta';
    const period = resolvePeriod(query, serviceDay(now, timeZone));
    const rows: ReportRowView[] = [];
    // One office after another: a month of one office reads its tickets and events, and a region's report should not take every connection at once.
    for (const office of offices) {
      const report = await this.reports.report(office.slug, { from: period.from, to: period.to }, staff);
      rows.push({ id: office.id, code: office.slug, label: report.office.name, ...report.total });
    }
    return { period, timeZone, generatedAt: now.toISOString(), percentileMethod: PERCENTILE_METHOD, rows };
  }

  /** The report as CSV (the office reports' dialects) or as an Excel workbook, headers in `lang`. */
  async file(format: 'csv' | 'xlsx', query: ReportCsvQueryDto, staff: StaffView): Promise<ReportFile> {
    const { lang = 'id', ...period } = query;
    const report = await this.report(period, staff);
    const sheet = regionalSheet(report, lang);
    const filename = regionalReportFilename(report, lang, format);
    return format === 'csv'
      ? { filename, type: 'text/csv; charset=utf-8', body: Buffer.from(csvOf(sheet, lang), 'utf8') }
      : { filename, type: XLSX_CONTENT_TYPE, body: xlsxOf(sheet, SHEET_NAME[lang], lang) };
  }
}
