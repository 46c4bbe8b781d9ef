import type { StaffView } from '@loket/domain';

/** The staff member behind a request, as the guard found them (active, with their offices). */
export type AuthenticatedStaff = StaffView;

export interface TokenClaims {
  sub: string;
  role: string;
}
