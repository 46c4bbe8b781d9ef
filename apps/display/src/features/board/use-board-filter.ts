import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { useRoute } from 'vue-router';
import { useBoardOffice } from '../../composables/use-board-office';
import { useOfficeStore } from '../../stores/office-store';

/** How many calls the board lists under the latest one. */
const RECENT_SHOWN = 3;
/** How many of the next numbers the board shows per service. */
export const NEXT_SHOWN = 3;

/**
 * What one board shows, from its address: `?office=slug` (default the first office),
 * `?agency=Dukcapil` (an agency's short name, any case: its services and its counters; default
 * the whole building), and `?services=A,B&counters=1,2` (default all). A counter is shown
 * when it serves a shown service, and a call when both its counter and its service are shown,
 * so a board by the door of one wing shows that wing alone.
 */
export function useBoardFilter() {
  const route = useRoute();
  const { slug, choice } = useBoardOffice();
  const { counters, serviceLoad, recentCalls, waiting, agencies } = storeToRefs(useOfficeStore());

  function listParam(name: string): string[] | null {
    const raw = route.query[name];
    if (typeof raw !== 'string' || raw.trim() === '') return null;
    return raw
      .split(',')
      .map((part) => part.trim().toUpperCase())
      .filter(Boolean);
  }
  const serviceFilter = computed(() => listParam('services'));
  /** The agency named in the address; an unknown name shows nothing rather than the whole building. */
  const agencyFilter = computed(() => {
    const raw = route.query.agency;
    if (typeof raw !== 'string' || raw.trim() === '') return null;
    return agencies.value.find((agency) => agency.shortName.toLowerCase() === raw.trim().toLowerCase())?.id ?? 'unknown';
  });
  const agency = computed(() => agencies.value.find((candidate) => candidate.id === agencyFilter.value) ?? null);
  const counterFilter = computed(() => listParam('counters')?.map(Number) ?? null);

  const services = computed(() =>
    serviceLoad.value.filter(
      (service) =>
        service.active &&
        (!agencyFilter.value || service.agencyId === agencyFilter.value) &&
        (!serviceFilter.value || serviceFilter.value.includes(service.code)),
    ),
  );
  const serviceIds = computed(() => new Set(services.value.map((service) => service.id)));
  const shownCounters = computed(() =>
    counters.value.filter(
      (counter) =>
        (!counterFilter.value || counterFilter.value.includes(counter.number)) &&
        (!agencyFilter.value || counter.agencyId === agencyFilter.value) &&
        (!serviceFilter.value || counter.serviceIds.some((id) => serviceIds.value.has(id))),
    ),
  );
  const counterIds = computed(() => new Set(shownCounters.value.map((counter) => counter.id)));
  const calls = computed(() => recentCalls.value.filter((call) => counterIds.value.has(call.counterId) && serviceIds.value.has(call.serviceId)));
  const latest = computed(() => calls.value[0] ?? null);
  const earlier = computed(() => calls.value.slice(1, RECENT_SHOWN + 1));

  /**
   * The next numbers of each shown service: its waiting tickets in the order the domain calls
   * them (the snapshot's waiting list is kept in `compareForCall` order), so a priority ticket
   * shows ahead as it will be called ahead.
   */
  const next = computed(() => {
    const byService = new Map<string, string[]>();
    for (const ticket of waiting.value) {
      if (!serviceIds.value.has(ticket.serviceId)) continue;
      const numbers = byService.get(ticket.serviceId) ?? [];
      if (numbers.length < NEXT_SHOWN) byService.set(ticket.serviceId, [...numbers, ticket.number]);
    }
    return byService;
  });

  return { slug, choice, agency, services, counters: shownCounters, latest, earlier, next };
}
