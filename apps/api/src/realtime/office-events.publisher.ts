import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import { type ClientToServerEvents, type OfficeEvent, ServerEvent, type ServerToClientEvents, officeRoom } from '@loket/domain';
import { OfficeChanges } from '../offices/office-changes.js';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Pushes an office's committed changes to its room. Use cases call this after their
 * transaction commits, never inside it, so nobody sees a change that was rolled back.
 */
@Injectable()
export class OfficeEventsPublisher {
  private readonly logger = new Logger('Realtime');
  private server: RealtimeServer | null = null;
  private readonly listeners: ((officeId: string, event: OfficeEvent) => void)[] = [];

  constructor(private readonly changes: OfficeChanges) {}

  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /** Lets an in-process feature react to committed changes (the supervisor's alert scan). */
  onPublish(listener: (officeId: string, event: OfficeEvent) => void): void {
    this.listeners.push(listener);
  }

  publish(officeId: string, event: OfficeEvent): void {
    // First, so no client is sent the event before this instance (and, ahead of it on the
    // adapter's connection, every other one) knows its snapshot is behind.
    this.changes.announce(officeId, event.seq);
    for (const listener of this.listeners) listener(officeId, event);
    if (!this.server) {
      this.logger.warn(`No realtime server yet; event ${event.seq} of office ${officeId} not pushed`);
      return;
    }
    this.server.to(officeRoom(officeId)).emit(ServerEvent.event, event);
  }
}
