import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PRIORITY_CATEGORIES, type PriorityCategory } from '@loket/domain';

export class IssueTicketDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'serviceId must be a UUID' })
  serviceId: string;

  @ApiPropertyOptional({ enum: PRIORITY_CATEGORIES, nullable: true, description: 'Priority service group; never needs proof' })
  @IsOptional()
  @IsIn(PRIORITY_CATEGORIES, { message: `priority must be one of ${PRIORITY_CATEGORIES.join(', ')}` })
  priority?: PriorityCategory | null;
}
