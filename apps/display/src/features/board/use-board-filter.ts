import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { useRoute } from 'vue-router';
import { useBoardOffice } from '../../composables/use-board-office';
import { useOfficeStore } from '../../stores/office-store';

/** How many calls the board lists under the latest one. */
const RECENT_SHOWN = 3;

/**
 * What one board shows, from its address: `?office=slug` (default the first office), and
 * `?services=A,B&counters=1,2` (default all). A counter is shown when it serves a shown
 * service, and a call when both its counter and its service are shown, so a board by the
 * door of one wing shows that wing alone.
 */
export function useBoardFilter() {
  const route = useRoute();
  const { slug, choice } = useBoardOffice();
  const { counters, serviceLoad, recentCalls } = storeToRefs(useOfficeStore());

  function listParam(name: string): string[] | null {
    const raw = route.query[name];
    if (typeof raw !== 'string' || raw.trim() === '') return null;
    return raw
      .split(',')
      .map((part) => part.trim().toUpperCase())
      .filter(Boolean);
  }
  const serviceFilter = computed(() => listParam('services'));
  const counterFilter = computed(() => listParam('counters')?.map(Number) ?? null);

  const services = computed(() =>
    serviceLoad.value.filter((service) => service.active && (!serviceFilter.value || serviceFilter.value.includes(service.code))),
  );
  const serviceIds = computed(() => new Set(services.value.map((service) => service.id)));
  const shownCounters = computed(() =>
    counters.value.filter(
      (counter) =>
        (!counterFilter.value || counterFilter.value.includes(counter.number)) &&
        (!serviceFilter.value || counter.serviceIds.some((id) => serviceIds.value.has(id))),
    ),
  );
  const counterIds = computed(() => new Set(shownCounters.value.map((counter) => counter.id)));
  const calls = computed(() => recentCalls.value.filter((call) => counterIds.value.has(call.counterId) && serviceIds.value.has(call.serviceId)));
  const latest = computed(() => calls.value[0] ?? null);
  const earlier = computed(() => calls.value.slice(1, RECENT_SHOWN + 1));

  return { slug, choice, services, counters: shownCounters, latest, earlier };
}
