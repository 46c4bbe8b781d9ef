import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  NOTIFICATION_VERSION,
  NotFoundError,
  type NotificationType,
  RuleError,
  type StaffView,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  isNotificationType,
  webhookChangeAction,
  webhookEndpointAudit,
  webhookId,
  webhookUrlProblem,
} from '@loket/domain';
import { AuditTrail, type AuditRecord } from '../admin/audit-trail.js';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { APP_CONFIG, type AppConfig, type WebhookSettings, webhookSettings } from '../config/app-config.js';
import { OfficesService } from '../offices/offices.service.js';
import type { CreateWebhookEndpointDto, UpdateWebhookEndpointDto } from './dto/webhook-endpoint.dto.js';
import { newWebhookSecret } from './webhook-sender.js';
import { type DeliveryRow, type EndpointInput, type EndpointRow, type LockedEndpoint, WebhooksRepository } from './webhooks.repository.js';

/**
 * An office's webhook endpoints (issue 18): set up, secrets, deliveries, test and replay. Each
 * change to an endpoint (created, changed, switched on or off, its secret replaced, deleted)
 * commits with its row in the audit trail, as every admin change does; no secret is ever in it.
 */
@Injectable()
export class WebhooksService {
  private readonly settings: WebhookSettings;

  constructor(
    private readonly db: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly audit: AuditTrail,
    private readonly offices: OfficesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = webhookSettings(config);
  }

  async list(officeId: string, staff: StaffView): Promise<WebhookEndpointView[]> {
    await this.office(officeId, staff);
    return (await this.webhooks.list(officeId)).map(toEndpointView);
  }

  async create(officeId: string, body: CreateWebhookEndpointDto, staff: StaffView): Promise<WebhookEndpointWithSecret> {
    await this.office(officeId, staff);
    const input = this.checked({ url: body.url, events: body.events, enabled: body.enabled ?? true, description: body.description ?? '' });
    const secret = newWebhookSecret();
    const now = this.clock.now();
    const id = await this.db.transaction(async (tx) => {
      const created = await this.webhooks.create(tx, officeId, input, secret, now);
      await this.record(tx, staff, officeId, created, 'webhook.created', null, audited(input), now);
      return created;
    });
    return { ...(await this.endpoint(officeId, id)), secret };
  }

  async update(officeId: string, endpointId: string, body: UpdateWebhookEndpointDto, staff: StaffView): Promise<WebhookEndpointView> {
    await this.office(officeId, staff);
    if (Object.keys(body).length === 0) throw new RuleError('validation_failed', 'Send at least one field to change', []);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const current = await this.locked(tx, officeId, endpointId);
      const input = this.checked({
        url: body.url ?? current.url,
        events: body.events ?? current.events,
        enabled: body.enabled ?? current.enabled,
        description: body.description ?? current.description,
      });
      await this.webhooks.update(tx, officeId, endpointId, input, now);
      const [before, after] = [audited(current), audited(input)];
      await this.record(tx, staff, officeId, endpointId, webhookChangeAction(before, after), before, after, now);
    });
    return this.endpoint(officeId, endpointId);
  }

  /** A new secret, shown once; the old one keeps signing beside it for the overlap (both signatures are sent), so the receiver can switch without losing a message. */
  async rotate(officeId: string, endpointId: string, staff: StaffView): Promise<WebhookEndpointWithSecret> {
    await this.office(officeId, staff);
    const now = this.clock.now();
    const secret = newWebhookSecret();
    const previousUntil = new Date(now.getTime() + this.settings.rotationOverlapHours * 3_600_000);
    await this.db.transaction(async (tx) => {
      const current = await this.locked(tx, officeId, endpointId);
      await this.webhooks.rotate(tx, officeId, endpointId, secret, previousUntil, now);
      // When the secret was replaced and until when the one before still signs: never a secret itself.
      await this.record(
        tx,
        staff,
        officeId,
        endpointId,
        'webhook.secret_rotated',
        { url: audited(current).url, previousSecretUntil: current.previous_secret_until?.toISOString() ?? null },
        { url: audited(current).url, previousSecretUntil: previousUntil.toISOString() },
        now,
      );
    });
    return { ...(await this.endpoint(officeId, endpointId)), secret };
  }

  async remove(officeId: string, endpointId: string, staff: StaffView): Promise<void> {
    await this.office(officeId, staff);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const current = await this.locked(tx, officeId, endpointId);
      await this.webhooks.remove(tx, officeId, endpointId);
      await this.record(tx, staff, officeId, endpointId, 'webhook.deleted', audited(current), null, now);
    });
  }

  private async locked(tx: EntityManager, officeId: string, endpointId: string): Promise<LockedEndpoint> {
    const row = await this.webhooks.lock(tx, officeId, endpointId);
    if (!row) throw notFound(endpointId);
    return row;
  }

  private record(
    tx: EntityManager,
    staff: StaffView,
    officeId: string,
    endpointId: string,
    action: AuditRecord['action'],
    before: unknown,
    after: unknown,
    now: Date,
  ): Promise<void> {
    const label = ((after ?? before) as { url: string }).url;
    return this.audit.record(
      tx,
      { actorId: staff.id, officeId, action, subjectType: 'webhook_endpoint', subjectId: endpointId, subjectLabel: label, before, after },
      now,
    );
  }

  async deliveries(officeId: string, endpointId: string, status: WebhookDeliveryStatus | null, staff: StaffView): Promise<WebhookDeliveryView[]> {
    await this.office(officeId, staff);
    await this.endpoint(officeId, endpointId);
    return (await this.webhooks.deliveries(endpointId, status, 100)).map(toDeliveryView);
  }

  /** Queues a `webhook.test` event to this endpoint alone; the dispatcher sends it like any other. */
  async sendTest(officeId: string, endpointId: string, staff: StaffView): Promise<WebhookDeliveryView> {
    await this.office(officeId, staff);
    await this.endpoint(officeId, endpointId);
    const id = await this.webhooks.sendTest(
      officeId,
      endpointId,
      NOTIFICATION_VERSION['webhook.test'],
      'Uji coba webhook Loket / Loket webhook test',
      this.clock.now(),
    );
    if (!id) throw notFound(endpointId);
    return this.delivery(endpointId, id);
  }

  /** Puts a failed delivery back in line, with its webhook-id unchanged so the receiver still dedupes it. */
  async replay(officeId: string, endpointId: string, deliveryId: string, staff: StaffView): Promise<WebhookDeliveryView> {
    await this.office(officeId, staff);
    await this.endpoint(officeId, endpointId);
    if (!(await this.webhooks.replay(endpointId, deliveryId, this.clock.now()))) {
      const status = await this.webhooks.deliveryStatus(endpointId, deliveryId);
      if (status === null) throw new NotFoundError(`No delivery with the id "${deliveryId}" for this endpoint`);
      throw new RuleError('webhook_not_failed', `This delivery is ${status}; only a failed one can be sent again`, { status });
    }
    return this.delivery(endpointId, deliveryId);
  }

  private async delivery(endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const rows = await this.webhooks.deliveries(endpointId, null, 100);
    const row = rows.find((r) => r.id === deliveryId);
    if (!row) throw new NotFoundError(`No delivery with the id "${deliveryId}" for this endpoint`);
    return toDeliveryView(row);
  }

  private checked(input: EndpointInput): EndpointInput {
    const problem = webhookUrlProblem(URL.canParse(input.url) ? new URL(input.url) : null, this.settings.allowPrivate);
    if (problem === 'not_http') {
      throw new RuleError('webhook_url_invalid', 'url must be an http:// or https:// URL without credentials', [
        { field: 'url', problems: ['not an http(s) URL'] },
      ]);
    }
    if (problem === 'private_target') {
      throw new RuleError('webhook_private_target', 'url points at a loopback, link-local or private address; set WEBHOOK_ALLOW_PRIVATE=true to allow it', [
        { field: 'url', problems: ['private address'] },
      ]);
    }
    const unknown = input.events.filter((event) => !isNotificationType(event));
    if (unknown.length > 0) {
      throw new RuleError('webhook_unknown_event', `Unknown events: ${unknown.join(', ')}`, [
        { field: 'events', problems: unknown.map((e) => `unknown event ${e}`) },
      ]);
    }
    return { ...input, events: [...new Set(input.events)] };
  }

  private async office(officeId: string, staff: StaffView): Promise<void> {
    const office = await this.offices.byId(officeId);
    assertOfficeAccess(staff, office.id);
  }

  private async endpoint(officeId: string, endpointId: string): Promise<WebhookEndpointView> {
    const row = await this.webhooks.byId(officeId, endpointId);
    if (!row) throw notFound(endpointId);
    return toEndpointView(row);
  }
}

function notFound(endpointId: string): NotFoundError {
  return new NotFoundError(`No webhook endpoint with the id "${endpointId}" in this office`);
}

function audited(endpoint: { url: string; events: string[]; enabled: boolean; description: string }) {
  return webhookEndpointAudit({ ...endpoint, events: endpoint.events as NotificationType[] });
}

function toEndpointView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    officeId: row.office_id,
    url: row.url,
    events: row.events as NotificationType[],
    enabled: row.enabled,
    description: row.description,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    previousSecretUntil: row.previous_secret_until?.toISOString() ?? null,
    pending: row.pending,
    failed: row.failed,
  };
}

function toDeliveryView(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    webhookId: webhookId(row.event_id),
    type: row.type as NotificationType,
    status: row.status,
    attempts: row.attempts,
    occurredAt: row.occurred_at.toISOString(),
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastResponse: row.last_response,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
