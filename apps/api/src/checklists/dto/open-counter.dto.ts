import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ChecklistSubmissionDto } from './checklist-submission.dto.js';

export class OpenCounterDto {
  @ApiPropertyOptional({ type: ChecklistSubmissionDto, description: 'The shift-start checklist, recorded with the opening' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChecklistSubmissionDto)
  checklist?: ChecklistSubmissionDto;
}
