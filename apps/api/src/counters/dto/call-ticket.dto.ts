import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ReasonDto } from '../../tickets/dto/reason.dto.js';

export class CallTicketDto extends ReasonDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'ticketId must be a UUID' })
  ticketId: string;
}
