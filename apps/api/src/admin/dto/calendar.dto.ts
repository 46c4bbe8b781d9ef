import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { isProductDay } from '@loket/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOfficeDayDto {
  @ApiProperty({ example: '2027-01-04', description: 'Office-local day, YYYY-MM-DD' })
  // A day that exists: 2026-02-31 passes a pattern but not the database's date cast (a 500 before).
  @ValidateBy({
    name: 'isProductDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isProductDay(value),
      defaultMessage: () => 'day must be a date YYYY-MM-DD between 2000 and 2099',
    },
  })
  day: string;

  @ApiProperty({ enum: ['holiday', 'open'], description: 'holiday: the office closes that day; open: it opens on a seeded national holiday' })
  @IsIn(['holiday', 'open'], { message: 'kind must be holiday or open' })
  kind: 'holiday' | 'open';

  @ApiProperty({ example: 'Hari jadi kota' })
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'name must have at least 2 characters' })
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ description: 'Close that day although citizens are booked on it (or, today, still waiting): asked for when there are' })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;
}

export class CreateClosureDto {
  @ApiPropertyOptional({ description: 'When the closure starts (ISO-8601); absent: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO-8601 instant' })
  startsAt?: string;

  @ApiProperty({ description: 'When the office opens again (ISO-8601)' })
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO-8601 instant' })
  endsAt: string;

  @ApiProperty({ example: 'Gangguan jaringan, layanan dihentikan sementara', description: 'Shown to citizens' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'reason must have at least 3 characters' })
  @MaxLength(200)
  reason: string;

  @ApiPropertyOptional({ description: 'Close although tickets are still waiting (asked for when there are)' })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;
}
