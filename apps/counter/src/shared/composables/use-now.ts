import { onScopeDispose, ref } from 'vue';

/** The current time in epoch milliseconds, ticking every `intervalMs` (timers and waiting times). */
export function useNow(intervalMs = 1_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
