import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { SERVICE_CODE_PATTERN } from '@loket/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateServiceDto {
  @ApiProperty({ example: 'KK', description: 'One or two capital letters, unique in the office; printed on every ticket' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(SERVICE_CODE_PATTERN, { message: 'code must be one or two letters A–Z' })
  code: string;

  @ApiProperty({ example: 'Kartu Keluarga' })
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'name must have at least 2 characters' })
  @MaxLength(120)
  name: string;

  @ApiProperty({ description: 'Maximum waiting time, minutes (the standard)' })
  @IsInt({ message: 'maxWaitMinutes must be a whole number of minutes' })
  @Min(1, { message: 'maxWaitMinutes must be at least 1' })
  @Max(1440)
  maxWaitMinutes: number;

  @ApiProperty({ description: 'Standard service time, minutes' })
  @IsInt({ message: 'serviceTimeMinutes must be a whole number of minutes' })
  @Min(1, { message: 'serviceTimeMinutes must be at least 1' })
  @Max(1440)
  serviceTimeMinutes: number;

  @ApiProperty({ description: 'Cost in rupiah; 0 is free' })
  @IsInt({ message: 'costRupiah must be a whole number of rupiah' })
  @Min(0, { message: 'costRupiah cannot be negative' })
  @Max(100_000_000)
  costRupiah: number;

  @ApiProperty({ type: [String], example: ['KTP-el asli', 'Kartu Keluarga'] })
  @IsArray()
  @ArrayMaxSize(30)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value))
  @IsString({ each: true, message: 'each requirement must be text' })
  @MinLength(1, { each: true, message: 'a requirement cannot be empty' })
  @MaxLength(200, { each: true })
  requirements: string[];

  @ApiProperty({ example: '1 hari kerja' })
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  completionTime: string;

  @ApiProperty({ nullable: true, description: 'Tickets per day; null is no quota' })
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'dailyQuota must be a whole number or null' })
  @Min(1, { message: 'dailyQuota must be at least 1 (or null for none)' })
  @Max(100_000)
  dailyQuota: number | null;

  @ApiProperty({ default: true })
  @IsBoolean()
  active: boolean;

  @ApiPropertyOptional({
    default: 30,
    description: 'Minutes before the office closes from which no more tickets are issued; shorter than the longest opening day',
  })
  @IsOptional()
  @IsInt({ message: 'issueCutoffMinutes must be a whole number of minutes' })
  @Min(0, { message: 'issueCutoffMinutes cannot be negative' })
  @Max(1440)
  issueCutoffMinutes?: number;

  @ApiPropertyOptional({ description: 'Position on the kiosk and board' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  sortOrder?: number;
}

export class UpdateServiceDto extends PartialType(CreateServiceDto) {}
