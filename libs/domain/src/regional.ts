/**
 * The regional dashboard (issue 20): a regional head's offices side by side, one row each,
 * sorted by where they are failing. Each row pools the office's live figures the supervisor's
 * view computes (`supervisionFigures`, pooled as the building's rows are: `pooledFigures`), so
 * the region, the building and the office read one rule. The API keeps a row per office and
 * moves it with that office's events (apps/api/src/regional/regional-rows.ts).
 */
import { AGENCY_FAILING_SHARE, pooledFigures } from './building.js';
import type { OfficeOpenState } from './calendar.js';
import { SURVEY_ELEMENT_CODES, type SatisfactionIndex, type SurveyTotals, satisfactionIndexOfTotals } from './satisfaction.js';
import type { SupervisionFigures, SupervisionState } from './supervision-figures.js';

/**
 * When an office's figure counts as failing. The maximum wait and the counters' schedule are
 * the office's own promises; the share within the standard fails where an agency's row does
 * in the building manager's view (`AGENCY_FAILING_SHARE`: under half), and the IKM under grade
 * B ("Baik", 76.61, PermenPANRB 14/2017) in the period.
 */
export const REGIONAL_RULES = {
  withinStandardFloor: AGENCY_FAILING_SHARE,
  ikmFloor: 76.61,
} as const;

/** A figure of the row that fails, in the order the dashboard weighs them. */
export type RegionalFailure = 'over_max_wait' | 'counters_short' | 'below_standard' | 'open_alerts' | 'ikm_low';

export interface RegionalLongestWait {
  /** The service whose longest wait now is the largest share of its maximum. */
  serviceCode: string;
  serviceName: string;
  minutes: number;
  maxWaitMinutes: number;
}

export interface RegionalOfficeRow {
  office: { id: string; slug: string; name: string; timeZone: string };
  /** The office's sequence number the row was computed at, and when (epoch ms): a later row replaces an earlier one. */
  seq: number;
  at: number;
  open: boolean;
  waitingNow: number;
  longestWait: RegionalLongestWait | null;
  countersOpen: number;
  /** Counters whose hours today hold this moment. */
  countersScheduled: number;
  withinStandardShare: number | null;
  measuredWaits: number;
  /** The IKM of this SKM period (`skmPeriod('semester', today)`) over every service of the office. */
  ikm: SatisfactionIndex | null;
  openAlerts: number;
  /** What fails, in `REGIONAL_FAILURES` order: the dashboard's sort and its red cells. */
  failing: RegionalFailure[];
}

export const REGIONAL_FAILURES: readonly RegionalFailure[] = ['over_max_wait', 'counters_short', 'below_standard', 'open_alerts', 'ikm_low'];

/** What the regional dashboard starts from: every office of the user's set, already sorted. */
export interface RegionalSnapshot {
  rows: RegionalOfficeRow[];
  /** The SKM period of the IKM column. */
  period: { from: string; to: string };
  rules: typeof REGIONAL_RULES;
}

/**
 * Open at `now` by the open state the office's snapshot carries: the snapshot is read when its
 * office changes, so a kept one may predate today's opening or closing time.
 */
export function openAt(calendar: OfficeOpenState, now: number): boolean {
  if (calendar.open) return calendar.closesAt === null || Date.parse(calendar.closesAt) > now;
  return calendar.opensAt !== null && Date.parse(calendar.opensAt) <= now;
}

/** Several answer totals as one (the office's agencies', for the office's IKM). */
export function sumSurveyTotals(parts: readonly SurveyTotals[]): SurveyTotals {
  const elements = Object.fromEntries(
    SURVEY_ELEMENT_CODES.map((code) => [
      code,
      {
        sum: parts.reduce((total, part) => total + part.elements[code].sum, 0),
        count: parts.reduce((total, part) => total + part.elements[code].count, 0),
      },
    ]),
  ) as SurveyTotals['elements'];
  return { responses: parts.reduce((total, part) => total + part.responses, 0), elements };
}

/**
 * One office's row at `now`, from its live state and figures (`supervisionFigures`; the alert
 * scan's, without estimates, serve), the period's answers summed and the alerts still open.
 */
export function regionalOfficeRow(
  state: SupervisionState,
  figures: SupervisionFigures,
  context: { now: number; surveys: SurveyTotals | null; openAlerts: number },
): RegionalOfficeRow {
  const { now } = context;
  const pooled = pooledFigures(figures.services, figures.counters);
  let longestWait: RegionalLongestWait | null = null;
  for (const service of figures.services) {
    if (service.longestWaitMinutes === null) continue;
    const share = service.longestWaitMinutes / service.maxWaitMinutes;
    if (longestWait && share <= longestWait.minutes / longestWait.maxWaitMinutes) continue;
    longestWait = { serviceCode: service.code, serviceName: service.name, minutes: service.longestWaitMinutes, maxWaitMinutes: service.maxWaitMinutes };
  }
  const countersScheduled = figures.counters.filter(
    (counter) => counter.scheduled !== null && counter.scheduled.from <= now && now < counter.scheduled.to,
  ).length;
  const ikm = context.surveys ? satisfactionIndexOfTotals(context.surveys) : null;
  const row: Omit<RegionalOfficeRow, 'failing'> = {
    office: { id: state.office.office.id, slug: state.office.office.slug, name: state.office.office.name, timeZone: state.office.office.timeZone },
    seq: state.office.seq,
    at: now,
    open: openAt(state.office.calendar, now),
    waitingNow: pooled.waitingNow,
    longestWait,
    countersOpen: pooled.countersOpen,
    countersScheduled,
    withinStandardShare: pooled.withinStandardShare,
    measuredWaits: pooled.measuredWaits,
    ikm,
    openAlerts: context.openAlerts,
  };
  return { ...row, failing: regionalFailures(row) };
}

/** Which of the row's figures fail (`REGIONAL_RULES`), in `REGIONAL_FAILURES` order. */
export function regionalFailures(row: Omit<RegionalOfficeRow, 'failing'>): RegionalFailure[] {
  const failing: Record<RegionalFailure, boolean> = {
    over_max_wait: row.longestWait !== null && row.longestWait.minutes > row.longestWait.maxWaitMinutes,
    counters_short: row.countersOpen < row.countersScheduled,
    below_standard: row.withinStandardShare !== null && row.withinStandardShare < REGIONAL_RULES.withinStandardFloor,
    open_alerts: row.openAlerts > 0,
    ikm_low: row.ikm?.ikm != null && row.ikm.ikm < REGIONAL_RULES.ikmFloor,
  };
  return REGIONAL_FAILURES.filter((failure) => failing[failure]);
}

/** How far past its maximum the longest wait is (1 = at the maximum); 0 when nobody waits. */
function longestWaitShare(row: RegionalOfficeRow): number {
  return row.longestWait ? row.longestWait.minutes / row.longestWait.maxWaitMinutes : 0;
}

/**
 * "Where are we failing": the offices failing on most figures first; among equals, the longest
 * wait furthest past its maximum, then the lowest share within the standard (none measured
 * last), then the most open alerts, then the name.
 */
export function compareRegionalRows(a: RegionalOfficeRow, b: RegionalOfficeRow): number {
  return (
    b.failing.length - a.failing.length ||
    longestWaitShare(b) - longestWaitShare(a) ||
    (a.withinStandardShare ?? 2) - (b.withinStandardShare ?? 2) ||
    b.openAlerts - a.openAlerts ||
    a.office.name.localeCompare(b.office.name, 'id')
  );
}

export function sortRegionalRows(rows: readonly RegionalOfficeRow[]): RegionalOfficeRow[] {
  return [...rows].sort(compareRegionalRows);
}

/** A row arriving live replaces the office's row if it is not older (by sequence, then time); the rest stay, re-sorted. */
export function applyRegionalRow(rows: readonly RegionalOfficeRow[], row: RegionalOfficeRow): RegionalOfficeRow[] {
  const index = rows.findIndex((candidate) => candidate.office.id === row.office.id);
  if (index < 0) return rows.slice();
  const kept = rows[index];
  if (row.seq < kept.seq || (row.seq === kept.seq && row.at < kept.at)) return rows.slice();
  return sortRegionalRows(rows.map((candidate, i) => (i === index ? row : candidate)));
}
