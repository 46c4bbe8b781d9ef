import { Body, Controller, Get, Header, Headers, HttpCode, Ip, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  BOOKING_CLIENT_HEADER,
  type BookingCheckInView,
  type BookingOfficeView,
  type BookingSettingsView,
  type BookingView,
  type TrackedTicketView,
} from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { IdempotencyKey, KioskToken, SlugPipe, TrackingCodePipe, uuidPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { BookDto, BookingSettingsDto, CheckInDto, RescheduleDto } from './dto/booking.dto.js';
import { BookingsService } from './bookings.service.js';

const clientId = (value: string | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);

@ApiTags('bookings')
@Controller()
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Get('offices/:slug/booking')
  @RateLimit('read')
  @ApiOkResponse({ description: 'The office and its services that take bookings' })
  office(@Param('slug', SlugPipe) slug: string): Promise<BookingOfficeView> {
    return this.bookings.office(slug);
  }

  // Sent as the JSON the kept view was written to once, not serialised per viewer (`AvailabilityCache.json`).
  @Get('offices/:slug/services/:serviceId/availability')
  @RateLimit('read')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiQuery({
    name: 'day',
    required: false,
    description: 'One day (`YYYY-MM-DD`, office-local) from today to the horizon: `days` holds that day alone. Absent: every day.',
  })
  @ApiOkResponse({ description: 'Seats left per slot, each day from today to the service’s booking horizon, or the day asked (`BookingAvailabilityView`)' })
  @ApiBadRequestResponse({ description: '`invalid_day`: not a calendar day written YYYY-MM-DD, or outside today to the booking horizon' })
  availability(
    @Param('slug', SlugPipe) slug: string,
    @Param('serviceId', uuidPipe('serviceId')) serviceId: string,
    @Query('day') day: string | string[] | undefined,
  ): Promise<string> {
    // `?day=a&day=b` arrives as a list: one day or none is asked for, anything else is not a day.
    return this.bookings.availabilityJson(slug, serviceId, day === undefined ? null : typeof day === 'string' ? day : String(day));
  }

  @Post('offices/:slug/bookings')
  @RateLimit('book')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same client returns the same booking (a double tap books once)' })
  @ApiHeader({
    name: BOOKING_CLIENT_HEADER,
    required: false,
    description: 'A random id the booking page keeps: the per-client limit and the rate limit count it',
  })
  @ApiCreatedResponse({ description: 'The booking, with its code (the citizen’s only key) and short reference' })
  @ApiConflictResponse({ description: '`slot_full`, `day_full`, `booking_limit`, `booking_closed`, `slot_unavailable`' })
  book(
    @Param('slug', SlugPipe) slug: string,
    @Body() body: BookDto,
    @IdempotencyKey() idempotencyKey: string | null,
    @Ip() address: string,
    @Headers('user-agent') userAgent: string | undefined,
    @Headers(BOOKING_CLIENT_HEADER) client: string | undefined,
  ): Promise<BookingView> {
    return this.bookings.book(slug, body, idempotencyKey, { kioskToken: null, address, userAgent: userAgent ?? '', clientId: clientId(client) });
  }

  @Get('bookings/:code')
  @RateLimit('track')
  view(@Param('code', TrackingCodePipe) code: string): Promise<BookingView> {
    return this.bookings.view(code);
  }

  @Post('bookings/:code/reschedule')
  @RateLimit('book')
  @HttpCode(200)
  @ApiConflictResponse({ description: '`reschedule_used`, `past_cutoff`, `slot_full`, `day_full`, `booking_cancelled`, `already_checked_in`' })
  reschedule(@Param('code', TrackingCodePipe) code: string, @Body() body: RescheduleDto): Promise<BookingView> {
    return this.bookings.reschedule(code, body.startsAt);
  }

  @Post('bookings/:code/cancel')
  @RateLimit('track')
  @HttpCode(200)
  @ApiConflictResponse({ description: '`past_cutoff`, `booking_cancelled`, `already_checked_in`' })
  cancel(@Param('code', TrackingCodePipe) code: string): Promise<BookingView> {
    return this.bookings.cancel(code);
  }

  @Post('offices/:slug/bookings/check-in')
  @RateLimit('issue')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The ticket the booking became (a paired kiosk, or anonymous where the office allows it, as for issuing)' })
  checkInAtKiosk(
    @Param('slug', SlugPipe) slug: string,
    @Body() body: CheckInDto,
    @KioskToken() kioskToken: string | null,
    @Ip() address: string,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<BookingCheckInView<TrackedTicketView>> {
    return this.bookings.checkInAtKiosk(slug, body.reference, { kioskToken, address, userAgent: userAgent ?? '', clientId: null });
  }

  @Post('staff/offices/:officeId/bookings/check-in')
  @StaffOnly()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The ticket the booking became, checked in at a counter' })
  checkInAtDesk(
    @Param('officeId', uuidPipe('officeId')) officeId: string,
    @Body() body: CheckInDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<BookingCheckInView<TrackedTicketView>> {
    return this.bookings.checkInAtDesk(officeId, body.reference, staff);
  }

  @Get('admin/services/:serviceId/booking')
  @StaffOnly('admin', 'supervisor')
  settings(@Param('serviceId', uuidPipe('serviceId')) serviceId: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<BookingSettingsView> {
    return this.bookings.settings(serviceId, staff);
  }

  @Put('admin/services/:serviceId/booking')
  @StaffOnly('admin')
  updateSettings(
    @Param('serviceId', uuidPipe('serviceId')) serviceId: string,
    @Body() body: BookingSettingsDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<BookingSettingsView> {
    return this.bookings.updateSettings(serviceId, body, staff);
  }
}
