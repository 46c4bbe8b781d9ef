/**
 * Agencies (instansi) under one roof (issue 20): an office such as a Mal Pelayanan Publik
 * hosts several, each owning its services and counters. An office with one agency (the
 * kecamatan case) shows no agency anywhere: every rule here degrades to the flat office.
 */
import { RuleError } from './errors.js';
import type { ServiceView } from './views.js';

export interface AgencyView {
  id: string;
  officeId: string;
  name: string;
  /** What a kiosk tile and a board heading show ("Dukcapil"). */
  shortName: string;
  /** `#rrggbb`, the tile's colour; the screens pick a readable text colour for it (`readableTextOn`). */
  color: string;
  sortOrder: number;
}

export const AGENCY_COLOR_PATTERN = /^#[0-9a-f]{6}$/;
export const AGENCY_SHORT_NAME_MAX = 24;

/** What an agency still holds, read under its lock before it is deleted. */
export interface AgencyHoldings {
  services: number;
  counters: number;
  /** Staff confined to it. */
  staff: number;
  /** Agencies the office has, this one included. */
  agenciesInOffice: number;
}

/**
 * An agency may go only when empty and not the office's last: its services and counters
 * would otherwise be left without an owner, and an office without an agency could not take
 * a new service.
 */
export function assertAgencyDeletable(name: string, holdings: AgencyHoldings): void {
  if (holdings.services > 0) {
    throw new RuleError('agency_has_services', `${name} still has ${holdings.services} service(s); move or remove them first`, { services: holdings.services });
  }
  if (holdings.counters > 0) {
    throw new RuleError('agency_has_counters', `${name} still has ${holdings.counters} counter(s); move them first`, { counters: holdings.counters });
  }
  if (holdings.staff > 0) {
    throw new RuleError('agency_has_staff', `${name} still has ${holdings.staff} staff member(s) confined to it; change them first`, { staff: holdings.staff });
  }
  if (holdings.agenciesInOffice <= 1) throw new RuleError('agency_last', `${name} is the office's only agency`);
}

/**
 * A counter changes agency only while closed: the session open at it, its officer and the
 * live figures of both agencies' supervisors would otherwise change owner mid-shift. A
 * service moves only while no counter serving it is open, for the same reason.
 */
export function assertMovable(subject: string, openCounters: readonly { name: string; state: string }[]): void {
  if (openCounters.length === 0) return;
  const names = openCounters.map((counter) => `${counter.name} (${counter.state})`).join(', ');
  throw new RuleError('counter_open', `${subject} cannot change agency while ${names} is open; close it first`, {
    counters: openCounters.map((counter) => counter.name),
  });
}

/** The agencies a kiosk offers: those with an active service (one still being set up shows no tile). */
export function kioskAgencies<A extends Pick<AgencyView, 'id'>>(agencies: readonly A[], services: readonly Pick<ServiceView, 'agencyId' | 'active'>[]): A[] {
  const withServices = new Set(services.filter((service) => service.active).map((service) => service.agencyId));
  return agencies.filter((agency) => withServices.has(agency.id));
}

/** With more than one agency the kiosk asks for the agency first; with one it goes straight to the services. */
export function kioskShowsAgencies(agencies: readonly Pick<AgencyView, 'id'>[], services: readonly Pick<ServiceView, 'agencyId' | 'active'>[]): boolean {
  return kioskAgencies(agencies, services).length > 1;
}

/** How many wait for each agency now: the sum of its services' queues. */
export function waitingByAgency(services: readonly Pick<ServiceView, 'agencyId' | 'waitingCount'>[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const service of services) totals.set(service.agencyId, (totals.get(service.agencyId) ?? 0) + service.waitingCount);
  return totals;
}

/** The kiosk's first screen shows this many of the day's most used services when an office has many. */
export const TOP_SERVICES = 6;
/** From this many active services on, the kiosk offers a search box and the day's most used. */
export const KIOSK_SEARCH_FROM = 12;

/** Whether the kiosk offers the search box and the day's most used services (KIOSK_SEARCH_FROM). */
export function kioskOffersSearch(services: readonly Pick<ServiceView, 'active'>[]): boolean {
  return services.filter((service) => service.active).length >= KIOSK_SEARCH_FROM;
}

/**
 * The services most used today, most tickets first (ties: the office's own order), only
 * those that issued at least one: on an empty morning there is no "most used" to show.
 */
export function topServicesOfDay<S extends Pick<ServiceView, 'id' | 'active' | 'issuedToday'>>(services: readonly S[], count = TOP_SERVICES): S[] {
  return services
    .map((service, index) => ({ service, index }))
    .filter(({ service }) => service.active && service.issuedToday > 0)
    .sort((a, b) => b.service.issuedToday - a.service.issuedToday || a.index - b.index)
    .slice(0, count)
    .map(({ service }) => service);
}

/** Lower case, accents dropped, anything but letters and digits made a space: "Akta Kelahiran" ~ "akta kelahiran". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The services a kiosk search finds: every word typed must begin a word of the service's
 * name, its code or its agency's names ("akta lahir", "dukcapil ktp", "kk"), so a citizen
 * finds a service by any word of it without knowing which agency holds it. Names that start
 * with the query come first; otherwise the office's own order is kept.
 */
export function searchServices<S extends Pick<ServiceView, 'name' | 'code' | 'agencyId'>>(
  services: readonly S[],
  query: string,
  agencies: readonly Pick<AgencyView, 'id' | 'name' | 'shortName'>[] = [],
): S[] {
  const words = searchKey(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const agencyText = new Map(agencies.map((agency) => [agency.id, `${agency.shortName} ${agency.name}`]));
  const phrase = words.join(' ');
  return services
    .map((service, index) => {
      const name = searchKey(service.name);
      const haystack = ` ${name} ${searchKey(service.code)} ${searchKey(agencyText.get(service.agencyId) ?? '')}`;
      const found = words.every((word) => haystack.includes(` ${word}`));
      return { service, index, found, leads: name.startsWith(phrase) };
    })
    .filter((entry) => entry.found)
    .sort((a, b) => Number(b.leads) - Number(a.leads) || a.index - b.index)
    .map((entry) => entry.service);
}

/**
 * Black or white, whichever reads better on the agency's colour (WCAG relative luminance:
 * the contrast against each, the larger wins), so an admin's colour choice never makes a
 * kiosk tile unreadable.
 */
export function readableTextOn(color: string): '#000000' | '#ffffff' {
  const channel = (offset: number): number => {
    const value = parseInt(color.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  const onBlack = (luminance + 0.05) / 0.05;
  const onWhite = 1.05 / (luminance + 0.05);
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}
