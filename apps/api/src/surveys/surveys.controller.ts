import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { SurveyElement } from '@loket/domain';
import { TrackingCodePipe } from '../common/param-pipes.js';
import { RateLimit } from '../rate-limit/rate-limit.guard.js';
import { SubmitSurveyDto } from './dto/submit-survey.dto.js';
import { type SurveyReceipt, SurveysService } from './surveys.service.js';

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
}
