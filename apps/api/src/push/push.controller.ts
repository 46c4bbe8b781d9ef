import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PushKeyView, PushSubscribedView } from '@loket/domain';
import { TrackingCodePipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { PushSubscriptionDto } from './dto/push-subscription.dto.js';
import { PushService } from './push.service.js';

@ApiTags('push')
@Controller()
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('push/key')
  @RateLimit('read')
  @ApiOkResponse({ description: 'The VAPID public key the phone page subscribes with (applicationServerKey)' })
  key(): PushKeyView {
    return this.push.publicKey();
  }

  @Post('tickets/track/:trackingCode/push')
  @RateLimit('track')
  @ApiCreatedResponse({ description: 'The browser is told when the ticket is near and when it is called, until the ticket is over' })
  @ApiConflictResponse({ description: '`push_ticket_over`' })
  subscribeTicket(@Param('trackingCode', TrackingCodePipe) code: string, @Body() body: PushSubscriptionDto): Promise<PushSubscribedView> {
    return this.push.subscribeTicket(code, body);
  }

  @Post('bookings/:code/push')
  @RateLimit('track')
  @ApiCreatedResponse({ description: 'The browser is told about the ticket the booking becomes at check-in' })
  @ApiConflictResponse({ description: '`push_ticket_over`' })
  subscribeBooking(@Param('code', TrackingCodePipe) code: string, @Body() body: PushSubscriptionDto): Promise<PushSubscribedView> {
    return this.push.subscribeBooking(code, body);
  }
}
