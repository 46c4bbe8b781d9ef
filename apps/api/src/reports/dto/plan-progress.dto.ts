import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DAY_PATTERN, IKM_PLAN_NOTE_MAX, IKM_PLAN_STATUSES, type IkmPlanStatus } from '@loket/domain';
import { FreeText } from '../../common/control-characters.js';

/** Where one follow-up item stands; the day and note are checked again by the domain (`checkPlanProgress`). */
export class PlanProgressDto {
  @ApiProperty({ enum: IKM_PLAN_STATUSES, description: 'belum (not started), berjalan (under way), selesai (done)' })
  @IsIn(IKM_PLAN_STATUSES, { message: `status must be one of ${IKM_PLAN_STATUSES.join(', ')}` })
  status: IkmPlanStatus;

  @ApiPropertyOptional({ example: '2027-01-15', description: 'The day the status took effect; today (the office’s) when left out' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'on must be a day, YYYY-MM-DD' })
  on?: string;

  @ApiPropertyOptional({ maxLength: IKM_PLAN_NOTE_MAX })
  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(IKM_PLAN_NOTE_MAX + 50, { message: `note must be at most ${IKM_PLAN_NOTE_MAX} characters` })
  @FreeText()
  note?: string;
}
