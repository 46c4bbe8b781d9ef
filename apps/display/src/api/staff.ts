import type { LoginResult } from '@loket/domain';
import { getJson } from './http';

/**
 * A staff member's login at the kiosk, only to open its settings: the kiosk keeps no staff
 * session (the answer's token is dropped), it only checks who is standing at it.
 */
export function staffLogin(username: string, password: string): Promise<LoginResult> {
  return getJson<LoginResult>('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}
