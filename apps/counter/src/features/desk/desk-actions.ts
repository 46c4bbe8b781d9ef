import { type CounterState, type TicketStatus, legalActions, legalCounterActions } from '@loket/domain';

export type DeskActionId = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'return' | 'transfer' | 'callSpecific' | 'pause' | 'resume' | 'close';

export interface DeskAction {
  id: DeskActionId;
  /** The single key that runs it, shown on the button. */
  key: string;
  enabled: boolean;
  variant: 'primary' | 'secondary' | 'danger';
  /** Seconds until it becomes possible (the no-show's wait after the last call); shown on the button. */
  waitSeconds?: number;
}

const KEYS: Record<DeskActionId, string> = {
  callNext: 'n',
  recall: 'u',
  start: 'm',
  finish: 's',
  noShow: 'h',
  return: 'k',
  transfer: 'a',
  callSpecific: 'p',
  pause: 'j',
  resume: 'l',
  close: 't',
};

/**
 * The desk's buttons and which are enabled: ticket actions exactly as the domain's
 * `legalActions` allow from the current ticket's status, counter actions as its
 * `legalCounterActions` allow from the counter's state while it holds that ticket or none.
 * No-show waits `noShowWaitSeconds` more (the office's minutes since the last call, as the
 * API's `assertNoShowAllowed` counts them).
 */
export function deskActions(state: CounterState, ticketStatus: TicketStatus | null, queueLength: number, noShowWaitSeconds = 0): DeskAction[] {
  const legal = new Set(ticketStatus ? legalActions(ticketStatus) : []);
  const counter = new Set(legalCounterActions(state, { busy: ticketStatus !== null }));
  // Recall and start call the citizen to this counter, so it must be open.
  const open = state === 'open';
  const make = (id: DeskActionId, enabled: boolean, variant: DeskAction['variant'] = 'secondary'): DeskAction => ({ id, key: KEYS[id], enabled, variant });
  return [
    make('callNext', counter.has('call_next'), 'primary'),
    make('recall', open && legal.has('recall')),
    make('start', open && legal.has('start'), 'primary'),
    make('finish', legal.has('finish'), 'primary'),
    {
      ...make('noShow', legal.has('no_show') && noShowWaitSeconds <= 0, 'danger'),
      ...(legal.has('no_show') && noShowWaitSeconds > 0 ? { waitSeconds: noShowWaitSeconds } : {}),
    },
    make('return', legal.has('return')),
    make('transfer', legal.has('transfer')),
    make('callSpecific', counter.has('call') && queueLength > 0),
    make('pause', counter.has('pause')),
    make('resume', counter.has('resume')),
    make('close', counter.has('close'), 'danger'),
  ];
}

export function actionForKey(actions: readonly DeskAction[], key: string): DeskAction | undefined {
  return actions.find((action) => action.key === key);
}
