import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class BookDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'serviceId must be a UUID' })
  serviceId: string;

  @ApiProperty({ description: 'The slot’s start (ISO-8601), as the availability lists it' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO-8601 instant' })
  startsAt: string;

  @ApiPropertyOptional({ description: 'For the desk to greet; optional', maxLength: 80 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(80)
  name?: string | null;

  @ApiPropertyOptional({ description: 'WhatsApp or phone number for reminders (Indonesian, 0812… or +62…); optional' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string | null;
}

export class RescheduleDto {
  @ApiProperty({ description: 'The new slot’s start (ISO-8601)' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO-8601 instant' })
  startsAt: string;
}

export class CheckInDto {
  @ApiProperty({ example: 'BK-7Q4M', description: 'The booking’s short reference, as typed (case and the BK- prefix do not matter)' })
  @IsString()
  @MaxLength(20)
  reference: string;
}

export class BookingSettingsDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiProperty() @IsInt() slotMinutes: number;
  @ApiProperty() @IsInt() seatsPerSlot: number;
  @ApiProperty() @IsInt() walkInSharePercent: number;
  @ApiProperty() @IsInt() horizonDays: number;
  @ApiProperty() @IsInt() opensDaysBefore: number;
  @ApiProperty({ example: '00:00' }) @IsString() @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'opensAt must be a time HH:MM' }) opensAt: string;
  @ApiProperty() @IsInt() changeCutoffDays: number;
  @ApiProperty() @IsInt() graceMinutes: number;
  @ApiProperty() @IsInt() lateToleranceMinutes: number;
  @ApiPropertyOptional({ description: 'The office’s limit on active bookings per phone number and per client, per service and day' })
  @IsOptional()
  @IsInt()
  @Min(1)
  bookingsPerPerson?: number;
}
