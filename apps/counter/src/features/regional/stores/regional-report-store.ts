import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RegionalReportView } from '@loket/domain';
import type { PeriodQuery } from '../../reports/reports-api';
import { type ReportProblem, fillResolvedPeriod, reportProblem, shownPeriod } from '../../reports/stores/reports-store';
import { regionalApi } from '../regional-api';

/** The regional report on screen: its period and the offices' figures the API returned for it. */
export const useRegionalReportStore = defineStore('regional-report', () => {
  const period = ref<PeriodQuery>({ preset: 'month', date: '', from: '', to: '' });
  const report = ref<RegionalReportView | null>(null);
  const loading = ref(false);
  const problem = ref<ReportProblem | null>(null);
  const downloadProblem = ref<ReportProblem | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      report.value = await regionalApi.report(period.value);
      fillResolvedPeriod(period.value, report.value.period);
    } catch (error) {
      report.value = null;
      problem.value = reportProblem(error);
    } finally {
      loading.value = false;
    }
  }

  async function download(format: 'csv' | 'xlsx', lang: string, token: string): Promise<void> {
    if (!report.value) return;
    downloadProblem.value = null;
    try {
      await regionalApi.download(format, shownPeriod(report.value.period), lang, token);
    } catch (error) {
      downloadProblem.value = reportProblem(error);
    }
  }

  return { period, report, loading, problem, downloadProblem, load, download };
});
