import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AGENCY_COLOR_PATTERN, AGENCY_SHORT_NAME_MAX } from '@loket/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateAgencyDto {
  @ApiProperty({ example: 'Dinas Kependudukan dan Pencatatan Sipil' })
  @Transform(trim)
  @IsString({ message: 'name must be text' })
  @MinLength(2, { message: 'name must have at least 2 characters' })
  @MaxLength(120, { message: 'name must be at most 120 characters' })
  name: string;

  @ApiProperty({ example: 'Dukcapil', description: 'What the kiosk tile and the board show; unique in the office' })
  @Transform(trim)
  @IsString({ message: 'shortName must be text' })
  @MinLength(2, { message: 'shortName must have at least 2 characters' })
  @MaxLength(AGENCY_SHORT_NAME_MAX, { message: `shortName must be at most ${AGENCY_SHORT_NAME_MAX} characters` })
  shortName: string;

  @ApiPropertyOptional({ example: '#1d4ed8', description: 'The tile colour, #rrggbb' })
  @IsOptional()
  @Transform(lower)
  @IsString({ message: 'color must be text' })
  @Matches(AGENCY_COLOR_PATTERN, { message: 'color must be a colour #rrggbb' })
  color?: string;

  @ApiPropertyOptional({
    example: 0,
    description: 'Listed by this, then oldest first; the first agency takes services and counters created without one. Default: after the last',
  })
  @IsOptional()
  @IsInt({ message: 'sortOrder must be a whole number' })
  @Min(0)
  @Max(9999)
  sortOrder?: number;
}

export class UpdateAgencyDto extends PartialType(CreateAgencyDto) {}
