import type { StaffView } from '@loket/domain';

/** The staff member behind a request, as the guard found them (active, with their offices). */
export type AuthenticatedStaff = StaffView;

export interface TokenClaims {
  sub: string;
  role: string;
  /** staff.token_version when signed; a token behind the current version has been revoked. Absent counts as 0. */
  ver?: number;
}
