import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { LoginResult, StaffView } from '@loket/domain';
import { ApiError, setAccessToken, setUnauthorizedHandler } from '../api/http';
import { staffApi } from '../api/staff-api';
import { readStored, writeStored } from '../storage';

const STORAGE_KEY = 'loket.counter.session';

/** Why the login screen is shown again, as an i18n key under `login.`. */
export type LoginProblem = 'wrongPassword' | 'tooManyTries' | 'offline' | 'expired' | 'failed' | 'missing';

/** The logged-in staff member and their token, kept on this PC until logout or expiry. */
export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(null);
  const staff = ref<StaffView | null>(null);
  const problem = ref<LoginProblem | null>(null);
  const busy = ref(false);
  const loggedIn = computed(() => token.value !== null && staff.value !== null);

  function hydrate(session: LoginResult | null): void {
    token.value = session?.accessToken ?? null;
    staff.value = session?.staff ?? null;
    setAccessToken(token.value);
    writeStored(STORAGE_KEY, session);
  }

  /** Picks up the session this PC kept; a token the server no longer accepts logs out (see `expire`). */
  function restore(): void {
    hydrate(readStored<LoginResult>(STORAGE_KEY));
    setUnauthorizedHandler(expire);
  }

  async function login(username: string, password: string): Promise<boolean> {
    if (!username.trim() || !password) {
      problem.value = 'missing';
      return false;
    }
    busy.value = true;
    problem.value = null;
    try {
      hydrate(await staffApi.login(username.trim(), password));
      setUnauthorizedHandler(expire);
      return true;
    } catch (error) {
      problem.value = loginProblem(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function logout(): void {
    hydrate(null);
    problem.value = null;
  }

  function expire(): void {
    hydrate(null);
    problem.value = 'expired';
  }

  return { token, staff, problem, busy, loggedIn, hydrate, restore, login, logout, expire };
});

export function loginProblem(error: unknown): LoginProblem {
  if (!(error instanceof ApiError)) return 'failed';
  if (error.status === 0) return 'offline';
  if (error.status === 401) return 'wrongPassword';
  if (error.status === 429) return 'tooManyTries';
  return 'failed';
}
