import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CounterStopNotice, CounterView, HeartbeatReply, TicketView } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { uuidPipe } from '../common/param-pipes.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { CountersService } from './counters.service.js';
import { OpenCounterDto } from '../checklists/dto/open-counter.dto.js';
import { CallTicketDto } from './dto/call-ticket.dto.js';
import { CallBackDto } from './dto/call-back.dto.js';
import { CloseCounterDto } from './dto/close-counter.dto.js';
import { PauseCounterDto } from './dto/pause-counter.dto.js';

const counterId = uuidPipe('The counter id');

@ApiTags('counters')
@Controller('counters/:id')
@StaffOnly()
export class CountersController {
  constructor(
    private readonly counters: CountersService,
    private readonly tickets: TicketsService,
  ) {}

  @Post('open')
  @HttpCode(200)
  open(@Param('id', counterId) id: string, @Body() body: OpenCounterDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<CounterView> {
    return this.counters.open(id, staff, body?.checklist);
  }

  @Get('queue')
  @ApiOkResponse({ description: 'The waiting tickets this counter serves, in the order call-next takes them' })
  queue(@Param('id', counterId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView[]> {
    return this.counters.queue(id, staff);
  }

  @Post('pause')
  @HttpCode(200)
  pause(@Param('id', counterId) id: string, @Body() body: PauseCounterDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<CounterView> {
    return this.counters.pause(id, staff, body.reason, body.note);
  }

  @Post('resume')
  @HttpCode(200)
  resume(@Param('id', counterId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<CounterView> {
    return this.counters.resume(id, staff);
  }

  @Post('close')
  @HttpCode(200)
  close(@Param('id', counterId) id: string, @Body() body: CloseCounterDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<CounterView> {
    return this.counters.close(id, staff, body?.note);
  }

  @Post('heartbeat')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The desk is still there: the session is not paused as offline. The answer is the server’s time' })
  heartbeat(@Param('id', counterId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<HeartbeatReply> {
    return this.counters.heartbeat(id, staff);
  }

  @Get('no-shows')
  @ApiOkResponse({ description: 'Today’s no-show tickets of the services this counter serves, latest first' })
  noShows(@Param('id', counterId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView[]> {
    return this.counters.noShows(id, staff);
  }

  @Get('stop-notice')
  @ApiOkResponse({ description: 'Why the counter stopped, when a supervisor or the API paused or closed it today; null otherwise' })
  stopNotice(@Param('id', counterId) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<{ notice: CounterStopNotice | null }> {
    return this.counters.stopNotice(id, staff);
  }

  @Post('call-back')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A no-show of today, reinstated and called at this counter' })
  callBack(@Param('id', counterId) id: string, @Body() body: CallBackDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.callBack(id, body.ticketId, staff);
  }

  @Post('call-next')
  @ApiOkResponse({ description: 'The ticket called' })
  @ApiNoContentResponse({ description: 'Nobody this counter may serve is waiting' })
  async callNext(
    @Param('id', counterId) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketView | undefined> {
    const ticket = await this.tickets.callNext(id, staff);
    response.status(ticket ? 200 : 204);
    return ticket ?? undefined;
  }

  @Post('call')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The ticket, called out of order; the reason is kept in the audit trail' })
  call(@Param('id', counterId) id: string, @Body() body: CallTicketDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<TicketView> {
    return this.tickets.callTicket(id, body.ticketId, body.reason, staff);
  }
}
