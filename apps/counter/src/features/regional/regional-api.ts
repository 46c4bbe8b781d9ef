/** The regional report's endpoints (issue 20); the dashboard itself comes over the socket (use-regional-socket.ts). */
import type { RegionalReportView } from '@loket/domain';
import { getJson } from '../../shared/api/http';
import { type PeriodQuery, downloadReport, periodParams } from '../reports/reports-api';

export const regionalApi = {
  report: (period: PeriodQuery) => getJson<RegionalReportView>(`/regional/reports?${periodParams(period)}`),
  /** The report as CSV or XLSX, under the file name the server gives it. */
  download: (format: 'csv' | 'xlsx', period: PeriodQuery, lang: string, token: string) =>
    downloadReport(`/regional/reports.${format}`, period, lang, token, `regional.${format}`),
};
