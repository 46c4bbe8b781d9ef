import { Module } from '@nestjs/common';
import { PushController } from './push.controller.js';
import { PushSubscriptionsRepository } from './push-subscriptions.repository.js';
import { PushService } from './push.service.js';

/** Web push to the citizen's phone: the VAPID key, the subscriptions, and sending (issue 18). */
@Module({
  controllers: [PushController],
  providers: [PushService, PushSubscriptionsRepository],
  exports: [PushService],
})
export class PushModule {}
