import { computed, watch } from 'vue';
import type { StaffRole, StaffView } from '@loket/domain';
import { useAuthStore } from './auth-store';

/**
 * A staff page's "who may see it": whether the signed-in staff member has one of `roles`, and
 * `onStaff` called with them as soon as they do (at once if already signed in), again when
 * someone else signs in, and with null when they leave.
 */
export function useAllowedStaff(roles: readonly StaffRole[], onStaff: (staff: StaffView | null) => unknown = () => undefined) {
  const auth = useAuthStore();
  const allowed = computed(() => !!auth.staff && roles.includes(auth.staff.role));
  watch(
    () => (allowed.value ? auth.staff : null),
    (staff) => void onStaff(staff),
    { immediate: true },
  );
  return { auth, allowed };
}
