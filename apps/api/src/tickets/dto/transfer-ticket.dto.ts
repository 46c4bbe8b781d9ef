import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class TransferTicketDto {
  @ApiProperty({ format: 'uuid', description: 'The service whose queue the ticket joins' })
  @IsUUID('all', { message: 'serviceId must be a UUID' })
  serviceId: string;
}
