import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { INTERACTION_OUTCOMES, type InteractionOutcome } from '@loket/domain';
import { FreeText } from '../../common/control-characters.js';
import { ChecklistSubmissionDto } from './checklist-submission.dto.js';

/** The interaction record as it should have been saved: the whole of it, replacing the one that stood. */
export class CorrectInteractionDto {
  @ApiProperty({ type: ChecklistSubmissionDto, description: 'The answers, method `self` or `one_key`' })
  @IsDefined({ message: 'checklist is required' })
  @ValidateNested()
  @Type(() => ChecklistSubmissionDto)
  checklist: ChecklistSubmissionDto;

  @ApiProperty({ enum: INTERACTION_OUTCOMES })
  @IsIn(INTERACTION_OUTCOMES, { message: `outcome must be one of ${INTERACTION_OUTCOMES.join(', ')}` })
  outcome: InteractionOutcome;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(500)
  @FreeText()
  note?: string;
}
