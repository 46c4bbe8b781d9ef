import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ChecklistSubmissionDto } from '../../checklists/dto/checklist-submission.dto.js';

/**
 * A supervisor's observation of the interaction being served at a counter: one answer per active interaction item.
 * The answers are a checklist submission's, validated the same way; the method is always `observed`.
 */
export class ObservationDto extends PickType(ChecklistSubmissionDto, ['answers'] as const) {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'counterId must be a UUID' })
  counterId: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(500)
  note?: string;
}
