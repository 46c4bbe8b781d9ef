import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffView } from '@loket/domain';

interface StaffRow {
  id: string;
  username: string;
  name: string;
  nip: string | null;
  role: StaffView['role'];
  password_hash: string;
  office_ids: string[] | null;
  token_version: number;
}

const SELECT_STAFF = `
  SELECT s.id, s.username, s.name, s.nip, s.role, s.password_hash, s.token_version,
         array_remove(array_agg(so.office_id), NULL) AS office_ids
  FROM staff s LEFT JOIN staff_offices so ON so.staff_id = s.id
  WHERE s.active AND %WHERE%
  GROUP BY s.id`;

function toView(row: StaffRow): StaffView {
  return { id: row.id, username: row.username, name: row.name, nip: row.nip, role: row.role, officeIds: row.office_ids ?? [] };
}

/** Looks up active staff with the offices they work in. */
@Injectable()
export class StaffDirectory {
  constructor(private readonly db: DataSource) {}

  async findActive(id: string): Promise<StaffView | null> {
    const [row] = await this.db.query<StaffRow[]>(SELECT_STAFF.replace('%WHERE%', 's.id = $1'), [id]);
    return row ? toView(row) : null;
  }

  /** With the token version a valid token must carry (see auth/session-revoker.ts). */
  async findActiveSession(id: string): Promise<{ staff: StaffView; tokenVersion: number } | null> {
    const [row] = await this.db.query<StaffRow[]>(SELECT_STAFF.replace('%WHERE%', 's.id = $1'), [id]);
    return row ? { staff: toView(row), tokenVersion: row.token_version } : null;
  }

  async findForLogin(username: string): Promise<{ staff: StaffView; passwordHash: string; tokenVersion: number } | null> {
    const [row] = await this.db.query<StaffRow[]>(SELECT_STAFF.replace('%WHERE%', 's.username = $1'), [username]);
    return row ? { staff: toView(row), passwordHash: row.password_hash, tokenVersion: row.token_version } : null;
  }
}
