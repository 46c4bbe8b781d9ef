import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { COMPLAINT_CODE_PATTERN, type ComplaintOfficeInfo, type ComplaintPublicView, type ComplaintStaffView, RuleError } from '@loket/domain';
import type { AuthenticatedStaff } from '../auth/authenticated-staff.js';
import { CurrentStaff, StaffOnly } from '../auth/staff-auth.guard.js';
import { SlugPipe, TrackingCodePipe, uuidPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { complaintsCsv } from './complaints-csv.js';
import { type ComplaintReceipt, type ComplaintReport, ComplaintsService } from './complaints.service.js';
import {
  AssignComplaintDto,
  ComplaintCsvQueryDto,
  ComplaintListQueryDto,
  ComplaintNoteDto,
  ComplaintReplyDto,
  ComplaintReportQueryDto,
  ComplaintSettingsDto,
  ComplaintStatusDto,
  FileComplaintDto,
  HandToLaporDto,
  RecordComplaintDto,
} from './dto/complaint.dto.js';

/** The complaint's code in a path: validated before anything is read. */
class ComplaintCodePipe {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !COMPLAINT_CODE_PATTERN.test(value)) throw new RuleError('validation_failed', 'The complaint code is malformed');
    return value;
  }
}

/** What a citizen reaches without logging in: the filing form's facts, filing, and the status page. */
@ApiTags('complaints')
@Controller()
export class PublicComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Get('offices/:slug/complaints/info')
  @ApiOkResponse({ description: 'The services to choose from, the response deadline in working days and the office’s SP4N-LAPOR! channel' })
  info(@Param('slug', SlugPipe) slug: string): Promise<ComplaintOfficeInfo> {
    return this.complaints.info(slug);
  }

  @Post('offices/:slug/complaints')
  @RateLimit('complaint')
  @ApiCreatedResponse({ description: 'The complaint’s code for its status page, and its deadline' })
  file(@Param('slug', SlugPipe) slug: string, @Body() body: FileComplaintDto): Promise<ComplaintReceipt> {
    return this.complaints.fileOnWeb(slug, body);
  }

  @Post('tickets/track/:trackingCode/complaints')
  @RateLimit('complaint')
  @ApiCreatedResponse({ description: 'Filed from the phone ticket page, linked to the ticket' })
  fileFromTicket(@Param('trackingCode', TrackingCodePipe) code: string, @Body() body: FileComplaintDto): Promise<ComplaintReceipt> {
    return this.complaints.fileFromTicket(code, body);
  }

  @Get('complaints/track/:code')
  @RateLimit('track')
  @ApiOkResponse({ description: 'The status page: never a contact, an internal note or a staff name' })
  @ApiNotFoundResponse({ description: 'No complaint with this code' })
  status(@Param('code', ComplaintCodePipe) code: string): Promise<ComplaintPublicView> {
    return this.complaints.publicStatus(code);
  }
}

/** What staff do with complaints: the supervisor handles them, an officer records one at the counter. */
@ApiTags('complaints')
@Controller()
@StaffOnly('supervisor', 'admin')
export class StaffComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post('offices/:slug/complaints/recorded')
  @StaffOnly('officer', 'supervisor', 'admin')
  @ApiCreatedResponse({ description: 'A verbal complaint recorded by an officer; the citizen is given the code' })
  record(@Param('slug', SlugPipe) slug: string, @Body() body: RecordComplaintDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<ComplaintReceipt> {
    return this.complaints.record(slug, body, staff);
  }

  @Get('offices/:slug/complaints')
  @ApiOkResponse({ description: 'The office’s complaints, open ones first by deadline (at most 500)' })
  list(@Param('slug', SlugPipe) slug: string, @Query() query: ComplaintListQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<ComplaintStaffView[]> {
    return this.complaints.list(slug, query.status, staff);
  }

  @Get('offices/:slug/complaints/report')
  @ApiOkResponse({ description: 'Count, share closed within the deadline and median hours to close, per service and for the office' })
  report(@Param('slug', SlugPipe) slug: string, @Query() query: ComplaintReportQueryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<ComplaintReport> {
    return this.complaints.report(slug, query.from, query.to, staff);
  }

  @Get('offices/:slug/complaints.csv')
  @ApiProduces('text/csv')
  async csv(
    @Param('slug', SlugPipe) slug: string,
    @Query() query: ComplaintCsvQueryDto,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const lang = query.lang ?? 'id';
    const { office, rows } = await this.complaints.exportRows(slug, query.from, query.to, staff);
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader(
      'content-disposition',
      `attachment; filename="${lang === 'id' ? 'pengaduan' : 'complaints'}-${office.slug}-${query.from}_${query.to}.csv"`,
    );
    return complaintsCsv(rows, lang);
  }

  @Put('offices/:slug/complaints/settings')
  @StaffOnly('admin')
  @ApiOkResponse({ description: 'The response deadline in working days and the SP4N-LAPOR! channel, saved' })
  settings(@Param('slug', SlugPipe) slug: string, @Body() body: ComplaintSettingsDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<ComplaintOfficeInfo> {
    return this.complaints.settings(slug, body, staff);
  }

  @Get('complaints/:id')
  get(@Param('id', uuidPipe('The complaint id')) id: string, @CurrentStaff() staff: AuthenticatedStaff): Promise<ComplaintStaffView> {
    return this.complaints.get(id, staff);
  }

  @Post('complaints/:id/status')
  @HttpCode(200)
  @ApiConflictResponse({ description: '`illegal_transition`, naming the current status' })
  status(
    @Param('id', uuidPipe('The complaint id')) id: string,
    @Body() body: ComplaintStatusDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ComplaintStaffView> {
    return this.complaints.changeStatus(id, body, staff);
  }

  @Post('complaints/:id/reply')
  @HttpCode(200)
  reply(
    @Param('id', uuidPipe('The complaint id')) id: string,
    @Body() body: ComplaintReplyDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ComplaintStaffView> {
    return this.complaints.reply(id, body.reply, staff);
  }

  @Post('complaints/:id/assign')
  @HttpCode(200)
  assign(
    @Param('id', uuidPipe('The complaint id')) id: string,
    @Body() body: AssignComplaintDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ComplaintStaffView> {
    return this.complaints.assign(id, body.staffId ?? null, staff);
  }

  @Post('complaints/:id/notes')
  @HttpCode(200)
  note(
    @Param('id', uuidPipe('The complaint id')) id: string,
    @Body() body: ComplaintNoteDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ComplaintStaffView> {
    return this.complaints.addNote(id, body.note, staff);
  }

  @Post('complaints/:id/lapor')
  @HttpCode(200)
  @ApiConflictResponse({ description: '`already_handed_to_lapor`' })
  lapor(
    @Param('id', uuidPipe('The complaint id')) id: string,
    @Body() body: HandToLaporDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ComplaintStaffView> {
    return this.complaints.handToLapor(id, body.laporNumber, staff);
  }
}
