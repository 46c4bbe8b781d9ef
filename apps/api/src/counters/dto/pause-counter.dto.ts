import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OFFICER_PAUSE_REASONS, type OfficerPauseReason } from '@loket/domain';

/** `offline` is the API's own reason (a silent desk), never given by a person. */
export class PauseCounterDto {
  @ApiProperty({ enum: OFFICER_PAUSE_REASONS })
  @IsIn(OFFICER_PAUSE_REASONS, { message: `reason must be one of ${OFFICER_PAUSE_REASONS.join(', ')}` })
  reason: OfficerPauseReason;

  @ApiPropertyOptional({ description: 'What the pause is for: required with `other`, and from a supervisor pausing another officer’s counter', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
