import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CounterScheduleDayDto } from './opening-hours.dto.js';

export class CreateCounterDto {
  @ApiPropertyOptional({
    description:
      'The agency (instansi) that owns it; the office’s first agency when left out. Changing it moves the counter (refused while it is open: counter_open)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be an agency UUID' })
  agencyId?: string;

  @ApiProperty({ example: 3, description: 'Unique in the office; the number called out' })
  @IsInt({ message: 'number must be a whole number' })
  @Min(1, { message: 'number must be at least 1' })
  @Max(999)
  number: number;

  @ApiProperty({ example: 'Loket 3' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2, { message: 'name must have at least 2 characters' })
  @MaxLength(60)
  name: string;

  @ApiProperty({ type: [String], description: 'Ids of the services this counter serves (at least one)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'serviceIds must be service UUIDs' })
  serviceIds: string[];

  @ApiProperty({ type: [CounterScheduleDayDto], description: 'Weekly schedule, one span per weekday, each with its planned breaks' })
  @IsArray()
  @ArrayMaxSize(7, { message: 'schedule has at most one entry per weekday' })
  @ValidateNested({ each: true })
  @Type(() => CounterScheduleDayDto)
  schedule: CounterScheduleDayDto[];

  @ApiProperty({ default: false, description: 'Loket khusus: priority tickets first' })
  @IsBoolean()
  priorityOnly: boolean;

  @ApiProperty({ default: true })
  @IsBoolean()
  active: boolean;
}

export class UpdateCounterDto extends PartialType(CreateCounterDto) {}
