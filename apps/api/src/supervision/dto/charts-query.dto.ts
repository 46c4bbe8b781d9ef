import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ChartsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 31, default: 1, description: 'The last N office-local days, today included' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1)
  @Max(31)
  days?: number;
}
