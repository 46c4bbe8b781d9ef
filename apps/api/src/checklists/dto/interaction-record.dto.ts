import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { INTERACTION_OUTCOMES, type InteractionOutcome } from '@loket/domain';
import { FreeText } from '../../common/control-characters.js';
import { ChecklistSubmissionDto } from './checklist-submission.dto.js';

/**
 * An interaction record: the checklist, the outcome and a note, validated with one set of
 * messages. A correction sends the whole of it (`CorrectInteractionDto`); a finish may leave
 * the checklist and the outcome out (`FinishTicketDto`, its partial).
 */
export class InteractionRecordDto {
  @ApiProperty({ type: ChecklistSubmissionDto, description: 'The interaction checklist' })
  @IsDefined({ message: 'checklist is required' })
  @ValidateNested()
  @Type(() => ChecklistSubmissionDto)
  checklist: ChecklistSubmissionDto;

  @ApiProperty({ enum: INTERACTION_OUTCOMES, description: 'Required with the checklist' })
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
