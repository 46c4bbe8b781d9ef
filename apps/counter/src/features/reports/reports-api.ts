/** The report endpoints; a CSV or XLSX comes as a file, so it is fetched with the token and saved from a Blob. */
import type {
  BOOKINGS_REPORT_TABLE,
  CompliancePackView,
  IkmPlanItem,
  IkmPlanStatus,
  IkmPublicationView,
  OfficeReportView,
  ReportPreset,
  ReportTable,
  SkmPreset,
} from '@loket/domain';
import { API_BASE, ApiError, getJson, sendJson } from '../../shared/api/http';

export interface PeriodQuery {
  preset: ReportPreset;
  /** For day, week, month: the day the period is taken around ('' = today in the office zone). */
  date: string;
  from: string;
  to: string;
}

export function periodParams(period: PeriodQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (period.preset === 'custom') {
    params.set('from', period.from);
    params.set('to', period.to);
  } else {
    params.set('preset', period.preset);
    if (period.date) params.set('date', period.date);
  }
  return params;
}

export const reportsApi = {
  /** Publishes the office's IKM of a semester or year with its follow-up plan. */
  publishIkm: (slug: string, body: { preset: SkmPreset; date?: string; plan: IkmPlanItem[] }) =>
    sendJson<IkmPublicationView>('POST', `/offices/${encodeURIComponent(slug)}/ikm-publications`, body),
  /** Records where item `item` (from 1) of the latest published plan stands. */
  recordProgress: (slug: string, item: number, body: { status: IkmPlanStatus; on?: string; note: string }) =>
    sendJson<IkmPublicationView>('PUT', `/offices/${encodeURIComponent(slug)}/ikm/plan/${item}`, body),
  latestIkm: async (slug: string) => (await getJson<{ publication: IkmPublicationView | null }>(`/offices/${encodeURIComponent(slug)}/ikm`)).publication,

  /** The compliance pack of a semester or year (`preset`, `date`) or of `from`–`to`. */
  compliancePack: (slug: string, query: URLSearchParams) => getJson<CompliancePackView>(`/offices/${encodeURIComponent(slug)}/reports/compliance?${query}`),
  /** How many SKM responses came from phones and from the survey terminals in a period. */
  surveyChannels: async (slug: string, from: string, to: string) =>
    (await getJson<{ channels: { phone: number; terminal: number } }>(`/offices/${encodeURIComponent(slug)}/reports/skm?${new URLSearchParams({ from, to })}`))
      .channels,

  report: (slug: string, period: PeriodQuery) => getJson<OfficeReportView>(`/offices/${encodeURIComponent(slug)}/reports?${periodParams(period)}`),

  /** Downloads one table's CSV under the file name the server gives it. */
  downloadCsv(slug: string, table: ReportTable | typeof BOOKINGS_REPORT_TABLE, period: PeriodQuery, lang: string, token: string): Promise<void> {
    return downloadReport(`/offices/${encodeURIComponent(slug)}/reports/${table}.csv`, period, lang, token, `${table}.csv`);
  },
};

/**
 * Fetches a report file (`path` under the API, for `period`, headers in `lang`) with the token
 * and saves it from a Blob, under the file name the server gives it (else `fallbackName`).
 */
export async function downloadReport(path: string, period: PeriodQuery, lang: string, token: string, fallbackName: string): Promise<void> {
  const params = periodParams(period);
  params.set('lang', lang === 'en' ? 'en' : 'id');
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}?${params}`, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
