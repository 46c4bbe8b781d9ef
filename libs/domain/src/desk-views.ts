/** The shapes the counter app's desk screens read: the counters to choose from and the officer's own day. */
import type { Compliance, InteractionOutcome } from './checklists.js';
import type { CounterView, PauseReason, StaffRole } from './views.js';

/** A counter as staff see it when choosing where to work: its state and who holds it. */
export interface StaffCounterView extends CounterView {
  serviceCodes: string[];
  /** The officer whose session it is, null when closed. */
  staffId: string | null;
  staffName: string | null;
}

export interface LateOpeningView {
  counterId: string;
  counterName: string;
  scheduledAt: string;
  openedAt: string;
  minutesLate: number;
}

/** The officer's own today (punctual and prompt, in numbers), computed by libs/domain from events. */
export interface OfficerTodayView {
  day: string;
  /** Tickets the officer finished today. */
  served: number;
  noShows: number;
  transferred: number;
  /** Mean service time of the tickets served, null when none yet. */
  averageServiceMinutes: number | null;
  /** Mean of those tickets' standard service times, to compare with. */
  standardServiceMinutes: number | null;
  /** Share of served tickets within their standard service time (0…1). */
  withinServiceStandard: number | null;
  /** `etiquetteFigures` of the officer's answers today: the same figure as the supervisor's chart and the report. */
  etiquette: {
    /** Interaction items checked and applicable (the officer's own answers, ticked or one key). */
    checked: number;
    applicable: number;
    /** checked ÷ applicable (0…1), null when nothing was answered. */
    compliance: number | null;
    /** Of the applicable items, those answered with the one key. */
    oneKeyItems: number;
    /** The shift-start checklist, kept apart. */
    shiftStart: Compliance;
    interactionsAnswered: number;
    oneKey: number;
  };
  outcomes: Partial<Record<InteractionOutcome, number>>;
  idleWhileWaitingMinutes: number;
  lateOpenings: LateOpeningView[];
  breakOverrunMinutes: number;
  earlyClosingMinutes: number;
}

/**
 * Why the desk's counter stopped when its officer did not stop it: a supervisor or admin
 * paused or closed it from afar (with their reason), or the API did (offline pause, shift-end
 * close). Shown on the desk until the counter is worked again (`counterStopNotice`).
 */
export interface CounterStopNotice {
  type: 'paused' | 'closed';
  at: string;
  /** Who did it; null when the API did it by itself. */
  by: { name: string; role: StaffRole } | null;
  /** A pause's reason; null for a close. */
  reason: PauseReason | null;
  /** The words given with it: a supervisor's reason is never empty. */
  note: string | null;
}

/** The heartbeat's answer: the server's time when it heard the desk, which the desk keeps its countdowns by. */
export interface HeartbeatReply {
  at: string;
}
