import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecret } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { DeliveryIdPipe, uuidPipe } from '../common/param-pipes.js';
import { CreateWebhookEndpointDto, DeliveriesQueryDto, UpdateWebhookEndpointDto } from './dto/webhook-endpoint.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('admin')
@Controller('admin/offices/:officeId/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'The office’s webhook endpoints (secrets are never listed)' })
  list(@Param('officeId', uuidPipe('officeId')) officeId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<WebhookEndpointView[]> {
    return this.webhooks.list(officeId, staff);
  }

  @Post()
  @StaffOnly('admin')
  @ApiCreatedResponse({ description: 'The endpoint with its secret, shown this once' })
  create(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: CreateWebhookEndpointDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.create(officeId, body, staff);
  }

  @Patch(':endpointId')
  @StaffOnly('admin')
  update(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('endpointId', uuidPipe('endpointId')) endpointId: string,
    @Body() body: UpdateWebhookEndpointDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<WebhookEndpointView> {
    return this.webhooks.update(officeId, endpointId, body, staff);
  }

  @Delete(':endpointId')
  @HttpCode(204)
  @StaffOnly('admin')
  remove(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('endpointId', uuidPipe('endpointId')) endpointId: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<void> {
    return this.webhooks.remove(officeId, endpointId, staff);
  }

  @Post(':endpointId/rotate')
  @HttpCode(200)
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'The new secret, shown this once; the old one still signs until previousSecretUntil' })
  rotate(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('endpointId', uuidPipe('endpointId')) endpointId: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.rotate(officeId, endpointId, staff);
  }

  @Get(':endpointId/deliveries')
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'The latest 100 deliveries, newest first' })
  deliveries(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('endpointId', uuidPipe('endpointId')) endpointId: string,
    @Query() query: DeliveriesQueryDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveries(officeId, endpointId, query.status ?? null, staff);
  }

  @Post(':endpointId/test')
  @StaffOnly('admin')
  @ApiCreatedResponse({ description: 'The queued test delivery' })
  sendTest(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('endpointId', uuidPipe('endpointId')) endpointId: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.sendTest(officeId, endpointId, staff);
  }

  @Post(':endpointId/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @StaffOnly('admin')
  @ApiConflictResponse({ description: '`webhook_not_failed`' })
  replay(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Param('endpointId', uuidPipe('endpointId')) endpointId: string,
    @Param('deliveryId', DeliveryIdPipe) deliveryId: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(officeId, endpointId, deliveryId, staff);
  }
}
