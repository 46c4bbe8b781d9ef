import { Injectable, Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { RuleError } from '@loket/domain';
import type { RealtimeServer } from './office-events.publisher.js';

/** The room of one staff account's sockets. Server-side only: no client joins or names it. */
export function accountRoom(staffId: string): string {
  return `staff:account:${staffId}`;
}

/**
 * A staff member's open sockets, found again when their access ends or changes. HTTP checks
 * the account at every request; a socket was checked once, when it joined the staff room,
 * so without this a deactivated supervisor, or one moved to another office, kept receiving
 * that office's alerts over the open socket (issue 13).
 *
 * Each staff socket joins its account's room once its token's signature is verified and
 * before the account is looked up in the database. A change of access commits, then calls
 * `disconnect`, which ends every socket of the account on every instance (through the
 * Redis adapter with REDIS_URL). So a socket subscribing while the change happens is always
 * caught: either its lookup already saw the change, or it was in the room when the change committed.
 */
@Injectable()
export class StaffSockets {
  private readonly logger = new Logger('Realtime');
  private server: RealtimeServer | null = null;

  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /** Puts the socket into its account's room; refuses a socket that has already gone (it would stay in rooms after its disconnect). */
  async enter(socket: Socket, staffId: string): Promise<void> {
    if (!socket.connected) throw new RuleError('unauthorized', 'The connection has been closed');
    await socket.join(accountRoom(staffId));
  }

  /** Ends every open socket of the account, on every instance. Call it after the change of access has committed. */
  disconnect(staffId: string): void {
    if (!this.server) return;
    try {
      this.server.in(accountRoom(staffId)).disconnectSockets(true);
    } catch (error) {
      this.logger.warn(`Could not end the sockets of staff ${staffId}: ${(error as Error).message}`);
    }
  }
}
