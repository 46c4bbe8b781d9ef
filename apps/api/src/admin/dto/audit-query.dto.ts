import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateBy } from 'class-validator';
import { EARLIEST_DAY, LATEST_DAY, withinDayRange } from '@loket/domain';

/**
 * An instant as the calendar day, optionally with a time and offset: ISO 8601's week dates
 * (2026-W48-1) and ordinal dates (2026-334) pass IsISO8601 but PostgreSQL reads them wrongly
 * or not at all (a 500). Its day lies within EARLIEST_DAY–LATEST_DAY.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function IsInstantInRange(): PropertyDecorator {
  return ValidateBy({
    name: 'isInstantInRange',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && INSTANT.test(value) && withinDayRange(value.slice(0, 10)),
      defaultMessage: (args) =>
        `${args?.property ?? 'the value'} must be a date-time such as 2026-11-30T08:00:00+07:00, between ${EARLIEST_DAY} and ${LATEST_DAY}`,
    },
  });
}

export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'officeId must be a UUID' })
  officeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who acted' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a UUID' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'service', description: 'An action (`service.created`) or its group (`service`, `ticket`, `counter`)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,40}(\.[a-z_]{1,40})?$/, { message: 'action must look like service.created or service' })
  action?: string;

  @ApiPropertyOptional({ description: 'From this instant (ISO 8601), inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  @IsInstantInRange()
  from?: string;

  @ApiPropertyOptional({ description: 'Up to this instant (ISO 8601), exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  @IsInstantInRange()
  to?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor is malformed' })
  cursor?: string;
}
