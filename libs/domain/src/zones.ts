/**
 * Zones of a building (issue 20): an admin names a part of an office ("Lantai 1 – Zona A") by
 * the agencies and the counters it holds, and a board hung there shows that zone alone. The
 * rules of what a board shows live here, for a zone, an agency or the whole building, so the
 * board's screen and its voice agree on which calls are its own.
 */
import { type AgencyView, searchKey } from './agencies.js';
import { RuleError } from './errors.js';
import type { CallView, CounterView, ServiceView } from './views.js';

export interface ZoneView {
  id: string;
  officeId: string;
  /** As the room's sign says it: "Lantai 1 – Zona A". Unique in the office, case ignored. */
  name: string;
  /** From the name (`zoneSlug`): what a board's address names, `?zone=lantai-1-zona-a`. */
  slug: string;
  /** Every counter of these agencies is in the zone, now and when one is added later. */
  agencyIds: string[];
  /** Counters named one by one, beside those of the agencies (a Samsat counter on the Dukcapil floor). */
  counterIds: string[];
  sortOrder: number;
}

export const ZONE_NAME_MAX = 60;
/** An office's whole building is seldom split into more; a longer list is a mistake, not a plan. */
export const ZONE_MEMBERS_MAX = 200;

/**
 * The slug a zone's board address names: its name in lower case, accents dropped, words
 * joined by a dash ("Lantai 1 – Zona A" → "lantai-1-zona-a"). Two names giving the same slug
 * are the same zone to a board, so the office refuses the second (`zone_name_taken`).
 */
export function zoneSlug(name: string): string {
  return searchKey(name).split(' ').filter(Boolean).join('-');
}

/** The zone a board's `?zone=` names, by id or by slug (any case, or the name as typed); null when the office has none such. */
export function findZone<Z extends Pick<ZoneView, 'id' | 'slug'>>(zones: readonly Z[], reference: string): Z | null {
  const wanted = reference.trim();
  if (wanted === '') return null;
  const slug = zoneSlug(wanted);
  return zones.find((zone) => zone.id === wanted) ?? zones.find((zone) => zone.slug === slug) ?? null;
}

/** Whether the zone holds the counter: named one by one, or one of its agencies'. */
export function zoneHoldsCounter(zone: Pick<ZoneView, 'agencyIds' | 'counterIds'>, counter: Pick<CounterView, 'id' | 'agencyId'>): boolean {
  return zone.counterIds.includes(counter.id) || zone.agencyIds.includes(counter.agencyId);
}

/**
 * The services a zone's board lists: those of its agencies, and those its counters serve (a
 * citizen waiting for one of them will be called to a counter in the zone).
 */
export function zoneHoldsService(
  zone: Pick<ZoneView, 'agencyIds' | 'counterIds'>,
  service: Pick<ServiceView, 'id' | 'agencyId'>,
  zoneCounters: readonly Pick<CounterView, 'serviceIds'>[],
): boolean {
  return zone.agencyIds.includes(service.agencyId) || zoneCounters.some((counter) => counter.serviceIds.includes(service.id));
}

/** What a board's address asks for: `?zone=`, `?agency=` (short name), `?services=A,B`, `?counters=1,2`. */
export interface BoardFilter {
  zone?: string | null;
  agency?: string | null;
  /** Service codes, upper case. */
  services?: readonly string[] | null;
  counters?: readonly number[] | null;
}

export type BoardSelection =
  | {
      found: true;
      zone: ZoneView | null;
      agency: AgencyView | null;
      serviceIds: ReadonlySet<string>;
      counterIds: ReadonlySet<string>;
    }
  /** The address names a zone or an agency the office does not have: the board says so, and shows nothing. */
  | { found: false; unknown: 'zone' | 'agency'; reference: string };

type BoardOffice = {
  agencies: readonly AgencyView[];
  zones: readonly ZoneView[];
  services: readonly Pick<ServiceView, 'id' | 'agencyId' | 'code' | 'active'>[];
  counters: readonly Pick<CounterView, 'id' | 'agencyId' | 'number' | 'serviceIds'>[];
};

/**
 * What a board shows of the office: the whole building by default; a zone (its counters, and
 * the services of its agencies and its counters); an agency (its services and counters); and
 * within that only the service codes and counter numbers listed. A counter is shown when it
 * serves a shown service if services are listed. A zone or agency the office does not have is
 * not the whole building: the board says it is unknown.
 */
export function boardSelection(office: BoardOffice, filter: BoardFilter): BoardSelection {
  const zone = filter.zone ? findZone(office.zones, filter.zone) : null;
  if (filter.zone && !zone) return { found: false, unknown: 'zone', reference: filter.zone };
  const wantedAgency = filter.agency?.trim().toLowerCase();
  const agency = wantedAgency ? (office.agencies.find((candidate) => candidate.shortName.toLowerCase() === wantedAgency) ?? null) : null;
  if (filter.agency && !agency) return { found: false, unknown: 'agency', reference: filter.agency };
  const zoneCounters = zone ? office.counters.filter((counter) => zoneHoldsCounter(zone, counter)) : [];
  const services = office.services.filter(
    (service) =>
      service.active &&
      (!zone || zoneHoldsService(zone, service, zoneCounters)) &&
      (!agency || service.agencyId === agency.id) &&
      (!filter.services || filter.services.includes(service.code)),
  );
  const serviceIds = new Set(services.map((service) => service.id));
  const counters = office.counters.filter(
    (counter) =>
      (!zone || zoneHoldsCounter(zone, counter)) &&
      (!agency || counter.agencyId === agency.id) &&
      (!filter.counters || filter.counters.includes(counter.number)) &&
      (!filter.services || counter.serviceIds.some((id) => serviceIds.has(id))),
  );
  return { found: true, zone, agency, serviceIds, counterIds: new Set(counters.map((counter) => counter.id)) };
}

/**
 * Whether a call is the board's to show and to say aloud: at one of its counters, for one of
 * its services. A board by the door of one zone calls nobody to another zone's counter.
 */
export function boardShowsCall(selection: BoardSelection, call: Pick<CallView, 'counterId' | 'serviceId'>): boolean {
  return selection.found && selection.counterIds.has(call.counterId) && selection.serviceIds.has(call.serviceId);
}

/**
 * A zone must hold something, and only what is its office's: an agency or counter of another
 * office (or none at all) is refused, 400, naming the field and the ids, before anything is written.
 */
export function assertZoneMembers(
  named: { agencyIds: readonly string[]; counterIds: readonly string[] },
  office: { agencyIds: ReadonlySet<string>; counterIds: ReadonlySet<string> },
): void {
  if (named.agencyIds.length === 0 && named.counterIds.length === 0) {
    throw new RuleError('zone_empty', 'A zone needs at least one agency or counter', [
      { field: 'agencyIds', problems: ['choose at least one agency or counter'] },
    ]);
  }
  const agencies = named.agencyIds.filter((id) => !office.agencyIds.has(id));
  const counters = named.counterIds.filter((id) => !office.counterIds.has(id));
  const problems = [
    ...(agencies.length ? [{ field: 'agencyIds', problems: [`not agencies of this office: ${agencies.join(', ')}`] }] : []),
    ...(counters.length ? [{ field: 'counterIds', problems: [`not counters of this office: ${counters.join(', ')}`] }] : []),
  ];
  if (problems.length > 0) {
    throw new RuleError('zone_outside_office', `A zone holds only its own office's agencies and counters`, problems);
  }
}
