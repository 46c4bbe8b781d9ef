import { Injectable, Logger } from '@nestjs/common';
import { type AlertView, type RegionalOfficeRow, RegionalServerEvent, StaffServerEvent, alertRooms, regionalRoom } from '@loket/domain';
import type { RealtimeServer } from './office-events.publisher.js';

/**
 * Pushes staff-only events (supervisor alerts) to an office's staff room, and to its
 * agency's when the alert has one (an agency supervisor is in that room only), never to its
 * public room: alerts name counters and officers, which the waiting-room board must not show.
 */
@Injectable()
export class StaffEventsPublisher {
  private readonly logger = new Logger('Realtime');
  private server: RealtimeServer | null = null;
  private readonly alertListeners: ((officeId: string) => void)[] = [];

  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /** Lets an in-process feature learn that an office's open alerts changed (the regional dashboard's count). */
  onAlert(listener: (officeId: string) => void): void {
    this.alertListeners.push(listener);
  }

  alertRaised(alert: AlertView): void {
    this.emit(alert.officeId, () => this.server!.to(alertRooms(alert)).emit(StaffServerEvent.alertRaised, alert));
  }

  alertResolved(alert: AlertView): void {
    this.emit(alert.officeId, () => this.server!.to(alertRooms(alert)).emit(StaffServerEvent.alertResolved, alert));
  }

  alertAcknowledged(alert: AlertView): void {
    this.emit(alert.officeId, () => this.server!.to(alertRooms(alert)).emit(StaffServerEvent.alertAcknowledged, alert));
  }

  /** An office's row of the regional dashboard, to the dashboards overseeing it (any instance's, through the adapter). */
  regionalRow(row: RegionalOfficeRow): void {
    this.server?.to(regionalRoom(row.office.id)).emit(RegionalServerEvent.office, row);
  }

  private emit(officeId: string, send: () => void): void {
    for (const listener of this.alertListeners) listener(officeId);
    if (!this.server) {
      this.logger.warn(`No realtime server yet; staff event of office ${officeId} not pushed`);
      return;
    }
    send();
  }
}
