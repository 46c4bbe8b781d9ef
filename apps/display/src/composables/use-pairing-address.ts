import { watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useKioskStore } from '../stores/kiosk-store';

const PAIR_PREFIX = '#pair=';

/**
 * Pairs this browser from the address the start log and the admin screen give (`…#pair=CODE`),
 * on the kiosk and the survey terminal. A fragment never reaches the server, and the code is
 * taken off the address at once; the query (`?office=`, `&counter=`) stays, so a reload shows
 * the same office. Watched rather than read once: the pairing address opened on a page already
 * showing is a jump within the page, not a new load.
 */
export function usePairingAddress(): void {
  const route = useRoute();
  const router = useRouter();
  const kiosk = useKioskStore();
  watch(
    () => route.hash,
    (hash) => {
      if (!hash.startsWith(PAIR_PREFIX)) return;
      kiosk.setKioskToken(decodeURIComponent(hash.slice(PAIR_PREFIX.length)));
      void router.replace({ query: route.query, hash: '' });
    },
    { immediate: true },
  );
}
