import { onScopeDispose } from 'vue';

/**
 * Single-key shortcuts for the desk (no modifier). Ignored while typing in a field or
 * while a dialog is open (the dialog owns the keyboard then).
 */
export function useShortcuts(handlers: () => Record<string, () => void>, enabled: () => boolean): void {
  function onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    if (!enabled()) return;
    const handler = handlers()[event.key.toLowerCase()];
    if (!handler) return;
    event.preventDefault();
    handler();
  }
  window.addEventListener('keydown', onKey);
  onScopeDispose(() => window.removeEventListener('keydown', onKey));
}
