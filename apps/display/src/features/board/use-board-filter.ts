import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { useRoute } from 'vue-router';
import { type CallView, boardSelection, boardShowsCall } from '@loket/domain';
import { useBoardOffice } from '../../composables/use-board-office';
import { useOfficeStore } from '../../stores/office-store';

/** How many calls the board lists under the latest one. */
const RECENT_SHOWN = 3;
/** How many of the next numbers the board shows per service. */
export const NEXT_SHOWN = 3;

/**
 * What one board shows, from its address: `?office=slug` (default the first office),
 * `?zone=lantai-1-zona-a` (a zone's slug or id: its counters, calls and services),
 * `?agency=Dukcapil` (an agency's short name, any case), and `?services=A,B&counters=1,2`
 * (default all). The rules are libs/domain's `boardSelection`; a zone or agency the office
 * does not have shows nothing but the board saying so (`unknown`).
 */
export function useBoardFilter() {
  const route = useRoute();
  const { slug, choice } = useBoardOffice();
  const store = useOfficeStore();
  const { counters, serviceLoad, recentCalls, waiting, agencies, zones } = storeToRefs(store);

  function textParam(name: string): string | null {
    const raw = route.query[name];
    return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
  }
  function listParam(name: string): string[] | null {
    const raw = textParam(name);
    if (raw === null) return null;
    return raw
      .split(',')
      .map((part) => part.trim().toUpperCase())
      .filter(Boolean);
  }

  const selection = computed(() =>
    boardSelection(
      { agencies: agencies.value, zones: zones.value, services: serviceLoad.value, counters: counters.value },
      { zone: textParam('zone'), agency: textParam('agency'), services: listParam('services'), counters: listParam('counters')?.map(Number) ?? null },
    ),
  );
  /** The zone or agency the address names and the office does not have (read only once the office is loaded). */
  const unknown = computed(() => {
    const chosen = selection.value;
    return store.snapshot && !chosen.found ? { kind: chosen.unknown, reference: chosen.reference } : null;
  });
  const zone = computed(() => (selection.value.found ? selection.value.zone : null));
  const agency = computed(() => (selection.value.found ? selection.value.agency : null));
  const serviceIds = computed(() => (selection.value.found ? selection.value.serviceIds : new Set<string>()));
  const counterIds = computed(() => (selection.value.found ? selection.value.counterIds : new Set<string>()));

  const services = computed(() => serviceLoad.value.filter((service) => serviceIds.value.has(service.id)));
  const shownCounters = computed(() => counters.value.filter((counter) => counterIds.value.has(counter.id)));
  /** Whether a call is this board's to show and to say aloud. */
  const showsCall = (call: CallView) => boardShowsCall(selection.value, call);
  const calls = computed(() => recentCalls.value.filter(showsCall));
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

  return { slug, choice, zone, agency, unknown, services, counters: shownCounters, latest, earlier, next, showsCall };
}
