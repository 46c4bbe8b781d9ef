import { Module } from '@nestjs/common';
import { PushController } from './push.controller.js';
import { PushDeliveriesRepository } from './push-deliveries.repository.js';
import { PushDispatcher } from './push-dispatcher.js';
import { PushSubscriptionsRepository } from './push-subscriptions.repository.js';
import { PushService } from './push.service.js';

/** Web push to the citizen's phone: the VAPID key, the subscriptions, and sending from the outbox (issue 18). */
@Module({
  controllers: [PushController],
  providers: [PushService, PushSubscriptionsRepository, PushDeliveriesRepository, PushDispatcher],
  exports: [PushService, PushDispatcher],
})
export class PushModule {}
