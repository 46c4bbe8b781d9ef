import { SURVEY_TERMINAL_WINDOW_MINUTES, assertTerminalSurveyOpen } from './survey-terminal.js';

describe('the survey terminal', () => {
  const finishedAt = new Date('2026-12-07T02:00:00.000Z');
  const done = { status: 'done', counterNumber: 3, finishedAt };
  const minutesLater = (minutes: number) => new Date(finishedAt.getTime() + minutes * 60_000);

  it('answers for the ticket finished at its counter, up to the window', () => {
    expect(() => assertTerminalSurveyOpen(done, 3, minutesLater(0))).not.toThrow();
    expect(() => assertTerminalSurveyOpen(done, 3, minutesLater(SURVEY_TERMINAL_WINDOW_MINUTES))).not.toThrow();
  });

  it('refuses a ticket of another counter, one not finished, and one finished too long ago', () => {
    const refusal = (reason: string) => expect.objectContaining({ code: 'survey_terminal_closed', details: { reason } });
    expect(() => assertTerminalSurveyOpen(done, 4, minutesLater(1))).toThrow(refusal('other_counter'));
    expect(() => assertTerminalSurveyOpen({ status: 'serving', counterNumber: 3, finishedAt: null }, 3, minutesLater(1))).toThrow(refusal('not_finished'));
    expect(() => assertTerminalSurveyOpen({ ...done, status: 'no_show' }, 3, minutesLater(1))).toThrow(refusal('not_finished'));
    expect(() => assertTerminalSurveyOpen(done, 3, minutesLater(SURVEY_TERMINAL_WINDOW_MINUTES + 0.01))).toThrow(refusal('too_late'));
  });
});
