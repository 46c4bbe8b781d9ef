/**
 * The survey terminal: a tablet beside a counter that offers the SKM to a citizen without a
 * smartphone, for the ticket just finished at that counter (issue 19). Anonymous, once per
 * ticket (the survey's own rule), and it goes back to idle by itself.
 */
import { RuleError } from './errors.js';
import { TicketStatus } from './ticket-lifecycle.js';

/** How the response came in: the phone ticket page, or a counter's survey terminal. */
export const SURVEY_CHANNELS = ['phone', 'terminal'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

/** A terminal left alone this long goes back to idle, answers unsent (the next citizen must not find them). */
export const SURVEY_TERMINAL_IDLE_SECONDS = 60;
/**
 * How long after the finish the terminal may still answer for a ticket: long enough to read
 * nine questions slowly, short enough that a terminal cannot answer for yesterday's tickets.
 */
export const SURVEY_TERMINAL_WINDOW_MINUTES = 15;

export interface TerminalSurveyTicket {
  status: string;
  counterNumber: number | null;
  finishedAt: Date | null;
}

/**
 * Whether a terminal at `counterNumber` may answer for this ticket at `now`: the ticket is
 * done, was finished at that counter, and not longer ago than the window. Throws the refusal.
 */
export function assertTerminalSurveyOpen(ticket: TerminalSurveyTicket, counterNumber: number, now: Date): void {
  if (ticket.status !== TicketStatus.done || ticket.finishedAt === null) {
    throw new RuleError('survey_terminal_closed', `The ticket is ${ticket.status}, not finished`, { reason: 'not_finished' });
  }
  if (ticket.counterNumber !== counterNumber) {
    throw new RuleError('survey_terminal_closed', `The ticket was finished at another counter, not at counter ${counterNumber}`, { reason: 'other_counter' });
  }
  const elapsed = now.getTime() - ticket.finishedAt.getTime();
  if (elapsed > SURVEY_TERMINAL_WINDOW_MINUTES * 60_000) {
    throw new RuleError('survey_terminal_closed', `The ticket was finished more than ${SURVEY_TERMINAL_WINDOW_MINUTES} minutes ago`, { reason: 'too_late' });
  }
}
