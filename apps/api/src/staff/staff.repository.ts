import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AdminStaffView, StaffRole, StaffView } from '@loket/domain';

export const STAFF_SQL = {
  // An active account with the offices it works in: what a token or a login is checked against.
  activeById: `SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.password_hash, s.token_version,
         array_remove(array_agg(so.office_id), NULL) AS office_ids
  FROM staff s LEFT JOIN staff_offices so ON so.staff_id = s.id
  WHERE s.active AND s.id = $1
  GROUP BY s.id`,
  activeByUsername: `SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.password_hash, s.token_version,
         array_remove(array_agg(so.office_id), NULL) AS office_ids
  FROM staff s LEFT JOIN staff_offices so ON so.staff_id = s.id
  WHERE s.active AND s.username = $1
  GROUP BY s.id`,
  activePasswordHash: 'SELECT password_hash FROM staff WHERE id = $1 AND active',
  // Only if the hash is still the one just checked: two changes at once cannot both win. Through a CTE: TypeORM wraps a bare UPDATE … RETURNING's rows in [rows, count].
  changePassword: `WITH changed AS (UPDATE staff SET password_hash = $2, token_version = token_version + 1 WHERE id = $1 AND active AND password_hash = $3 RETURNING token_version)
       SELECT token_version FROM changed`,
  endSessions: 'WITH bumped AS (UPDATE staff SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version) SELECT token_version FROM bumped',
  // The set-up's view of accounts, active or not.
  adminById: `SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.active, s.created_at,
       (SELECT array_agg(so.office_id ORDER BY so.office_id) FROM staff_offices so WHERE so.staff_id = s.id) AS office_ids
  FROM staff s WHERE s.id = $1`,
  adminAll: `SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.active, s.created_at,
       (SELECT array_agg(so.office_id ORDER BY so.office_id) FROM staff_offices so WHERE so.staff_id = s.id) AS office_ids
  FROM staff s ORDER BY s.name, s.username`,
  adminInOffices: `SELECT s.id, s.username, s.name, s.nip, s.role, s.agency_id, s.active, s.created_at,
       (SELECT array_agg(so.office_id ORDER BY so.office_id) FROM staff_offices so WHERE so.staff_id = s.id) AS office_ids
  FROM staff s WHERE EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = s.id AND so.office_id = ANY($1::uuid[])) ORDER BY s.name, s.username`,
  insert: 'INSERT INTO staff (username, name, nip, role, password_hash, created_at, agency_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
  update: 'UPDATE staff SET name = $2, nip = $3, role = $4, agency_id = $5 WHERE id = $1',
  agencyOffice: 'SELECT office_id FROM agencies WHERE id = $1',
  setPasswordHash: 'UPDATE staff SET password_hash = $2 WHERE id = $1',
  setActive: 'UPDATE staff SET active = $2 WHERE id = $1',
  // In id order, so two changes that lock them never deadlock.
  lockActiveAdmins: "SELECT id FROM staff WHERE role = 'admin' AND active ORDER BY id FOR UPDATE",
  // The lock a counter open takes on its officer (CountersRepository.lockOfficer): a change that takes
  // someone off counters (deactivation, a new set of offices) takes it too, then reads their sessions, so it and an open run one after the other.
  lock: 'SELECT id FROM staff WHERE id = $1 FOR NO KEY UPDATE',
  openCounterOf: "SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id WHERE cn.staff_id = $1 AND cn.state <> 'closed'",
  openCounterOutside: `SELECT c.name FROM counter_sessions cn JOIN counters c ON c.id = cn.counter_id
  WHERE cn.staff_id = $1 AND cn.state <> 'closed' AND NOT (c.office_id = ANY($2::uuid[]))`,
  existingOffices: 'SELECT id FROM offices WHERE id = ANY($1::uuid[])',
  usernameTaken: 'SELECT 1 FROM staff WHERE username = $1',
  nipTaken: 'SELECT 1 FROM staff WHERE nip = $1 AND id IS DISTINCT FROM $2::uuid',
  dropOtherOffices: 'DELETE FROM staff_offices WHERE staff_id = $1 AND NOT (office_id = ANY($2::uuid[]))',
  addOffices: 'INSERT INTO staff_offices (staff_id, office_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
} as const;

interface ActiveStaffRow {
  id: string;
  username: string;
  name: string;
  nip: string | null;
  role: StaffRole;
  agency_id: string | null;
  password_hash: string;
  office_ids: string[] | null;
  token_version: number;
}

interface AdminStaffRow {
  id: string;
  username: string;
  name: string;
  nip: string | null;
  role: StaffRole;
  agency_id: string | null;
  active: boolean;
  created_at: Date;
  office_ids: string[] | null;
}

/** An active account as a login or a token check needs it. */
export interface ActiveStaff {
  staff: StaffView;
  passwordHash: string;
  tokenVersion: number;
}

function toActive(row: ActiveStaffRow): ActiveStaff {
  return {
    staff: { id: row.id, username: row.username, name: row.name, nip: row.nip, role: row.role, officeIds: row.office_ids ?? [], agencyId: row.agency_id },
    passwordHash: row.password_hash,
    tokenVersion: row.token_version,
  };
}

function toAdminView(row: AdminStaffRow): AdminStaffView {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    nip: row.nip,
    role: row.role,
    officeIds: row.office_ids ?? [],
    agencyId: row.agency_id,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

export interface NewStaff {
  username: string;
  name: string;
  nip: string | null;
  role: StaffRole;
  passwordHash: string;
  createdAt: Date;
  agencyId: string | null;
}

/**
 * Staff accounts: the active ones logins and tokens are checked against, their passwords
 * and token versions, and the set-up's reads and writes. A method that takes a manager
 * runs in the caller's transaction.
 */
@Injectable()
export class StaffRepository {
  constructor(private readonly db: DataSource) {}

  async activeById(id: string): Promise<ActiveStaff | null> {
    const [row] = await this.db.query<ActiveStaffRow[]>(STAFF_SQL.activeById, [id]);
    return row ? toActive(row) : null;
  }

  async activeByUsername(username: string): Promise<ActiveStaff | null> {
    const [row] = await this.db.query<ActiveStaffRow[]>(STAFF_SQL.activeByUsername, [username]);
    return row ? toActive(row) : null;
  }

  async activePasswordHash(id: string): Promise<string | null> {
    const [row] = await this.db.query<{ password_hash: string }[]>(STAFF_SQL.activePasswordHash, [id]);
    return row?.password_hash ?? null;
  }

  /** The new token version, or null when the hash is no longer `expectedHash` (changed meanwhile) or the account is inactive. */
  async changePassword(id: string, newHash: string, expectedHash: string): Promise<number | null> {
    const [row] = await this.db.query<{ token_version: number }[]>(STAFF_SQL.changePassword, [id, newHash, expectedHash]);
    return row?.token_version ?? null;
  }

  /** Moves the token version on; the new version, or null when no such staff member exists. */
  async endSessions(id: string, tx: EntityManager = this.db.manager): Promise<number | null> {
    const rows = await tx.query<{ token_version: number }[]>(STAFF_SQL.endSessions, [id]);
    return rows[0]?.token_version ?? null;
  }

  /** Every account, or those working in one of `officeIds`. */
  async adminList(officeIds: readonly string[] | null): Promise<AdminStaffView[]> {
    const rows = officeIds
      ? await this.db.query<AdminStaffRow[]>(STAFF_SQL.adminInOffices, [officeIds])
      : await this.db.query<AdminStaffRow[]>(STAFF_SQL.adminAll);
    return rows.map(toAdminView);
  }

  async adminById(tx: EntityManager, id: string): Promise<AdminStaffView | null> {
    const [row] = await tx.query<AdminStaffRow[]>(STAFF_SQL.adminById, [id]);
    return row ? toAdminView(row) : null;
  }

  async insert(tx: EntityManager, staff: NewStaff): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(STAFF_SQL.insert, [
      staff.username,
      staff.name,
      staff.nip,
      staff.role,
      staff.passwordHash,
      staff.createdAt,
      staff.agencyId,
    ]);
    return row.id;
  }

  async update(tx: EntityManager, id: string, fields: { name: string; nip: string | null; role: StaffRole; agencyId: string | null }): Promise<void> {
    await tx.query(STAFF_SQL.update, [id, fields.name, fields.nip, fields.role, fields.agencyId]);
  }

  /** The office of an agency, or null when there is no such agency. */
  async agencyOffice(tx: EntityManager, agencyId: string): Promise<string | null> {
    const [row] = await tx.query<{ office_id: string }[]>(STAFF_SQL.agencyOffice, [agencyId]);
    return row?.office_id ?? null;
  }

  async setPasswordHash(tx: EntityManager, id: string, passwordHash: string): Promise<void> {
    await tx.query(STAFF_SQL.setPasswordHash, [id, passwordHash]);
  }

  async setActive(tx: EntityManager, id: string, active: boolean): Promise<void> {
    await tx.query(STAFF_SQL.setActive, [id, active]);
  }

  /** Locks the active admins' rows to the end of the transaction and returns their ids. */
  async lockActiveAdmins(tx: EntityManager): Promise<string[]> {
    const rows = await tx.query<{ id: string }[]>(STAFF_SQL.lockActiveAdmins);
    return rows.map((row) => row.id);
  }

  /** Locks the staff member's row to the end of the transaction (see STAFF_SQL.lock); read it afresh afterwards. */
  async lock(tx: EntityManager, id: string): Promise<void> {
    await tx.query(STAFF_SQL.lock, [id]);
  }

  /** The name of a counter outside `officeIds` the staff member holds a session on, or null. */
  async openCounterOutside(tx: EntityManager, id: string, officeIds: readonly string[]): Promise<string | null> {
    const [row] = await tx.query<{ name: string }[]>(STAFF_SQL.openCounterOutside, [id, officeIds]);
    return row?.name ?? null;
  }

  /** The name of a counter the staff member holds a session on, or null. */
  async openCounterOf(tx: EntityManager, id: string): Promise<string | null> {
    const [row] = await tx.query<{ name: string }[]>(STAFF_SQL.openCounterOf, [id]);
    return row?.name ?? null;
  }

  /** Which of `officeIds` exist. */
  async existingOffices(tx: EntityManager, officeIds: readonly string[]): Promise<string[]> {
    const rows = await tx.query<{ id: string }[]>(STAFF_SQL.existingOffices, [officeIds]);
    return rows.map((row) => row.id);
  }

  async usernameTaken(tx: EntityManager, username: string): Promise<boolean> {
    return (await tx.query<unknown[]>(STAFF_SQL.usernameTaken, [username])).length > 0;
  }

  async nipTaken(tx: EntityManager, nip: string, exceptId: string | null): Promise<boolean> {
    return (await tx.query<unknown[]>(STAFF_SQL.nipTaken, [nip, exceptId])).length > 0;
  }

  /** Makes the staff member's offices exactly `officeIds`. */
  async setOffices(tx: EntityManager, id: string, officeIds: readonly string[]): Promise<void> {
    await tx.query(STAFF_SQL.dropOtherOffices, [id, officeIds]);
    await tx.query(STAFF_SQL.addOffices, [id, officeIds]);
  }
}
