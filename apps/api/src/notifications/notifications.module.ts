import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { ForecastModule } from '../forecast/forecast.module.js';
import { NotificationSettingsController } from './notification-settings.controller.js';
import { NotificationSettingsRepository } from './notification-settings.repository.js';
import { NotificationSettingsService } from './notification-settings.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** Notifications to the world outside (issue 18): the outbox, webhook endpoints and their dispatcher, the office's notification settings. */
@Module({
  imports: [ForecastModule, AdminModule],
  controllers: [WebhooksController, NotificationSettingsController],
  providers: [OutboxRepository, WebhooksRepository, WebhooksService, WebhookDispatcher, NotificationSettingsRepository, NotificationSettingsService],
  exports: [OutboxRepository, WebhooksRepository, WebhookDispatcher],
})
export class NotificationsModule {}
