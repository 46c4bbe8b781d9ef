import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { type BreakWindow, type CounterScheduleDay, MAX_BREAKS_PER_DAY, type OpeningHours, TIME_OF_DAY_PATTERN } from '@loket/domain';

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

/** A planned break of a counter's day; whether it fits the day's hours and the other breaks is the domain's (`assertBreaksFit`). */
export class BreakWindowDto implements BreakWindow {
  @ApiProperty({ example: '12:00' })
  @IsString()
  @Matches(TIME_OF_DAY_PATTERN, { message: 'from must be a time HH:MM (00:00–23:59)' })
  from: string;

  @ApiProperty({ example: '13:00' })
  @IsString()
  @Matches(TIME_OF_DAY_PATTERN, { message: 'to must be a time HH:MM (00:00–23:59)' })
  to: string;
}

/** One day of a counter's weekly schedule: its hours and its planned breaks (ishoma). */
export class CounterScheduleDayDto extends OpeningHoursDto implements CounterScheduleDay {
  @ApiPropertyOptional({ type: [BreakWindowDto], description: 'Planned breaks that day, within its hours and not overlapping' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BREAKS_PER_DAY, { message: `at most ${MAX_BREAKS_PER_DAY} breaks a day` })
  @ValidateNested({ each: true })
  @Type(() => BreakWindowDto)
  breaks?: BreakWindowDto[];
}
