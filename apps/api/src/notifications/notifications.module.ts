import { Module } from '@nestjs/common';
import { ForecastModule } from '../forecast/forecast.module.js';
import { OutboxRepository } from './outbox.repository.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** Notifications to the world outside (issue 18): the outbox, webhook endpoints and their dispatcher. */
@Module({
  imports: [ForecastModule],
  controllers: [WebhooksController],
  providers: [OutboxRepository, WebhooksRepository, WebhooksService, WebhookDispatcher],
  exports: [OutboxRepository, WebhooksRepository, WebhookDispatcher],
})
export class NotificationsModule {}
