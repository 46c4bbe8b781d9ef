import { type Ref, computed, ref, watch } from 'vue';
import {
  CORRECTION_WINDOW_MINUTES,
  type ChecklistSubmission,
  type InteractionOutcome,
  NO_SHOW_UNDO_SECONDS,
  type OfficerPauseReason,
  canCounter,
  noShowAllowedAt,
} from '@loket/domain';
import { useOfficeStore } from '../stores/office-store';
import { type DeskActionId, deskActions } from '../desk-actions';
import type { useDesk } from './use-desk';
import { useShortcuts } from './use-shortcuts';

export type DeskDialog = 'shift' | 'finish' | 'correct' | 'transfer' | 'callSpecific' | 'pause' | 'logout' | 'complaint' | null;

/**
 * What the officer can do at the desk now, by button or single key, and which dialog is open.
 * Keys pressed while a dialog is open belong to the dialog. `now` is the server's time as the
 * desk knows it (`useServerNow`): every countdown here is the server's.
 */
export function useDeskControls(desk: ReturnType<typeof useDesk>, now: Ref<number>) {
  const office = useOfficeStore();
  const dialog = ref<DeskDialog>(null);
  /** Seconds until the called ticket may be marked no-show (the office's minutes since its last call). */
  const noShowWaitSeconds = computed(() => {
    const ticket = desk.ticket.value;
    const minutes = office.office?.noShowAfterMinutes ?? 0;
    if (ticket?.status !== 'called' || !ticket.calledAt || minutes === 0) return 0;
    const allowedAt = noShowAllowedAt(Date.parse(ticket.calledAt), minutes);
    // `now` ticks once a second and so lags the real time by up to a second: without reading the
    // clock here a key pressed the moment the wait ends would find H still disabled and be lost.
    return Math.max(0, Math.ceil((allowedAt - Math.max(now.value, office.serverNow())) / 1000));
  });
  /** Seconds left to undo the no-show just marked; 0 when there is none to undo (or the counter has moved on). */
  const undoSecondsLeft = computed(() => {
    const target = desk.undoable.value;
    if (!target || desk.ticket.value) return 0;
    // `now` ticks once a second, so it can lag the moment the no-show was marked.
    return Math.min(NO_SHOW_UNDO_SECONDS, Math.max(0, Math.ceil((target.until - now.value) / 1000)));
  });
  watch(undoSecondsLeft, (left) => {
    if (left === 0) desk.forgetUndo();
  });
  /** Seconds left to correct the last interaction's record; 0 when there is none to correct. */
  const correctSecondsLeft = computed(() => {
    const target = desk.correctable.value;
    if (!target) return 0;
    return Math.min(CORRECTION_WINDOW_MINUTES * 60, Math.max(0, Math.ceil((target.until - now.value) / 1000)));
  });
  watch(correctSecondsLeft, (left) => {
    // An open correction dialog stays: the server decides whether it is still in time.
    if (left === 0 && dialog.value !== 'correct') desk.forgetCorrection();
  });
  function openCorrection(): void {
    if (correctSecondsLeft.value > 0 && desk.requireLive()) dialog.value = 'correct';
  }
  const actions = computed(() =>
    desk.counter.value ? deskActions(desk.counter.value.state, desk.ticket.value?.status ?? null, desk.queue.value.length, noShowWaitSeconds.value) : [],
  );

  function runAction(id: DeskActionId): void {
    const action = actions.value.find((candidate) => candidate.id === id);
    if (!action?.enabled) return;
    switch (id) {
      case 'callNext':
        void desk.callNext();
        break;
      case 'recall':
        void desk.act('recall');
        break;
      case 'start':
        void desk.act('start');
        break;
      case 'noShow':
        void desk.noShow();
        break;
      case 'return':
        void desk.act('return');
        break;
      case 'resume':
        void desk.resume();
        break;
      case 'close':
        void desk.close();
        break;
      case 'finish':
      case 'transfer':
      case 'callSpecific':
      case 'pause':
        if (desk.requireLive()) dialog.value = id;
        break;
    }
  }

  function openShift(): void {
    if (desk.requireLive()) dialog.value = 'shift';
  }

  function shortcutKeys(): Record<string, () => void> {
    const keys: Record<string, () => void> = {};
    if (desk.counter.value && canCounter(desk.counter.value.state, 'open')) keys.b = openShift;
    if (undoSecondsLeft.value > 0) keys.z = () => void desk.undoNoShow();
    if (correctSecondsLeft.value > 0) keys.r = openCorrection;
    for (const action of actions.value) keys[action.key] = () => runAction(action.id);
    return keys;
  }

  // A key pressed while the last action is still on its way is held (the latest one) and played
  // when it answers, against the state then: the screen often shows the call before the desk's own
  // request has returned, and an officer who sees "Dipanggil" presses on at once.
  let heldKey: string | null = null;
  useShortcuts(
    () =>
      Object.fromEntries(
        Object.entries(shortcutKeys()).map(([key, handler]) => [
          key,
          () => {
            if (desk.busy.value) heldKey = key;
            else handler();
          },
        ]),
      ),
    () => dialog.value === null,
  );
  watch(desk.busy, (busy) => {
    if (busy || heldKey === null) return;
    const key = heldKey;
    heldKey = null;
    if (dialog.value === null) shortcutKeys()[key]?.();
  });

  /** Runs a dialog's action and closes the dialog when the server took it. */
  const closeOn = async (done: Promise<boolean>): Promise<void> => {
    if (await done) dialog.value = null;
  };

  return {
    dialog,
    actions,
    undoSecondsLeft,
    undo: () => void desk.undoNoShow(),
    correctSecondsLeft,
    openCorrection,
    /** Logging out with the counter open or paused asks first whether to pause or close it. */
    logout: (leave: () => void) => {
      const state = desk.counter.value?.state;
      if (state === 'open' || state === 'paused') dialog.value = 'logout';
      else leave();
    },
    runAction,
    openShift,
    /** "Catat pengaduan": a complaint made at the counter, in any state of it; the desk's keys rest meanwhile. */
    recordComplaint: () => {
      dialog.value = 'complaint';
    },
    close: () => {
      dialog.value = null;
    },
    submitShift: (result: { submission: ChecklistSubmission }) => closeOn(desk.open(result.submission)),
    submitFinish: (result: { submission: ChecklistSubmission; outcome: InteractionOutcome; note: string }) =>
      closeOn(desk.finish(result.submission, result.outcome, result.note)),
    submitCorrect: async (result: { submission: ChecklistSubmission; outcome: InteractionOutcome; note: string }) => {
      await closeOn(desk.correct(result.submission, result.outcome, result.note));
      // Refused as too late: nothing is left to correct, and the notice says why.
      if (!desk.correctable.value) dialog.value = null;
    },
    submitTransfer: (serviceId: string) => closeOn(desk.transfer(serviceId)),
    submitCall: (ticketId: string, reason: string) => closeOn(desk.callSpecific(ticketId, reason)),
    submitPause: (reason: OfficerPauseReason, note: string) => closeOn(desk.pause(reason, note)),
  };
}
