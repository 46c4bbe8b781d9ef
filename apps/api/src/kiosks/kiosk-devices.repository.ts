import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { KioskDeviceView } from '@loket/domain';

export const KIOSK_DEVICES_SQL = {
  ofOffice: `SELECT id, office_id, name, created_at, revoked_at FROM kiosk_devices WHERE office_id = $1 ORDER BY created_at, id`,
  insert: `INSERT INTO kiosk_devices (office_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)
  RETURNING id, office_id, name, created_at, revoked_at`,
  byId: `SELECT id, office_id, name, created_at, revoked_at FROM kiosk_devices WHERE id = $1`,
  revoke: `UPDATE kiosk_devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
  anonymousIssue: `SELECT anonymous_issue FROM offices WHERE id = $1`,
  setAnonymousIssue: `UPDATE offices SET anonymous_issue = $2 WHERE id = $1`,
} as const;

interface KioskRow {
  id: string;
  office_id: string;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
}

function toView(row: KioskRow): KioskDeviceView {
  return { id: row.id, officeId: row.office_id, name: row.name, createdAt: row.created_at.toISOString(), revokedAt: row.revoked_at?.toISOString() ?? null };
}

/** Kiosks paired to an office, and the office's anonymous-issue switch. Tokens are stored only as their hash. */
@Injectable()
export class KioskDevicesRepository {
  async ofOffice(tx: EntityManager, officeId: string): Promise<KioskDeviceView[]> {
    return (await tx.query<KioskRow[]>(KIOSK_DEVICES_SQL.ofOffice, [officeId])).map(toView);
  }

  async insert(tx: EntityManager, officeId: string, name: string, tokenHash: string, now: Date): Promise<KioskDeviceView> {
    const [row] = await tx.query<KioskRow[]>(KIOSK_DEVICES_SQL.insert, [officeId, name, tokenHash, now]);
    return toView(row);
  }

  async byId(tx: EntityManager, id: string): Promise<KioskDeviceView | null> {
    const [row] = await tx.query<KioskRow[]>(KIOSK_DEVICES_SQL.byId, [id]);
    return row ? toView(row) : null;
  }

  async revoke(tx: EntityManager, id: string, now: Date): Promise<void> {
    await tx.query(KIOSK_DEVICES_SQL.revoke, [id, now]);
  }

  async anonymousIssue(tx: EntityManager, officeId: string): Promise<boolean> {
    const [row] = await tx.query<{ anonymous_issue: boolean }[]>(KIOSK_DEVICES_SQL.anonymousIssue, [officeId]);
    return row?.anonymous_issue ?? false;
  }

  async setAnonymousIssue(tx: EntityManager, officeId: string, enabled: boolean): Promise<void> {
    await tx.query(KIOSK_DEVICES_SQL.setAnonymousIssue, [officeId, enabled]);
  }
}
