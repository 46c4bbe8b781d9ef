import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationSettingsView } from '@loket/domain';

export const NOTIFICATION_SETTINGS_SQL = {
  read: 'SELECT near_ahead, near_minutes, reminder_hour FROM offices WHERE id = $1',
  // Locked for the rest of the change, so the audit's "before" is what the update replaced.
  lock: 'SELECT near_ahead, near_minutes, reminder_hour FROM offices WHERE id = $1 FOR NO KEY UPDATE',
  update: 'UPDATE offices SET near_ahead = $2, near_minutes = $3, reminder_hour = $4 WHERE id = $1',
} as const;

interface SettingsRow {
  near_ahead: number;
  near_minutes: number;
  reminder_hour: number;
}

const toView = (row: SettingsRow): NotificationSettingsView => ({ nearAhead: row.near_ahead, nearMinutes: row.near_minutes, reminderHour: row.reminder_hour });

/** An office's notification settings: when `ticket.near` goes out, and the hour of the day-before booking reminder. */
@Injectable()
export class NotificationSettingsRepository {
  async read(db: EntityManager, officeId: string, lock = false): Promise<NotificationSettingsView | null> {
    const [row] = await db.query<SettingsRow[]>(lock ? NOTIFICATION_SETTINGS_SQL.lock : NOTIFICATION_SETTINGS_SQL.read, [officeId]);
    return row ? toView(row) : null;
  }

  async update(tx: EntityManager, officeId: string, settings: NotificationSettingsView): Promise<void> {
    await tx.query(NOTIFICATION_SETTINGS_SQL.update, [officeId, settings.nearAhead, settings.nearMinutes, settings.reminderHour]);
  }
}
