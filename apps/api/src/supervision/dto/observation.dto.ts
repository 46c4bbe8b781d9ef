import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ChecklistSubmissionDto } from '../../checklists/dto/checklist-submission.dto.js';
import { FinishTicketDto } from '../../checklists/dto/finish-ticket.dto.js';

/**
 * A supervisor's observation of the interaction being served at a counter: one answer per active interaction item.
 * The answers are a checklist submission's and the note is the one an officer adds when finishing, validated the
 * same way; the method is always `observed`.
 */
export class ObservationDto extends IntersectionType(PickType(ChecklistSubmissionDto, ['answers'] as const), PickType(FinishTicketDto, ['note'] as const)) {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'counterId must be a UUID' })
  counterId: string;
}
