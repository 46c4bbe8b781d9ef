import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import { TicketStatus, type ErrorCode, type OfficeEvent, type SurveyAnswers, type TrackedTicketView } from '@loket/domain';
import { ApiError, refusalCode } from '../api/http';
import { cancelTicket, submitSurvey, trackTicket } from '../api/tickets';

export type TrackState = 'loading' | 'ready' | 'not_found' | 'malformed' | 'failed';
export type SurveyState = 'idle' | 'sending' | 'sent' | 'refused' | 'failed';

// Mirrors the API's tracking-code alphabet (no 0/O, 1/I/L): a typo is caught without a request.
const TRACKING_CODE = /^[23456789A-HJKMNP-Z]{5}(?:-[23456789A-HJKMNP-Z]{5}){3}$/;

/**
 * The citizen's own ticket on the phone page: loaded by tracking code, refreshed when the
 * office's live events touch its queue, cancelled while waiting, rated once when done.
 */
export const useTrackedTicketStore = defineStore('trackedTicket', () => {
  const ticket = ref<TrackedTicketView | null>(null);
  const state = ref<TrackState>('loading');
  const survey = ref<SurveyState>('idle');
  const cancelling = ref(false);
  const cancelFailed = ref(false);
  /** The API's code for a refused cancel or survey, when it gave one: the page shows that code's text. */
  const cancelRefusal = ref<ErrorCode | null>(null);
  const surveyRefusal = ref<ErrorCode | null>(null);

  const status = computed(() => ticket.value?.status ?? null);
  const surveyOpen = computed(() => status.value === TicketStatus.done && !ticket.value?.surveySubmitted && survey.value !== 'sent');

  function hydrate(view: TrackedTicketView): void {
    ticket.value = view;
    state.value = 'ready';
  }

  async function load(trackingCode: string): Promise<void> {
    const code = trackingCode.trim().toUpperCase();
    if (!TRACKING_CODE.test(code)) {
      state.value = 'malformed';
      return;
    }
    try {
      hydrate(await trackTicket(code));
    } catch (failure) {
      // Keep showing what we had when a refresh fails; only a first load shows the error.
      if (ticket.value) return;
      state.value =
        failure instanceof ApiError && failure.status === 404 ? 'not_found' : failure instanceof ApiError && failure.status === 400 ? 'malformed' : 'failed';
    }
  }

  /**
   * Whether a live event may change what this page shows: a change to this ticket, or to
   * any ticket of its service while it waits (its place in the queue moves).
   */
  function affects(event: OfficeEvent): boolean {
    const mine = ticket.value;
    if (!mine) return false;
    if (event.kind === 'counter') return mine.status === TicketStatus.waiting;
    if (event.ticket.id === mine.id) return true;
    return mine.status === TicketStatus.waiting && (event.ticket.serviceId === mine.serviceId || event.fromServiceId === mine.serviceId);
  }

  async function cancel(): Promise<void> {
    const mine = ticket.value;
    if (!mine || mine.status !== TicketStatus.waiting || cancelling.value) return;
    cancelling.value = true;
    cancelFailed.value = false;
    cancelRefusal.value = null;
    try {
      hydrate(await cancelTicket(mine.trackingCode));
    } catch (failure) {
      cancelFailed.value = true;
      cancelRefusal.value = refusalCode(failure);
    } finally {
      cancelling.value = false;
    }
  }

  async function rate(answers: SurveyAnswers): Promise<void> {
    const mine = ticket.value;
    if (!mine || survey.value === 'sending' || survey.value === 'sent') return;
    survey.value = 'sending';
    surveyRefusal.value = null;
    try {
      await submitSurvey(mine.trackingCode, answers);
      survey.value = 'sent';
      ticket.value = { ...mine, surveySubmitted: true };
    } catch (failure) {
      survey.value = failure instanceof ApiError && failure.status === 409 ? 'refused' : 'failed';
      surveyRefusal.value = refusalCode(failure);
    }
  }

  return { ticket, state, survey, surveyRefusal, cancelling, cancelFailed, cancelRefusal, status, surveyOpen, hydrate, load, affects, cancel, rate };
});
