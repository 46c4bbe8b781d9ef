import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  SKM_AGE_BANDS,
  SKM_EDUCATION,
  SKM_GENDERS,
  SKM_OCCUPATIONS,
  SKM_SUGGESTION_MAX,
  SURVEY_SCORES,
  type SkmAgeBand,
  type SkmEducation,
  type SkmGender,
  type SkmOccupation,
  type SkmProfile,
  type SurveyAnswers,
  type SurveyScore,
} from '@loket/domain';
import { FreeText } from '../../common/control-characters.js';

const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of ${values.join(', ')}` });
/** An optional text left empty is no text. */
const trimOrNone = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

const score = { enum: SURVEY_SCORES, description: '1 (worst) … 4 (best), with the questionnaire wording of GET /surveys/elements' };
const integer = { message: '$property must be a whole number from 1 to 4' };
const range = { message: '$property must be 1, 2, 3 or 4' };

/** One answer per element U1–U9, every element required; the respondent profile and the suggestion are optional. */
export class SubmitSurveyDto implements SurveyAnswers, SkmProfile {
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

  @ApiPropertyOptional({ enum: SKM_GENDERS })
  @IsOptional()
  @IsIn(SKM_GENDERS, oneOf('gender', SKM_GENDERS))
  gender?: SkmGender;

  @ApiPropertyOptional({ enum: SKM_AGE_BANDS })
  @IsOptional()
  @IsIn(SKM_AGE_BANDS, oneOf('ageBand', SKM_AGE_BANDS))
  ageBand?: SkmAgeBand;

  @ApiPropertyOptional({ enum: SKM_EDUCATION })
  @IsOptional()
  @IsIn(SKM_EDUCATION, oneOf('education', SKM_EDUCATION))
  education?: SkmEducation;

  @ApiPropertyOptional({ enum: SKM_OCCUPATIONS })
  @IsOptional()
  @IsIn(SKM_OCCUPATIONS, oneOf('occupation', SKM_OCCUPATIONS))
  occupation?: SkmOccupation;

  @ApiPropertyOptional({ maxLength: SKM_SUGGESTION_MAX, description: 'Saran/masukan, free text' })
  @Transform(trimOrNone)
  @IsOptional()
  @IsString({ message: 'suggestion must be text' })
  @MaxLength(SKM_SUGGESTION_MAX, { message: `suggestion must be at most ${SKM_SUGGESTION_MAX} characters` })
  @FreeText()
  suggestion?: string;
}

/** The survey terminal's answers: the phone's, and which ticket (the one just finished at its counter). */
export class SubmitTerminalSurveyDto extends SubmitSurveyDto {
  @ApiProperty({ format: 'uuid', description: 'The ticket just finished at the terminal’s counter, from its `finished` event' })
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId: string;
}
