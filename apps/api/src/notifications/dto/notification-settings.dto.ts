import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DEFAULT_NOTIFICATION_SETTINGS, NEAR_AHEAD_MAX, NEAR_MINUTES_MAX } from '@loket/domain';

export class NotificationSettingsDto {
  @ApiProperty({ default: DEFAULT_NOTIFICATION_SETTINGS.nearAhead, description: '`ticket.near` when at most this many tickets are ahead' })
  @IsInt({ message: 'nearAhead must be a whole number of tickets' })
  @Min(0)
  @Max(NEAR_AHEAD_MAX)
  nearAhead: number;

  @ApiProperty({
    default: DEFAULT_NOTIFICATION_SETTINGS.nearMinutes,
    description: '… or when the forecast wait is under this many minutes (0: never by the forecast)',
  })
  @IsInt({ message: 'nearMinutes must be a whole number of minutes' })
  @Min(0)
  @Max(NEAR_MINUTES_MAX)
  nearMinutes: number;

  @ApiProperty({ default: DEFAULT_NOTIFICATION_SETTINGS.reminderHour, description: 'The office-local hour (0–23) of the day-before booking reminder' })
  @IsInt({ message: 'reminderHour must be a whole hour' })
  @Min(0)
  @Max(23)
  reminderHour: number;
}
