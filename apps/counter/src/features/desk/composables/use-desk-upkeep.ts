import { onMounted, onScopeDispose } from 'vue';
import { useAuthStore } from '../../../shared/auth/auth-store';
import { deskApi } from '../desk-api';
import { useDeskStore } from '../stores/desk-store';
import { useTodayStore } from '../stores/today-store';

/** While the desk is shown: today's figures kept fresh, and a remembered counter checked once. */
export function useDeskUpkeep(): void {
  const auth = useAuthStore();
  const deskChoice = useDeskStore();
  const todayStore = useTodayStore();

  onMounted(async () => {
    void todayStore.refresh();
    // A remembered counter someone else now holds is no longer this desk's: choose again.
    try {
      const counters = await deskApi.counters(deskChoice.choice!.officeSlug);
      const mine = counters.find((candidate) => candidate.id === deskChoice.choice!.counterId);
      if (!mine || (mine.staffId !== null && mine.staffId !== auth.staff?.id)) deskChoice.forget();
    } catch {
      // Offline or the server is restarting: the banner says so; the check runs again on the next visit.
    }
  });
  const todayTimer = setInterval(() => void todayStore.refresh(), 60_000);
  onScopeDispose(() => clearInterval(todayTimer));
}
