import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, type NotificationSettingsView, type StaffView, notificationSettingsProblems } from '@loket/domain';
import { assertNoProblems } from '../admin/admin-errors.js';
import { AuditTrail } from '../admin/audit-trail.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import type { NotificationSettingsDto } from './dto/notification-settings.dto.js';
import { NotificationSettingsRepository } from './notification-settings.repository.js';

/** An office's notification settings (issue 18), read and changed by its admin, each change in the audit trail. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: NotificationSettingsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async read(officeId: string, staff: StaffView): Promise<NotificationSettingsView> {
    assertOfficeAccess(staff, officeId);
    const settings = await this.settings.read(this.db.manager, officeId);
    if (!settings) throw notFound(officeId);
    return settings;
  }

  async update(officeId: string, body: NotificationSettingsDto, actor: StaffView): Promise<NotificationSettingsView> {
    assertOfficeAccess(actor, officeId);
    const after: NotificationSettingsView = { nearAhead: body.nearAhead, nearMinutes: body.nearMinutes, reminderHour: body.reminderHour };
    assertNoProblems(notificationSettingsProblems(after));
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const before = await this.settings.read(tx, officeId, true);
      if (!before) throw notFound(officeId);
      await this.settings.update(tx, officeId, after);
      await this.audit.record(
        tx,
        { actorId: actor.id, officeId, action: 'office.notifications_updated', subjectType: 'office', subjectId: officeId, subjectLabel: null, before, after },
        now,
      );
      return after;
    });
  }
}

function notFound(officeId: string): NotFoundError {
  return new NotFoundError(`No office with the id "${officeId}"`);
}
