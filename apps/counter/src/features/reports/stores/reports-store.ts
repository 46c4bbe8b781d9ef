import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { BOOKINGS_REPORT_TABLE, OfficeReportView, OfficeView, ReportTable, StaffView } from '@loket/domain';
import { ApiError } from '../../../shared/api/http';
import { staffApi } from '../../../shared/api/staff-api';
import { type PeriodQuery, reportsApi } from '../reports-api';

/** Why the report is not shown, as an i18n key under `reports.error.` with the server's message. */
export interface ReportProblem {
  key: 'invalidPeriod' | 'forbidden' | 'offline' | 'failed';
  message: string;
}

export function reportProblem(error: unknown): ReportProblem {
  if (!(error instanceof ApiError)) return { key: 'failed', message: String(error) };
  if (error.status === 0) return { key: 'offline', message: '' };
  if (error.status === 403) return { key: 'forbidden', message: error.message };
  if (error.status === 400) return { key: 'invalidPeriod', message: error.message };
  return { key: 'failed', message: error.message };
}

/** The offices a staff member may report on: an admin every office, anyone else those they work in. */
export function reportableOffices(offices: readonly OfficeView[], staff: StaffView): OfficeView[] {
  return staff.role === 'admin' ? [...offices] : offices.filter((office) => staff.officeIds.includes(office.id));
}

/** Shows the days the server resolved in the form, so "today" becomes a date the user can move from. */
export function fillResolvedPeriod(period: PeriodQuery, resolved: { from: string; to: string }): void {
  if (period.preset !== 'custom' && !period.date) period.date = resolved.to;
  if (!period.from) period.from = resolved.from;
  if (!period.to) period.to = resolved.to;
}

/** A file is for the period on screen, not for a half-edited form. */
export function shownPeriod(resolved: { from: string; to: string }): PeriodQuery {
  return { preset: 'custom', date: '', from: resolved.from, to: resolved.to };
}

/** The report on screen: which office and period, and the figures the API returned for them. */
export const useReportsStore = defineStore('reports', () => {
  const offices = ref<OfficeView[]>([]);
  const officeSlug = ref('');
  const period = ref<PeriodQuery>({ preset: 'day', date: '', from: '', to: '' });
  const report = ref<OfficeReportView | null>(null);
  /** How the period's SKM responses came in: from phones, from the counters' survey terminals. */
  const channels = ref<{ phone: number; terminal: number } | null>(null);
  const loading = ref(false);
  const problem = ref<ReportProblem | null>(null);
  const downloadProblem = ref<ReportProblem | null>(null);
  const office = computed(() => offices.value.find((o) => o.slug === officeSlug.value) ?? null);

  async function loadOffices(staff: StaffView): Promise<void> {
    try {
      offices.value = reportableOffices(await staffApi.offices(), staff);
      if (!offices.value.some((o) => o.slug === officeSlug.value)) officeSlug.value = offices.value[0]?.slug ?? '';
    } catch (error) {
      problem.value = reportProblem(error);
    }
  }

  async function load(): Promise<void> {
    if (!officeSlug.value) return;
    loading.value = true;
    problem.value = null;
    try {
      report.value = await reportsApi.report(officeSlug.value, period.value);
      fillResolvedPeriod(period.value, report.value.period);
      const shown = report.value;
      channels.value = await reportsApi.surveyChannels(shown.office.slug, shown.period.from, shown.period.to).catch(() => null);
    } catch (error) {
      report.value = null;
      channels.value = null;
      problem.value = reportProblem(error);
    } finally {
      loading.value = false;
    }
  }

  async function download(table: ReportTable | typeof BOOKINGS_REPORT_TABLE, lang: string, token: string): Promise<void> {
    if (!report.value) return;
    downloadProblem.value = null;
    try {
      await reportsApi.downloadCsv(report.value.office.slug, table, shownPeriod(report.value.period), lang, token);
    } catch (error) {
      downloadProblem.value = reportProblem(error);
    }
  }

  return { offices, officeSlug, office, period, report, channels, loading, problem, downloadProblem, loadOffices, load, download };
});
