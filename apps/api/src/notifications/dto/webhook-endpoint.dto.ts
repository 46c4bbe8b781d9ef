import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NOTIFICATION_TYPES } from '@loket/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://gateway.example.go.id/loket', description: 'http(s) URL the events are posted to' })
  @Transform(trim)
  @IsString()
  @MinLength(8)
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: NOTIFICATION_TYPES, isArray: true, example: ['ticket.near', 'ticket.called'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @IsString({ each: true })
  events: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'WhatsApp gateway Dinas Kominfo' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(8)
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @IsString({ each: true })
  events?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class DeliveriesQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed', 'skipped'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed', 'skipped'], { message: 'status must be pending, delivered, failed or skipped' })
  status?: 'pending' | 'delivered' | 'failed' | 'skipped';
}
