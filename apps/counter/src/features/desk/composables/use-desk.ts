import { computed, onScopeDispose, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  type ChecklistSubmission,
  type ChecklistTemplateView,
  type CounterStopNotice,
  correctableUntil,
  type ErrorCode,
  HEARTBEAT_SECONDS,
  type InteractionOutcome,
  NO_SHOW_UNDO_SECONDS,
  type OfficerPauseReason,
  type TicketView,
  isErrorCode,
} from '@loket/domain';
import { ApiError } from '../../../shared/api/http';
import { deskApi, type DeskTicketAction } from '../desk-api';
import { useAuthStore } from '../../../shared/auth/auth-store';
import { useDeskStore } from '../stores/desk-store';
import { useOfficeStore } from '../stores/office-store';
import { useTodayStore } from '../stores/today-store';
import { useOfficeSocket } from './use-office-socket';
import { useOnline } from './use-online';

/** A message for the officer: an i18n key with its values (a server refusal carries the server's own words). */
export interface DeskMessage {
  kind: 'error' | 'info';
  key: string;
  values?: Record<string, string | number>;
  /** A coded refusal, said in the screen's language beside the server's words. */
  reason?: ErrorCode;
}

/** The record of the last interaction finished here, as saved, while it may still be corrected. */
export interface CorrectableRecord {
  ticketId: string;
  number: string;
  until: number;
  submission: ChecklistSubmission;
  outcome: InteractionOutcome;
  note: string;
}

/**
 * The officer's desk: the chosen counter kept live over the socket, and every action sent
 * only while connected. An action attempted offline is refused with a message, never
 * queued: the officer must know that nothing happened.
 */
export function useDesk() {
  const auth = useAuthStore();
  const desk = useDeskStore();
  const office = useOfficeStore();
  const today = useTodayStore();

  const officeSlug = computed(() => (auth.loggedIn ? (desk.choice?.officeSlug ?? null) : null));
  const { status } = useOfficeSocket(officeSlug);
  const online = useOnline();
  const live = computed(() => status.value === 'live' && online.value);

  const counterId = computed(() => desk.choice?.counterId ?? null);
  const counter = computed(() => office.counter(counterId.value));
  const ticket = computed(() => counter.value?.currentTicket ?? null);
  const queue = computed(() => office.queueOf(counterId.value));
  const templates = ref<ChecklistTemplateView[]>([]);
  /** Today's no-shows of the counter's services: the list to call one back from. */
  const noShows = ref<TicketView[]>([]);
  /** The no-show just marked, which the desk offers to undo until `until` (epoch ms, the server's clock). */
  const undoable = ref<{ ticketId: string; number: string; until: number } | null>(null);
  /** The interaction just finished, as saved, which the officer may correct until `until` (epoch ms, the server's clock). */
  const correctable = ref<CorrectableRecord | null>(null);
  const busy = ref(false);
  const message = ref<DeskMessage | null>(null);

  // The office's checklist templates; fetched again on reconnect if the first try failed.
  let templatesFor: string | null = null;
  watch(
    [officeSlug, live],
    async ([slug, isLive]) => {
      if (slug !== templatesFor) templates.value = [];
      if (!slug || !isLive || templates.value.length > 0) return;
      try {
        templates.value = await deskApi.checklists(slug);
        templatesFor = slug;
      } catch (error) {
        message.value = errorMessage(error);
      }
    },
    { immediate: true },
  );

  /** False, with the offline message, when nothing can be sent now. */
  function requireLive(): boolean {
    if (live.value) return true;
    message.value = { kind: 'error', key: 'errors.offlineRefused' };
    return false;
  }

  async function run<T>(action: () => Promise<T>, after?: (result: T) => void): Promise<boolean> {
    if (!requireLive()) return false;
    if (busy.value) return false;
    busy.value = true;
    message.value = null;
    try {
      const result = await action();
      after?.(result);
      void today.refresh();
      return true;
    } catch (error) {
      message.value = errorMessage(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function refreshNoShows(): Promise<void> {
    const id = counterId.value;
    if (!id || !live.value) return;
    try {
      noShows.value = await deskApi.noShows(id);
    } catch {
      // Kept as it was: the next refresh (after an action, or the minute's tick) tries again.
    }
  }
  watch([counterId, live, () => ticket.value?.id], () => void refreshNoShows(), { immediate: true });
  const noShowTimer = setInterval(() => void refreshNoShows(), 60_000);

  /** Why the counter stopped when someone else stopped it (a supervisor, or the API): asked for whenever it stops. */
  const stopNotice = ref<CounterStopNotice | null>(null);
  async function refreshStopNotice(): Promise<void> {
    const current = counter.value;
    if (!current || current.state === 'open') {
      stopNotice.value = null;
      return;
    }
    if (!live.value) return;
    try {
      stopNotice.value = (await deskApi.stopNotice(current.id)).notice;
    } catch {
      // Kept as it was: the next change of the counter asks again.
    }
  }
  watch([counterId, live, () => counter.value?.state, () => counter.value?.pausedAt], () => void refreshStopNotice(), { immediate: true });

  // The heartbeat: while this desk shows a counter that is open or paused, the API hears from it
  // every HEARTBEAT_SECONDS; a desk that falls silent has its counter paused as offline. Its answer
  // tells the server's time: the first comes as the desk opens, before any event may.
  async function beat(): Promise<void> {
    const current = counter.value;
    if (!current || current.state === 'closed' || !live.value) return;
    try {
      office.noteServerTime((await deskApi.heartbeat(current.id))?.at);
    } catch {
      // A refused or lost heartbeat changes nothing here: the counter's state on screen says the rest.
    }
  }
  watch([counterId, live, () => counter.value?.state], () => void beat(), { immediate: true });
  const heartbeatTimer = setInterval(() => void beat(), HEARTBEAT_SECONDS * 1000);
  onScopeDispose(() => {
    clearInterval(noShowTimer);
    clearInterval(heartbeatTimer);
  });

  /**
   * Applies an action's reply; `stampedAt` names the time the server stamped for this action,
   * which tells the desk the server's clock (`office.noteServerTime`).
   */
  const patch = (result: TicketView | null, stampedAt?: 'calledAt' | 'startedAt' | 'finishedAt') => {
    if (!result) return;
    if (stampedAt) office.noteServerTime(result[stampedAt]);
    office.patchTicket(result);
  };
  /** A server stamp in epoch ms, or the server's time now as the desk knows it. */
  const stamp = (at: string | null | undefined): number => (at ? Date.parse(at) : office.serverNow());
  const stampOf: Partial<Record<DeskTicketAction, 'calledAt' | 'startedAt'>> = { recall: 'calledAt', start: 'startedAt' };
  const id = () => counterId.value!;
  const ticketId = () => ticket.value!.id;

  return {
    status,
    online,
    live,
    counter,
    ticket,
    queue,
    templates,
    noShows,
    stopNotice,
    undoable,
    busy,
    message,
    template: (kind: ChecklistTemplateView['kind']) => templates.value.find((candidate) => candidate.kind === kind) ?? null,
    open: (checklist: ChecklistSubmission) => run(() => deskApi.open(id(), checklist), office.patchCounter),
    callNext: () =>
      run(
        () => deskApi.callNext(id()),
        (result) => {
          if (result) patch(result, 'calledAt');
          else message.value = { kind: 'info', key: 'desk.nobodyWaiting' };
        },
      ),
    callSpecific: (chosen: string, reason: string) =>
      run(
        () => deskApi.call(id(), chosen, reason),
        (result) => patch(result, 'calledAt'),
      ),
    act: (action: DeskTicketAction) =>
      run(
        () => deskApi.act(ticketId(), action),
        (result) => patch(result, stampOf[action]),
      ),
    noShow: () =>
      run(
        () => deskApi.act(ticketId(), 'no-show'),
        (result) => {
          patch(result, 'finishedAt');
          const markedAt = stamp(result.finishedAt);
          undoable.value = { ticketId: result.id, number: result.number, until: markedAt + NO_SHOW_UNDO_SECONDS * 1000 };
          void refreshNoShows();
        },
      ),
    undoNoShow: () => {
      const target = undoable.value;
      if (!target) return Promise.resolve(false);
      return run(
        () => deskApi.undoNoShow(target.ticketId),
        (result) => {
          patch(result);
          undoable.value = null;
          void refreshNoShows();
        },
      );
    },
    forgetUndo: () => {
      undoable.value = null;
    },
    callBack: (chosen: string) =>
      run(
        () => deskApi.callBack(id(), chosen),
        (result) => {
          patch(result, 'calledAt');
          void refreshNoShows();
        },
      ),
    finish: (checklist: ChecklistSubmission, outcome: InteractionOutcome, note: string) => {
      const finishing = ticket.value!;
      return run(
        () => deskApi.finish(finishing.id, { checklist, outcome, ...(note ? { note } : {}) }),
        (result) => {
          patch(result, 'finishedAt');
          // The server counts the window from its own save: the finish answer's `finishedAt`.
          const until = correctableUntil(stamp(result?.finishedAt));
          correctable.value = { ticketId: finishing.id, number: finishing.number, until, submission: checklist, outcome, note };
        },
      );
    },
    correctable,
    /** Saves the corrected record of the last interaction; the window still counts from the first save. */
    correct: async (checklist: ChecklistSubmission, outcome: InteractionOutcome, note: string) => {
      const target = correctable.value;
      if (!target) return false;
      const done = await run(
        () => deskApi.correct(target.ticketId, { checklist, outcome, ...(note ? { note } : {}) }),
        () => {
          correctable.value = { ...target, submission: checklist, outcome, note };
          message.value = { kind: 'info', key: 'correction.done', values: { number: target.number } };
        },
      );
      // The server's clock decides: once it says the window has closed, the desk stops offering it.
      if (!done && message.value?.reason === 'correction_window_closed') correctable.value = null;
      return done;
    },
    forgetCorrection: () => {
      correctable.value = null;
    },
    transfer: (serviceId: string) => run(() => deskApi.transfer(ticketId(), serviceId), patch),
    pause: (reason: OfficerPauseReason, note?: string) => run(() => deskApi.pause(id(), reason, note), office.patchCounter),
    resume: () => run(() => deskApi.resume(id()), office.patchCounter),
    close: () => run(() => deskApi.close(id()), office.patchCounter),
    requireLive,
    dismiss: () => {
      message.value = null;
    },
  };
}

export function errorMessage(error: unknown): DeskMessage {
  if (error instanceof ApiError) {
    if (error.status === 0) return { kind: 'error', key: 'errors.offlineRefused' };
    const code = error.body?.code;
    if (error.body?.message && isErrorCode(code)) return { kind: 'error', key: 'errors.refusedBecause', values: { message: error.body.message }, reason: code };
    if (error.body?.message) return { kind: 'error', key: 'errors.refused', values: { message: error.body.message } };
  }
  return { kind: 'error', key: 'errors.unexpected' };
}

/** A desk message in the screen's language, with a coded refusal's reason from the `serverErrors` table. */
export function useDeskMessageText() {
  const { t } = useI18n();
  return (message: DeskMessage): string => t(message.key, { ...message.values, ...(message.reason ? { reason: t(`serverErrors.${message.reason}`) } : {}) });
}
