import { type CounterState, type TicketStatus, legalActions } from '@loket/domain';

export type DeskActionId =
  | 'callNext'
  | 'recall'
  | 'start'
  | 'finish'
  | 'noShow'
  | 'return'
  | 'transfer'
  | 'callSpecific'
  | 'pause'
  | 'resume'
  | 'close';

export interface DeskAction {
  id: DeskActionId;
  /** The single key that runs it, shown on the button. */
  key: string;
  enabled: boolean;
  variant: 'primary' | 'secondary' | 'danger';
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
 * `legalActions` allow from the current ticket's status, counter actions from its state.
 */
export function deskActions(state: CounterState, ticketStatus: TicketStatus | null, queueLength: number): DeskAction[] {
  const legal = new Set(ticketStatus ? legalActions(ticketStatus) : []);
  const open = state === 'open';
  const free = ticketStatus === null;
  const make = (id: DeskActionId, enabled: boolean, variant: DeskAction['variant'] = 'secondary'): DeskAction => ({ id, key: KEYS[id], enabled, variant });
  return [
    make('callNext', open && free, 'primary'),
    make('recall', open && legal.has('recall')),
    make('start', open && legal.has('start'), 'primary'),
    make('finish', legal.has('finish'), 'primary'),
    make('noShow', legal.has('no_show'), 'danger'),
    make('return', legal.has('return')),
    make('transfer', legal.has('transfer')),
    make('callSpecific', open && free && queueLength > 0),
    make('pause', open && free),
    make('resume', state === 'paused'),
    make('close', state !== 'closed' && free, 'danger'),
  ];
}

export function actionForKey(actions: readonly DeskAction[], key: string): DeskAction | undefined {
  return actions.find((action) => action.key === key);
}
