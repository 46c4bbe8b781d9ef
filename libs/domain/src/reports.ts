/**
 * The supervisor's reports (issue "Reports"): every figure of a report for an office and a
 * period, per service, per counter and per officer, defined once here from the raw event
 * rows. The API may aggregate some of them in SQL for speed; its tests prove the SQL
 * figures equal these. Pure: every time, including `now`, comes in as a parameter.
 *
 * Which rows belong to a period: the tickets issued on its office-local days (all their
 * events, even a finish after midnight), the counter sessions opened on those days, and the
 * checklists and survey responses of those tickets and sessions.
 */
import { type AnswerMethod, type ChecklistAnswer, type ChecklistKind, type EtiquetteFigures, etiquetteFigures } from './checklists.js';
import {
  type CounterSessionEventRecord,
  type Interval,
  busyIntervals,
  counterDayMeasures,
  idleWhileWaitingMinutes,
  isoWeekday,
  waitingIntervals,
} from './counter-schedule.js';
import { maxWaitFor } from './call-order.js';
import { type TicketEventRecord, serviceMinutes, waitingSegments, withinStandard } from './measures.js';
import { mean, median, percentile } from './stats.js';
import { type IkmGrade, type SurveyAnswers, type SurveyElementCode, krejcieMorganSampleSize, satisfactionIndex } from './satisfaction.js';
import type { BookingReportView } from './booking-figures.js';
import { RuleError } from './errors.js';
import { noShowStands } from './ticket-lifecycle.js';
import { DAY_PATTERN, EARLIEST_DAY, LATEST_DAY, isCalendarDay, serviceDay, withinDayRange } from './time.js';
import type { CounterScheduleDay } from './views.js';

// ---------------------------------------------------------------------------------------
// Periods

export const REPORT_PRESETS = ['day', 'week', 'month', 'custom'] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];

/** The longest period one report covers, in days: a quarter, so one request stays quick. */
export const REPORT_MAX_DAYS = 92;

/** The office-local day `days` after `day` (negative: before), as `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function periodDays(from: string, to: string): number {
  const start = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const end = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((end - start) / 86_400_000) + 1;
}

export interface ReportPeriod {
  from: string;
  to: string;
}

/**
 * The office-local days of a preset around `anchor` (an office-local day): the day itself,
 * its ISO week (Monday to Sunday, as Indonesian offices plan), or its calendar month.
 */
export function presetPeriod(preset: Exclude<ReportPreset, 'custom'>, anchor: string): ReportPeriod {
  if (preset === 'day') return { from: anchor, to: anchor };
  if (preset === 'week') {
    const from = addDays(anchor, 1 - isoWeekday(anchor));
    return { from, to: addDays(from, 6) };
  }
  const from = `${anchor.slice(0, 8)}01`;
  const [year, month] = anchor.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from, to: `${anchor.slice(0, 8)}${String(last).padStart(2, '0')}` };
}

/** What a request asks for: a preset around `date`, or a custom `from`–`to`. */
export interface ReportPeriodQuery {
  preset?: ReportPreset;
  date?: string;
  from?: string;
  to?: string;
}

export interface ResolvedPeriod extends ReportPeriod {
  preset: ReportPreset;
}

const invalidPeriod = (message: string) => new RuleError('invalid_period', message);

/** Refuses a day of a period that is malformed, outside the product's days, or not on the calendar. */
function checkPeriodDay(name: string, day: string): void {
  if (DAY_PATTERN.test(day) && !withinDayRange(day)) {
    throw invalidPeriod(`${name} ${day} is outside the days a report covers: between ${EARLIEST_DAY} and ${LATEST_DAY}`);
  }
  if (!isCalendarDay(day)) throw invalidPeriod(`${name} ${day} is not a calendar day`);
}

/**
 * The period a report covers: a preset around `date` (default `today`, the office-local
 * day), or a custom from–to. Refuses mixing the two, half a custom period, days that do not
 * exist or lie outside EARLIEST_DAY–LATEST_DAY (checked before any date arithmetic, which
 * fails past year 9999), from after to, and more than REPORT_MAX_DAYS days.
 */
export function resolvePeriod(query: ReportPeriodQuery, today: string): ResolvedPeriod {
  const custom = query.from !== undefined || query.to !== undefined || query.preset === 'custom';
  if (custom) {
    if (query.preset && query.preset !== 'custom')
      throw invalidPeriod(`from and to make a custom period; leave out preset=${query.preset}, or leave out from and to`);
    if (query.date !== undefined) throw invalidPeriod('date is for a preset; a custom period takes from and to');
    if (!query.from || !query.to) throw invalidPeriod('A custom period needs both from and to (YYYY-MM-DD)');
  }
  const anchor = query.date ?? today;
  checkPeriodDay('date', anchor);
  const preset: ReportPreset = custom ? 'custom' : (query.preset ?? 'day');
  if (custom) {
    checkPeriodDay('from', query.from!);
    checkPeriodDay('to', query.to!);
  }
  const { from, to } = custom ? { from: query.from!, to: query.to! } : presetPeriod(preset as Exclude<ReportPreset, 'custom'>, anchor);
  // A preset around a day at the edge of the range may reach past it (the week of 2099-12-31).
  checkPeriodDay('from', from);
  checkPeriodDay('to', to);
  if (from > to) throw invalidPeriod(`from (${from}) must not be after to (${to})`);
  const days = periodDays(from, to);
  if (days > REPORT_MAX_DAYS) throw invalidPeriod(`A report covers at most ${REPORT_MAX_DAYS} days; ${from} to ${to} is ${days}`);
  return { preset, from, to };
}

// ---------------------------------------------------------------------------------------
// Facts: one row per thing counted, carrying the service, counter and officer it counts for

/** A ticket event with where and by whom it happened, as stored. */
export interface ReportTicketEvent extends TicketEventRecord {
  ticketId: string;
  counterId: string | null;
  staffId: string | null;
  /** Whether the ticket is a priority ticket (absent: a regular one); it decides the maximum wait it is held to. */
  priority?: boolean;
}

export interface ReportServiceInfo {
  id: string;
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
}

export interface ReportCounterInfo {
  id: string;
  serviceIds: readonly string[];
  /** Its weekly hours with their planned breaks. */
  schedule: readonly CounterScheduleDay[];
  /** When the counter got its first schedule (epoch ms); null: measured by its schedule on every day. */
  scheduledSince?: number | null;
}

/** A counter-session event with its session's counter and officer. */
export interface ReportSessionEvent extends CounterSessionEventRecord {
  sessionId: string;
  counterId: string;
  staffId: string;
}

/** One checklist answer; a shift-start checklist has no service. */
export interface ReportChecklistAnswer {
  kind: ChecklistKind;
  method: AnswerMethod;
  answer: ChecklistAnswer;
  serviceId: string | null;
  counterId: string | null;
  staffId: string;
}

/** One survey response with where the ticket was served. */
export type ReportSurvey = Partial<SurveyAnswers> & { serviceId: string; counterId: string | null; staffId: string | null };

interface Where {
  serviceId: string | null;
  counterId: string | null;
  staffId: string | null;
}

export const OUTCOMES = ['issued', 'served', 'noShows', 'cancelled', 'transferred', 'closedEndOfDay'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * A ticket counted under an outcome. `issued` counts for the service it was issued into;
 * `served` (finished), `noShows`, `cancelled` for the service, counter and officer of that
 * event; `transferred` for the service the ticket left and the counter and officer who sent
 * it on; `closedEndOfDay` for the service of a ticket still waiting when the end-of-day step
 * closed it (`end-of-day.ts`), so nobody left unserved is dropped from a report. `outcomeCounts` counts each ticket once per outcome within a group: one
 * no-showed twice (reinstated in between) is one no-show.
 */
export interface OutcomeFact extends Where {
  outcome: Outcome;
  ticketId: string;
}

/** One stay in a queue that ended in a call: counts for its queue's service and the counter and officer who called. */
export interface WaitFact extends Where {
  minutes: number;
  /** The maximum wait this ticket was held to (`maxWaitFor`: the priority maximum for a priority ticket). */
  maxWaitMinutes: number;
}

/** One finished interaction: finish − last start, against the service's standard service time. */
export interface ServiceTimeFact extends Where {
  minutes: number;
  standardMinutes: number;
}

const EVENT_OUTCOME: Partial<Record<string, Outcome>> = {
  issued: 'issued',
  finished: 'served',
  no_show: 'noShows',
  cancelled: 'cancelled',
  transferred: 'transferred',
  closed_end_of_day: 'closedEndOfDay',
};

function chronological<T extends { at: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.at - b.at);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Outcome facts from the events of the period's tickets; a no-show counts only as the ticket's final outcome (`NO_SHOW_REVERSALS`). */
export function outcomeFacts(events: readonly ReportTicketEvent[]): OutcomeFact[] {
  const outcomes: OutcomeFact[] = [];
  for (const [ticketId, ticketEvents] of groupBy(events, (event) => event.ticketId)) {
    const sorted = chronological(ticketEvents);
    sorted.forEach((event, index) => {
      const outcome = EVENT_OUTCOME[event.type];
      if (!outcome) return;
      if (event.type === 'no_show' && !noShowStands(sorted, index)) return;
      // A transfer counts for the service the ticket left: the one it was in before this event.
      const serviceId = outcome === 'transferred' ? (sorted[index - 1]?.serviceId ?? event.serviceId) : event.serviceId;
      const where = outcome === 'issued' ? { serviceId, counterId: null, staffId: null } : { serviceId, counterId: event.counterId, staffId: event.staffId };
      outcomes.push({ outcome, ticketId, ...where });
    });
  }
  return outcomes;
}

/** Waiting facts: one per queue stay that ended in a call (`waitingSegments`), held to the ticket's own maximum wait. */
export function waitFacts(events: readonly ReportTicketEvent[], services: readonly ReportServiceInfo[], priorityMaxWaitMinutes: number): WaitFact[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  const waits: WaitFact[] = [];
  for (const ticketEvents of groupBy(events, (event) => event.ticketId).values()) {
    const sorted = chronological(ticketEvents);
    for (const segment of waitingSegments(sorted)) {
      if (segment.minutes === null || segment.to === null) continue;
      const call = sorted.find((event) => event.type === 'called' && event.at === segment.to && event.at >= segment.from)!;
      const serviceMax = byId.get(segment.serviceId)?.maxWaitMinutes ?? Infinity;
      waits.push({
        serviceId: segment.serviceId,
        counterId: call.counterId,
        staffId: call.staffId,
        minutes: segment.minutes,
        maxWaitMinutes: maxWaitFor(
          serviceMax,
          sorted.some((event) => event.priority === true),
          priorityMaxWaitMinutes,
        ),
      });
    }
  }
  return waits;
}

/** Service-time facts: one per finished ticket (`serviceMinutes`), for whoever finished it. */
export function serviceTimeFacts(events: readonly ReportTicketEvent[], services: readonly ReportServiceInfo[]): ServiceTimeFact[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  const serviceTimes: ServiceTimeFact[] = [];
  for (const ticketEvents of groupBy(events, (event) => event.ticketId).values()) {
    const sorted = chronological(ticketEvents);
    const minutes = serviceMinutes(sorted);
    const finish = [...sorted].reverse().find((event) => event.type === 'finished');
    if (minutes !== null && finish) {
      serviceTimes.push({
        serviceId: finish.serviceId,
        counterId: finish.counterId,
        staffId: finish.staffId,
        minutes,
        standardMinutes: byId.get(finish.serviceId)?.serviceTimeMinutes ?? 0,
      });
    }
  }
  return serviceTimes;
}

/** Outcome, waiting and service-time facts from the events of the period's tickets. */
export function ticketFacts(
  events: readonly ReportTicketEvent[],
  services: readonly ReportServiceInfo[],
  priorityMaxWaitMinutes: number,
): { outcomes: OutcomeFact[]; waits: WaitFact[]; serviceTimes: ServiceTimeFact[] } {
  return { outcomes: outcomeFacts(events), waits: waitFacts(events, services, priorityMaxWaitMinutes), serviceTimes: serviceTimeFacts(events, services) };
}

/** A counter's (or, within it, one officer's) punctuality on one office-local day. */
export interface PunctualityFact {
  counterId: string;
  staffId: string;
  day: string;
  lateOpenings: number;
  lateOpeningMinutes: number;
  earlyClosings: number;
  earlyClosingMinutes: number;
  breakOverruns: number;
  breakOverrunMinutes: number;
  idleWhileWaitingMinutes: number;
  /** When the counter should have opened and when it did, for the officer who opened it late. */
  lateOpening?: { scheduledAt: number; openedAt: number };
}

/**
 * Punctuality per counter, day and officer, by `counterDayMeasures` over the counter's
 * whole day (every session, so a hand-over is not an early closing) and each officer's
 * share of it: the late opening counts for whoever opened first, the early closing for
 * whoever closed last, each break overrun and idle minute for the officer whose session
 * it was. `now` ends sessions still open (pass the end of the period when it is past).
 */
export function punctualityFacts(input: {
  counters: readonly ReportCounterInfo[];
  sessionEvents: readonly ReportSessionEvent[];
  ticketEvents: readonly ReportTicketEvent[];
  timeZone: string;
  now: number;
  graceMinutes?: number;
}): PunctualityFact[] {
  const facts: PunctualityFact[] = [];
  const tickets = groupBy(input.ticketEvents, (event) => event.ticketId);
  const sessions = groupBy(input.sessionEvents, (event) => event.sessionId);
  const sessionDay = new Map<string, string>();
  for (const [sessionId, events] of sessions) sessionDay.set(sessionId, serviceDay(Math.min(...events.map((e) => e.at)), input.timeZone));
  const options = { graceMinutes: input.graceMinutes };

  for (const counter of input.counters) {
    const mine = input.sessionEvents.filter((event) => event.counterId === counter.id);
    if (mine.length === 0) continue;
    const waiting: Interval[] = [];
    for (const events of tickets.values()) waiting.push(...waitingIntervals(events, counter.serviceIds, input.now));
    const busy: Interval[] = [];
    for (const events of groupBy(
      input.ticketEvents.filter((event) => event.counterId === counter.id),
      (event) => event.ticketId,
    ).values()) {
      busy.push(...busyIntervals(events, input.now));
    }
    for (const [day, dayEvents] of groupBy(mine, (event) => sessionDay.get(event.sessionId)!)) {
      const measured = { ...options, scheduledSince: counter.scheduledSince ?? null };
      const whole = counterDayMeasures(dayEvents, counter.schedule, input.timeZone, input.now, measured);
      for (const [staffId, staffEvents] of groupBy(dayEvents, (event) => event.staffId)) {
        const part = counterDayMeasures(staffEvents, counter.schedule, input.timeZone, input.now, measured);
        const late = whole.lateOpeningMinutes > 0 && part.firstOpenedAt === whole.firstOpenedAt;
        const early = whole.earlyClosingMinutes > 0 && part.lastClosedAt === whole.lastClosedAt;
        const overruns = part.pauses.filter((pause) => pause.overrunMinutes > 0);
        facts.push({
          counterId: counter.id,
          staffId,
          day,
          lateOpenings: late ? 1 : 0,
          lateOpeningMinutes: late ? whole.lateOpeningMinutes : 0,
          earlyClosings: early ? 1 : 0,
          earlyClosingMinutes: early ? whole.earlyClosingMinutes : 0,
          breakOverruns: overruns.length,
          breakOverrunMinutes: overruns.reduce((sum, pause) => sum + pause.overrunMinutes, 0),
          idleWhileWaitingMinutes: idleWhileWaitingMinutes({ open: part.open, busy, waiting, plannedBreaks: part.plannedBreaks }),
          ...(late && whole.scheduled && whole.firstOpenedAt !== null
            ? { lateOpening: { scheduledAt: whole.scheduled.from, openedAt: whole.firstOpenedAt } }
            : {}),
        });
      }
    }
  }
  return facts;
}

// ---------------------------------------------------------------------------------------
// Figures

export type OutcomeCounts = Record<Outcome, number>;

/** Distinct tickets per outcome among the facts given (a ticket no-showed twice is one no-show). */
export function outcomeCounts(facts: readonly OutcomeFact[]): OutcomeCounts {
  const counts: OutcomeCounts = { issued: 0, served: 0, noShows: 0, cancelled: 0, transferred: 0, closedEndOfDay: 0 };
  const seen = new Set<string>();
  for (const fact of facts) {
    const key = `${fact.outcome}|${fact.ticketId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[fact.outcome] += 1;
  }
  return counts;
}

export interface WaitingFigures {
  /** Queue stays that ended in a call. */
  measured: number;
  averageMinutes: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** How many kept their maximum wait (a priority ticket: the priority maximum). */
  withinStandard: number;
  /** withinStandard ÷ measured (0…1), null when nothing was measured. */
  shareWithinStandard: number | null;
}

export function waitingFigures(facts: readonly { minutes: number; maxWaitMinutes: number }[]): WaitingFigures {
  const minutes = facts.map((fact) => fact.minutes);
  const within = facts.filter((fact) => withinStandard(fact.minutes, fact.maxWaitMinutes)).length;
  return {
    measured: facts.length,
    averageMinutes: mean(minutes),
    medianMinutes: median(minutes),
    p90Minutes: percentile(minutes, 0.9),
    withinStandard: within,
    shareWithinStandard: facts.length === 0 ? null : within / facts.length,
  };
}

export interface ServiceTimeFigures {
  measured: number;
  averageMinutes: number | null;
  /** The mean standard service time of the same interactions (services differ per counter and officer). */
  standardMinutes: number | null;
  /** Share (0…1) finished within their service's standard time. */
  shareWithinStandard: number | null;
}

export function serviceTimeFigures(facts: readonly ServiceTimeFact[]): ServiceTimeFigures {
  return {
    measured: facts.length,
    averageMinutes: mean(facts.map((fact) => fact.minutes)),
    standardMinutes: mean(facts.map((fact) => fact.standardMinutes)),
    shareWithinStandard: facts.length === 0 ? null : facts.filter((fact) => fact.minutes <= fact.standardMinutes).length / facts.length,
  };
}

export interface PunctualityFigures {
  /** Counter-days (a counter open on a day) the figures cover. */
  counterDays: number;
  lateOpenings: number;
  lateOpeningMinutes: number;
  earlyClosings: number;
  earlyClosingMinutes: number;
  breakOverruns: number;
  breakOverrunMinutes: number;
  idleWhileWaitingMinutes: number;
}

export function punctualityFigures(facts: readonly PunctualityFact[]): PunctualityFigures {
  const sum = (pick: (fact: PunctualityFact) => number) => facts.reduce((total, fact) => total + pick(fact), 0);
  return {
    counterDays: new Set(facts.map((fact) => `${fact.counterId}|${fact.day}`)).size,
    lateOpenings: sum((f) => f.lateOpenings),
    lateOpeningMinutes: sum((f) => f.lateOpeningMinutes),
    earlyClosings: sum((f) => f.earlyClosings),
    earlyClosingMinutes: sum((f) => f.earlyClosingMinutes),
    breakOverruns: sum((f) => f.breakOverruns),
    breakOverrunMinutes: sum((f) => f.breakOverrunMinutes),
    idleWhileWaitingMinutes: sum((f) => f.idleWhileWaitingMinutes),
  };
}

export interface SatisfactionFigures {
  responses: number;
  /** People served (tickets finished): the population of the Krejcie–Morgan sample. */
  served: number;
  sampleSize: number;
  sampleReached: boolean;
  ikm: number | null;
  grade: IkmGrade | null;
  nrr: Record<SurveyElementCode, number | null>;
}

export function satisfactionFigures(responses: readonly Partial<SurveyAnswers>[], served: number): SatisfactionFigures {
  const index = satisfactionIndex(responses);
  const sampleSize = krejcieMorganSampleSize(served);
  return {
    responses: responses.length,
    served,
    sampleSize,
    sampleReached: served > 0 && responses.length >= sampleSize,
    ikm: index.ikm,
    grade: index.grade?.grade ?? null,
    nrr: index.nrr,
  };
}

// ---------------------------------------------------------------------------------------
// The report

export interface ReportFigures {
  counts: OutcomeCounts;
  waiting: WaitingFigures;
  serviceTime: ServiceTimeFigures;
  /** Null for a service: punctuality belongs to counters and officers. */
  punctuality: PunctualityFigures | null;
  etiquette: EtiquetteFigures;
  satisfaction: SatisfactionFigures;
}

export interface ReportFacts {
  outcomes: OutcomeFact[];
  waits: WaitFact[];
  serviceTimes: ServiceTimeFact[];
  punctuality: PunctualityFact[];
  answers: ReportChecklistAnswer[];
  surveys: ReportSurvey[];
}

export interface ReportInput {
  timeZone: string;
  /** The office's priority maximum wait: what a priority ticket's wait is held to. */
  priorityMaxWaitMinutes: number;
  /** The end of the report: the end of the period, or the present moment while it runs. */
  now: number;
  services: readonly ReportServiceInfo[];
  counters: readonly ReportCounterInfo[];
  ticketEvents: readonly ReportTicketEvent[];
  sessionEvents: readonly ReportSessionEvent[];
  answers: readonly ReportChecklistAnswer[];
  surveys: readonly ReportSurvey[];
  graceMinutes?: number;
}

export function reportFacts(input: ReportInput): ReportFacts {
  return {
    ...ticketFacts(input.ticketEvents, input.services, input.priorityMaxWaitMinutes),
    punctuality: punctualityFacts(input),
    answers: [...input.answers],
    surveys: [...input.surveys],
  };
}

export const REPORT_TABLES = ['services', 'counters', 'officers'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const TABLE_KEY: Record<ReportTable, keyof Where> = { services: 'serviceId', counters: 'counterId', officers: 'staffId' };

/**
 * The figures of one group (or of the whole office when `key` is null). `aggregated`
 * takes counts and waiting figures the caller computed elsewhere (the API, in SQL) in
 * place of computing them from the facts.
 */
export function figuresFor(
  facts: ReportFacts,
  table: ReportTable,
  key: string | null,
  aggregated: { counts?: OutcomeCounts; waiting?: WaitingFigures } = {},
): ReportFigures {
  const field = TABLE_KEY[table];
  const pick = <T extends Partial<Where>>(items: readonly T[]) => (key === null ? [...items] : items.filter((item) => item[field] === key));
  const counts = aggregated.counts ?? outcomeCounts(pick(facts.outcomes));
  return {
    counts,
    waiting: aggregated.waiting ?? waitingFigures(pick(facts.waits)),
    serviceTime: serviceTimeFigures(pick(facts.serviceTimes)),
    punctuality: table === 'services' && key !== null ? null : punctualityFigures(pick(facts.punctuality)),
    etiquette: etiquetteFigures(pick(facts.answers)),
    satisfaction: satisfactionFigures(pick(facts.surveys), counts.served),
  };
}

/** Every group a table has a row for: each id that occurs in any of the facts. */
export function tableKeys(facts: ReportFacts, table: ReportTable): string[] {
  const field = TABLE_KEY[table];
  const keys = new Set<string>();
  for (const list of [facts.outcomes, facts.waits, facts.serviceTimes, facts.punctuality, facts.answers, facts.surveys] as readonly Partial<Where>[][]) {
    for (const item of list) if (item[field]) keys.add(item[field]);
  }
  return [...keys];
}

export interface OfficeReportFigures {
  tables: Record<ReportTable, Record<string, ReportFigures>>;
  total: ReportFigures;
}

/** The whole report from raw rows: what the API's figures must equal. */
export function buildOfficeReport(input: ReportInput): OfficeReportFigures {
  const facts = reportFacts(input);
  const tables = {} as OfficeReportFigures['tables'];
  for (const table of REPORT_TABLES) {
    tables[table] = Object.fromEntries(tableKeys(facts, table).map((key) => [key, figuresFor(facts, table, key)]));
  }
  return { tables, total: figuresFor(facts, 'counters', null) };
}

/** One row of a report table as the API returns it. */
export interface ReportRowView extends ReportFigures {
  id: string;
  /** Service code, counter number, officer NIP or office slug; null when there is none. */
  code: string | null;
  /** Service name, counter name, officer name or office name. */
  label: string;
}

/** The regional report's one table (issue 20): a row per office of a regional head's set. */
export const REGIONAL_REPORT_TABLE = 'offices';

/**
 * `GET /regional/reports`: the offices a regional head oversees side by side for one period,
 * each row the office total of its own report (`OfficeReportView.total`), in the order of the
 * offices' names. Rows carry the office's id, its slug as `code` and its name as `label`. There
 * is no sum over the offices: medians and percentiles do not add up.
 */
export interface RegionalReportView {
  period: { preset: ReportPreset; from: string; to: string };
  /** The zone the period was taken in (the first office's): where "today" and `generatedAt` are read. */
  timeZone: string;
  /** ISO instant the report was computed. */
  generatedAt: string;
  percentileMethod: string;
  rows: ReportRowView[];
}

/** `GET /offices/:slug/reports`: the tables per service, counter and officer, and the office total. */
export interface OfficeReportView {
  /** `address` and `city` (the place of the signature block) are '' when the office has none. */
  office: { slug: string; name: string; address: string; city: string; timeZone: string };
  period: { preset: ReportPreset; from: string; to: string };
  /** ISO instant the report was computed. */
  generatedAt: string;
  percentileMethod: string;
  tables: Record<ReportTable, ReportRowView[]>;
  total: ReportFigures;
  /** Bookings per service and day (booking-figures.ts): bookings, check-ins, no-show share, called within N minutes of the slot. */
  bookings: BookingReportView;
}
