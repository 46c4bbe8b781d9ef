/**
 * The officer's own today (GET /staff/me/today), taken as the officer's row of the
 * supervisor's one-day report: the same facts of reports.ts, filtered to the officer, so
 * the desk and the report cannot disagree about who served, who opened late or who idled.
 */
import { type AnswerMethod, type EtiquetteAnswer, type InteractionOutcome, etiquetteFigures } from './checklists.js';
import type { LateOpeningView, OfficerTodayView } from './desk-views.js';
import {
  type ReportCounterInfo,
  type ReportServiceInfo,
  type ReportSessionEvent,
  type ReportTicketEvent,
  outcomeCounts,
  outcomeFacts,
  punctualityFacts,
  serviceTimeFacts,
  serviceTimeFigures,
} from './reports.js';
import { round1 } from './stats.js';

export interface OfficerDayInput {
  staffId: string;
  /** The office-local day. */
  day: string;
  timeZone: string;
  now: number;
  /** The services of the offices concerned, for their standard service times. */
  services: readonly ReportServiceInfo[];
  /** The counters the officer held today, with their names for the late openings. */
  counters: readonly (ReportCounterInfo & { name: string })[];
  /** Every session event of those counters today, whoever held them: a hand-over decides who opened late. */
  sessionEvents: readonly ReportSessionEvent[];
  /** Every event of the day's tickets of the offices concerned: the officer's own work and the queue they could have served. */
  ticketEvents: readonly ReportTicketEvent[];
  /** The officer's checklist answers today, shift start and interactions (`etiquetteFigures` keeps each apart, observations too). */
  answers: readonly EtiquetteAnswer[];
  /** The officer's own answered interactions today, with the outcome they chose. */
  interactions: readonly { method: AnswerMethod; outcome: InteractionOutcome | null }[];
}

export function officerDay(input: OfficerDayInput): OfficerTodayView {
  const mine = <T extends { staffId: string | null }>(facts: readonly T[]) => facts.filter((fact) => fact.staffId === input.staffId);

  const counts = outcomeCounts(mine(outcomeFacts(input.ticketEvents)));
  const service = serviceTimeFigures(mine(serviceTimeFacts(input.ticketEvents, input.services)));
  const punctuality = mine(
    punctualityFacts({
      counters: input.counters,
      sessionEvents: input.sessionEvents,
      ticketEvents: input.ticketEvents,
      timeZone: input.timeZone,
      now: input.now,
    }),
  );
  const names = new Map(input.counters.map((counter) => [counter.id, counter.name]));
  const lateOpenings: LateOpeningView[] = punctuality.flatMap((fact) =>
    fact.lateOpening
      ? [
          {
            counterId: fact.counterId,
            counterName: names.get(fact.counterId) ?? fact.counterId,
            scheduledAt: new Date(fact.lateOpening.scheduledAt).toISOString(),
            openedAt: new Date(fact.lateOpening.openedAt).toISOString(),
            minutesLate: round1(fact.lateOpeningMinutes),
          },
        ]
      : [],
  );
  const sum = (pick: (fact: (typeof punctuality)[number]) => number) => round1(punctuality.reduce((total, fact) => total + pick(fact), 0));

  const etiquette = etiquetteFigures(input.answers);
  const outcomes: Partial<Record<InteractionOutcome, number>> = {};
  for (const { outcome } of input.interactions) if (outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;

  return {
    day: input.day,
    served: counts.served,
    noShows: counts.noShows,
    transferred: counts.transferred,
    averageServiceMinutes: service.averageMinutes === null ? null : round1(service.averageMinutes),
    standardServiceMinutes: service.standardMinutes === null ? null : round1(service.standardMinutes),
    withinServiceStandard: service.shareWithinStandard,
    etiquette: {
      checked: etiquette.interactions.checked,
      applicable: etiquette.interactions.applicable,
      compliance: etiquette.interactions.ratio,
      oneKeyItems: etiquette.oneKeyItems,
      shiftStart: etiquette.shiftStart,
      interactionsAnswered: input.interactions.length,
      oneKey: input.interactions.filter((interaction) => interaction.method === 'one_key').length,
    },
    outcomes,
    idleWhileWaitingMinutes: sum((fact) => fact.idleWhileWaitingMinutes),
    lateOpenings,
    breakOverrunMinutes: sum((fact) => fact.breakOverrunMinutes),
    earlyClosingMinutes: sum((fact) => fact.earlyClosingMinutes),
  };
}
