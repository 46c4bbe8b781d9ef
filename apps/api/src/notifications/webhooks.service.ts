import { Inject, Injectable } from '@nestjs/common';
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
  webhookId,
  webhookUrlProblem,
} from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { assertOfficeAccess } from '../common/office-access.js';
import { APP_CONFIG, type AppConfig, type WebhookSettings, webhookSettings } from '../config/app-config.js';
import { OfficesService } from '../offices/offices.service.js';
import type { CreateWebhookEndpointDto, UpdateWebhookEndpointDto } from './dto/webhook-endpoint.dto.js';
import { newWebhookSecret } from './webhook-sender.js';
import { type DeliveryRow, type EndpointInput, type EndpointRow, WebhooksRepository } from './webhooks.repository.js';

/** An office's webhook endpoints (issue 18): set up, secrets, deliveries, test and replay. */
@Injectable()
export class WebhooksService {
  private readonly settings: WebhookSettings;

  constructor(
    private readonly webhooks: WebhooksRepository,
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
    const id = await this.webhooks.create(officeId, input, secret, this.clock.now());
    return { ...(await this.endpoint(officeId, id)), secret };
  }

  async update(officeId: string, endpointId: string, body: UpdateWebhookEndpointDto, staff: StaffView): Promise<WebhookEndpointView> {
    await this.office(officeId, staff);
    const current = await this.endpoint(officeId, endpointId);
    if (Object.keys(body).length === 0) throw new RuleError('validation_failed', 'Send at least one field to change', []);
    const input = this.checked({
      url: body.url ?? current.url,
      events: body.events ?? current.events,
      enabled: body.enabled ?? current.enabled,
      description: body.description ?? current.description,
    });
    await this.webhooks.update(officeId, endpointId, input, this.clock.now());
    return this.endpoint(officeId, endpointId);
  }

  /** A new secret, shown once; the old one keeps signing beside it for the overlap (both signatures are sent), so the receiver can switch without losing a message. */
  async rotate(officeId: string, endpointId: string, staff: StaffView): Promise<WebhookEndpointWithSecret> {
    await this.office(officeId, staff);
    await this.endpoint(officeId, endpointId);
    const now = this.clock.now();
    const secret = newWebhookSecret();
    await this.webhooks.rotate(officeId, endpointId, secret, new Date(now.getTime() + this.settings.rotationOverlapHours * 3_600_000), now);
    return { ...(await this.endpoint(officeId, endpointId)), secret };
  }

  async remove(officeId: string, endpointId: string, staff: StaffView): Promise<void> {
    await this.office(officeId, staff);
    if (!(await this.webhooks.remove(officeId, endpointId))) throw notFound(endpointId);
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
