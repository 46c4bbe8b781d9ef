import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import {
  type ComplaintOfficeInfo,
  type ComplaintReportView,
  type ComplaintStaffView,
  type ErrorCode,
  type OfficeView,
  type StaffView,
  isErrorCode,
} from '@loket/domain';
import { ApiError } from '../../../shared/api/http';
import { staffApi } from '../../../shared/api/staff-api';
import { type ComplaintFilter, complaintsApi } from '../complaints-api';

/** A refusal the screen names: the API's code when it sent one, else offline or failed. */
export type ComplaintProblem = { code: ErrorCode } | { code: null; offline: boolean };

function problemOf(error: unknown): ComplaintProblem {
  const code = error instanceof ApiError ? error.body?.code : undefined;
  if (isErrorCode(code)) return { code };
  return { code: null, offline: error instanceof ApiError && error.status === 0 };
}

/** The office's complaints, the one open in the detail panel, and the period's figures. */
export const useComplaintsStore = defineStore('complaints', () => {
  const offices = ref<OfficeView[]>([]);
  const officeSlug = ref('');
  const filter = ref<ComplaintFilter>('open');
  const info = ref<ComplaintOfficeInfo | null>(null);
  const list = ref<ComplaintStaffView[]>([]);
  const selectedId = ref<string | null>(null);
  const report = ref<ComplaintReportView | null>(null);
  const problem = ref<ComplaintProblem | null>(null);
  const busy = ref(false);
  /** The last answer for a complaint changed here: keeps it open after the fresh list leaves it out (closed under "Belum selesai"). */
  const changed = ref<ComplaintStaffView | null>(null);
  const selected = computed(
    () => list.value.find((complaint) => complaint.id === selectedId.value) ?? (changed.value?.id === selectedId.value ? changed.value : null),
  );

  async function loadOffices(staff: StaffView): Promise<void> {
    const all = await staffApi.offices();
    offices.value = staff.role === 'admin' ? all : all.filter((office) => staff.officeIds.includes(office.id));
    if (!offices.value.some((office) => office.slug === officeSlug.value)) officeSlug.value = offices.value[0]?.slug ?? '';
  }

  async function load(): Promise<void> {
    if (!officeSlug.value) return;
    problem.value = null;
    try {
      [info.value, list.value] = await Promise.all([complaintsApi.info(officeSlug.value), complaintsApi.list(officeSlug.value, filter.value)]);
    } catch (error) {
      problem.value = problemOf(error);
    }
  }

  async function loadReport(from: string, to: string): Promise<void> {
    problem.value = null;
    try {
      report.value = await complaintsApi.report(officeSlug.value, from, to);
    } catch (error) {
      problem.value = problemOf(error);
    }
  }

  /**
   * Runs one change on the open complaint, then asks for the list again under the same filter, so a
   * complaint closed under "Belum selesai" leaves it at once; false when refused.
   */
  async function change(run: () => Promise<ComplaintStaffView>): Promise<boolean> {
    busy.value = true;
    problem.value = null;
    try {
      const updated = await run();
      changed.value = updated;
      list.value = list.value.map((complaint) => (complaint.id === updated.id ? updated : complaint));
      const slug = officeSlug.value;
      const asked = filter.value;
      const fresh = await complaintsApi.list(slug, asked).catch(() => null);
      if (fresh && slug === officeSlug.value && asked === filter.value) list.value = fresh;
      return true;
    } catch (error) {
      problem.value = problemOf(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function saveSettings(days: number, channel: string): Promise<boolean> {
    problem.value = null;
    try {
      info.value = await complaintsApi.settings(officeSlug.value, days, channel);
      return true;
    } catch (error) {
      problem.value = problemOf(error);
      return false;
    }
  }

  return { offices, officeSlug, filter, info, list, selectedId, selected, report, problem, busy, loadOffices, load, loadReport, change, saveSettings };
});
