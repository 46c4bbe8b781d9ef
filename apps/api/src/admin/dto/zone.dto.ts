import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ZONE_MEMBERS_MAX, ZONE_NAME_MAX } from '@loket/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);

export class CreateZoneDto {
  @ApiProperty({ example: 'Lantai 1 – Zona A', description: 'As the sign in the room says it; unique in the office. The board address is made from it' })
  @Transform(trim)
  @IsString({ message: 'name must be text' })
  @MinLength(2, { message: 'name must have at least 2 characters' })
  @MaxLength(ZONE_NAME_MAX, { message: `name must be at most ${ZONE_NAME_MAX} characters` })
  name: string;

  @ApiPropertyOptional({ type: [String], description: 'Agencies of the office whose counters are all in the zone, now and later' })
  @IsOptional()
  @IsArray({ message: 'agencyIds must be a list' })
  @ArrayMaxSize(ZONE_MEMBERS_MAX)
  @ArrayUnique({ message: 'agencyIds must not repeat an agency' })
  @IsUUID('all', { each: true, message: 'agencyIds must be agency UUIDs' })
  agencyIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Counters of the office in the zone besides those of its agencies' })
  @IsOptional()
  @IsArray({ message: 'counterIds must be a list' })
  @ArrayMaxSize(ZONE_MEMBERS_MAX)
  @ArrayUnique({ message: 'counterIds must not repeat a counter' })
  @IsUUID('all', { each: true, message: 'counterIds must be counter UUIDs' })
  counterIds?: string[];

  @ApiPropertyOptional({ example: 0, description: 'Listed by this, then by name. Default: after the last' })
  @IsOptional()
  @IsInt({ message: 'sortOrder must be a whole number' })
  @Min(0)
  @Max(9999)
  sortOrder?: number;
}

export class UpdateZoneDto extends PartialType(CreateZoneDto) {}
