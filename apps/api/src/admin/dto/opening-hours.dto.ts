import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { type OpeningHours, TIME_OF_DAY_PATTERN } from '@loket/domain';

/** One day of a weekly schedule; order, overlaps and office hours are checked by the domain rules. */
export class OpeningHoursDto implements OpeningHours {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday … 7 Sunday' })
  @IsInt({ message: 'weekday must be a whole number' })
  @Min(1, { message: 'weekday must be 1 (Monday) … 7 (Sunday)' })
  @Max(7, { message: 'weekday must be 1 (Monday) … 7 (Sunday)' })
  weekday: number;

  @ApiProperty({ example: '08:00' })
  @IsString()
  @Matches(TIME_OF_DAY_PATTERN, { message: 'opens must be a time HH:MM (00:00–23:59)' })
  opens: string;

  @ApiProperty({ example: '15:00' })
  @IsString()
  @Matches(TIME_OF_DAY_PATTERN, { message: 'closes must be a time HH:MM (00:00–23:59)' })
  closes: string;
}
