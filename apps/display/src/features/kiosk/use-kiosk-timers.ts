import { nextTick, onScopeDispose, ref, watch, type Ref } from 'vue';
import type { KioskStep } from '../../stores/kiosk-store';

/** How long the ticket stays on screen before the kiosk starts over by itself. */
export const RETURN_AFTER_SECONDS = 12;
/**
 * A kiosk left alone this long (no touch, no key) goes back to the start in its own
 * language, with its settings locked: from the priority question, and from the service
 * list where a citizen may have switched the language and walked away.
 */
export const IDLE_MS = 60_000;
const INPUT_EVENTS = ['pointerdown', 'keydown'] as const;

/**
 * The kiosk's clocks: the countdown on the ticket step (printed as soon as it shows; a kiosk
 * browser runs with silent printing) and the return after a minute without input on any
 * other step. `restart` is the start over for the next citizen, both ways; `shown` runs once
 * each step is on screen, before anything else (the page moves focus there).
 */
export function useKioskTimers(step: Ref<KioskStep>, options: { restart: () => void; shown: () => void }) {
  const secondsLeft = ref(RETURN_AFTER_SECONDS);
  let countdown: ReturnType<typeof setInterval> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function startOver(): void {
    clearInterval(countdown);
    options.restart();
  }

  watch(step, async (now) => {
    await nextTick();
    options.shown();
    clearInterval(countdown);
    if (now === 'ticket') {
      secondsLeft.value = RETURN_AFTER_SECONDS;
      window.print();
      countdown = setInterval(() => {
        secondsLeft.value -= 1;
        if (secondsLeft.value <= 0) startOver();
      }, 1_000);
    }
  });

  // The ticket step has its countdown, and issuing waits for the API: the idle clock runs on the others.
  function armIdle(): void {
    clearTimeout(idleTimer);
    if (step.value === 'service' || step.value === 'priority') idleTimer = setTimeout(() => options.restart(), IDLE_MS);
  }
  watch(step, armIdle, { immediate: true });
  for (const name of INPUT_EVENTS) window.addEventListener(name, armIdle, { capture: true, passive: true });

  onScopeDispose(() => {
    clearInterval(countdown);
    clearTimeout(idleTimer);
    for (const name of INPUT_EVENTS) window.removeEventListener(name, armIdle, { capture: true });
  });

  return { secondsLeft, startOver };
}
