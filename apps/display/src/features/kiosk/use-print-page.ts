import { onScopeDispose, toValue, watchEffect, type MaybeRefOrGetter } from 'vue';

/**
 * Sets the printed page to the width of the kiosk's thermal roll. `@page` cannot live in a
 * component's scoped style, and its size changes with the kiosk setting, so it is a
 * `<style>` element of its own, removed when the kiosk is left.
 */
export function usePrintPage(widthMm: MaybeRefOrGetter<number>): void {
  const style = document.createElement('style');
  style.dataset.loket = 'print-page';
  document.head.append(style);
  watchEffect(() => {
    style.textContent = `@page { size: ${toValue(widthMm)}mm auto; margin: 0; }`;
  });
  onScopeDispose(() => style.remove());
}
