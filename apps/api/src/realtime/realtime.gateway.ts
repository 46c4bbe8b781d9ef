import { Inject } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type OnGatewayInit, SubscribeMessage, WebSocketGateway, MessageBody, ConnectedSocket } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import {
  type Ack,
  ClientEvent,
  type ClientToServerEvents,
  type OfficeSnapshot,
  type RegionalSnapshot,
  type ServerToClientEvents,
  type SubscribeRequest,
  type SupervisionSnapshot,
  RegionalClientEvent,
  RuleError,
  StaffClientEvent,
  agencyScopeOf,
  officeRoom,
  regionalRoom,
  staffRoomFor,
} from '@loket/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { controlCharacterProblems } from '../common/control-characters.js';
import { toErrorBody } from '../common/error-filter.js';
import { SLUG_PATTERN } from '../common/param-pipes.js';
import { OFFICE_CHANGED, OfficeChanges } from '../offices/office-changes.js';
import { OfficeSnapshotCache } from '../offices/office-snapshot-cache.js';
import { OfficesService } from '../offices/offices.service.js';
import { defaultRateLimits } from '../rate-limit/rate-limit-config.js';
import { RegionalService } from '../regional/regional.service.js';
import { SupervisionService } from '../supervision/supervision.service.js';
import { OfficeEventsPublisher, type RealtimeServer } from './office-events.publisher.js';
import { StaffEventsPublisher } from './staff-events.publisher.js';
import { StaffSocketAuth } from './staff-socket-auth.js';
import { StaffSockets } from './staff-sockets.js';
import { AddressLimits, MessageBudget, handshakeAddress, socketOriginAllowed } from './socket-guards.js';

type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

function invalid(message: string): Ack<never> {
  return { ok: false, error: { statusCode: 400, error: 'Bad Request', message, code: 'validation_failed' } };
}

/** Refuses a connection past the address's maximum: the client's `connect_error` carries this message and `data`. */
function tooManyConnections(limit: number): Error & { data: unknown } {
  const message = `Too many connections from this address (at most ${limit}); close some or try again later`;
  return Object.assign(new Error(message), {
    data: { statusCode: 429, error: 'Too Many Requests', message, code: 'rate_limited', details: { limit, retryAfterSeconds: 5 } },
  });
}

const TOO_MANY_MESSAGES: Ack<never> = {
  ok: false,
  error: {
    statusCode: 429,
    error: 'Too Many Requests',
    message: 'Too many messages on this connection; try again in a second',
    code: 'rate_limited',
    details: { retryAfterSeconds: 1 },
  },
};

/** Checks a subscribe/resync message at the edge: exactly `{ officeSlug }`, nothing else. */
function parseSubscribeRequest(body: unknown): SubscribeRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The message must be an object { officeSlug }';
  const extra = Object.keys(body).filter((key) => key !== 'officeSlug');
  if (extra.length > 0) return `Unknown field(s): ${extra.join(', ')}`;
  const { officeSlug } = body as { officeSlug?: unknown };
  if (typeof officeSlug !== 'string' || !SLUG_PATTERN.test(officeSlug)) return 'officeSlug must be an office slug';
  return { officeSlug };
}

/** Checks the regional dashboard's subscribe at the edge: an empty object (the offices are the staff member's). */
function parseEmptyRequest(body: unknown): Record<string, never> | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The message must be an object {}';
  const extra = Object.keys(body);
  if (extra.length > 0) return `Unknown field(s): ${extra.join(', ')}`;
  return {};
}

/**
 * Answers a subscribe/resync message: refuses a malformed one, else acknowledges with what
 * `handle` returns, or with the error body of what it throws (the HTTP side's, via the filter's mapping).
 */
async function answer<T, R = SubscribeRequest>(
  body: unknown,
  handle: (request: R) => Promise<T>,
  parse: (body: unknown) => R | string = parseSubscribeRequest as (body: unknown) => R | string,
): Promise<Ack<T>> {
  // The HTTP side's check of every text, for every message, whatever its own parser checks.
  const controls = controlCharacterProblems(body);
  if (controls.length > 0) return invalid(controls.flatMap((problem) => problem.problems).join('; '));
  const request = parse(body);
  if (typeof request === 'string') return invalid(request);
  try {
    return { ok: true, data: await handle(request) };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
}

/**
 * The one realtime gateway. A client subscribes to an office and gets its snapshot (with
 * the sequence number) as the acknowledgement; every later change arrives as `office:event`
 * with the next number. The room is joined before the snapshot is read, so no event
 * falls between them: anything at or below the snapshot's number is simply stale.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit {
  constructor(
    private readonly offices: OfficesService,
    private readonly snapshots: OfficeSnapshotCache,
    private readonly changes: OfficeChanges,
    private readonly publisher: OfficeEventsPublisher,
    private readonly staffPublisher: StaffEventsPublisher,
    private readonly staffAuth: StaffSocketAuth,
    private readonly staffSockets: StaffSockets,
    private readonly supervision: SupervisionService,
    private readonly regional: RegionalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: HttpAdapterHost,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.publisher.attach(server);
    this.staffPublisher.attach(server);
    this.staffSockets.attach(server);
    this.relayChanges(server);
    this.guard(server);
  }

  /**
   * With several instances (the Redis adapter), each tells the others of its offices'
   * changes as a server-side event, so each instance's snapshot cache learns of them. The
   * adapter publishes it on the same Redis connection as the events and before them, and
   * every instance reads both from one connection in order: an instance knows its snapshot
   * is behind before its clients see the event (and ask for a resync).
   */
  private relayChanges(server: RealtimeServer): void {
    if (!this.config.redisUrl) return;
    this.changes.relayTo((officeId, seq) => server.serverSideEmit(OFFICE_CHANGED, officeId, seq));
    server.on(OFFICE_CHANGED, (officeId: unknown, seq: unknown) => {
      if (typeof officeId === 'string' && typeof seq === 'number') this.changes.record(officeId, seq);
    });
  }

  /**
   * The socket's share of the HTTP side's protections: the CORS_ORIGINS allow-list (set on
   * the engine here because the decorator's options are fixed before the config is read);
   * and, off with RATE_LIMIT=off like the request limits, at most SOCKET_CONNECTIONS_PER_ADDRESS
   * sockets per client address (the address its HTTP requests count against, behind
   * TRUST_PROXY), a message budget per socket, and one per address shared by its sockets.
   */
  private guard(server: RealtimeServer): void {
    const allowList = new Set(this.config.corsOrigins ?? []);
    server.engine.opts.allowRequest = (request, decide) => {
      const allowed = socketOriginAllowed(request, allowList);
      decide(allowed ? null : 'Origin not allowed', allowed);
    };
    server.engine.on('headers', (headers: Record<string, string>, request: { headers: { origin?: string } }) => {
      const origin = request.headers.origin;
      if (origin === undefined || !allowList.has(origin)) return;
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Vary'] = 'Origin';
    });

    const limits = this.config.rateLimits ?? defaultRateLimits(true);
    if (!limits.enabled) return;
    const addresses = new AddressLimits(limits.socketConnectionsPerAddress);
    server.use((socket, next) => {
      const address = handshakeAddress(socket.request, this.trustProxy());
      if (!addresses.connect(address, Date.now())) {
        next(tooManyConnections(addresses.maxConnections));
        return;
      }
      // The engine connection's close, not the socket's disconnect: it also comes for a handshake dropped half-way.
      socket.conn.once('close', () => addresses.disconnect(address));
      const budget = new MessageBudget(Date.now());
      socket.use((packet, pass) => {
        const now = Date.now();
        if (budget.take(now) && addresses.message(address, now)) return pass();
        // Refused like an invalid message, and the socket stays up: a client that slows down goes on.
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function') (ack as (result: Ack<never>) => void)(TOO_MANY_MESSAGES);
      });
      next();
    });
  }

  /** Express's compiled TRUST_PROXY, so a socket's address is the one its HTTP requests are limited by. */
  private trustProxy(): (address: string, hop: number) => boolean {
    const express = this.http.httpAdapter?.getInstance() as { get?: (name: string) => unknown } | undefined;
    const trust = express?.get?.('trust proxy fn');
    return typeof trust === 'function' ? (trust as (address: string, hop: number) => boolean) : () => false;
  }

  /**
   * A supervisor's or admin's screen: joins the office's public room (the numbered events)
   * and its staff room (alerts), then answers with the supervision snapshot. The staff
   * token comes in the handshake `auth`; an officer, or a supervisor of another office, is refused.
   * An agency supervisor joins their agency's staff room, not the office's, and gets the
   * snapshot narrowed to the agency; the public room's events, which every board gets too,
   * are narrowed on their screen (libs/domain `keepAgencyScope`).
   */
  @SubscribeMessage(StaffClientEvent.subscribe)
  supervise(@ConnectedSocket() socket: ClientSocket, @MessageBody() body: unknown): Promise<Ack<SupervisionSnapshot>> {
    return answer(body, async (request) => {
      // A regional head reads the supervisor's view of their offices (the dashboard links to it); acting is refused on the HTTP side.
      const staff = await this.staffAuth.authenticate(socket, ['supervisor', 'admin', 'regional']);
      const office = await this.offices.forStaff(request.officeSlug, staff);
      // Gone meanwhile (its access ended): joining now would leave it in the rooms for good.
      if (socket.disconnected) throw new RuleError('unauthorized', 'The connection has been closed');
      await socket.join([officeRoom(office.id), staffRoomFor(office.id, agencyScopeOf(staff))]);
      return this.supervision.snapshot(request.officeSlug, staff);
    });
  }

  /**
   * The regional dashboard: joins the regional room of each of the staff member's offices
   * (an admin's: every office), then answers with a fresh row of each; every later row comes
   * as `regional:office` when that office's events move it (apps/api/src/regional/regional-rows.ts).
   */
  @SubscribeMessage(RegionalClientEvent.subscribe)
  regionalDashboard(@ConnectedSocket() socket: ClientSocket, @MessageBody() body: unknown): Promise<Ack<RegionalSnapshot>> {
    return answer(
      body,
      async () => {
        const staff = await this.staffAuth.authenticate(socket, ['regional', 'admin']);
        const offices = await this.regional.officesOf(staff);
        if (socket.disconnected) throw new RuleError('unauthorized', 'The connection has been closed');
        // The rooms first: a row computed meanwhile arrives, and one older than the snapshot's is ignored by the screen.
        await socket.join(offices.map((office) => regionalRoom(office.id)));
        return this.regional.snapshot(staff, offices);
      },
      parseEmptyRequest,
    );
  }

  @SubscribeMessage(ClientEvent.subscribe)
  subscribe(@ConnectedSocket() socket: ClientSocket, @MessageBody() body: unknown): Promise<Ack<OfficeSnapshot>> {
    return answer(body, async (request) => {
      // The room is joined before the snapshot is taken: the cache answers the second ask with
      // one that has seen every event announced until then (without a query while nothing changed).
      const { office } = await this.snapshots.snapshot(request.officeSlug);
      await socket.join(officeRoom(office.id));
      return this.snapshots.snapshot(request.officeSlug);
    });
  }

  @SubscribeMessage(ClientEvent.resync)
  resync(@MessageBody() body: unknown): Promise<Ack<OfficeSnapshot>> {
    return answer(body, (request) => this.snapshots.snapshot(request.officeSlug));
  }

  @SubscribeMessage(ClientEvent.unsubscribe)
  unsubscribe(@ConnectedSocket() socket: ClientSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return answer(body, async (request) => {
      const { office } = await this.snapshots.snapshot(request.officeSlug);
      await socket.leave(officeRoom(office.id));
      return null;
    });
  }
}
