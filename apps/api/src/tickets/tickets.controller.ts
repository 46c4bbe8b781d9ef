import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { KIOSK_TOKEN_HEADER, type TicketView, type TrackedTicketView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { FinishTicketDto } from '../checklists/dto/finish-ticket.dto.js';
import { IdempotencyKey, KioskToken, SlugPipe, TrackingCodePipe, uuidPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { IssueTicketDto } from './dto/issue-ticket.dto.js';
import { ReasonDto } from './dto/reason.dto.js';
import { TransferTicketDto } from './dto/transfer-ticket.dto.js';
import { TicketsService } from './tickets.service.js';

const ticketId = uuidPipe('The ticket id');

@ApiTags('tickets')
@Controller()
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post('offices/:slug/tickets')
  @RateLimit('issue')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'The same key from the same client returns the same ticket (a double tap or a retry never issues two). A key belongs to the paired kiosk, or to the address and browser, that sent it',
  })
  @ApiCreatedResponse({ description: 'The ticket, with its tracking code, place in the queue and estimated wait' })
  @ApiHeader({
    name: KIOSK_TOKEN_HEADER,
    required: false,
    description: 'A paired kiosk’s token: the ticket is issued as that office’s kiosk, not as an anonymous client',
  })
  issue(
    @Param('slug', SlugPipe) slug: string,
    @Body() body: IssueTicketDto,
    @IdempotencyKey() idempotencyKey: string | null,
    @KioskToken() kioskToken: string | null,
    @Ip() address: string,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<TrackedTicketView> {
    return this.tickets.issue(slug, body, idempotencyKey, { kioskToken, address, userAgent: userAgent ?? '' });
  }

  @Get('tickets/track/:trackingCode')
  @RateLimit('track')
  track(@Param('trackingCode', TrackingCodePipe) code: string): Promise<TrackedTicketView> {
    return this.tickets.track(code);
  }

  @Post('tickets/track/:trackingCode/cancel')
  @RateLimit('track')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Only a waiting ticket can be cancelled' })
  cancelByCitizen(@Param('trackingCode', TrackingCodePipe) code: string): Promise<TrackedTicketView> {
    return this.tickets.cancelByCitizen(code);
  }

  @Post('tickets/:id/recall')
  @HttpCode(200)
  @StaffOnly()
  recall(@Param('id', ticketId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'recall', staff);
  }

  @Post('tickets/:id/start')
  @HttpCode(200)
  @StaffOnly()
  start(@Param('id', ticketId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'start', staff);
  }

  @Post('tickets/:id/finish')
  @HttpCode(200)
  @StaffOnly()
  finish(@Param('id', ticketId) id: string, @Body() body: FinishTicketDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'finish', staff, body);
  }

  @Post('tickets/:id/return')
  @HttpCode(200)
  @StaffOnly()
  returnToQueue(@Param('id', ticketId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'return', staff);
  }

  @Post('tickets/:id/no-show')
  @HttpCode(200)
  @StaffOnly()
  noShow(@Param('id', ticketId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'no_show', staff);
  }

  @Post('tickets/:id/undo-no-show')
  @HttpCode(200)
  @StaffOnly()
  @ApiOkResponse({ description: 'The ticket, called again at the same counter: a no-show undone within seconds of marking it' })
  @ApiConflictResponse({ description: '`undo_expired`, `counter_busy`, `counter_paused`, `counter_closed`, `illegal_transition`' })
  undoNoShow(@Param('id', ticketId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.undoNoShow(id, staff);
  }

  @Post('tickets/:id/reinstate')
  @HttpCode(200)
  @StaffOnly()
  reinstate(@Param('id', ticketId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'reinstate', staff);
  }

  @Post('tickets/:id/cancel')
  @HttpCode(200)
  @StaffOnly()
  cancel(@Param('id', ticketId) id: string, @Body() body: ReasonDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'cancel', staff, { reason: body.reason });
  }

  @Post('tickets/:id/transfer')
  @HttpCode(200)
  @StaffOnly()
  transfer(@Param('id', ticketId) id: string, @Body() body: TransferTicketDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.act(id, 'transfer', staff, { serviceId: body.serviceId });
  }
}
