import { isErrorCode, type ErrorBody, type ErrorCode } from '@loket/domain';

export const API_BASE = '/api/v1';

/** A failed API call, carrying the API's one error shape when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** The business error code a refusal carried, when the API sent one this app knows. */
export function refusalCode(failure: unknown): ErrorCode | null {
  const code = failure instanceof ApiError ? failure.body?.code : undefined;
  return isErrorCode(code) ? code : null;
}

export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(response.status, body);
  }
  return (await response.json()) as T;
}
