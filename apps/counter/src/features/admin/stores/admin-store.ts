import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { AgencyView, ZoneView, AdminCounterView, AdminOfficeView, AdminServiceView, AdminStaffView, ChecklistTemplateView } from '@loket/domain';
import { adminApi } from '../admin-api';

/**
 * The set-up an admin is editing: every office, and the services, counters and checklists
 * of the chosen one, with the staff list. Each save answers with the saved row, which
 * replaces the one held here, so the tables show what the server kept.
 */
export const useAdminStore = defineStore('admin', () => {
  const offices = ref<AdminOfficeView[]>([]);
  const officeId = ref<string | null>(null);
  const agencies = ref<AgencyView[]>([]);
  const zones = ref<ZoneView[]>([]);
  const services = ref<AdminServiceView[]>([]);
  const counters = ref<AdminCounterView[]>([]);
  const checklists = ref<ChecklistTemplateView[]>([]);
  const staff = ref<AdminStaffView[]>([]);
  const loading = ref(false);
  const failed = ref(false);

  const office = computed(() => offices.value.find((o) => o.id === officeId.value) ?? null);

  async function load(): Promise<void> {
    loading.value = true;
    failed.value = false;
    try {
      offices.value = await adminApi.offices();
      if (!officeId.value || !offices.value.some((o) => o.id === officeId.value)) officeId.value = offices.value[0]?.id ?? null;
      await Promise.all([loadOffice(), loadStaff()]);
    } catch {
      failed.value = true;
    } finally {
      loading.value = false;
    }
  }

  async function loadOffice(): Promise<void> {
    if (!officeId.value) return;
    const id = officeId.value;
    const [a, z, s, c, k] = await Promise.all([
      adminApi.agencies(id),
      adminApi.zones(id),
      adminApi.services(id),
      adminApi.counters(id),
      adminApi.checklists(id),
    ]);
    if (officeId.value !== id) return;
    agencies.value = a;
    zones.value = z;
    services.value = s;
    counters.value = c;
    checklists.value = k;
  }

  async function loadStaff(): Promise<void> {
    staff.value = await adminApi.staff();
  }

  async function chooseOffice(id: string): Promise<void> {
    officeId.value = id;
    // The office left shows nothing more: its rows stayed until the new ones came, and an edit
    // made meanwhile changed a service of the office the admin had just left.
    agencies.value = [];
    zones.value = [];
    services.value = [];
    counters.value = [];
    checklists.value = [];
    try {
      await loadOffice();
    } catch {
      failed.value = true;
    }
  }

  function put<T extends { id: string }>(list: T[], row: T): T[] {
    return list.some((item) => item.id === row.id) ? list.map((item) => (item.id === row.id ? row : item)) : [...list, row];
  }

  /** More than one agency: the forms ask which one a service or counter belongs to, and the tables show it. */
  const manyAgencies = computed(() => agencies.value.length > 1);
  const agencyName = (id: string) => agencies.value.find((agency) => agency.id === id)?.shortName ?? '';

  /** An answer that arrives after the admin chose another office is not that office's row. */
  const shown = (row: { officeId: string }) => row.officeId === officeId.value;

  const keep = {
    // The server's order: sort order, then oldest first; a new agency's creation time is unknown here, so it goes after its peers.
    agency: (row: AgencyView) => shown(row) && (agencies.value = put(agencies.value, row).sort((a, b) => a.sortOrder - b.sortOrder)),
    agencyGone: (id: string) => (agencies.value = agencies.value.filter((agency) => agency.id !== id)),
    // The server's order: sort order, then name.
    zone: (row: ZoneView) =>
      shown(row) && (zones.value = put(zones.value, row).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'id'))),
    zoneGone: (id: string) => (zones.value = zones.value.filter((zone) => zone.id !== id)),
    office: (row: AdminOfficeView) => (offices.value = put(offices.value, row).sort((a, b) => a.name.localeCompare(b.name, 'id'))),
    service: (row: AdminServiceView) =>
      shown(row) && (services.value = put(services.value, row).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))),
    counter: (row: AdminCounterView) => shown(row) && (counters.value = put(counters.value, row).sort((a, b) => a.number - b.number)),
    staff: (row: AdminStaffView) => (staff.value = put(staff.value, row)),
    checklist: (row: ChecklistTemplateView) => (checklists.value = checklists.value.map((template) => (template.kind === row.kind ? row : template))),
  };

  return {
    offices,
    officeId,
    office,
    agencies,
    zones,
    manyAgencies,
    agencyName,
    services,
    counters,
    checklists,
    staff,
    loading,
    failed,
    load,
    loadOffice,
    loadStaff,
    chooseOffice,
    keep,
  };
});
