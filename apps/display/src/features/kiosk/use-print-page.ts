import { onScopeDispose, toValue, watchEffect, type MaybeRefOrGetter } from 'vue';

/** Millimetres per CSS pixel (96 px to the inch). */
const MM_PER_PX = 25.4 / 96;
/** Before a ticket is on screen: some length, so the rule stays valid. */
const EMPTY_PAGE_MM = 100;

/**
 * Sets the printed page to the thermal roll: as wide as the roll, and as long as the slip on
 * it, not the 279 mm of a letter page (most of a roll thrown away on drivers that feed a
 * whole page). Chromium knows no `auto` page length, so the slip's paper copy (TicketSlip.vue,
 * laid out in millimetres and points whatever the media) is measured: when it changes, and
 * once more just before printing. `@page` cannot live in a component's scoped style, and its
 * size changes, so it is a `<style>` element of its own, removed when the kiosk is left.
 */
export function usePrintPage(widthMm: MaybeRefOrGetter<number>): { fit: () => void } {
  const style = document.createElement('style');
  style.dataset.loket = 'print-page';
  document.head.append(style);

  function fit(): void {
    const slip = document.querySelector<HTMLElement>('[data-paper-slip]');
    // A millimetre to spare, so rounding never spills a line onto a second page.
    const heightMm = slip ? Math.ceil(slip.getBoundingClientRect().height * MM_PER_PX) + 1 : EMPTY_PAGE_MM;
    style.textContent = `@page { size: ${toValue(widthMm)}mm ${heightMm}mm; margin: 0; }`;
  }

  // The paper copy comes and goes with each ticket: watch for it, and measure it when it changes.
  const resized = new ResizeObserver(fit);
  let observed: HTMLElement | null = null;
  const added = new MutationObserver(() => {
    const slip = document.querySelector<HTMLElement>('[data-paper-slip]');
    if (slip === observed) return;
    if (observed) resized.unobserve(observed);
    observed = slip;
    if (slip) resized.observe(slip);
  });
  added.observe(document.body, { childList: true, subtree: true });
  window.addEventListener('beforeprint', fit);
  watchEffect(fit);
  onScopeDispose(() => {
    added.disconnect();
    resized.disconnect();
    window.removeEventListener('beforeprint', fit);
    style.remove();
  });
  return { fit };
}
