import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { INTERACTION_OUTCOMES, type InteractionOutcome } from '@loket/domain';
import { FreeText } from '../../common/control-characters.js';
import { ChecklistSubmissionDto } from './checklist-submission.dto.js';

export class FinishTicketDto {
  @ApiPropertyOptional({ type: ChecklistSubmissionDto, description: 'The interaction checklist, recorded with the finish' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChecklistSubmissionDto)
  checklist?: ChecklistSubmissionDto;

  @ApiPropertyOptional({ enum: INTERACTION_OUTCOMES, description: 'Required with the checklist' })
  @IsOptional()
  @IsIn(INTERACTION_OUTCOMES, { message: `outcome must be one of ${INTERACTION_OUTCOMES.join(', ')}` })
  outcome?: InteractionOutcome;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(500)
  @FreeText()
  note?: string;
}
