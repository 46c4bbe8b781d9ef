import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OFFICE_JSON } from './outbox.repository.js';

const ENDPOINT_COLUMNS = `e.id, e.office_id, e.url, e.events, e.enabled, e.description, e.created_at, e.updated_at, e.previous_secret_until,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending') AS pending,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed') AS failed`;

const DELIVERY_COLUMNS = `d.id::text AS id, d.endpoint_id, o.event_id, o.type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status,
         d.last_error, d.last_response, d.finished_at, d.created_at, o.occurred_at`;

export const WEBHOOKS_SQL = {
  list: `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints e WHERE e.office_id = $1 ORDER BY e.created_at, e.id`,
  byId: `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints e WHERE e.id = $1 AND e.office_id = $2`,
  create: `INSERT INTO webhook_endpoints (office_id, url, events, enabled, description, secret, created_at, updated_at)
  VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $7) RETURNING id`,
  update: `UPDATE webhook_endpoints SET url = $3, events = $4::text[], enabled = $5, description = $6, updated_at = $7
  WHERE id = $1 AND office_id = $2 RETURNING id`,
  // The old secret stays in force (both signatures sent) until $4.
  rotate: `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = $4, secret = $3, updated_at = $5
  WHERE id = $1 AND office_id = $2 RETURNING id`,
  remove: 'DELETE FROM webhook_endpoints WHERE id = $1 AND office_id = $2 RETURNING id',
  // An endpoint as it stands, held until the change and its audit row commit (two admins at once: each records what it replaced).
  lock: `SELECT url, events, enabled, description, previous_secret_until FROM webhook_endpoints WHERE id = $1 AND office_id = $2 FOR UPDATE`,
  deliveries: `SELECT ${DELIVERY_COLUMNS}
  FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id
  WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.id DESC LIMIT $3`,
  // The test event: one outbox row and one delivery to this endpoint only, whatever it subscribes to.
  sendTest: `WITH endpoint AS (
    SELECT e.id, e.office_id, ${OFFICE_JSON} AS office FROM webhook_endpoints e JOIN offices o ON o.id = e.office_id WHERE e.id = $1 AND e.office_id = $2
  ), notice AS (
    INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
    SELECT endpoint.office_id, 'webhook.test', $3, 'test:' || endpoint.id,
           jsonb_build_object('office', endpoint.office, 'endpointId', endpoint.id, 'message', $4::text), $5
    FROM endpoint
    RETURNING id, subject_key, occurred_at
  )
  INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
  SELECT notice.id, $1, notice.subject_key, $5, $5, $5 FROM notice
  RETURNING id::text AS id`,
  // A failed delivery goes back in line with its webhook-id unchanged, due now, with a new day of retries.
  replay: `UPDATE webhook_deliveries d SET status = 'pending', attempts = 0, first_due_at = $3, next_attempt_at = $3, leased_until = NULL, finished_at = NULL
  FROM webhook_endpoints e
  WHERE d.id = $1::bigint AND e.id = d.endpoint_id AND e.id = $2 AND d.status = 'failed'
  RETURNING d.id::text AS id`,
  deliveryStatus: `SELECT d.status FROM webhook_deliveries d WHERE d.id = $1::bigint AND d.endpoint_id = $2`,
  // The offices whose changes kick the webhook dispatcher (`DispatchLoop`): those with an enabled
  // endpoint, and those with a subscribed browser, since its housekeeping writes their `ticket.near`.
  officesWanting: `SELECT office_id FROM webhook_endpoints WHERE enabled UNION SELECT office_id FROM push_subscriptions`,
  /*
   * The dispatcher's claim: due deliveries to enabled endpoints, the first still pending of
   * their subject (ticket, booking) for that endpoint, so a ticket's events arrive in order.
   * Each endpoint is claimed from on its own (`locked`, one index range each): at most $6
   * from this instance in flight to it, less what it has there now ($5, {endpoint id:
   * sends}), so an endpoint that takes its whole timeout to answer holds $6 sends and no
   * more, and the others' deliveries go on; the endpoints take turns (`turn`: each one's
   * first due delivery before anyone's second). SKIP LOCKED lets instances claim side by
   * side (a delivery another instance is claiming is passed over for the next of that
   * endpoint); the lease ($2) marks a claim taken once this short transaction commits, and
   * lets another instance take it over after a crash. A `ticket.near` whose ticket is no
   * longer waiting comes back `stale`: skipped, not sent late after the call.
   * $1 now, $2 lease end, $3 how many, $4 one office only (null: all), $5 and $6 as above.
   */
  claim: `WITH room AS (
    SELECT w.id, $6 - coalesce(($5::jsonb ->> w.id::text)::int, 0) AS free
    FROM webhook_endpoints w
    WHERE w.enabled AND ($4::uuid IS NULL OR w.office_id = $4) AND $6 - coalesce(($5::jsonb ->> w.id::text)::int, 0) > 0
  ), locked AS (
    SELECT x.id, room.id AS endpoint_id, x.next_attempt_at, room.free FROM room CROSS JOIN LATERAL (
      SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
      WHERE d.endpoint_id = room.id AND d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                        WHERE p.endpoint_id = d.endpoint_id AND p.subject_key = d.subject_key AND p.status = 'pending' AND p.id < d.id)
      ORDER BY d.next_attempt_at, d.id
      LIMIT $6
      FOR UPDATE SKIP LOCKED
    ) x
  ), due AS (
    SELECT l.id FROM (SELECT id, free, next_attempt_at, row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at, id) AS turn FROM locked) l
    WHERE l.turn <= l.free
    ORDER BY l.turn, l.next_attempt_at, l.id
    LIMIT $3
  ), claimed AS (
    UPDATE webhook_deliveries d SET leased_until = $2, attempts = d.attempts + 1, last_attempt_at = $1
    FROM due WHERE d.id = due.id
    RETURNING d.id, d.outbox_id, d.endpoint_id, d.attempts, d.first_due_at
  )
  SELECT claimed.id::text AS id, claimed.attempts, claimed.first_due_at, o.event_id, o.type, o.version, o.data, o.occurred_at,
         w.id AS endpoint_id, w.office_id, w.url, w.secret, w.previous_secret, w.previous_secret_until,
         CASE WHEN o.type = 'ticket.near'
              THEN EXISTS (SELECT 1 FROM tickets t WHERE t.id = substr(o.subject_key, 8)::uuid AND t.status <> 'waiting')
              ELSE false END AS stale
  FROM claimed JOIN outbox o ON o.id = claimed.outbox_id JOIN webhook_endpoints w ON w.id = claimed.endpoint_id
  ORDER BY claimed.id`,
  // The outcomes of one round of sends, in one statement.
  record: `UPDATE webhook_deliveries d
  SET status = r.status, leased_until = NULL, next_attempt_at = coalesce(r.next_attempt_at, d.next_attempt_at),
      last_status = r.last_status, last_error = r.last_error, last_response = r.last_response, finished_at = r.finished_at
  FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, status text, next_attempt_at timestamptz, last_status int, last_error text, last_response text, finished_at timestamptz)
  WHERE d.id = r.id AND d.status = 'pending'`,
  prune: `WITH old AS (DELETE FROM webhook_deliveries WHERE created_at < $1 AND status <> 'pending' RETURNING id)
  , gone AS (DELETE FROM outbox o WHERE o.occurred_at < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_id = o.id AND d.status = 'pending') RETURNING id)
  SELECT (SELECT count(*) FROM old)::int AS deliveries, (SELECT count(*) FROM gone)::int AS events`,
} as const;

export interface EndpointRow {
  id: string;
  office_id: string;
  url: string;
  events: string[];
  enabled: boolean;
  description: string;
  created_at: Date;
  updated_at: Date;
  previous_secret_until: Date | null;
  pending: number;
  failed: number;
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  last_response: string | null;
  finished_at: Date | null;
  created_at: Date;
  occurred_at: Date;
}

export interface ClaimedDelivery {
  id: string;
  attempts: number;
  first_due_at: Date;
  event_id: string;
  type: string;
  version: number;
  data: unknown;
  occurred_at: Date;
  endpoint_id: string;
  office_id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  /** A `ticket.near` whose ticket is no longer waiting: skipped, not sent. */
  stale: boolean;
}

export interface DeliveryOutcome {
  id: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  last_response: string | null;
  finished_at: Date | null;
}

export interface LockedEndpoint {
  url: string;
  events: string[];
  enabled: boolean;
  description: string;
  previous_secret_until: Date | null;
}

export interface EndpointInput {
  url: string;
  events: string[];
  enabled: boolean;
  description: string;
}

/** Webhook endpoints and their deliveries. Every statement is its own short transaction: the dispatcher never holds one across a send. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: DataSource) {}

  list(officeId: string): Promise<EndpointRow[]> {
    return this.db.query<EndpointRow[]>(WEBHOOKS_SQL.list, [officeId]);
  }

  async byId(officeId: string, id: string): Promise<EndpointRow | undefined> {
    const [row] = await this.db.query<EndpointRow[]>(WEBHOOKS_SQL.byId, [id, officeId]);
    return row;
  }

  /** The changes below run in the caller's transaction, beside their audit row. */
  async create(tx: EntityManager, officeId: string, input: EndpointInput, secret: string, now: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(WEBHOOKS_SQL.create, [officeId, input.url, input.events, input.enabled, input.description, secret, now]);
    return row.id;
  }

  /** The endpoint's settings, its row locked until the transaction ends; undefined when the office has no such endpoint. */
  async lock(tx: EntityManager, officeId: string, id: string): Promise<LockedEndpoint | undefined> {
    const [row] = await tx.query<LockedEndpoint[]>(WEBHOOKS_SQL.lock, [id, officeId]);
    return row;
  }

  async update(tx: EntityManager, officeId: string, id: string, input: EndpointInput, now: Date): Promise<boolean> {
    const [rows] = await tx.query<[{ id: string }[], number]>(WEBHOOKS_SQL.update, [
      id,
      officeId,
      input.url,
      input.events,
      input.enabled,
      input.description,
      now,
    ]);
    return rows.length > 0;
  }

  async rotate(tx: EntityManager, officeId: string, id: string, secret: string, previousUntil: Date, now: Date): Promise<boolean> {
    const [rows] = await tx.query<[{ id: string }[], number]>(WEBHOOKS_SQL.rotate, [id, officeId, secret, previousUntil, now]);
    return rows.length > 0;
  }

  async remove(tx: EntityManager, officeId: string, id: string): Promise<boolean> {
    const [rows] = await tx.query<[{ id: string }[], number]>(WEBHOOKS_SQL.remove, [id, officeId]);
    return rows.length > 0;
  }

  deliveries(endpointId: string, status: string | null, limit: number): Promise<DeliveryRow[]> {
    return this.db.query<DeliveryRow[]>(WEBHOOKS_SQL.deliveries, [endpointId, status, limit]);
  }

  async sendTest(officeId: string, endpointId: string, version: number, message: string, now: Date): Promise<string | undefined> {
    const [row] = await this.db.query<{ id: string }[]>(WEBHOOKS_SQL.sendTest, [endpointId, officeId, version, message, now]);
    return row?.id;
  }

  async replay(endpointId: string, deliveryId: string, now: Date): Promise<boolean> {
    const [rows] = await this.db.query<[{ id: string }[], number]>(WEBHOOKS_SQL.replay, [deliveryId, endpointId, now]);
    return rows.length > 0;
  }

  async deliveryStatus(endpointId: string, deliveryId: string): Promise<string | null> {
    const [row] = await this.db.query<{ status: string }[]>(WEBHOOKS_SQL.deliveryStatus, [deliveryId, endpointId]);
    return row?.status ?? null;
  }

  async officesWanting(): Promise<ReadonlySet<string>> {
    return new Set((await this.db.query<{ office_id: string }[]>(WEBHOOKS_SQL.officesWanting)).map((row) => row.office_id));
  }

  /** `busy`: this instance's sends in flight per endpoint id; `perEndpoint`: the most it may have to one. */
  claim(
    now: Date,
    leaseUntil: Date,
    limit: number,
    officeId: string | null,
    busy: ReadonlyMap<string, number>,
    perEndpoint: number,
  ): Promise<ClaimedDelivery[]> {
    return this.db.query<ClaimedDelivery[]>(WEBHOOKS_SQL.claim, [now, leaseUntil, limit, officeId, JSON.stringify(Object.fromEntries(busy)), perEndpoint]);
  }

  async record(outcomes: readonly DeliveryOutcome[]): Promise<void> {
    if (outcomes.length > 0) await this.db.query(WEBHOOKS_SQL.record, [JSON.stringify(outcomes)]);
  }

  async prune(before: Date): Promise<{ deliveries: number; events: number }> {
    const [row] = await this.db.query<{ deliveries: number; events: number }[]>(WEBHOOKS_SQL.prune, [before]);
    return row;
  }
}
