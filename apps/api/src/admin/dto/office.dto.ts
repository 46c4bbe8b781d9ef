import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { OFFICE_TIME_ZONES, type OfficeTimeZone } from '@loket/domain';
import { SLUG_PATTERN } from '../../common/param-pipes.js';
import { OpeningHoursDto } from './opening-hours.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ZONES = Object.values(OFFICE_TIME_ZONES);

export class CreateOfficeDto {
  @ApiProperty({ example: 'Mal Pelayanan Publik Kota Harapan' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'name must have at least 3 characters' })
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'mpp-kota-harapan', description: 'In addresses: lowercase letters, digits and dashes' })
  @Transform(trim)
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters, digits and dashes (e.g. mpp-kota-harapan)' })
  slug: string;

  @ApiProperty({ enum: ZONES, description: 'WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura' })
  @IsIn(ZONES, { message: `timeZone must be one of ${ZONES.join(', ')}` })
  timeZone: OfficeTimeZone;

  @ApiProperty({ type: [OpeningHoursDto] })
  @IsArray()
  @ArrayMaxSize(7, { message: 'openingHours has at most one entry per weekday' })
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  openingHours: OpeningHoursDto[];

  @ApiProperty({ default: 10, description: 'Maximum wait for priority tickets, minutes' })
  @IsInt({ message: 'priorityMaxWaitMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(240)
  priorityMaxWaitMinutes: number;

  @ApiPropertyOptional({ default: 2, description: 'Minutes after the last call before a ticket may be marked no-show (0: at once)' })
  @IsOptional()
  @IsInt({ message: 'noShowAfterMinutes must be a whole number of minutes' })
  @Min(0)
  @Max(60)
  noShowAfterMinutes?: number;

  @ApiPropertyOptional({ default: 5, description: 'Minutes without a heartbeat from the desk before an open counter is paused as offline' })
  @IsOptional()
  @IsInt({ message: 'offlineAfterMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(240)
  offlineAfterMinutes?: number;

  @ApiPropertyOptional({ default: 30, description: 'Minutes after a counter’s scheduled end before it closes itself' })
  @IsOptional()
  @IsInt({ message: 'shiftEndGraceMinutes must be a whole number of minutes' })
  @Min(0)
  @Max(720)
  shiftEndGraceMinutes?: number;

  @ApiPropertyOptional({
    example: 'Jl. Merdeka No. 1, Kota Harapan 40111',
    description: 'Street address, printed on the ticket slip; one line, at most 200 characters',
  })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'address must be text' })
  @MaxLength(200, { message: 'address has at most 200 characters' })
  address?: string;

  @ApiPropertyOptional({
    example: 'Kota Harapan',
    description: 'The place the office signs its letters in (the report’s signature block); at most 60 characters',
  })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'city must be text' })
  @MaxLength(60, { message: 'city has at most 60 characters' })
  city?: string;
}

export class UpdateOfficeDto extends PartialType(CreateOfficeDto) {}
