import { jest } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/http';
import { loginProblem, useAuthStore } from './auth-store';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const staff = { id: 's1', username: 'petugas1', name: 'Siti', nip: null, role: 'officer' as const, officeIds: ['o1'], agencyId: null };

function reply(status: number, body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

describe('the auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
  });

  it('logs in, keeps the session on this PC and restores it in a new page', async () => {
    const fetchMock = jest.fn(() => reply(200, { accessToken: 'tok', staff }));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    const auth = useAuthStore();

    expect(await auth.login(' petugas1 ', 'rahasia')).toBe(true);
    expect(auth.loggedIn).toBe(true);
    expect(JSON.parse((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body as string)).toEqual({ username: 'petugas1', password: 'rahasia' });

    setActivePinia(createPinia());
    const again = useAuthStore();
    again.restore();
    expect(again.staff?.username).toBe('petugas1');
  });

  it('says why a login failed: wrong password, too many tries, offline, empty fields', async () => {
    const auth = useAuthStore();
    globalThis.fetch = (() => reply(401, { statusCode: 401, message: 'Wrong username or password' })) as typeof fetch;
    expect(await auth.login('petugas1', 'salah')).toBe(false);
    expect(auth.problem).toBe('wrongPassword');
    expect(auth.loggedIn).toBe(false);

    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await auth.login('petugas1', 'x');
    expect(auth.problem).toBe('offline');

    expect(await auth.login('', '')).toBe(false);
    expect(auth.problem).toBe('missing');

    expect(loginProblem(new ApiError(429, null))).toBe('tooManyTries');
    expect(loginProblem(new ApiError(500, null))).toBe('failed');
  });

  it('logs out when the server stops accepting the token, with a message', async () => {
    const auth = useAuthStore();
    auth.hydrate({ accessToken: 'old', staff });
    auth.restore();
    globalThis.fetch = (() => reply(401, { statusCode: 401, message: 'expired' })) as typeof fetch;
    const { staffApi } = await import('../api/staff-api');
    await expect(staffApi.me()).rejects.toBeInstanceOf(ApiError);
    expect(auth.loggedIn).toBe(false);
    expect(auth.problem).toBe('expired');
  });
});
