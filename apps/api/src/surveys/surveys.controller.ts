import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { KIOSK_TOKEN_HEADER, type SurveyElement } from '@loket/domain';
import { KioskToken, SlugPipe, TrackingCodePipe, counterNumberPipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { SubmitSurveyDto, SubmitTerminalSurveyDto } from './dto/submit-survey.dto.js';
import { type SurveyReceipt, SurveysService, type TerminalSurveyReceipt } from './surveys.service.js';

@ApiTags('surveys')
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  /** The questionnaire: the nine elements and each score's answer wording. */
  @Get('surveys/elements')
  elements(): readonly SurveyElement[] {
    return this.surveys.elements();
  }

  @Post('tickets/track/:trackingCode/survey')
  @RateLimit('survey')
  @ApiCreatedResponse({ description: 'The response was recorded' })
  @ApiConflictResponse({ description: '`survey_not_allowed` before the ticket is done; `survey_already_submitted` the second time' })
  submit(@Param('trackingCode', TrackingCodePipe) code: string, @Body() body: SubmitSurveyDto): Promise<SurveyReceipt> {
    return this.surveys.submit(code, body);
  }

  @Post('offices/:slug/counters/:number/terminal-survey')
  @RateLimit('survey')
  @ApiHeader({ name: KIOSK_TOKEN_HEADER, required: true, description: 'The terminal’s device token, paired as a kiosk of the office' })
  @ApiCreatedResponse({ description: 'The response was recorded, as from the survey terminal at that counter' })
  @ApiConflictResponse({ description: '`survey_terminal_closed` for a ticket not just finished at that counter; `survey_already_submitted` the second time' })
  submitAtTerminal(
    @Param('slug', SlugPipe) slug: string,
    @Param('number', counterNumberPipe) counterNumber: number,
    @KioskToken() kioskToken: string | null,
    @Body() body: SubmitTerminalSurveyDto,
  ): Promise<TerminalSurveyReceipt> {
    const { ticketId, ...answers } = body;
    return this.surveys.submitAtTerminal(slug, counterNumber, ticketId, kioskToken, answers);
  }
}
