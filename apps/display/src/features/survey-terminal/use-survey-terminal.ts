import { computed, onScopeDispose, reactive, ref, watch, type Ref } from 'vue';
import {
  SURVEY_ELEMENTS,
  SURVEY_TERMINAL_IDLE_SECONDS,
  TicketEventType,
  type ErrorCode,
  type SkmProfile,
  type SkmProfileField,
  type SurveyAnswers,
  type SurveyElementCode,
  type SurveyScore,
} from '@loket/domain';
import { refusalCode } from '../../api/http';
import { submitTerminalSurvey } from '../../api/tickets';
import { useOfficeStore } from '../../stores/office-store';

export type TerminalStep = 'idle' | 'offer' | 'question' | 'profile' | 'sending' | 'thanks';
/** How long the thanks stay on screen before the terminal is idle again. */
export const THANKS_SECONDS = 8;
const INPUT_EVENTS = ['pointerdown', 'keydown'] as const;

/**
 * One counter's survey terminal: idle until the office feed says a ticket was finished at
 * its counter, then it offers the survey for that ticket, one question a screen, the
 * optional profile, and sends it as the office's paired device. Each ticket is offered once;
 * a minute without a touch drops the answers and goes back to idle, so the next citizen never
 * finds someone else's.
 */
export function useSurveyTerminal(options: { slug: Ref<string | null>; counterNumber: Ref<number | null>; token: Ref<string | null>; reset: () => void }) {
  const store = useOfficeStore();
  const step = ref<TerminalStep>('idle');
  const ticket = ref<{ id: string; number: string } | null>(null);
  const index = ref(0);
  const answers = reactive<Partial<Record<SurveyElementCode, SurveyScore>>>({});
  const profile = reactive<Record<SkmProfileField, string>>({ gender: '', ageBand: '', education: '', occupation: '' });
  const suggestion = ref('');
  /** Why the last send failed: the API's refusal code, or 'network'. */
  const problem = ref<ErrorCode | 'network' | null>(null);
  const offered = new Set<string>();
  const element = computed(() => SURVEY_ELEMENTS[index.value]);

  function clear(): void {
    ticket.value = null;
    index.value = 0;
    for (const code of Object.keys(answers) as SurveyElementCode[]) delete answers[code];
    for (const field of Object.keys(profile) as SkmProfileField[]) profile[field] = '';
    suggestion.value = '';
    problem.value = null;
  }

  function toIdle(): void {
    clear();
    step.value = 'idle';
    options.reset();
  }

  const stopListening = store.onEvent((event) => {
    if (event.kind !== 'ticket' || event.type !== TicketEventType.finished) return;
    if (options.counterNumber.value === null || event.ticket.counterNumber !== options.counterNumber.value) return;
    if (offered.has(event.ticket.id)) return;
    // Someone is answering: the next citizen's offer does not take their screen.
    if (step.value === 'question' || step.value === 'profile' || step.value === 'sending') return;
    offered.add(event.ticket.id);
    clear();
    ticket.value = { id: event.ticket.id, number: event.ticket.number };
    step.value = 'offer';
  });

  function begin(): void {
    if (step.value !== 'offer') return;
    index.value = 0;
    step.value = 'question';
  }

  function choose(score: SurveyScore): void {
    if (step.value !== 'question') return;
    answers[element.value.code] = score;
    if (index.value < SURVEY_ELEMENTS.length - 1) index.value += 1;
    else step.value = 'profile';
  }

  function back(): void {
    if (step.value === 'profile') {
      step.value = 'question';
      index.value = SURVEY_ELEMENTS.length - 1;
    } else if (step.value === 'question' && index.value > 0) index.value -= 1;
    else if (step.value === 'question') step.value = 'offer';
  }

  async function send(): Promise<void> {
    const slug = options.slug.value;
    const counter = options.counterNumber.value;
    const token = options.token.value;
    if (step.value !== 'profile' || !ticket.value || !slug || counter === null || !token) return;
    const chosen = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== '')) as SkmProfile;
    const text = suggestion.value.trim();
    problem.value = null;
    step.value = 'sending';
    try {
      await submitTerminalSurvey(slug, counter, ticket.value.id, { ...(answers as SurveyAnswers), ...chosen, ...(text ? { suggestion: text } : {}) }, token);
      step.value = 'thanks';
    } catch (failure) {
      const code = refusalCode(failure);
      // Already answered (from the phone, say) or past its window: nothing left to do but thank.
      if (code === 'survey_already_submitted' || code === 'survey_terminal_closed') {
        problem.value = code;
        step.value = 'thanks';
        return;
      }
      problem.value = code ?? 'network';
      step.value = 'profile';
    }
  }

  // The idle clock runs on every step but idle; the thanks have a shorter one of their own.
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  function arm(): void {
    clearTimeout(idleTimer);
    if (step.value === 'idle' || step.value === 'sending') return;
    idleTimer = setTimeout(toIdle, (step.value === 'thanks' ? THANKS_SECONDS : SURVEY_TERMINAL_IDLE_SECONDS) * 1_000);
  }
  watch([step, index], arm, { immediate: true });
  for (const name of INPUT_EVENTS) window.addEventListener(name, arm, { capture: true, passive: true });

  onScopeDispose(() => {
    stopListening();
    clearTimeout(idleTimer);
    for (const name of INPUT_EVENTS) window.removeEventListener(name, arm, { capture: true });
  });

  return { step, ticket, index, element, answers, profile, suggestion, problem, begin, choose, back, send, toIdle };
}
