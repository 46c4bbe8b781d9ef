import { nextTick, onScopeDispose, ref, watch, type Ref } from 'vue';
import type { KioskStep } from '../../stores/kiosk-store';

/** How long the ticket stays on screen before the kiosk starts over by itself. */
export const RETURN_AFTER_SECONDS = 12;
/** A kiosk left on the priority question goes back to the start too. */
const PRIORITY_IDLE_MS = 60_000;

/**
 * The kiosk's clocks: the countdown on the ticket step (printed as soon as it shows; a kiosk
 * browser runs with silent printing) and the return from an abandoned priority question.
 * `shown` runs once each step is on screen, before anything else (the page moves focus there).
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

  watch(step, (now) => {
    clearTimeout(idleTimer);
    if (now === 'priority') idleTimer = setTimeout(() => options.restart(), PRIORITY_IDLE_MS);
  });

  onScopeDispose(() => {
    clearInterval(countdown);
    clearTimeout(idleTimer);
  });

  return { secondsLeft, startOver };
}
