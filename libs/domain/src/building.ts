/**
 * The building manager's view (issue 20): every agency of a building side by side, one row
 * each, from the same state and figures the supervisor's live view computes
 * (`supervisionFigures`), so the rows move with the same events. The IKM of the period is
 * the one figure the live state does not hold: the API sums the period's answers per agency
 * (`SurveyTotals`) into the supervisor's snapshot.
 */
import type { AgencyView } from './agencies.js';
import { type SatisfactionIndex, type SurveyTotals, satisfactionIndexOfTotals } from './satisfaction.js';
import type { CounterFigures, ServiceFigures, SupervisionFigures, SupervisionState } from './supervision-figures.js';

/** The period's survey answers of each agency, summed: what the supervisor's snapshot carries for the building's rows. */
export interface BuildingSurveys {
  /** The SKM period (`skmPeriod('semester', today)`), office-local days. */
  from: string;
  to: string;
  agencies: { agencyId: string; totals: SurveyTotals }[];
}

export interface AgencyPunctuality {
  /** The agency's counters with hours today. */
  scheduled: number;
  /** Of those: none opened late, closed early, overran a break, or is still not open past its grace. */
  onTime: number;
  /** `onTime / scheduled`; null with no counter scheduled today. */
  share: number | null;
  /** Late openings, break overruns, early closings and not-yet-opened minutes, summed. */
  minutesLost: number;
}

/**
 * What a set of services and counters adds up to: an agency's row in the building's view, an
 * office's in the region's (`regional.ts`). One pooling, so both read the same rule.
 */
export interface PooledFigures {
  waitingNow: number;
  /** The longest wait now of any of the services, in minutes; null when nobody waits. */
  longestWaitMinutes: number | null;
  /** Today's calls within the maximum wait, over all the services (each wait counted once). */
  withinStandardShare: number | null;
  measuredWaits: number;
  countersOpen: number;
  /** The active counters. */
  counters: number;
  punctuality: AgencyPunctuality;
}

export interface AgencyRowFigures extends PooledFigures {
  agency: AgencyView;
  /** The period's IKM of its services; null until every element has an answer. */
  ikm: SatisfactionIndex | null;
}

/**
 * Pools services' and counters' live figures: the shares add up the services' own counts, so
 * a pooled share is never the mean of the services' shares.
 */
export function pooledFigures(services: readonly ServiceFigures[], counters: readonly CounterFigures[]): PooledFigures {
  const measuredWaits = services.reduce((total, service) => total + service.measuredWaits, 0);
  // A share of n measured waits is k/n exactly: k is had back by rounding.
  const within = services.reduce((total, service) => total + Math.round((service.withinStandardShare ?? 0) * service.measuredWaits), 0);
  const longest = services.map((service) => service.longestWaitMinutes).filter((minutes): minutes is number => minutes !== null);
  const scheduled = counters.filter((counter) => counter.scheduled !== null);
  const onTime = scheduled.filter(
    (counter) =>
      counter.lateOpeningMinutes === 0 && counter.notOpenedMinutes === null && counter.breakOverrunMinutes === 0 && counter.earlyClosingMinutes === 0,
  ).length;
  const minutesLost = counters.reduce(
    (total, counter) => total + counter.lateOpeningMinutes + counter.breakOverrunMinutes + counter.earlyClosingMinutes + (counter.notOpenedMinutes ?? 0),
    0,
  );
  return {
    waitingNow: services.reduce((total, service) => total + service.waitingNow, 0),
    longestWaitMinutes: longest.length ? Math.max(...longest) : null,
    withinStandardShare: measuredWaits === 0 ? null : within / measuredWaits,
    measuredWaits,
    countersOpen: counters.filter((counter) => counter.state === 'open').length,
    counters: counters.length,
    punctuality: {
      scheduled: scheduled.length,
      onTime,
      share: scheduled.length === 0 ? null : onTime / scheduled.length,
      minutesLost: Math.round(minutesLost),
    },
  };
}

/**
 * One row per agency of the office, in the office's order: waiting now and the longest wait,
 * today's share of waits within the standard, counters open, punctuality of its counters
 * today (`pooledFigures`), and the period's IKM.
 */
export function buildingFigures(state: SupervisionState, figures: SupervisionFigures, surveys: BuildingSurveys | null): AgencyRowFigures[] {
  const { office } = state;
  const serviceAgency = new Map(office.services.map((service) => [service.id, service.agencyId]));
  const counterAgency = new Map(office.counters.map((counter) => [counter.id, counter.agencyId]));
  return office.agencies.map((agency): AgencyRowFigures => {
    const services = figures.services.filter((service) => serviceAgency.get(service.serviceId) === agency.id);
    const counters = figures.counters.filter((counter) => counterAgency.get(counter.counterId) === agency.id);
    const totals = surveys?.agencies.find((entry) => entry.agencyId === agency.id)?.totals ?? null;
    return { agency, ...pooledFigures(services, counters), ikm: totals ? satisfactionIndexOfTotals(totals) : null };
  });
}

/** Below this share of waits within the standard, or of counters on time, an agency's row asks to be looked at. */
export const AGENCY_FAILING_SHARE = 0.5;

/** Under half today's waits within the standard, or most of its counters late: the agency is failing its promise today. */
export function agencyFailing(row: Pick<AgencyRowFigures, 'withinStandardShare' | 'punctuality'>): boolean {
  const below = (share: number | null) => share !== null && share < AGENCY_FAILING_SHARE;
  return below(row.withinStandardShare) || below(row.punctuality.share);
}
