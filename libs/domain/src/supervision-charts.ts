/** The supervisor's charts over a period of office-local days: waits, service times, etiquette and satisfaction. */
import { type Compliance, type ChecklistAnswer, type AnswerMethod, etiquetteFigures } from './checklists.js';
import { maxWaitFor } from './call-order.js';
import { localTimeToInstant } from './counter-schedule.js';
import { type TicketEventRecord, servingSegments, shareWithinStandard, waitingSegments } from './measures.js';
import { type SatisfactionIndex, type SurveyAnswers, satisfactionIndex } from './satisfaction.js';
import { addDays } from './reports.js';
import { mean } from './stats.js';

/** One measured wait: when the ticket was called, how long it waited, the maximum wait it was held to (`maxWaitFor`). */
export interface MeasuredWait {
  calledAt: number;
  minutes: number;
  maxWaitMinutes: number;
}

export interface HourlyWait {
  /** Office-local hour, 0–23. */
  hour: number;
  tickets: number;
  averageWaitMinutes: number | null;
  /** Mean maximum wait of the tickets called that hour: the standard they were held to. */
  standardMinutes: number | null;
  withinStandardShare: number | null;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

export function localHour(at: number, timeZone: string): number {
  let formatter = hourFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    hourFormatters.set(timeZone, formatter);
  }
  return Number(formatter.format(at)) % 24;
}

/** Waiting time through the day: per office-local hour of the call, against the standard. Hours with no call are left out. */
export function waitsByHour(waits: readonly MeasuredWait[], timeZone: string): HourlyWait[] {
  const hours = new Map<number, MeasuredWait[]>();
  for (const wait of waits) {
    const hour = localHour(wait.calledAt, timeZone);
    hours.set(hour, [...(hours.get(hour) ?? []), wait]);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, list]) => ({
      hour,
      tickets: list.length,
      averageWaitMinutes: mean(list.map((w) => w.minutes)),
      standardMinutes: mean(list.map((w) => w.maxWaitMinutes)),
      withinStandardShare: shareWithinStandard(list.map((w) => ({ waitingMinutes: w.minutes, maxWaitMinutes: w.maxWaitMinutes }))),
    }));
}

/** Bucket edges of the wait distribution, in minutes; the last bucket is open-ended. */
export const WAIT_BUCKETS = [0, 5, 10, 15, 20, 30, 45, 60] as const;

export interface WaitBucket {
  fromMinutes: number;
  /** Exclusive; null for the last, open-ended bucket. */
  toMinutes: number | null;
  tickets: number;
}

export function waitDistribution(minutes: readonly number[]): WaitBucket[] {
  const buckets: WaitBucket[] = WAIT_BUCKETS.map((from, index) => ({ fromMinutes: from, toMinutes: WAIT_BUCKETS[index + 1] ?? null, tickets: 0 }));
  for (const value of minutes) {
    const bucket = buckets.findLast((candidate) => value >= candidate.fromMinutes) ?? buckets[0];
    bucket.tickets += 1;
  }
  return buckets;
}

/**
 * An interaction's etiquette, the officer's own answers (ticked or one key) beside a
 * supervisor's observations: `interactions` and `observed` of `etiquetteFigures`, the same
 * figures the desk and the report show.
 */
export interface ComplianceSideBySide {
  self: Compliance;
  observed: Compliance;
}

export function complianceSideBySide(answers: readonly { method: AnswerMethod; answer: ChecklistAnswer }[]): ComplianceSideBySide {
  const figures = etiquetteFigures(answers.map((a) => ({ kind: 'interaction' as const, method: a.method, answer: a.answer })));
  return { self: figures.interactions, observed: figures.observed };
}

export interface ServiceTimeBar {
  serviceId: string;
  code: string;
  name: string;
  served: number;
  averageMinutes: number | null;
  standardMinutes: number;
}

export interface SupervisionCharts {
  from: string;
  to: string;
  days: number;
  timeZone: string;
  waitsByHour: HourlyWait[];
  waitDistribution: WaitBucket[];
  serviceTimes: ServiceTimeBar[];
  etiquetteByOfficer: ({ staffId: string; name: string } & ComplianceSideBySide)[];
  etiquetteByItem: ({ code: string; label: string } & ComplianceSideBySide)[];
  satisfaction: SatisfactionIndex;
}

/** The office-local days a chart covers: the last `days` days up to `today`, as instants from its first midnight to the midnight after today. */
export function chartsPeriod(today: string, days: number, timeZone: string): { from: number; to: number } {
  return { from: localTimeToInstant(addDays(today, 1 - days), '00:00', timeZone), to: localTimeToInstant(addDays(today, 1), '00:00', timeZone) };
}

/** One checklist answer of an interaction (never a shift-start checklist), with the officer it is about and the item it answers. */
export interface ChartAnswer {
  method: AnswerMethod;
  answer: ChecklistAnswer;
  staffId: string;
  staffName: string;
  itemCode: string;
  /** The item's label; null when the item was removed since (the code stands in). */
  itemLabel: string | null;
}

export interface SupervisionChartsInput {
  /** The period, from `chartsPeriod`. */
  from: number;
  to: number;
  days: number;
  timeZone: string;
  /** The office's services in display order. */
  services: readonly { id: string; code: string; name: string; maxWaitMinutes: number; serviceTimeMinutes: number }[];
  /** The office's priority maximum wait: what a priority ticket's wait is held to. */
  priorityMaxWaitMinutes: number;
  /** Every event of the tickets issued in the period, each saying whether its ticket is a priority ticket. */
  ticketEvents: readonly (TicketEventRecord & { ticketId: string; priority?: boolean })[];
  answers: readonly ChartAnswer[];
  surveys: readonly Partial<SurveyAnswers>[];
}

/** The supervisor's charts over a period: waits by hour and by length, service times, etiquette and satisfaction. */
export function supervisionCharts(input: SupervisionChartsInput): SupervisionCharts {
  const byTicket = new Map<string, (TicketEventRecord & { priority?: boolean })[]>();
  for (const event of input.ticketEvents) byTicket.set(event.ticketId, [...(byTicket.get(event.ticketId) ?? []), event]);
  const maxWait = new Map(input.services.map((service) => [service.id, service.maxWaitMinutes]));
  const waits: MeasuredWait[] = [];
  const serviceTimes = new Map<string, number[]>();
  for (const records of byTicket.values()) {
    const priority = records.some((record) => record.priority === true);
    for (const segment of waitingSegments(records)) {
      if (segment.minutes !== null && segment.to !== null)
        waits.push({
          calledAt: segment.to,
          minutes: segment.minutes,
          maxWaitMinutes: maxWaitFor(maxWait.get(segment.serviceId) ?? 0, priority, input.priorityMaxWaitMinutes),
        });
    }
    for (const segment of servingSegments(records)) {
      if (segment.endedBy === 'finished' && segment.serviceMinutes !== null)
        serviceTimes.set(segment.serviceId, [...(serviceTimes.get(segment.serviceId) ?? []), segment.serviceMinutes]);
    }
  }

  const officers = new Map<string, { name: string; answers: ChartAnswer[] }>();
  const items = new Map<string, { label: string; answers: ChartAnswer[] }>();
  for (const answer of input.answers) {
    const officer = officers.get(answer.staffId) ?? { name: answer.staffName, answers: [] };
    officer.answers.push(answer);
    officers.set(answer.staffId, officer);
    const item = items.get(answer.itemCode) ?? { label: answer.itemLabel ?? answer.itemCode, answers: [] };
    item.answers.push(answer);
    items.set(answer.itemCode, item);
  }

  return {
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    days: input.days,
    timeZone: input.timeZone,
    waitsByHour: waitsByHour(waits, input.timeZone),
    waitDistribution: waitDistribution(waits.map((wait) => wait.minutes)),
    serviceTimes: input.services.map((service) => ({
      serviceId: service.id,
      code: service.code,
      name: service.name,
      served: serviceTimes.get(service.id)?.length ?? 0,
      averageMinutes: mean(serviceTimes.get(service.id) ?? []),
      standardMinutes: service.serviceTimeMinutes,
    })),
    etiquetteByOfficer: [...officers.entries()]
      .map(([staffId, officer]) => ({ staffId, name: officer.name, ...complianceSideBySide(officer.answers) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    etiquetteByItem: [...items.entries()].map(([code, item]) => ({ code, label: item.label, ...complianceSideBySide(item.answers) })),
    satisfaction: satisfactionIndex(input.surveys),
  };
}
