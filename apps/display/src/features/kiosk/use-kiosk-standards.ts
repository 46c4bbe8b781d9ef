import { ref, type Ref } from 'vue';
import type { OfficeStandardsView, PublishedServiceStandard } from '@loket/domain';
import { fetchStandards } from '../../api/offices';

/** A kiosk runs for days: the standards it shows are fetched again when older than this. */
export const STANDARDS_FRESH_MS = 10 * 60_000;

/**
 * The office's published standards for the kiosk's "Apa yang perlu saya bawa?" panel: the
 * requirements are in the office snapshot already, the procedure and product are not. One
 * request when a panel opens, at most every ten minutes.
 */
export function useKioskStandards(slug: Ref<string | null>) {
  const standards = ref<OfficeStandardsView | null>(null);
  const failed = ref(false);
  let fetchedAt = 0;
  let fetchedFor: string | null = null;

  async function refresh(now = Date.now()): Promise<void> {
    const office = slug.value;
    if (!office) return;
    if (standards.value && fetchedFor === office && now - fetchedAt < STANDARDS_FRESH_MS) return;
    failed.value = false;
    try {
      standards.value = await fetchStandards(office);
      fetchedAt = now;
      fetchedFor = office;
    } catch {
      failed.value = standards.value === null;
    }
  }

  const of = (serviceId: string): PublishedServiceStandard | null => standards.value?.services.find((service) => service.serviceId === serviceId) ?? null;

  return { refresh, of, failed, loaded: () => standards.value !== null };
}
