import { Injectable, Logger } from '@nestjs/common';
import { type AlertView, StaffServerEvent, alertRooms } from '@loket/domain';
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

  attach(server: RealtimeServer): void {
    this.server = server;
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

  private emit(officeId: string, send: () => void): void {
    if (!this.server) {
      this.logger.warn(`No realtime server yet; staff event of office ${officeId} not pushed`);
      return;
    }
    send();
  }
}
