import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class CallBackDto {
  @ApiProperty({ format: 'uuid', description: 'A ticket marked no-show today' })
  @IsUUID('all', { message: 'ticketId must be a UUID' })
  ticketId: string;
}
