import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PAUSE_REASONS, type PauseReason } from '@loket/domain';

export class PauseCounterDto {
  @ApiProperty({ enum: PAUSE_REASONS })
  @IsIn(PAUSE_REASONS, { message: `reason must be one of ${PAUSE_REASONS.join(', ')}` })
  reason: PauseReason;
}
