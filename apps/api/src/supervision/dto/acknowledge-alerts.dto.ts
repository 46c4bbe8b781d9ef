import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** Several alerts acknowledged at once, e.g. every alert of a busy morning the supervisor has looked at. */
export class AcknowledgeAlertsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 200 })
  @IsArray({ message: 'ids must be a list of alert ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one alert' })
  @ArrayMaxSize(200, { message: 'ids may name at most 200 alerts' })
  @IsUUID('all', { each: true, message: 'each of ids must be a UUID' })
  ids: string[];
}
