import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ChecklistItemAnswerDto } from '../../checklists/dto/checklist-submission.dto.js';

/** A supervisor's observation of the interaction being served at a counter: one answer per active interaction item. */
export class ObservationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'counterId must be a UUID' })
  counterId: string;

  @ApiProperty({ type: [ChecklistItemAnswerDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemAnswerDto)
  answers: ChecklistItemAnswerDto[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(500)
  note?: string;
}
