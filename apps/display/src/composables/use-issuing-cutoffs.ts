import { onScopeDispose, watch } from 'vue';
import { useOfficeStore } from '../stores/office-store';

/** Looked at again this long after a cut-off, so the server is past it too; and at least this often. */
const AFTER_CUTOFF_MS = 500;
const QUIET_MS = 60_000;

/**
 * Moves the office store's `issuingNow` on at the next service cut-off (`issuingUntil`, on the
 * server's clock) and every minute, so the kiosk shows a service closed for today from its
 * cut-off on, before anyone taps (issue 16).
 */
export function useIssuingCutoffs(): void {
  const store = useOfficeStore();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function look(): void {
    clearTimeout(timer);
    const now = store.serverNow();
    store.issuingNow = now;
    const next = store.services
      .map((service) => (service.issuingUntil ? Date.parse(service.issuingUntil) : Number.NaN))
      .filter((at) => at > now)
      .reduce((first, at) => Math.min(first, at), Number.POSITIVE_INFINITY);
    timer = setTimeout(look, Math.max(AFTER_CUTOFF_MS, Math.min(QUIET_MS, next - now + AFTER_CUTOFF_MS)));
  }

  watch(() => store.services.map((service) => service.issuingUntil).join(), look, { immediate: true });
  onScopeDispose(() => clearTimeout(timer));
}
