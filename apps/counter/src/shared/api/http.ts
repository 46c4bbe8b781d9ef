import type { ErrorBody } from '@loket/domain';

export const API_BASE = '/api/v1';

/**
 * A failed API call. `status` 0 means the request never reached the server (offline):
 * the action was not taken, and the screen says so instead of retrying behind the officer's back.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? (status === 0 ? 'offline' : `HTTP ${status}`));
    this.name = 'ApiError';
  }
}

let token: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setAccessToken(value: string | null): void {
  token = value;
}

/** Called when the server no longer accepts the token (expired, account deactivated). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const errorBody = (await response.json().catch(() => null)) as ErrorBody | null;
    if (response.status === 401 && token && onUnauthorized) onUnauthorized();
    throw new ApiError(response.status, errorBody);
  }
  if (response.status === 204) return null;
  return (await response.json()) as T;
}

export const getJson = async <T>(path: string): Promise<T> => (await request<T>('GET', path))!;
export const postJson = <T>(path: string, body?: unknown): Promise<T | null> => request<T>('POST', path, body);
/** For the endpoints that always answer with a body (the set-up's edits and replacements among them). */
export const sendJson = async <T>(method: Method, path: string, body?: unknown): Promise<T> => (await request<T>(method, path, body))!;
