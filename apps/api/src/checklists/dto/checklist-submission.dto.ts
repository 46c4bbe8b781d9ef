import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, ValidateNested } from 'class-validator';
import { ANSWER_METHODS, type AnswerMethod, CHECKLIST_ANSWERS, type ChecklistAnswer, type ChecklistItemAnswer, type ChecklistSubmission } from '@loket/domain';

export class ChecklistItemAnswerDto implements ChecklistItemAnswer {
  @ApiProperty({ example: 'sikap_perilaku' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'code must be an item code such as sikap_perilaku' })
  code: string;

  @ApiProperty({ enum: CHECKLIST_ANSWERS })
  @IsIn(CHECKLIST_ANSWERS, { message: `answer must be one of ${CHECKLIST_ANSWERS.join(', ')}` })
  answer: ChecklistAnswer;
}

/** One answer per active item of the office's template. */
export class ChecklistSubmissionDto implements ChecklistSubmission {
  @ApiProperty({ enum: ANSWER_METHODS, description: '`one_key`: every item checked in one keystroke; `observed`: a supervisor watching' })
  @IsIn(ANSWER_METHODS, { message: `method must be one of ${ANSWER_METHODS.join(', ')}` })
  method: AnswerMethod;

  @ApiProperty({ type: [ChecklistItemAnswerDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemAnswerDto)
  answers: ChecklistItemAnswerDto[];
}
