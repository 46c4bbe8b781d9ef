import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import {
  type AgencyHoldingIds,
  type BuildingSurveys,
  type AlertView,
  type FeedDecision,
  type OfficeEvent,
  type SupervisionSnapshot,
  type SupervisionState,
  OfficeFeed,
  SUPERVISION_RULES,
  agencyHoldingIds,
  buildingFigures,
  recordScopedOfficeEvent,
  serviceDay,
  supervisionFigures,
} from '@loket/domain';

const RECENT_EVENTS = 200;

export interface ApplyOutcome {
  decision: FeedDecision;
  /** A fresh snapshot is needed: a missed event, a counter opened by an officer not known yet, or a new office day. */
  refetch: boolean;
}

/**
 * The office as the supervisor sees it: the office state and the day's event records,
 * kept current by the office's numbered events (the domain's `OfficeFeed`), and the
 * figures computed from them with the same libs/domain function the API uses. `now`
 * moves on a coarse tick so time-based figures (idle, late) move between events too. An
 * agency supervisor's snapshot is narrowed to their agency, and every event keeps it so
 * (the public feed carries the whole office's events).
 */
export const useSupervisionStore = defineStore('supervision', () => {
  const state = ref<SupervisionState | null>(null);
  const alerts = ref<AlertView[]>([]);
  const rules = shallowRef<typeof SUPERVISION_RULES>(SUPERVISION_RULES);
  /** The period's survey answers per agency, for the building's rows (the office's own supervisors, several agencies). */
  const buildingSurveys = shallowRef<BuildingSurveys | null>(null);
  const now = ref(Date.now());
  const needsResync = ref(false);
  const feed = new OfficeFeed();
  /** The agency the view is narrowed to, with what it owns; null: the whole office. */
  let scope: AgencyHoldingIds | null = null;
  let refetchWanted = false;
  // Events seen lately: one that arrives while a fresh snapshot is on its way is replayed onto it.
  let recent: OfficeEvent[] = [];

  const figures = computed(() => (state.value ? supervisionFigures(state.value, now.value, { estimates: true }) : null));
  const office = computed(() => state.value?.office.office ?? null);
  /**
   * The building manager's view: every agency side by side, from the same state and figures,
   * so the rows move with each event. Only for the office's own supervisors in a building of
   * several agencies (the snapshot then carries the agencies' IKM); else null.
   */
  const building = computed(() =>
    state.value && figures.value && buildingSurveys.value ? buildingFigures(state.value, figures.value, buildingSurveys.value) : null,
  );
  /** The agency the view is narrowed to (an agency supervisor's), else null: the whole office. */
  const agency = computed(() => {
    // The state first: `scope` is no ref, and changes only with the state (`hydrate`, `reset`).
    const agencies = state.value?.office.agencies ?? [];
    return scope ? (agencies.find((candidate) => candidate.id === scope!.agencyId) ?? null) : null;
  });

  function hydrate(snapshot: SupervisionSnapshot, at: number = Date.now()): void {
    const { figures: _figures, alerts: open, rules: served, agencyId, building: surveys, ...records } = snapshot;
    void _figures;
    scope = agencyId === null ? null : agencyHoldingIds(records.office, agencyId);
    state.value = records;
    refetchWanted = false;
    // The feed mutates the reactive copy, and every applied event is added to the day's records.
    feed.reset();
    feed.hydrate(state.value.office, (event) => record(event));
    for (const event of recent) if (event.seq > records.office.seq) feed.offer(event, (applied) => record(applied));
    needsResync.value = feed.resyncNeeded;
    alerts.value = [...open];
    rules.value = served;
    buildingSurveys.value = surveys;
    now.value = at;
  }

  function record(event: OfficeEvent): void {
    if (state.value && recordScopedOfficeEvent(state.value, event, scope)) refetchWanted = true;
  }

  function apply(event: OfficeEvent, at: number = Date.now()): ApplyOutcome {
    refetchWanted = false;
    recent = [...recent.slice(-(RECENT_EVENTS - 1)), event];
    const decision = feed.offer(event, (applied) => record(applied));
    needsResync.value = feed.resyncNeeded;
    now.value = at;
    return { decision, refetch: decision === 'gap' || refetchWanted || newDay(at) };
  }

  /** Moves time on for the figures; true when the office day has turned and a fresh snapshot is due. */
  function tick(at: number = Date.now()): boolean {
    now.value = at;
    return newDay(at);
  }

  function newDay(at: number): boolean {
    return state.value !== null && serviceDay(at, state.value.office.office.timeZone) !== state.value.day;
  }

  function alertRaised(alert: AlertView): void {
    if (!state.value || alert.officeId !== state.value.office.office.id) return;
    if (alerts.value.some((known) => known.id === alert.id)) return;
    alerts.value = [...alerts.value, alert].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  }

  /** Its condition ended: it stays listed, resolved, until someone acknowledges it. */
  function alertResolved(alert: AlertView): void {
    alerts.value = alerts.value.map((known) => (known.id === alert.id ? alert : known));
  }

  function alertAcknowledged(alert: AlertView): void {
    alerts.value = alerts.value.filter((known) => known.id !== alert.id);
  }

  function reset(): void {
    state.value = null;
    alerts.value = [];
    feed.reset();
    recent = [];
    scope = null;
    buildingSurveys.value = null;
    needsResync.value = false;
  }

  /** The SKM period the building's IKM covers. */
  const buildingPeriod = computed(() => (buildingSurveys.value ? { from: buildingSurveys.value.from, to: buildingSurveys.value.to } : null));

  return {
    state,
    alerts,
    rules,
    now,
    needsResync,
    figures,
    office,
    agency,
    building,
    buildingPeriod,
    hydrate,
    apply,
    tick,
    alertRaised,
    alertResolved,
    alertAcknowledged,
    reset,
  };
});
