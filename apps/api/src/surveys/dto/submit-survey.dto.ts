import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt } from 'class-validator';
import { SURVEY_SCORES, type SurveyAnswers, type SurveyScore } from '@loket/domain';

const score = { enum: SURVEY_SCORES, description: '1 (worst) … 4 (best), with the questionnaire wording of GET /surveys/elements' };
const integer = { message: '$property must be a whole number from 1 to 4' };
const range = { message: '$property must be 1, 2, 3 or 4' };

/** One answer per element U1–U9; every element is required. */
export class SubmitSurveyDto implements SurveyAnswers {
  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u1: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u2: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u3: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u4: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u5: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u6: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u7: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u8: SurveyScore;

  @ApiProperty(score)
  @IsInt(integer)
  @IsIn(SURVEY_SCORES, range)
  u9: SurveyScore;
}
